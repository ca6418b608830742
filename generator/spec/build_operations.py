"""Declared operations -> Operations: parameters wired to the path, body, paging, parts.

Responses live in build_responses; what each concept adds (batch,
multipart, idempotency key, paging styles) is decided in generator/concepts.
"""

from __future__ import annotations

from typing import Any

from generator.concepts import batch, multipart
from generator.concepts import paging as paging_styles
from generator.concepts.idempotency_key import idempotency_header
from generator.emit import naming
from generator.spec import diagnostic_codes as codes
from generator.spec import param_conditions
from generator.spec.build_context import BuildContext
from generator.spec.build_examples import examples
from generator.spec.build_params import param
from generator.spec.build_responses import error_map, responses
from generator.spec.build_types import build_shape
from generator.spec.kinds import narrow
from generator.spec.loader import child_pointer
from generator.spec.mock_model import mock_operation
from generator.spec.model import BodyEncoding, Deprecation, Operation, Paging, Param, Shape


def idempotent_by_default(method: str, params: list[Param]) -> bool:
    """GET, and PUT carrying If-Match (a versioned update applies once): safe to resend."""
    if method == "GET":
        return True
    return method == "PUT" and any(
        p.location == "header" and p.wire_name.lower() == "if-match" for p in params
    )


def to_paging(raw: dict[str, Any]) -> Paging:
    """The paging words, without the citation."""
    words = {k: v for k, v in raw.items() if k != "source"}
    return Paging(**words)


def operation_paging(
    ctx: BuildContext, raw: Any, pointer: str, params: tuple[Param, ...]
) -> Paging | None:
    """`paging: true` takes the provider's convention; an object overrides parts of it."""
    if not raw:
        return None
    base = ctx.raw.get("paging") or {}
    if raw is True and not base:
        ctx.error(
            child_pointer(pointer, "paging"),
            "`paging: true` needs a top-level `paging`",
            codes.BAD_PAGING,
        )
        return None
    own = raw if isinstance(raw, dict) else {}
    result = to_paging({**base, **own})
    for word, message in paging_styles.problems(result, params):
        where = child_pointer(pointer, "paging")
        if word and word not in own:
            where = "/paging"
        ctx.error(child_pointer(where, word) if word else where, message, codes.BAD_PAGING)
    return result


def _wire_path(
    ctx: BuildContext, raw: dict[str, Any], pointer: str, client_params: dict[str, Param]
) -> list[Param]:
    """The operation's parameters, client ones first; every path placeholder declared once."""
    params_pointer = child_pointer(pointer, "params")
    params = [
        param(ctx, key, value, child_pointer(params_pointer, key), from_client=False)
        for key, value in (raw.get("params") or {}).items()
    ]
    param_conditions.check(raw.get("params") or {}, params_pointer, ctx.error)
    declared_path = {p.wire_name for p in params if p.location == "path"}
    for placeholder in naming.path_placeholders(raw["path"]):
        if placeholder in declared_path:
            continue
        if placeholder in client_params:
            params.insert(0, client_params[placeholder])
            continue
        ctx.error(
            child_pointer(pointer, "path"),
            f"path parameter '{{{placeholder}}}' is not declared in params (in: path)",
            codes.PATH_PARAMETER_MISMATCH,
        )
    own_keys = {p.key for p in params}
    params[:0] = [
        p
        for p in client_params.values()
        if p.location != "path" and p.key not in own_keys  # sent on every call
    ]
    in_path = set(naming.path_placeholders(raw["path"]))
    for p in params:
        if p.location == "path" and p.wire_name not in in_path:
            ctx.error(
                child_pointer(params_pointer, p.key),
                f"path parameter '{p.wire_name}' does not appear in path '{raw['path']}'",
                codes.PATH_PARAMETER_MISMATCH,
                key=True,
            )
    return params


def _check_named(
    ctx: BuildContext, raw: dict[str, Any], pointer: str, by_key: dict[str, Param]
) -> None:
    """`params_at_least_one_of` names parameters, `response_only` names body fields."""
    for key in raw.get("params_at_least_one_of") or ():
        if key not in by_key:
            ctx.error(
                child_pointer(pointer, "params_at_least_one_of"),
                f"no parameter named '{key}'",
                codes.UNKNOWN_PARAMETER,
            )
    known = body_field_names(ctx, raw.get("body"))
    for index, field_name in enumerate(raw.get("response_only") or ()):
        if known is not None and field_name not in known:
            ctx.error(
                child_pointer(child_pointer(pointer, "response_only"), index),
                f"the body has no field '{field_name}'",
                codes.UNKNOWN_FIELD,
            )


def _body(ctx: BuildContext, name: str, raw: dict[str, Any], pointer: str) -> Shape | None:
    if "body" not in raw:
        return None
    return build_shape(
        ctx.types, raw["body"], child_pointer(pointer, "body"), naming.request_type_name(name)
    )


def taken_names(ctx: BuildContext, raw: dict[str, Any], params: list[Param]) -> set[str]:
    """Names a multipart file part must not reuse: the parameters' and the text parts'."""
    body = raw.get("body")
    inline = body.get("fields") if isinstance(body, dict) else None
    fields = set(inline or {}) if isinstance(inline, dict) else body_field_names(ctx, body)
    return {p.python_name for p in params} | (fields or set())


def body_field_names(ctx: BuildContext, body: Any) -> set[str] | None:
    """Field names of a named body type (and its union members), None if not known."""
    raw_types = ctx.raw.get("types") or {}
    if not isinstance(body, str) or not isinstance(raw_types.get(body), dict):
        return None
    names: set[str] = set()
    for member in [body, *(raw_types[body].get("one_of") or [])]:
        names.update((raw_types.get(member) or {}).get("fields") or {})
    return names


def _deprecation(raw: dict[str, Any] | None) -> Deprecation | None:
    return Deprecation(raw["replacement"], raw.get("note", "")) if raw else None


def operation(
    ctx: BuildContext, name: str, raw: dict[str, Any], client_params: dict[str, Param]
) -> Operation:
    """One operation, its problems reported in the order a reader meets them."""
    pointer = child_pointer("/operations", name)
    params = _wire_path(ctx, raw, pointer, client_params)
    by_key = {p.key: p for p in params}
    _check_named(ctx, raw, pointer, by_key)
    body = _body(ctx, name, raw, pointer)
    answers = responses(ctx, name, raw, pointer)
    errors = error_map(ctx, raw, pointer)
    method = raw["method"]
    return Operation(
        name=name,
        source=raw["source"],
        summary=raw.get("summary", ""),
        description=raw.get("description", ""),
        method=method,
        path=raw["path"],
        auth=bool(raw.get("auth", True)),
        params=tuple(params),
        params_at_least_one_of=tuple(
            by_key[k].python_name for k in raw.get("params_at_least_one_of") or () if k in by_key
        ),
        body=body,
        body_type_name=body.ref if body is not None else None,
        body_encoding=narrow(BodyEncoding, raw.get("body_encoding", "json")),
        responses=tuple(sorted(answers, key=lambda r: r.status)),
        errors=errors,
        idempotent=bool(raw.get("idempotent", idempotent_by_default(method, params))),
        deprecated=_deprecation(raw.get("deprecated")),
        examples=examples(
            ctx,
            raw.get("examples") or [],
            child_pointer(pointer, "examples"),
            min((r.status for r in answers if r.status < 400), default=200),
        ),
        enveloped="envelope" in ctx.raw and raw.get("envelope", True) is not False,
        cache_ttl=(raw.get("cache") or {}).get("ttl_seconds"),
        paging=operation_paging(ctx, raw.get("paging"), pointer, tuple(params)),
        mock=mock_operation(raw.get("mock")),
        batch=batch.build(raw, pointer, ctx.error),
        headers=tuple((raw.get("headers") or {}).items()),
        response_only=tuple(raw.get("response_only") or ()),
        idempotency_key=idempotency_header(raw, pointer, ctx.error),
        curls=tuple(raw.get("curls") or ()),
        files=multipart.build(raw, pointer, taken_names(ctx, raw, params), ctx.error),
        tags=tuple(raw.get("tags") or ()),
    )
