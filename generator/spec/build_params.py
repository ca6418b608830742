"""Declared parameters -> Params: scalars, path lists and query arrays.

Kept apart from operations because client-level parameters (sent on every
call) are built the same way before any operation is.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from generator.concepts import array_params, path_lists
from generator.emit import naming
from generator.spec import diagnostic_codes as codes
from generator.spec.build_context import BuildContext
from generator.spec.build_types import _constraints, build_shape
from generator.spec.kinds import narrow
from generator.spec.loader import child_pointer
from generator.spec.model import Constraints, Param, ParamLocation, Shape


def _scalar_shape(raw: dict[str, Any]) -> Shape:
    """The declared type; a path string is never empty (that would call another URL)."""
    declared = raw["type"]
    shape = Shape(
        kind="union" if isinstance(declared, list) else declared,
        types=tuple(declared) if isinstance(declared, list) else (),
        constraints=_constraints(raw),
        description=raw.get("description", ""),
        messages=tuple(sorted((raw.get("messages") or {}).items())),
    )
    if raw["in"] == "path" and "string" in (shape.types or (shape.kind,)):
        low = max(shape.constraints.minLength or 0, 1)
        limits = dataclasses.replace(shape.constraints, minLength=low)
        shape = dataclasses.replace(shape, constraints=limits)
    return shape


def param(
    ctx: BuildContext, key: str, raw: dict[str, Any], pointer: str, *, from_client: bool
) -> Param:
    """One parameter; a path list (`/orders/{ids}`) becomes an array of the declared type."""
    if raw["type"] == "array":
        return array_param(ctx, key, raw, pointer, from_client=from_client)
    shape = _scalar_shape(raw)
    path_lists.check(raw, pointer, ctx.error)
    listed = path_lists.style(raw)
    if listed is not None:
        shape = Shape(
            kind="array",
            items=shape,
            constraints=Constraints(minItems=1),
            description=shape.description,
        )
    return Param(
        key=key,
        wire_name=raw.get("name", key),
        python_name=raw.get("python_name") or naming.python_identifier(key),
        location=narrow(ParamLocation, raw["in"]),
        shape=shape,
        required=raw["in"] == "path" or bool(raw.get("required", False)),
        default=raw.get("default"),
        from_client=from_client,
        list_style=listed,
        required_when=(
            (raw["required_when"]["param"], tuple(raw["required_when"]["in"]))
            if "required_when" in raw
            else None
        ),
    )


def array_param(
    ctx: BuildContext, key: str, raw: dict[str, Any], pointer: str, *, from_client: bool
) -> Param:
    """A query list, `ids=1,2` or `ids=1&ids=2` (concepts/array_params)."""
    for word, message in array_params.problems(raw):
        ctx.error(child_pointer(pointer, word), message, codes.BAD_LIST_PARAMETER)
    items = build_shape(ctx.types, raw.get("items"), child_pointer(pointer, "items"), "Item")
    shape = Shape(
        kind="array",
        items=items,
        constraints=_constraints(
            {w: raw[w] for w in ("minItems", "maxItems", "uniqueItems") if w in raw}
        ),
        description=raw.get("description", ""),
        messages=tuple(sorted((raw.get("messages") or {}).items())),
    )
    return Param(
        key=key,
        wire_name=raw.get("name", key),
        python_name=raw.get("python_name") or naming.python_identifier(key),
        location=narrow(ParamLocation, raw["in"]),
        shape=shape,
        required=bool(raw.get("required", False)),
        default=raw.get("default"),
        from_client=from_client,
        array_style=raw.get("style", "comma"),
    )
