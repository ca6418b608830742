"""One invalid payload and the problem the validator must report for it; shared by the
field, union and cross-field case builders.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Case:
    operation: str
    rule: str
    pointer: str
    payload: Any

    @property
    def id(self) -> str:
        return f"{self.operation}:{self.pointer or '(root)'}:{self.rule}"

    @property
    def problem_rule(self) -> str:
        """The `rule` id the validator must report for this case (see Problem)."""
        kind = self.rule.split(":", 1)[0].removeprefix("items.")
        return _PROBLEM_RULES.get(kind, kind)

    @property
    def missing_field(self) -> str | None:
        """The field a `required`/`conditional` problem must name, else None."""
        kind, _, name = self.rule.partition(":")
        return name if kind in ("required", "require") else None


_PROBLEM_RULES = {
    "null": "type",
    "require": "conditional",
    "compare": "cross_field",
    "unknown-field": "unknown_field",
}


def value_at(root: Any, tokens: list[str]) -> Any:
    value = root
    for token in tokens:
        value = value[int(token)] if isinstance(value, list) else value.get(token)
    return value
