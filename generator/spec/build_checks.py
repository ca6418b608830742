"""Whole-spec checks on the types, run once every type and operation is built.

A reference, a union or a `uniqueBy` can only be judged when all the
types it may name are known; openness is decided from every request body.
"""

from __future__ import annotations

import dataclasses

from generator.concepts import unions
from generator.spec import diagnostic_codes as codes
from generator.spec.build_context import BuildContext
from generator.spec.loader import child_pointer
from generator.spec.model import Operation, Shape


def check_references(ctx: BuildContext) -> None:
    for name, pointer in ctx.types.references:
        if name not in ctx.types.types:
            ctx.dangle("/types", pointer, f"unknown type '{name}'", codes.UNKNOWN_TYPE)


def decide_openness(ctx: BuildContext, operations: tuple[Operation, ...]) -> None:
    """Types reached from a request body are closed unless the spec opens them."""
    types = ctx.types.types
    closed: set[str] = set()
    pending = [op.body for op in operations if op.body is not None]
    while pending:
        shape = pending.pop()
        if shape.kind == "ref" and shape.ref and shape.ref not in closed and shape.ref in types:
            closed.add(shape.ref)
            typedef = types[shape.ref]
            pending.extend(f.shape for f in typedef.fields)
            pending.extend(Shape(kind="ref", ref=m) for m in typedef.one_of)
        for child in (shape.items, shape.values):
            if child is not None:
                pending.append(child)
    for name, typedef in list(types.items()):
        if name in ctx.types.undecided:
            types[name] = dataclasses.replace(typedef, additional=name not in closed)


def check_unions(ctx: BuildContext) -> None:
    """A union chosen by shape must be able to tell each member apart (concepts/unions)."""
    for name, typedef in ctx.types.types.items():
        pointer = child_pointer("/types", name)
        for index, message in unions.problems(ctx.types.types, typedef):
            where = pointer if index is None else child_pointer(pointer, "one_of")
            place = where if index is None else child_pointer(where, index)
            ctx.error(place, message, codes.BAD_UNION)


def check_nested_unions(ctx: BuildContext) -> None:
    """A discriminated union's members are object types: a union of unions could hold itself.

    (Unions told apart by shape get the same check in concepts/unions.)
    """
    for name, typedef in ctx.types.types.items():
        if typedef.discriminator is None:
            continue
        for member in typedef.one_of:
            inner = ctx.types.types.get(member)
            if inner is not None and inner.one_of:
                ctx.error(
                    child_pointer(child_pointer("/types", name), "one_of"),
                    f"one_of member '{member}' is itself a union; list its members instead",
                    codes.BAD_UNION,
                )


def check_unique_by(ctx: BuildContext) -> None:
    """`uniqueBy` must name a field of the array's item type (declared fields)."""
    raw_types = ctx.raw.get("types") or {}
    for type_name, raw_type in raw_types.items():
        for field_name, raw_field in ((raw_type or {}).get("fields") or {}).items():
            key = raw_field.get("uniqueBy") if isinstance(raw_field, dict) else None
            items = raw_field.get("items") if key is not None else None
            item_type = raw_types.get(items) if isinstance(items, str) else None
            fields = (item_type or {}).get("fields")
            if key is not None and (not isinstance(fields, dict) or key not in fields):
                where = child_pointer(child_pointer("/types", type_name), "fields")
                ctx.error(
                    child_pointer(child_pointer(where, field_name), "uniqueBy"),
                    f"uniqueBy names '{key}', which is not a field of the items' type",
                    codes.UNKNOWN_FIELD,
                )
