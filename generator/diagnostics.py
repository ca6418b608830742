"""Problems found in a spec, each with the place it was found.

Errors are values: the loader and the checks collect every problem and
report them together, so a user fixes a spec in one pass instead of one
traceback at a time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem, located by file, line and column (1-based)."""

    file: str
    line: int
    col: int
    message: str
    pointer: str = ""
    level: str = "error"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.message}"


MAX_REPORTED = 1000  # problems reported at once; a hostile spec may have millions


def capped(problems: list[Diagnostic], file: str) -> list[Diagnostic]:
    """At most MAX_REPORTED problems (the first by place), with a note when there were more.

    Checks stop counting soon after the limit too, so the note gives no total.
    """
    unique = sorted(set(problems))
    if len(unique) <= MAX_REPORTED:
        return unique
    note = f"more than {MAX_REPORTED} problems: the first {MAX_REPORTED} are shown, fix them first"
    return [*unique[:MAX_REPORTED], Diagnostic(file, 1, 1, note)]


class SpecError(Exception):
    """A spec could not be turned into a model; carries every diagnostic."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = tuple(sorted(set(diagnostics)))
        super().__init__(f"{len(self.diagnostics)} problem(s) in spec")
