"""Static credentials: an API key, a personal access token, HTTP Basic.

One home for the three auth schemes whose credentials the caller holds
already and sends on every call, unchanged: what each needs in the spec,
what it sends where (one table the client and the mock both read), its
OpenAPI security scheme and its one-line summary. No token operation, no
expiry: a 401 is the provider refusing the credentials, never a token to
refresh.

The spec says where a credential travels with the auth-level `header` and
`query` maps (name -> value template); `{token}` in a template stands for
the one credential of api_key and bearer. HTTP Basic takes two credentials,
user then password, and sends `Authorization: Basic base64(user:password)`.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from generator.concepts import auth as auth_concept
from generator.spec import diagnostic_codes as codes
from generator.spec.diagnostic_codes import Code
from generator.spec.model import Auth

_CREDENTIAL_COUNT = {"api_key": 1, "bearer": 1, "basic": 2}
_DEFAULT_HEADER = {"bearer": {"Authorization": "Bearer {token}"}}


@dataclass(frozen=True)
class Sent:
    """One place a static credential travels: where, under which name, how written.

    `template` names credentials by their Python names in braces; `basic`
    means the filled template is base64-encoded after `Basic `.
    """

    location: str  # header | query
    name: str
    template: str
    basic: bool = False


def is_static(scheme: str) -> bool:
    return auth_concept.scheme(scheme).static


def check(raw: Mapping[str, Any], error: Callable[[str, str, Code], None]) -> None:
    """Located problems of a static auth block (the credentials it needs, where they go)."""
    scheme = str(raw["scheme"])
    if not is_static(scheme):
        return
    count = len(raw.get("credentials") or {})
    wanted = _CREDENTIAL_COUNT[scheme]
    if count != wanted:
        what = "user then password" if scheme == "basic" else "the key or token"
        where = "/auth/credentials" if "credentials" in raw else "/auth"
        error(
            where,
            f"auth scheme '{scheme}' needs {wanted} credential(s) ({what}), got {count}",
            codes.BAD_AUTH,
        )
    for key in ("operation", "token", "cookie", "token_url"):
        if key in raw:
            error(
                f"/auth/{key}",
                f"auth scheme '{scheme}' sends its credentials as given: no `{key}`",
                codes.BAD_AUTH,
            )
    if scheme == "api_key" and not raw.get("header") and not raw.get("query"):
        error(
            "/auth",
            "auth scheme 'api_key' needs `header` or `query` (where the key goes)",
            codes.BAD_AUTH,
        )
    for key in ("header", "query"):
        if scheme == "basic" and key in raw:
            error(
                f"/auth/{key}",
                "auth scheme 'basic' always sends `Authorization: Basic ...`",
                codes.BAD_AUTH,
            )
    for where in ("header", "query"):
        for name, template in (raw.get(where) or {}).items():
            rest = str(template).replace("{token}", "")
            if "{token}" not in str(template) or "{" in rest or "}" in rest:
                error(
                    f"/auth/{where}/{name}",
                    "the value must contain {token} (the credential) and no other braces",
                    codes.BAD_AUTH,
                )


def sent(auth: Auth) -> tuple[Sent, ...]:
    """Where each static credential goes, credentials named by their Python names."""
    if not is_static(auth.scheme) or not auth.credentials:
        return ()
    if auth.scheme == "basic":
        user, password = (c.python_name for c in auth.credentials[:2])
        return (Sent("header", "Authorization", f"{{{user}}}:{{{password}}}", basic=True),)
    credential = "{" + auth.credentials[0].python_name + "}"
    headers = auth.headers or tuple(_DEFAULT_HEADER.get(auth.scheme, {}).items())
    return tuple(
        [Sent("header", name, value.replace("{token}", credential)) for name, value in headers]
        + [Sent("query", name, value.replace("{token}", credential)) for name, value in auth.query]
    )


def openapi_scheme(auth: Auth) -> dict[str, Any]:
    """The OpenAPI 3.1 security scheme of a static scheme."""
    if auth.scheme == "basic":
        return {"type": "http", "scheme": "basic"}
    first = sent(auth)[0] if sent(auth) else Sent("header", "Authorization", "")
    if (
        first.location == "header"
        and first.name == "Authorization"
        and first.template.startswith("Bearer ")
    ):
        return {"type": "http", "scheme": "bearer"}
    return {"type": "apiKey", "in": first.location, "name": first.name}


def filled(item: Sent, credentials: Mapping[str, str]) -> str:
    """The wire value of one sent credential (the generator's own test data uses it)."""
    value = item.template.format(**credentials)
    return "Basic " + base64.b64encode(value.encode()).decode() if item.basic else value


def as_data(auth: Auth) -> list[dict[str, Any]]:
    """The table as plain data, for the generated client and mock."""
    return [
        {"location": s.location, "name": s.name, "template": s.template, "basic": s.basic}
        for s in sent(auth)
    ]
