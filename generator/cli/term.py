"""Terminal niceties for the CLI: colour and a progress line, only for a person.

Both are decided per stream at the moment of writing: piped output, CI logs
and files get plain, stable text (what tests and scripts compare), and
NO_COLOR (https://no-color.org) turns colour off everywhere.
"""

from __future__ import annotations

import os
from typing import TextIO

from generator.spec.diagnostics import Diagnostic

_RESET = "\x1b[0m"
_STYLES = {"bold": "\x1b[1m", "red": "\x1b[31m", "yellow": "\x1b[33m", "green": "\x1b[32m"}
_CLEAR_LINE = "\r\x1b[K"


def is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def colour_enabled(stream: TextIO) -> bool:
    return is_terminal(stream) and not os.environ.get("NO_COLOR")


def paint(text: str, style: str, stream: TextIO) -> str:
    """`text` in `style` when `stream` is a colour terminal, else unchanged."""
    return f"{_STYLES[style]}{text}{_RESET}" if colour_enabled(stream) else text


def diagnostic_line(diagnostic: Diagnostic, stream: TextIO) -> str:
    """`file:line:col: error SS030 unknown-type: message`, the place bold, the kind coloured.

    The plain text is `str(diagnostic)`; colour only wraps its parts.
    """
    place = paint(f"{diagnostic.file}:{diagnostic.line}:{diagnostic.col}:", "bold", stream)
    style = "red" if diagnostic.is_error else "yellow"
    return f"{place} {paint(diagnostic.label + ':', style, stream)} {diagnostic.message}"


class Progress:
    """`[2/5] novatech` on one self-erasing line, shown on a terminal only."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = total
        self.stream = stream
        self.enabled = total > 1 and is_terminal(stream)
        self.done = 0

    def step(self, label: str) -> None:
        """Count one more item and show it."""
        self.done += 1
        self.note(label)

    def note(self, label: str) -> None:
        """Show `label` without counting (work started, not yet finished)."""
        if self.enabled:
            self.stream.write(f"{_CLEAR_LINE}[{self.done}/{self.total}] {label}")
            self.stream.flush()

    def clear(self) -> None:
        """Erase the line before anything else is written to the stream."""
        if self.enabled:
            self.stream.write(_CLEAR_LINE)
            self.stream.flush()
