"""Problems found in a spec, each with the place it was found.

Errors are values: the loader and the checks collect every problem and
report them together, so a user fixes a spec in one pass instead of one
traceback at a time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.spec import diagnostic_codes as codes
from generator.spec.diagnostic_codes import Code


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem, located by file, line and column (1-based), of a kind (`code`).

    Printed as `FILE:LINE:COL: SEVERITY ID NAME: message`: the place first, so
    editors jump to it; the id for scripts and tests to match; the message to read.
    """

    file: str
    line: int
    col: int
    message: str
    pointer: str = ""
    code: Code = field(kw_only=True)

    @property
    def is_error(self) -> bool:
        """An error stops generation; a warning does not (see diagnostic_codes)."""
        return self.code.severity == "error"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.label}: {self.message}"

    @property
    def label(self) -> str:
        """`error SS030 unknown-type`."""
        return f"{self.code.severity} {self.code.id} {self.code.name}"


MAX_REPORTED = 1000  # problems reported at once; a hostile spec may have millions


def capped(problems: list[Diagnostic], file: str) -> list[Diagnostic]:
    """At most MAX_REPORTED problems (the first by place), with a note when there were more.

    Checks stop counting soon after the limit too, so the note gives no total.
    """
    unique = sorted(set(problems))
    if len(unique) <= MAX_REPORTED:
        return unique
    note = f"more than {MAX_REPORTED} problems: the first {MAX_REPORTED} are shown, fix them first"
    return [*unique[:MAX_REPORTED], Diagnostic(file, 1, 1, note, code=codes.TOO_MANY_PROBLEMS)]


class SpecError(Exception):
    """A spec could not be turned into a model; carries every diagnostic."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = tuple(sorted(set(diagnostics)))
        super().__init__(f"{len(self.diagnostics)} problem(s) in spec")
