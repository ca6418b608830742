"""Idempotency keys: a header that makes a non-idempotent call safe to replay.

An operation may declare `idempotency_key: Idempotency-Key` (the header's
name, as the provider documents it). The client then generates one key
(a UUID4) per logical call, sends it on the first attempt and on every
retry of that call, and only because of it treats the POST as safe to
send again after an unanswered attempt. A caller who passes the header
through `extra_headers` keeps their own key. The generated mock answers a
repeated key with the first answer and does the work once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from generator.spec import diagnostic_codes as codes
from generator.spec.diagnostic_codes import Code


def idempotency_header(
    raw: Mapping[str, Any], pointer: str, error: Callable[[str, str, Code], None]
) -> str | None:
    """The operation's idempotency-key header name, with a located problem if it is unusable."""
    name = raw.get("idempotency_key")
    if name is None:
        return None
    if raw.get("method") in ("GET", "DELETE", "PUT"):
        error(
            pointer + "/idempotency_key",
            f"{raw.get('method')} is idempotent already: an idempotency key is for POST/PATCH",
            codes.BAD_IDEMPOTENCY_KEY,
        )
    declared = {
        str(p.get("name", key)).lower()
        for key, p in (raw.get("params") or {}).items()
        if isinstance(p, Mapping)
    }
    if str(name).lower() in declared:
        error(
            pointer + "/idempotency_key",
            f"'{name}' is also a parameter: the client generates the key itself",
            codes.BAD_IDEMPOTENCY_KEY,
        )
    return str(name)


def openapi_parameter(header: str) -> dict[str, Any]:
    """The OpenAPI header parameter of an operation's idempotency key."""
    return {
        "name": header,
        "in": "header",
        "required": False,
        "description": "A unique key per logical call; the generated client sends a UUID4 and "
        "reuses it on every retry, so the provider does the work once.",
        "schema": {"type": "string", "minLength": 1},
    }
