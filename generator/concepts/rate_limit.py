"""Rate-limit headers by the provider's own names, honoured like Retry-After.

Some providers say "wait" with headers of their own: `X-Retry-After`
(seconds, or an HTTP date, as Retry-After) or `X-RateLimit-Reset` (when
the limit resets: epoch seconds, or seconds from now). The spec names
them once at the top level:

    rate_limit:
      source: Rate limits
      retry_after: X-Retry-After
      reset: X-RateLimit-Reset
      reset_as: epoch            # or delta

The client waits as asked before it retries a 429 or 503 (standard
Retry-After first, then these); the generated mock answers an injected
fault with these headers, so the generated tests prove both sides.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from generator.spec import diagnostic_codes as codes
from generator.spec.diagnostic_codes import Code


@dataclass(frozen=True)
class RateLimit:
    retry_after: str | None = None  # a header read as Retry-After is
    reset: str | None = None  # a header holding when the limit resets
    reset_as: str = "epoch"  # epoch | delta


def build_rate_limit(
    raw: Mapping[str, Any] | None, error: Callable[[str, str, Code], None]
) -> RateLimit | None:
    """The model of a `rate_limit` block; a located problem if it names no header."""
    if raw is None:
        return None
    if not raw.get("retry_after") and not raw.get("reset"):
        error(
            "/rate_limit",
            "rate_limit needs `retry_after` or `reset` (a header name)",
            codes.BAD_RATE_LIMIT,
        )
    if "reset_as" in raw and not raw.get("reset"):
        error(
            "/rate_limit/reset_as",
            "reset_as says how to read `reset`, which is not given",
            codes.BAD_RATE_LIMIT,
        )
    return RateLimit(
        retry_after=raw.get("retry_after"),
        reset=raw.get("reset"),
        reset_as=str(raw.get("reset_as", "epoch")),
    )


def as_data(rate_limit: RateLimit | None) -> dict[str, Any] | None:
    """The block as plain data, for the generated client's retries and the mock."""
    if rate_limit is None:
        return None
    return {
        "retry_after": rate_limit.retry_after,
        "reset": rate_limit.reset,
        "reset_as": rate_limit.reset_as,
    }


def openapi_headers(rate_limit: RateLimit) -> dict[str, Any]:
    """The OpenAPI response headers of a rate-limited answer (429, 503)."""
    headers: dict[str, Any] = {}
    if rate_limit.retry_after:
        headers[rate_limit.retry_after] = {
            "description": "Seconds to wait (or an HTTP date) before sending again.",
            "schema": {"type": "string"},
        }
    if rate_limit.reset:
        words = "epoch seconds" if rate_limit.reset_as == "epoch" else "seconds from now"
        headers[rate_limit.reset] = {
            "description": f"When the rate limit resets, in {words}.",
            "schema": {"type": "integer"},
        }
    return headers


def openapi_responses(rate_limit: RateLimit | None, responses: dict[str, Any]) -> None:
    """Add the wait headers to 429 and 503 answers; a 429 is documented if none is."""
    if rate_limit is None:
        return
    responses.setdefault("429", {"description": "Too many requests: wait as the headers say."})
    for status in ("429", "503"):
        if status in responses and "$ref" not in responses[status]:
            responses[status] = {**responses[status], "headers": openapi_headers(rate_limit)}
