"""The runtime of the compiled checks: JSON's types, numbers, formats, and the common fields.

_validation.py and _response_checks.py hold only what the spec compiles to;
everything they share lives here once. A plain field (a string, integer,
number or boolean with no rule beyond its type) is one call, `_string(value,
"email", ptr, out)`, so a type of many such fields reads like its spec.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from ._pointer import escape as _escape
from ._problem import Problem

_JSON_KINDS = {
    bool: "boolean",
    int: "integer",
    float: "number",
    str: "string",
    list: "array",
    dict: "object",
    type(None): "null",
}


def _kind(value: Any) -> str:
    return _JSON_KINDS.get(type(value), type(value).__name__)


def _not_finite(value: float) -> str:
    """NaN or an infinity where JSON wants a value (a compiled check, json_problems)."""
    return f"not a number ({value}): JSON cannot carry NaN or Infinity"


def _wrong_type(expected: str, value: Any) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return _not_finite(value)
    return f"must be {expected} (got {_kind(value)})"


def _is_int(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def _multiple_of(value: float, step: str) -> bool:
    """Whether a JSON number is a whole multiple of `step`, judged in decimal.

    Binary floats cannot say 0.01: 19.99 % 0.01 is not 0, so the value is
    read back as the decimal text it was written as.
    """
    try:
        return Decimal(repr(value)) % Decimal(step) == 0
    except InvalidOperation:
        return False


def _is_number(value: Any) -> bool:
    """A JSON number: NaN and Infinity are not (no JSON text can carry them)."""
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, int) and not isinstance(value, bool)


def _same_json(a: Any, b: Any) -> bool:
    """JSON equality: True is not 1, 1 is 1.0."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    return bool(a == b) and (_is_number(a) == _is_number(b))


def _in_enum(value: Any, allowed: tuple[Any, ...]) -> bool:
    return any(_same_json(value, choice) for choice in allowed)


def _unique(items: list[Any]) -> bool:
    return all(not _same_json(a, b) for i, a in enumerate(items) for b in items[i + 1 :])


def _repeats(items: list[Any], key: str) -> list[int]:
    """Indexes of the items whose `key` equals an earlier item's."""
    seen: list[Any] = []
    found = []
    for index, item in enumerate(items):
        if isinstance(item, dict) and key in item:
            if any(_same_json(item[key], earlier) for earlier in seen):
                found.append(index)
            else:
                seen.append(item[key])
    return found


def _holds(value: Mapping[str, Any], field: str, values: tuple[Any, ...], or_absent: bool) -> bool:
    if field not in value:
        return or_absent
    return _in_enum(value[field], values)


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LOCAL_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")
_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+")


def _parse_date(text: str) -> _dt.date | None:
    if not _DATE.fullmatch(text):
        return None
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        return None


def _parse_local_date_time(text: str) -> _dt.datetime | None:
    if not _LOCAL_DATE_TIME.fullmatch(text):
        return None
    try:
        return _dt.datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None


def _parse_date_time(text: str) -> _dt.datetime | None:
    if not _DATE_TIME.fullmatch(text):
        return None
    try:
        return _dt.datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        return None


_ISO_DATE_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?"
)


def _parse_iso_date_time(text: str) -> _dt.date | None:
    """An ISO-8601 date with optional time of day and offset, on a real calendar day."""
    if not _ISO_DATE_TIME.fullmatch(text):
        return None
    try:
        if "T" not in text:
            return _dt.date.fromisoformat(text)
        return _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def _is_iso_date_time(text: str) -> bool:
    return _parse_iso_date_time(text) is not None


def _is_date(text: str) -> bool:
    return _parse_date(text) is not None


def _is_local_date_time(text: str) -> bool:
    return _parse_local_date_time(text) is not None


def _is_date_time(text: str) -> bool:
    return _parse_date_time(text) is not None


def _is_email(text: str) -> bool:
    return _EMAIL.fullmatch(text) is not None


def _is_uuid(text: str) -> bool:
    return _UUID.fullmatch(text) is not None


def _is_uri(text: str) -> bool:
    return _URI.fullmatch(text) is not None


_PARSERS: dict[str, Callable[[str], Any]] = {
    "date": _parse_date,
    "local-date-time": _parse_local_date_time,
    "iso-date-time": _parse_iso_date_time,
    "date-time": _parse_date_time,
}


def _comparable(value: Any, fmt: str | None) -> Any:
    """A value ready for a cross-field comparison, or None to skip the rule."""
    if fmt in _PARSERS:
        return _PARSERS[fmt](value) if isinstance(value, str) else None
    return value if _is_number(value) else None


def _compare(a: Any, op: str, b: Any) -> bool:
    if isinstance(a, _dt.datetime) != isinstance(b, _dt.datetime):
        # a date against a date-time: the documents compare calendar days
        a = a.date() if isinstance(a, _dt.datetime) else a
        b = b.date() if isinstance(b, _dt.datetime) else b
    if op == "<":
        return bool(a < b)
    if op == "<=":
        return bool(a <= b)
    if op == ">":
        return bool(a > b)
    if op == ">=":
        return bool(a >= b)
    return bool(a == b)


def _missing(name: str, ptr: str, out: list[Problem]) -> None:
    """A required field the object lacks, reported at the object."""
    out.append(Problem(ptr, f"missing required field '{name}'", "required", name))


def _wrong(expected: str, found: Any, ptr: str, out: list[Problem]) -> None:
    """A value of the wrong JSON type, reported at the value."""
    out.append(Problem(ptr, _wrong_type(expected, found), "type"))


def _no_body(value: Any, ptr: str, out: list[Problem]) -> None:
    """The body check of an operation that takes none."""
    if value is not None:
        out.append(Problem(ptr, "this operation takes no body", "no_body"))


def _no_params(params: Mapping[str, Any], ptr: str, out: list[Problem]) -> None:
    """The parameter check of an operation that takes none: nothing to judge."""


def _response_only(value: Any, names: tuple[str, ...], ptr: str, out: list[Problem]) -> None:
    """Fields the provider sets, refused in a request body, each at its own pointer."""
    if isinstance(value, dict):
        for name in names:
            if name in value:
                out.append(
                    Problem(
                        ptr + "/" + _escape(name),
                        "only responses carry this field: the provider sets it, do not send it here",
                        "response_only",
                    )
                )


def _each(
    check: Callable[[Any, str, list[Problem]], None], items: list[Any], ptr: str, out: list[Problem]
) -> None:
    """Every item of an array by its type's check, at its index."""
    for index, item in enumerate(items):
        check(item, ptr + "/" + str(index), out)


def _broken(rule: str, words: str, found: Any, ptr: str, out: list[Problem]) -> None:
    """A value breaking `rule`: the rule in `words`, then what was found."""
    out.append(Problem(ptr, f"{words} (got {found!r})", rule))


def _string(value: Any, name: str, ptr: str, out: list[Problem], required: bool = False) -> None:
    """A field that must be a string when present (and be present when `required`)."""
    if name in value:
        if not isinstance(value[name], str):
            _wrong("a string", value[name], ptr + "/" + _escape(name), out)
    elif required:
        _missing(name, ptr, out)


def _integer(value: Any, name: str, ptr: str, out: list[Problem], required: bool = False) -> None:
    """A field that must be an integer when present (and be present when `required`)."""
    if name in value:
        if not _is_int(value[name]):
            _wrong("an integer", value[name], ptr + "/" + _escape(name), out)
    elif required:
        _missing(name, ptr, out)


def _number(value: Any, name: str, ptr: str, out: list[Problem], required: bool = False) -> None:
    """A field that must be a number when present (and be present when `required`)."""
    if name in value:
        if not _is_number(value[name]):
            _wrong("a number", value[name], ptr + "/" + _escape(name), out)
    elif required:
        _missing(name, ptr, out)


def _boolean(value: Any, name: str, ptr: str, out: list[Problem], required: bool = False) -> None:
    """A field that must be a boolean when present (and be present when `required`)."""
    if name in value:
        if not isinstance(value[name], bool):
            _wrong("a boolean", value[name], ptr + "/" + _escape(name), out)
    elif required:
        _missing(name, ptr, out)


def _unknown_fields(
    value: Mapping[str, Any], known: frozenset[str], ptr: str, out: list[Problem]
) -> None:
    """Every key a closed type does not declare, each at its own pointer."""
    for key in value:
        if key not in known:
            out.append(
                Problem(
                    ptr + "/" + _escape(key),
                    "unknown field: the document does not list it",
                    "unknown_field",
                )
            )
