"""The wording of validation messages, as Python expressions for generated code.

Each message states the documented rule and what was found, e.g.
`must be 5 to 30 characters (got 4)`. Functions return source text because
the generated validator fills in the value at run time.
"""

from __future__ import annotations

from typing import Any

from generator.concepts import formats
from generator.spec.model import Constraints, EnumValue, Shape

UNKNOWN_FIELD = "unknown field: the document does not list it"

_TYPE_WORDS = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "array": "an array",
    "map": "an object",
    "object": "an object",
}


def expected_type(shape: Shape) -> str:
    kinds = shape.types if shape.kind == "union" else (shape.kind,)
    words = " or ".join(_TYPE_WORDS[k] for k in kinds)
    return f"{words} or null" if shape.nullable else words


def _range(low: int | None, high: int | None, unit: str) -> str:
    plural = f"{unit}s"
    if low is not None and high is not None:
        if low == high:
            return f"must be exactly {low} {unit if low == 1 else plural}"
        return f"must be {low} to {high} {plural}"
    if low is not None:
        return (
            "must not be empty"
            if low == 1 and unit == "character"
            else (f"must be at least {low} {unit if low == 1 else plural}")
        )
    return f"must be at most {high} {unit if high == 1 else plural}"


def length(c: Constraints, n: str) -> str:
    return f'f"{_range(c.minLength, c.maxLength, "character")} (got {{{n}}})"'


def count(c: Constraints, n: str) -> str:
    rule = _range(c.minItems, c.maxItems, "item").replace("must be", "must have")
    return f'f"{rule} (got {{{n}}})"'


def pattern(regex: str, v: str) -> str:
    return f'"must match the pattern " + {regex!r} + " (got " + repr({v}) + ")"'


def format_(name: str, v: str) -> str:
    return f'"must be {formats.get(name).message} (got " + repr({v}) + ")"'


def bound(word: str, value: float, v: str) -> str:
    phrase = {
        "minimum": "at least",
        "maximum": "at most",
        "exclusiveMinimum": "greater than",
        "exclusiveMaximum": "less than",
    }[word]
    shown = value if isinstance(value, int) or not value.is_integer() else int(value)
    return f'f"must be {phrase} {shown} (got {{{v}!r}})"'


def decimal_text(step: float) -> str:
    """A step as the decimal the spec wrote (0.01, not 0.01000000000000000020816...)."""
    return str(int(step)) if float(step).is_integer() else repr(float(step))


def multiple_of(step: float, v: str) -> str:
    return f'f"must be a multiple of {decimal_text(step)} (got {{{v}!r}})"'


def _choices(values: tuple[Any, ...]) -> str:
    return ", ".join(repr(v) for v in values)


def enum(values: tuple[EnumValue, ...], v: str) -> str:
    return enum_plain(tuple(e.value for e in values), v)


def enum_plain(values: tuple[Any, ...], v: str) -> str:
    text = f"must be one of {_choices(values)}"
    return f'{text!r} + " (got " + repr({v}) + ")"'


def const(value: Any, v: str) -> str:
    return f'{"must be " + repr(value)!r} + " (got " + repr({v}) + ")"'


def missing(name: str) -> str:
    return f"missing required field '{name}'"


def missing_when(name: str, condition: str) -> str:
    """`condition` in words, as conditions.describe gives it."""
    return f"missing required field '{name}' (required when {condition})"


def forbidden_when(name: str, condition: str) -> str:
    return f"'{name}' must be absent when {condition}"


def unique_by(key: str) -> str:
    return f"must be unique: an earlier item has the same '{key}'"


RESPONSE_ONLY = "only responses carry this field: the provider sets it, do not send it here"


def at_least_one(names: tuple[str, ...]) -> str:
    return "at least one of " + ", ".join(f"'{n}'" for n in names) + " is required"


def compare(left: str, op: str, right: str) -> str:
    words = {
        "<": "before",
        "<=": "the same as or before",
        ">": "after",
        ">=": "the same as or after",
        "==": "the same as",
    }[op]
    return f"'{left}' must be {words} '{right}'"


def quoted_names(names: tuple[str, ...]) -> str:
    return " or ".join(f"'{n}'" for n in names)


def exactly_one(names: tuple[str, ...]) -> str:
    return "exactly one of " + ", ".join(f"'{n}'" for n in names) + " is required"
