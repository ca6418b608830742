"""Small valid values for shapes and operations, where the document gives no example:
the base every invalid case and mock answer starts from.
"""

from __future__ import annotations

import re
from decimal import ROUND_CEILING, Decimal
from typing import Any, assert_never

from generator.concepts import formats
from generator.spec.model import Constraints, Operation, Shape, Spec, TypeDef


def sample(spec: Spec, shape: Shape) -> Any:
    """A small value that satisfies `shape` (used where the example has none)."""
    c = shape.constraints
    if c.has_const:
        return c.const
    if c.enum:
        return c.enum[0].value
    match shape.kind:
        case "ref":
            return _sample_object(spec, spec.type(shape.ref or ""))
        case "array":
            assert shape.items is not None
            return [sample(spec, shape.items) for _ in range(c.minItems or 1)]
        case "map":
            return {}
        case "union":
            return _sample_scalar(shape.types[0], c)
        case "string" | "integer" | "number" | "boolean" | "any":
            return _sample_scalar(shape.kind, c)
        case _:
            assert_never(shape.kind)


def _sample_object(spec: Spec, typedef: TypeDef) -> Any:
    """The required fields, and those the type's rules ask for."""
    if typedef.is_union:
        return sample(spec, Shape(kind="ref", ref=typedef.one_of[0]))
    wanted = {f.wire_name for f in typedef.fields if f.required}
    for rule in typedef.rules:
        if rule.kind in ("at_least_one_of", "exactly_one_of"):
            wanted.add(rule.fields[0])
        elif rule.kind == "require" and rule.when is not None and rule.when.or_absent:
            wanted.update(rule.fields)
    return {f.wire_name: sample(spec, f.shape) for f in typedef.fields if f.wire_name in wanted}


def _sample_scalar(kind: str, c: Constraints) -> Any:
    if kind == "string":
        if c.format is not None:
            return formats.get(c.format).good
        if c.pattern is not None:
            return _matching_text(c)
        return "x" * max(c.minLength or 1, 1)
    if kind in ("integer", "number"):
        low = (
            c.minimum
            if c.minimum is not None
            else (c.exclusiveMinimum + 1 if c.exclusiveMinimum is not None else 1)
        )
        if c.multipleOf is not None:
            return _multiple_at_least(low, c.multipleOf, integer=kind == "integer")
        return int(low)
    if kind == "boolean":
        return True
    return "x"


# Characters tried, in order, for a made-up text that must match a pattern.
_PATTERN_TRIES = "xXA1a0 -"


def _matching_text(c: Constraints) -> str:
    """The first short run of one character that the pattern accepts (searched the
    way the validator searches), within the length bounds.

    Samples stand in where the document has no example; one that broke its own
    pattern would make the mock answer with what the client refuses. A pattern
    that no such run satisfies keeps the plain sample.
    """
    regex = re.compile(c.pattern or "")
    low = max(c.minLength or 1, 1)
    high = max(low, c.maxLength if c.maxLength is not None else low + 16)
    for length in range(low, high + 1):
        for char in _PATTERN_TRIES:
            if regex.search(char * length):
                return char * length
    return "x" * low


def base_payload(spec: Spec, op: Operation) -> Any:
    base = next((e.request.value for e in op.examples if e.request is not None), None)
    return base if base is not None else (sample(spec, op.body) if op.body else None)


def _multiple_at_least(low: float, step: float, *, integer: bool) -> int | float:
    """The smallest whole multiple of `step` not below `low`, computed in decimal."""
    d_step, d_low = Decimal(repr(float(step))), Decimal(repr(float(low)))
    value = (d_low / d_step).to_integral_value(rounding=ROUND_CEILING) * d_step
    return int(value) if integer or value == value.to_integral_value() else float(value)
