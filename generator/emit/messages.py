"""The wording of validation messages, as generated code writes them.

Each message states the documented rule and what was found, e.g.
`must be 5 to 30 characters (got 4)`. A function here returns the rule's
words (`must be 5 to 30 characters`); the generated check passes them with
the value to the runtime's `_broken` (templates/_checks.py.jinja), which
adds ` (got <repr of the value>)` at run time.
"""

from __future__ import annotations

from typing import Any

from generator.concepts import formats
from generator.spec.model import Constraints, EnumValue, Shape

# Words the runtime writes itself: templates/_checks.py.jinja renders them from here
# (`words`, see render.environment) into _unknown_fields, _missing and _response_only.
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


def length(c: Constraints) -> str:
    return _range(c.minLength, c.maxLength, "character")


def count(c: Constraints) -> str:
    return _range(c.minItems, c.maxItems, "item").replace("must be", "must have")


def pattern(regex: str) -> str:
    return "must match the pattern " + regex


def format_(name: str) -> str:
    return f"must be {formats.get(name).message}"


def bound(word: str, value: float) -> str:
    phrase = {
        "minimum": "at least",
        "maximum": "at most",
        "exclusiveMinimum": "greater than",
        "exclusiveMaximum": "less than",
    }[word]
    shown = value if isinstance(value, int) or not value.is_integer() else int(value)
    return f"must be {phrase} {shown}"


def decimal_text(step: float) -> str:
    """A step as the decimal the spec wrote (0.01, not 0.01000000000000000020816...)."""
    return str(int(step)) if float(step).is_integer() else repr(float(step))


def multiple_of(step: float) -> str:
    return f"must be a multiple of {decimal_text(step)}"


def _choices(values: tuple[Any, ...]) -> str:
    return ", ".join(repr(v) for v in values)


def enum(values: tuple[EnumValue, ...]) -> str:
    return enum_plain(tuple(e.value for e in values))


def enum_plain(values: tuple[Any, ...]) -> str:
    return f"must be one of {_choices(values)}"


def const(value: Any) -> str:
    return "must be " + repr(value)


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
