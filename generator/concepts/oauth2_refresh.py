"""OAuth2 refresh tokens: renew with the refresh grant before the full grant again.

A token response that carries a refresh token (`token: {refresh_token:
refresh_token}`) lets the client renew an expired or revoked access token
with `grant_type=refresh_token` (RFC 6749 section 6) instead of sending the
password or client secret again. When the provider refuses the refresh
token (expired, revoked, already rotated) the client drops it and uses the
full grant once more. The refresh token is a credential: held in a Secret,
redacted from errors and logs like the access token.

The refresh request goes to the token operation, encoded as that operation
encodes its body; it is not validated against the token operation's request
type (which describes the full grant). The generated mock issues a refresh
token with every access token, rotates it on use, and records the grants it
answered (`MockProvider.grants`) so the generated tests can tell the order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from generator.concepts.auth import REFRESH_SCHEMES
from generator.spec import diagnostic_codes as codes
from generator.spec.diagnostic_codes import Code


def refresh_field(raw: Mapping[str, Any], error: Callable[[str, str, Code], None]) -> str | None:
    """The token response's refresh-token field, if the auth block names one (OAuth2 only)."""
    field = (raw.get("token") or {}).get("refresh_token")
    if field is None:
        return None
    if raw["scheme"] not in REFRESH_SCHEMES:
        error(
            "/auth/token/refresh_token",
            f"a refresh token is an OAuth2 grant: scheme '{raw['scheme']}' has none "
            f"(use {' or '.join(REFRESH_SCHEMES)})",
            codes.BAD_AUTH,
        )
    return str(field)
