"""The state one build shares across its parts, and the three ways to report.

Every part of the build (operations, auth, webhooks, checks) reads the raw
document and reports through this one object, so that problems keep their
kind: hard (no usable model), dangling (a name its section does not
declare) or soft (the model is still usable).
"""

from __future__ import annotations

from typing import Any

from generator.spec.build_types import TypeCollector
from generator.spec.diagnostic_codes import Code
from generator.spec.diagnostics import Diagnostic
from generator.spec.loader import LoadedSpec


class BuildContext:
    """The raw document, the types collected so far and the problems found."""

    def __init__(self, loaded: LoadedSpec, spec_path: str) -> None:
        self.raw: dict[str, Any] = loaded.data
        self.source = loaded.source
        self.spec_path = spec_path
        self.types = TypeCollector(loaded.source)
        self.errata_ids = {e["id"] for e in self.raw.get("errata", [])}
        self.soft: list[Diagnostic] = []
        self.dangling: list[tuple[str, Diagnostic]] = []  # (section, problem): see Built

    def error(self, pointer: str, message: str, code: Code, *, key: bool = False) -> None:
        """A problem that leaves no usable model."""
        self.types.error(pointer, message, code, key=key)

    def dangle(self, section: str, pointer: str, message: str, code: Code) -> None:
        """A name that the top-level `section` does not declare."""
        self.dangling.append((section, self.source.diagnostic(pointer, message, code)))

    def soft_error(self, pointer: str, message: str, code: Code) -> None:
        """A problem that still lets the model be built (and its examples checked)."""
        self.soft.append(self.source.diagnostic(pointer, message, code))
