"""A parameter required only when another parameter has one of some values.

    params:
      type: {in: query, type: string, enum: [parcel, letter]}
      weight: {in: query, type: integer, required_when: {param: type, in: [parcel]}}

The parameter stays optional in the method's signature (it is not always
needed); pre-send validation, and so the mock, refuse a call that gives
`type=parcel` without `weight` (rule `conditional`, at `/weight`). OpenAPI
cannot say it, so the export states it in the parameter's description and
under `x-shipspec-required-when`. Everything about it lives here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator.spec import diagnostic_codes as codes
from generator.spec.diagnostic_codes import Code
from generator.spec.loader import child_pointer
from generator.spec.model import Operation, Param

WORD = "required_when"


def check(
    raw_params: dict[str, Any], pointer: str, error: Callable[[str, str, Code], None]
) -> None:
    """`required_when` names another declared parameter, on a parameter not always required."""
    for key, raw in raw_params.items():
        when = raw.get(WORD) if isinstance(raw, dict) else None
        if when is None:
            continue
        here = child_pointer(child_pointer(pointer, key), WORD)
        if when["param"] == key or when["param"] not in raw_params:
            error(here, f"no other parameter named '{when['param']}'", codes.UNKNOWN_PARAMETER)
        elif raw.get("required") or raw.get("in") == "path":
            error(
                here,
                f"'{key}' is always required: `required_when` would never add anything",
                codes.BAD_CONDITION,
            )


def condition(op: Operation, param: Param) -> tuple[Param, tuple[Any, ...]] | None:
    """The parameter whose value makes `param` required, and those values."""
    if param.required_when is None:
        return None
    other_key, values = param.required_when
    other = next((p for p in op.params if p.key == other_key), None)
    return (other, values) if other is not None else None


def describe(op: Operation, param: Param) -> str:
    """The condition in words, e.g. "required when 'type' is 'parcel'"."""
    found = condition(op, param)
    if found is None:
        return ""
    other, values = found
    shown = " or ".join(repr(v) for v in values)
    return f"required when '{other.wire_name}' is {shown}"


def check_code(op: Operation, param: Param) -> tuple[str, str] | None:
    """(Python test over `params` that fails the condition, the problem message)."""
    found = condition(op, param)
    if found is None:
        return None
    other, values = found
    test = (
        f"params.get({param.python_name!r}) is None"
        f" and params.get({other.python_name!r}) is not None"
        f" and _in_enum(params[{other.python_name!r}], {values!r})"
    )
    return test, f"missing required parameter '{param.wire_name}' ({describe(op, param)})"


def openapi(op: Operation, param: Param, parameter: dict[str, Any]) -> None:
    """Say the condition in the exported parameter (OpenAPI has no word for it)."""
    found = condition(op, param)
    if found is None:
        return
    other, values = found
    words = describe(op, param).capitalize() + "."
    text = parameter.get("description")
    parameter["description"] = f"{text} {words}" if text else words
    parameter["x-shipspec-required-when"] = {"param": other.wire_name, "in": list(values)}
