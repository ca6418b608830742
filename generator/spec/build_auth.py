"""The provider's `auth` -> Auth, with the wiring a schema cannot check.

A token scheme names the operation that fetches the token, and each of
its credentials names the request field it fills; static schemes
(headers, query, basic) need neither (concepts/auth_static).
"""

from __future__ import annotations

from typing import Any

from generator.concepts import auth as auth_concept
from generator.concepts import auth_static
from generator.concepts.oauth2_refresh import refresh_field
from generator.emit import naming
from generator.spec import diagnostic_codes as codes
from generator.spec.build_context import BuildContext
from generator.spec.kinds import narrow
from generator.spec.loader import child_pointer
from generator.spec.model import Auth, AuthScheme, Credential, Operation


def _check_scheme(ctx: BuildContext, raw: dict[str, Any], operations: dict[str, Operation]) -> None:
    """The token operation exists when the scheme needs one; token_url is never the way."""
    operation = raw.get("operation")
    if auth_concept.scheme(raw["scheme"]).token_operation and operation is None:
        ctx.error(
            "/auth",
            f"auth scheme '{raw['scheme']}' needs `operation` (the token operation)",
            codes.BAD_AUTH,
        )
    if operation is not None and operation not in operations:
        ctx.dangle(
            "/operations",
            "/auth/operation",
            f"no operation named '{operation}'",
            codes.UNKNOWN_OPERATION,
        )
    auth_static.check(raw, ctx.error)
    if "token_url" in raw and not auth_static.is_static(raw["scheme"]):
        ctx.error(
            "/auth/token_url",
            "token_url is not supported: describe the token request as an operation "
            "and name it in `operation`",
            codes.BAD_AUTH,
        )


def _credentials(ctx: BuildContext, raw: dict[str, Any]) -> tuple[Credential, ...]:
    """A token scheme's credential must say which request field it fills."""
    declared = raw.get("credentials") or {}
    credentials = tuple(
        Credential(
            naming.snake_case(name),
            item.get("field", name),
            bool(item.get("secret", False)),
            item.get("description", ""),
        )
        for name, item in declared.items()
    )
    if not auth_static.is_static(raw["scheme"]):
        for name, item in declared.items():
            if "field" not in item:
                ctx.error(
                    child_pointer("/auth/credentials", name),
                    "a token scheme's credential needs `field` (the request field it fills)",
                    codes.BAD_AUTH,
                )
    if auth_concept.scheme(raw["scheme"]).needs_cookie and not raw.get("cookie"):
        ctx.error(
            "/auth",
            "auth scheme 'session_cookie' needs `cookie` (the cookie's name)",
            codes.BAD_AUTH,
        )
    return credentials


def auth(ctx: BuildContext, operations: dict[str, Operation]) -> Auth:
    """The provider's one auth scheme."""
    raw = ctx.raw["auth"]
    _check_scheme(ctx, raw, operations)
    credentials = _credentials(ctx, raw)
    token = raw.get("token") or {}
    return Auth(
        scheme=narrow(AuthScheme, raw["scheme"]),
        operation=raw.get("operation"),
        credentials=credentials,
        token_field=token.get("field"),
        expires_at=token.get("expires_at"),
        expires_at_format=token.get("expires_at_format"),
        expires_at_zone=token.get("timezone", "UTC"),
        expires_in=token.get("expires_in"),
        headers=tuple((raw.get("header") or {}).items()),
        cookie=raw.get("cookie"),
        description=raw.get("description", ""),
        query=tuple((raw.get("query") or {}).items()),
        refresh_token=refresh_field(raw, ctx.error),
        source=raw.get("source", ""),
    )


def check_auth_wiring(ctx: BuildContext, auth: Auth, operations: dict[str, Operation]) -> None:
    """A token endpoint's credentials are fields of its operation's request body."""
    op = operations.get(auth.operation or "")
    types = ctx.types.types
    if op is None or op.body_type_name is None or op.body_type_name not in types:
        return
    body_fields = {f.wire_name for f in types[op.body_type_name].fields}
    for credential in auth.credentials:
        if credential.wire_field not in body_fields and auth.scheme == "token_endpoint":
            ctx.error(
                "/auth/credentials",
                f"credential field '{credential.wire_field}' is not in {op.body_type_name}",
                codes.UNKNOWN_FIELD,
            )
