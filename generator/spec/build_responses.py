"""An operation's responses and the error formats each status may carry.

Apart from the rest of the operation because a response builds its own
shape and decides its encoding (json, text, binary, empty) on its own.
"""

from __future__ import annotations

from typing import Any

from generator.concepts.text_response import text_response_shape
from generator.emit import naming
from generator.spec import diagnostic_codes as codes
from generator.spec.build_context import BuildContext
from generator.spec.build_types import build_shape
from generator.spec.kinds import narrow
from generator.spec.loader import child_pointer
from generator.spec.model import Response, ResponseEncoding


def response(
    ctx: BuildContext, name: str, status_text: str, raw: dict[str, Any] | str, pointer: str
) -> Response:
    """A response without a type answers nothing (`empty`) unless it says how it answers."""
    status = int(status_text)
    here = child_pointer(child_pointer(pointer, "responses"), status_text)
    if isinstance(raw, str):
        raw = {"type": raw}
    encoding = raw.get("encoding", "json")
    shape_raw = {k: v for k, v in raw.items() if k in ("type", "items", "nullable")}
    shape = (
        build_shape(ctx.types, shape_raw, here, naming.response_type_name(name, status))
        if shape_raw
        else None
    )
    if shape is None and encoding == "json":
        encoding = "empty"
    shape = text_response_shape(shape, encoding, here, ctx.error)
    return Response(
        status,
        shape,
        narrow(ResponseEncoding, encoding),
        raw.get("description", ""),
        raw.get("warning"),
        (raw.get("content_type") or "application/octet-stream") if encoding == "binary" else None,
    )


def responses(ctx: BuildContext, name: str, raw: dict[str, Any], pointer: str) -> list[Response]:
    """Every declared response; an operation without a success one cannot be called."""
    result = [
        response(ctx, name, status_text, raw_response, pointer)
        for status_text, raw_response in raw["responses"].items()
    ]
    if not any(r.status < 400 for r in result):
        ctx.error(
            child_pointer(pointer, "responses"),
            "an operation needs at least one success response",
            codes.NO_SUCCESS_RESPONSE,
        )
    return result


def error_map(
    ctx: BuildContext, raw: dict[str, Any], pointer: str
) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """Status -> error format names: the provider's map, overridden by the operation's."""
    own = raw.get("errors", {})
    declared = ctx.raw.get("error_formats", {})
    result = []
    for status_text, names in sorted({**ctx.raw.get("errors", {}), **own}.items()):
        names = (names,) if isinstance(names, str) else tuple(names)
        for format_name in names:
            if format_name not in declared:
                ctx.dangle(
                    "/error_formats",
                    child_pointer(pointer, "errors") if status_text in own else "/errors",
                    f"unknown error format '{format_name}'",
                    codes.UNKNOWN_ERROR_FORMAT,
                )
        result.append((int(status_text), names))
    return tuple(result)
