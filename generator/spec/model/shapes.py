"""Values and named types: what a field, a parameter or a body may hold.

Shared by every other part of the model, so it depends on none of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from generator.spec.model.literals import CompareOp, RuleKind, ShapeKind


@dataclass(frozen=True)
class EnumValue:
    value: Any
    meaning: str = ""


@dataclass(frozen=True)
class Constraints:
    """JSON Schema's constraint words, by their JSON Schema names."""

    minLength: int | None = None
    maxLength: int | None = None
    pattern: str | None = None
    format: str | None = None
    enum: tuple[EnumValue, ...] = ()
    const: Any = None
    has_const: bool = False
    minimum: float | None = None
    maximum: float | None = None
    exclusiveMinimum: float | None = None
    exclusiveMaximum: float | None = None
    minItems: int | None = None
    maxItems: int | None = None
    uniqueItems: bool = False
    uniqueBy: str | None = None  # arrays of objects: the field no two items may share
    extensible: bool = False  # enum: documented values, but any value of the type is accepted
    multipleOf: float | None = None  # numbers: a whole multiple of this (judged in decimal)


@dataclass(frozen=True)
class Shape:
    """The shape of one value: a primitive, an array, a map or a named type."""

    kind: ShapeKind
    types: tuple[str, ...] = ()  # for primitive unions, e.g. ("string", "integer")
    ref: str | None = None  # named type, when kind == "ref"
    items: Shape | None = None
    values: Shape | None = None
    nullable: bool = False
    constraints: Constraints = field(default_factory=Constraints)
    description: str = ""
    messages: tuple[tuple[str, str], ...] = ()

    def message(self, rule: str) -> str | None:
        return dict(self.messages).get(rule)


@dataclass(frozen=True)
class Field:
    wire_name: str
    python_name: str
    shape: Shape
    required: bool
    pointer: str  # where the field is declared in the spec


@dataclass(frozen=True)
class Condition:
    field: str
    values: tuple[Any, ...]
    or_absent: bool
    present: bool = False  # holds when the field is present and not null (see conditions.py)


@dataclass(frozen=True)
class Rule:
    kind: RuleKind
    fields: tuple[str, ...] = ()  # compare: (left, right)
    when: Condition | None = None
    also: tuple[Condition, ...] = ()  # further clauses of `when`, all of which must hold
    op: CompareOp | Literal[""] = ""  # compare rules only
    message: str = ""
    messages: tuple[tuple[str, str], ...] = ()
    source: str = ""


@dataclass(frozen=True)
class TypeDef:
    name: str
    source: str
    description: str = ""
    fields: tuple[Field, ...] = ()
    additional: bool = False  # may fields beyond the listed ones appear? (decided in build)
    one_of: tuple[str, ...] = ()
    discriminator: str | None = None
    rules: tuple[Rule, ...] = ()

    @property
    def is_union(self) -> bool:
        return bool(self.one_of)
