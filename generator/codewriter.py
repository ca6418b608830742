"""A tiny indentation-aware line buffer for emitting Python source."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


class CodeWriter:
    def __init__(self) -> None:
        self._lines: list[str] = []
        self._depth = 0
        self._counter = 0

    def __call__(self, line: str = "") -> None:
        self._lines.append(("    " * self._depth + line) if line else "")

    @contextmanager
    def block(self, header: str) -> Iterator[None]:
        self(header)
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1

    def fresh(self, stem: str) -> str:
        """A variable name not used before in this writer."""
        self._counter += 1
        return f"{stem}{self._counter}"

    def text(self) -> str:
        return "\n".join(self._lines) + "\n"
