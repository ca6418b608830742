"""The reference's rows: one per parameter or body field, its type and documented rules
in words, so the docs state what the validators enforce.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, assert_never

from generator.concepts import formats
from generator.spec import conditions
from generator.spec.model import Constraints, Param, Rule, Shape, Spec


@dataclass(frozen=True)
class Row:
    """One parameter or body field: where it goes, its type and its documented rules."""

    name: str  # wire name (parameters) or JSON Pointer with `*` for any item (body fields)
    type: str
    required: bool
    rules: str  # "" when the document states none
    description: str
    location: str = "body"  # path | query | header | body
    python_name: str = ""  # the method's argument; "" for body fields and client params


def type_text(spec: Spec, shape: Shape, name: Callable[[str], str] = str) -> str:
    """A shape in words; `name` shows a named type (the README makes it a link)."""
    match shape.kind:
        case "ref":
            typedef = spec.type(shape.ref or "")
            members = typedef.one_of if typedef.is_union else (typedef.name,)
            text = " or ".join(name(member) for member in members)
        case "array" | "map":
            child = shape.items if shape.kind == "array" else shape.values
            assert child is not None
            text = f"{shape.kind} of {type_text(spec, child, name)}"
        case "union":
            text = " or ".join(shape.types)
        case "string" | "integer" | "number" | "boolean" | "any":
            text = shape.kind
        case _:
            assert_never(shape.kind)
    return f"{text} or null" if shape.nullable else text


def _range(low: float | None, high: float | None, unit: str) -> str:
    def units(n: float) -> str:
        return f"{n:g} {unit}" if n == 1 else f"{n:g} {unit}s"

    if low is not None and high is not None:
        return f"exactly {units(low)}" if low == high else f"{low:g} to {units(high)}"
    if low is not None:
        return f"at least {units(low)}"
    return f"at most {units(high)}" if high is not None else ""


def _number(value: float) -> str:
    return f"{value:g}"


def rules_text(c: Constraints) -> str:
    """The documented constraints of one value, in words."""
    parts = [
        _range(c.minLength, c.maxLength, "character"),
        _range(c.minItems, c.maxItems, "item"),
    ]
    bounds = (
        ("at least", c.minimum),
        ("at most", c.maximum),
        ("greater than", c.exclusiveMinimum),
        ("less than", c.exclusiveMaximum),
    )
    parts += [f"{word} {_number(value)}" for word, value in bounds if value is not None]
    if c.uniqueItems:
        parts.append("unique items")
    if c.uniqueBy:
        parts.append(f"no two items with the same {c.uniqueBy}")
    if c.format:
        parts.append(formats.get(c.format).reference_words)
    if c.pattern:
        parts.append(f"pattern {c.pattern}")
    if c.enum:
        listed = ", ".join(_shown(e.value) for e in c.enum)
        parts.append(f"{listed}, or a custom value" if c.extensible else "one of " + listed)
    if c.has_const:
        parts.append(f"always {_shown(c.const)}")
    return "; ".join(p for p in parts if p)


def _shown(value: Any) -> str:
    """A value in running text: bare when unambiguous, quoted when it has spaces or commas."""
    if isinstance(value, str):
        return json.dumps(value) if not value or re.search(r"[\s,;]", value) else value
    return json.dumps(value)


def with_item_rules(shape: Shape) -> str:
    """A value's own rules, plus those of each item of a primitive array or map."""
    own = rules_text(shape.constraints)
    child = shape.items or shape.values
    if child is None or child.kind == "ref":
        return own
    inner = rules_text(child.constraints)
    return "; ".join(p for p in (own, f"each: {inner}" if inner else "") if p)


class BodyWalker:
    """Flattens a body shape into rows, one per field, with JSON Pointers."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.rows: list[Row] = []
        self.rules: list[str] = []

    def walk(self, shape: Shape, pointer: str, seen: frozenset[str], variant: str = "") -> None:
        child = shape.items or shape.values
        if child is not None:
            self.walk(child, f"{pointer}/*", seen, variant)
        if shape.kind != "ref" or shape.ref in seen:
            return
        typedef = self.spec.type(shape.ref or "")
        seen = seen | {typedef.name}
        for member in typedef.one_of:
            label = f"({member}) "
            self.walk(Shape(kind="ref", ref=member), pointer, seen, label)
        for field in typedef.fields:
            here = f"{pointer}/{field.wire_name}"
            self.rows.append(
                Row(
                    name=here,
                    type=type_text(self.spec, field.shape),
                    required=field.required,
                    rules=with_item_rules(field.shape),
                    description=variant + field.shape.description,
                )
            )
            self.walk(field.shape, here, seen, variant)
        where = f"{pointer}: " if pointer else ""
        self.rules += [f"{where}{rule_words(rule)}" for rule in typedef.rules]


def rule_words(rule: Rule) -> str:
    if rule.message:
        return rule.message
    names = ", ".join(rule.fields)
    match rule.kind:
        case "at_least_one_of":
            return f"at least one of {names} is required"
        case "exactly_one_of":
            return f"exactly one of {names} is required"
        case "compare":
            return f"{rule.fields[0]} must be {rule.op} {rule.fields[1]}"
        case "require" | "forbid":
            verdict = "absent" if rule.kind == "forbid" else "required"
            return f"{names} {verdict} when {_when_words(rule)}"
        case _:
            assert_never(rule.kind)


def param_row(spec: Spec, param: Param) -> Row:
    description = param.shape.description
    if param.from_client:
        description = f"given once to the client as `{param.python_name}=`. {description}".strip()
    return Row(
        name=param.wire_name,
        type=type_text(spec, param.shape),
        required=param.required,
        rules=rules_text(param.shape.constraints),
        description=description,
        location=param.location,
        python_name="" if param.from_client else param.python_name,
    )


def _when_words(rule: Rule) -> str:
    """Every clause of the rule's `when`: "status is SHIPPED and trackingNumber is present"."""
    words = []
    for clause in conditions.clauses(rule):
        if clause.present:
            words.append(f"{clause.field} is present")
            continue
        values = " or ".join(_shown(v) for v in clause.values)
        absent = " or absent" if clause.or_absent else ""
        words.append(f"{clause.field} is {values}{absent}")
    return " and ".join(words)
