"""Provider-wide declarations -> model: error formats, envelope, paging convention.

Each is read once per spec and shared by every operation that refers to it.
"""

from __future__ import annotations

from typing import Any

from generator.emit import naming
from generator.spec import diagnostic_codes as codes
from generator.spec.build_context import BuildContext
from generator.spec.build_examples import example_body
from generator.spec.build_operations import to_paging
from generator.spec.build_types import build_shape
from generator.spec.loader import child_pointer
from generator.spec.model import Envelope, ErrorFormat, Paging


def error_format(ctx: BuildContext, name: str, raw: dict[str, Any]) -> ErrorFormat:
    """A structured (`type`) or plain-text (`text: true`) error body."""
    here = child_pointer("/error_formats", name)
    shape = None
    if "type" in raw:
        owner = naming.pascal_case(name) + "Error"
        shape = build_shape(ctx.types, raw["type"], child_pointer(here, "type"), owner)
    elif not raw.get("text"):
        ctx.error(here, "an error format needs `type` or `text: true`", codes.BAD_ERROR_FORMAT)
    return ErrorFormat(
        name=name,
        shape=shape,
        text=bool(raw.get("text", False)),
        message_field=raw.get("message"),
        messages_field=raw.get("messages"),
        item_message=raw.get("item_message"),
        item_pointer=raw.get("item_pointer"),
        field_messages=raw.get("field_messages"),
        texts=tuple((raw.get("texts") or {}).items()),
        example=example_body(ctx, raw.get("example"), child_pointer(here, "example")),
        description=raw.get("description", ""),
        example_status=(raw.get("example") or {}).get("status"),
    )


def error_formats(ctx: BuildContext) -> tuple[ErrorFormat, ...]:
    declared = ctx.raw.get("error_formats") or {}
    return tuple(error_format(ctx, name, raw) for name, raw in declared.items())


def paging(ctx: BuildContext) -> Paging | None:
    """The provider's paging convention, which `paging: true` operations take."""
    raw = ctx.raw.get("paging")
    return to_paging(raw) if raw else None


def envelope(ctx: BuildContext) -> Envelope | None:
    """The wrapper every answer comes in; statuses outside `ok` are failures."""
    raw = ctx.raw.get("envelope")
    if raw is None:
        return None
    failures = tuple(s for s in raw.get("statuses") or {} if s not in raw["ok"])
    return Envelope(
        raw["status_field"],
        tuple(raw["ok"]),
        raw.get("message_field"),
        raw["result_field"],
        failures,
    )
