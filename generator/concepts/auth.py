"""Auth schemes: what every stage needs to know about each `auth: {scheme: ...}`.

One row per scheme says how it gets its credentials onto a request: from a
token operation (token_endpoint and the two OAuth2 grants), as given on
every call (the static schemes, detailed in auth_static.py), or from a
session cookie. Build checks a spec's auth against the row, the OpenAPI
export maps it to a security scheme, the README and docs print its summary,
and the mock and its tests know whether requests carry credentials at all.

The runtime side is templates/_auth.py.jinja (the client's Auth class) and
the auth part of templates/testing.py.jinja (the mock's checks).

Adding a scheme: its name in model.AuthScheme and in the `scheme` enum of
generator/spec/metaschema.yaml (tests/test_concepts.py holds the two together),
a row in SCHEMES, its `case` in openapi_security.security_scheme (mypy
finds the dispatch through assert_never), its branch in _auth.py.jinja and
testing.py.jinja, and an example in templates/spec.yaml.jinja.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.spec.kinds import narrow
from generator.spec.model import Auth, AuthScheme


@dataclass(frozen=True)
class Scheme:
    name: AuthScheme
    summary: str  # how the client authenticates, in one line (README, docs)
    token_operation: bool = False  # a token is obtained by calling an operation first
    static: bool = False  # the caller's credentials travel unchanged (auth_static.py)
    oauth2_flow: str | None = None  # the OpenAPI OAuth2 flow it is
    credentials: tuple[int, int | None] = (0, None)  # how many credentials: (least, most)
    credentials_words: str = ""  # what they are, for the message when the count is wrong
    needs_cookie: bool = False  # the cookie's name must be given

    @property
    def authenticates(self) -> bool:
        """Whether requests carry credentials at all."""
        return self.name != "none"

    @property
    def refreshes(self) -> bool:
        """Whether a refresh token may be declared (an OAuth2 grant issues them)."""
        return self.oauth2_flow is not None


SCHEMES: dict[AuthScheme, Scheme] = {
    s.name: s
    for s in (
        Scheme(
            "token_endpoint",
            "a bearer token obtained from a token operation, cached until it expires",
            token_operation=True,
        ),
        Scheme(
            "oauth2_password",
            "OAuth2 password grant, token cached for expires_in",
            token_operation=True,
            oauth2_flow="password",
        ),
        Scheme(
            "oauth2_client_credentials",
            "OAuth2 client credentials (HTTP Basic), token cached for expires_in",
            token_operation=True,
            oauth2_flow="clientCredentials",
            credentials=(2, None),
            credentials_words="two credentials (client id and secret, sent as HTTP Basic)",
        ),
        Scheme(
            "session_cookie",
            "a session cookie obtained elsewhere and given to the client",
            credentials=(1, 1),
            credentials_words="one credential (the cookie's value)",
            needs_cookie=True,
        ),
        Scheme("api_key", "a static API key sent on every call", static=True),
        Scheme(
            "bearer",
            "a static bearer token (personal access token) sent on every call",
            static=True,
        ),
        Scheme("basic", "HTTP Basic credentials sent on every call", static=True),
        Scheme("none", "none documented: pass whatever your account needs with headers="),
    )
}

TOKEN_SCHEMES = tuple(name for name, s in SCHEMES.items() if s.token_operation)
REFRESH_SCHEMES = tuple(  # oauth2_password first, as the refresh message names them
    name for name, s in SCHEMES.items() if s.refreshes
)


def scheme(name: str) -> Scheme:
    """The row of a scheme the meta-schema admitted."""
    found: Scheme = SCHEMES[narrow(AuthScheme, name)]
    return found


def of(auth: Auth) -> Scheme:
    return SCHEMES[auth.scheme]


def credential_problems(auth: Auth) -> list[str]:
    """What is wrong with the number of credentials and the token field, as messages."""
    row, count = of(auth), len(auth.credentials)
    problems = []
    least, most = row.credentials
    if count < least or (most is not None and count > most):
        problems.append(f"auth scheme '{auth.scheme}' needs {row.credentials_words}; {count} given")
    if row.token_operation and auth.operation is not None and not auth.token_field:
        problems.append(
            f"auth scheme '{auth.scheme}' needs `token: {{field: ...}}`, the response field"
            " that carries the token"
        )
    return problems
