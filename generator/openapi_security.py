"""The spec's auth flow as OpenAPI 3.1 security schemes.

Kept apart from openapi_emit.py because it is the one place that maps the
spec language's auth words onto OpenAPI's kinds; everything else there is
a straight translation of the model.
"""

from __future__ import annotations

from typing import Any

from .model import Auth, Spec

_BEARER_HEADER = ("Authorization", "Bearer {token}")
_OAUTH2_FLOWS = {
    "oauth2_client_credentials": "clientCredentials",
    "oauth2_password": "password",
}


def _token_url(spec: Spec) -> str:
    """First server + the token operation's path: where the flow gets its token."""
    base = spec.servers[0][1].rstrip("/") if spec.servers else ""
    path = next((op.path for op in spec.operations if op.name == spec.auth.operation), "")
    return f"{base}{path}"


def _header_scheme(auth: Auth) -> dict[str, Any]:
    """A token sent as `Authorization: Bearer` is http bearer; any other header is an apiKey."""
    if not auth.headers or auth.headers[0] == _BEARER_HEADER:
        return {"type": "http", "scheme": "bearer"}
    name = auth.headers[0][0]
    return {"type": "apiKey", "in": "header", "name": name}


def security_scheme(spec: Spec) -> dict[str, Any] | None:
    """The one security scheme of the spec, or None when it documents no auth."""
    auth = spec.auth
    scheme: dict[str, Any]
    if auth.scheme == "none":
        return None
    if auth.scheme in _OAUTH2_FLOWS:
        flow = {"tokenUrl": _token_url(spec), "scopes": {}}
        scheme = {"type": "oauth2", "flows": {_OAUTH2_FLOWS[auth.scheme]: flow}}
    elif auth.scheme == "session_cookie":
        scheme = {"type": "apiKey", "in": "cookie", "name": auth.cookie or ""}
    else:
        scheme = _header_scheme(auth)
    if auth.description:
        scheme["description"] = auth.description
    return scheme


def security_components(spec: Spec) -> tuple[dict[str, Any], list[dict[str, list[str]]]]:
    """(components.securitySchemes, top-level security), both empty without auth."""
    scheme = security_scheme(spec)
    if scheme is None:
        return {}, []
    return {spec.auth.scheme: scheme}, [{spec.auth.scheme: []}]
