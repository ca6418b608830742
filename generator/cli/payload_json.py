"""Read a payload file as JSON as it travels, for `shipspec validate`.

Python's json module accepts more than JSON: NaN, Infinity and -Infinity,
numbers that overflow a double (1e400 becomes inf), and it keeps the last of
duplicate keys. None of these survive a trip to another parser unchanged, so
each is a problem, reported with its JSON Pointer. What Python cannot read
at all (integers beyond its 4300-digit conversion limit, nesting deeper than
its recursion limit) is a problem line too, never a traceback.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from generator.spec.pointer import escape as _escape

_INT_DIGITS_LIMIT = 4300  # sys.get_int_max_str_digits() default; a safe cap even if raised


@dataclass(frozen=True)
class PayloadProblem:
    pointer: str
    message: str


@dataclass(frozen=True)
class _NotJson:
    """Stands for a token that parses in Python but is not a JSON value."""

    message: str


class _Object(dict[str, Any]):
    """A JSON object remembering the keys it was given more than once."""

    duplicates: tuple[str, ...] = ()


def _constant(token: str) -> _NotJson:
    return _NotJson(f"{token} is not a JSON number (JSON has no NaN or Infinity)")


def _integer(token: str) -> int | _NotJson:
    digits = len(token.lstrip("-"))
    if digits > _INT_DIGITS_LIMIT:
        return _NotJson(
            f"integer of {digits} digits is too large to judge (at most {_INT_DIGITS_LIMIT} digits)"
        )
    return int(token)


def _number(token: str) -> float | _NotJson:
    value = float(token)
    if math.isinf(value):
        return _NotJson(f"number {token[:40]} is out of range (beyond a 64-bit float)")
    return value


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    result = _Object(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        duplicates: list[str] = []
        for key, _ in pairs:
            if key in seen and key not in duplicates:
                duplicates.append(key)
            seen.add(key)
        result.duplicates = tuple(duplicates)
    return result


def _problems(value: Any) -> Iterator[PayloadProblem]:
    """Walk the parsed value (iteratively: it may be nested ~1000 deep)."""
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        pointer, item = stack.pop()
        if isinstance(item, _NotJson):
            yield PayloadProblem(pointer, item.message)
        elif isinstance(item, dict):
            for key in getattr(item, "duplicates", ()):
                yield PayloadProblem(
                    f"{pointer}/{_escape(key)}",
                    "duplicate key: parsers disagree on which value wins",
                )
            stack.extend((f"{pointer}/{_escape(k)}", v) for k, v in reversed(item.items()))
        elif isinstance(item, list):
            stack.extend((f"{pointer}/{i}", v) for i, v in reversed(list(enumerate(item))))


def parse_payload(text: str) -> tuple[Any, list[PayloadProblem]]:
    """The value and no problems, or None and every reason it is not portable JSON."""
    try:
        value = json.loads(
            text,
            parse_constant=_constant,
            parse_int=_integer,
            parse_float=_number,
            object_pairs_hook=_object,
        )
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        return None, [PayloadProblem("", f"not valid JSON: {exc.msg} at {where}")]
    except RecursionError:
        return None, [PayloadProblem("", "nested too deeply to judge (over ~1000 levels)")]
    except ValueError as exc:  # a conversion limit the hooks did not foresee
        return None, [PayloadProblem("", f"not judged: {exc}")]
    try:
        problems = list(_problems(value))
        return (None, problems) if problems else (value, [])  # objects: dict subclasses
    except RecursionError:
        return None, [PayloadProblem("", "nested too deeply to judge (over ~1000 levels)")]
