"""The spec's auth flow as OpenAPI 3.1 security schemes.

Kept apart from openapi_emit.py because it is the one place that maps the
spec language's auth words onto OpenAPI's kinds; everything else there is
a straight translation of the model.
"""

from __future__ import annotations

from typing import Any, assert_never

from generator.concepts import auth as auth_concept
from generator.concepts import auth_static
from generator.spec.model import Auth, Spec

_BEARER_HEADER = ("Authorization", "Bearer {token}")


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
    match auth.scheme:
        case "none":
            return None
        case "oauth2_client_credentials" | "oauth2_password":
            flow = {"tokenUrl": _token_url(spec), "scopes": {}}
            scheme = {"type": "oauth2", "flows": {auth_concept.of(auth).oauth2_flow: flow}}
        case "api_key" | "bearer" | "basic":
            scheme = auth_static.openapi_scheme(auth)
        case "session_cookie":
            scheme = {"type": "apiKey", "in": "cookie", "name": auth.cookie or ""}
        case "token_endpoint":
            scheme = _header_scheme(auth)
        case _:
            assert_never(auth.scheme)
    words = [auth.description] if auth.description else []
    if auth.source:
        words.append(f"Document section: {auth.source}.")
    if words:
        scheme["description"] = "\n\n".join(words)
    return scheme


def _token_basic_key(spec: Spec) -> str:
    return f"{spec.auth.scheme}_token_request"


def security_components(spec: Spec) -> tuple[dict[str, Any], list[dict[str, list[str]]]]:
    """(components.securitySchemes, top-level security).

    A spec without auth gets `security: []` at the top: the document says
    no credentials are needed (linters ask every operation to say so).
    The client credentials grant adds the HTTP Basic scheme its token
    request is sent with.
    """
    scheme = security_scheme(spec)
    if scheme is None:
        return {}, []
    schemes: dict[str, Any] = {spec.auth.scheme: scheme}
    if spec.auth.scheme == "oauth2_client_credentials":
        names = [c.wire_field for c in spec.auth.credentials]
        schemes[_token_basic_key(spec)] = {
            "type": "http",
            "scheme": "basic",
            "description": "The token request's credentials: " + " and ".join(names) + ".",
        }
    return schemes, [{spec.auth.scheme: []}]


def operation_security(
    spec: Spec, operation: str, *, auth: bool
) -> list[dict[str, list[str]]] | None:
    """An operation's own `security`, or None when the top-level one applies.

    The token operation carries HTTP Basic under the client credentials
    grant and nothing otherwise (its credentials travel in the body);
    operations sent without credentials say `security: []`.
    """
    if spec.auth.scheme == "none":
        return None
    if operation == spec.auth.operation and spec.auth.scheme == "oauth2_client_credentials":
        return [{_token_basic_key(spec): []}]
    return None if auth else []
