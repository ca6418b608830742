"""An operation's record in _operations.py: what differs from OperationInfo's defaults.

The defaults are written here once. _operations.py.jinja declares
OperationInfo's fields with them (`RECORD_DEFAULTS`), and `record_lines`
leaves a field out of a record when its value is the default, so the
template decides nothing and the two cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from generator.emit import naming
from generator.emit.black_layout import black_items, py_items
from generator.emit.codewriter import black_quotes
from generator.spec.model import Param

if TYPE_CHECKING:
    from generator.emit.operation_view import OperationView


def _text(value: Any) -> str:
    return naming.py_string(value)


def _repr(value: Any) -> str:
    return black_quotes(repr(value))


# OperationInfo's scalar fields after the five every record spells: name -> (its
# default, how a value is written). The tables (params, errors, warnings) default to
# empty, errors to the table most operations share (_ERRORS).
RECORD_DEFAULTS: dict[str, tuple[Any, Callable[[Any], str]]] = {
    "body_encoding": ("none", _text),
    "auth": (True, _repr),
    "success": ((200,), _repr),
    "response_encoding": ("json", _text),
    "deprecated": (None, _repr),
    "enveloped": (False, _repr),
    "cache_ttl": (None, _repr),
    "accept": ("application/json", _text),
    "headers": ({}, _repr),
    "idempotent_with": (None, _text),
    "idempotency_key": (None, _text),
    "batch": (None, _repr),
}
_TABLES = ("params", "errors", "warnings")
_ORDER = (  # the record's order, as OperationInfo declares its fields
    "params",
    "body_encoding",
    "auth",
    "success",
    "response_encoding",
    "errors",
    "warnings",
    "deprecated",
    "enveloped",
    "cache_ttl",
    "accept",
    "headers",
    "idempotent_with",
    "idempotency_key",
    "batch",
)


def default_source(name: str) -> str:
    """A scalar field's default as OperationInfo's declaration writes it."""
    return _repr(RECORD_DEFAULTS[name][0])


def _param_info(param: Param) -> str:
    args = [_text(param.python_name), _text(param.wire_name), _text(param.location)]
    if param.list_style:
        args.append(f"list_style={_repr(param.list_style)}")
    if param.array_style:
        args.append(f"array={_text(param.array_style)}")
    return f"ParamInfo({', '.join(args)})"


def _value(op: OperationView, name: str) -> Any:
    return op.success_statuses if name == "success" else getattr(op, name)


def record_lines(op: OperationView, common_errors: dict[int, tuple[str, ...]]) -> list[str]:
    """`name=value,` for each field of `op` that differs from its default (black's layout at
    an indent of 4; a table may take several lines)."""
    lines = []
    for name in _ORDER:
        value = _value(op, name)
        if name == "params" and value:
            items = [_param_info(p) for p in value]
            lines.append(black_items(items, "params=", 4, suffix=",", magic=True))
        elif name in ("errors", "warnings"):
            if value != (common_errors if name == "errors" else {}):
                lines.append(black_items(py_items(value), f"{name}=", 4, "{}", ","))
        elif name not in _TABLES and value != RECORD_DEFAULTS[name][0]:
            lines.append(f"{name}={RECORD_DEFAULTS[name][1](value)},")
    return lines
