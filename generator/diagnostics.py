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


class SpecError(Exception):
    """A spec could not be turned into a model; carries every diagnostic."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = tuple(sorted(set(diagnostics)))
        super().__init__(f"{len(self.diagnostics)} problem(s) in spec")
