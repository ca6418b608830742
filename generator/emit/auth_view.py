"""The view of a spec's authentication that `_auth.py` is laid out from.

Which credentials a scheme takes, how a token is fetched and when it
expires, and the imports that needs are decided here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.concepts import auth as auth_concept
from generator.concepts import auth_static
from generator.emit import naming
from generator.spec.model import Auth, Spec


def auth_summary(spec: Spec) -> str:
    """One line on how the client authenticates, for READMEs and docs."""
    return auth_concept.of(spec.auth).summary


@dataclass(frozen=True)
class AuthView:
    scheme: str
    summary: str
    needs_token: bool
    credentials: tuple[Any, ...]
    credential_names: tuple[str, ...]
    token_operation: str | None
    token_field: str | None
    expires_at: str | None
    expires_at_format: str | None
    expires_at_zone: str
    expires_in: str | None
    headers: tuple[tuple[str, str], ...]
    cookie: str | None
    basic_user: str | None
    basic_password: str | None
    imports: tuple[str, ...]
    static: tuple[dict[str, Any], ...] = ()  # auth_static.Sent rows, as data
    refresh_token: str | None = None  # OAuth2: the token response's refresh-token field
    query_credentials: tuple[str, ...] = ()  # query parameters that carry a credential


def _auth_imports(auth: Auth, in_query: tuple[str, ...]) -> list[str]:
    """The import block of `_auth.py`: only what the scheme's code uses, in isort's order."""
    needs_token = auth.operation is not None
    # base64: HTTP Basic, on every request (static) or on the token request
    basic = bool(auth_static.sent(auth)) or auth.scheme == "oauth2_client_credentials"
    imports = [
        *(["import base64"] if basic else []),
        "import time",
        *(["from typing import Any"] if needs_token else []),
    ]
    if auth.expires_at and not auth.expires_in:
        imports.insert(imports.index("import time"), "import datetime as _dt")
        if auth.expires_at_zone != "UTC":
            imports.append("from zoneinfo import ZoneInfo")  # stdlib "from" imports sort last
    if in_query:  # httpx logs URLs: a filter shows the key there as ***
        imports[imports.index("import time") : imports.index("import time")] = ["import logging"]
        imports += ["", "import httpx"]
    if needs_token:
        imports.append("")
        imports.append(
            f"from ._operations import {naming.constant_name(auth.operation or '')}, OperationInfo"
        )
    return imports


def auth_view(spec: Spec) -> AuthView:
    """Basic auth takes its first two credentials as user and password."""
    auth = spec.auth
    in_query = tuple(s.name for s in auth_static.sent(auth) if s.location == "query")
    credentials = auth.credentials
    return AuthView(
        scheme=auth.scheme,
        summary=auth_summary(spec),
        static=tuple(auth_static.as_data(auth)),
        query_credentials=in_query,
        needs_token=auth.operation is not None,
        credentials=credentials,
        credential_names=tuple(c.python_name for c in credentials),
        token_operation=naming.constant_name(auth.operation) if auth.operation else None,
        token_field=auth.token_field,
        expires_at=auth.expires_at,
        expires_at_format=auth.expires_at_format or "%Y-%m-%dT%H:%M:%S",
        expires_at_zone=auth.expires_at_zone,
        expires_in=auth.expires_in,
        refresh_token=auth.refresh_token,
        headers=auth.headers,
        cookie=auth.cookie,
        basic_user=credentials[0].python_name if len(credentials) > 1 else None,
        basic_password=credentials[1].python_name if len(credentials) > 1 else None,
        imports=tuple(_auth_imports(auth, in_query)),
    )
