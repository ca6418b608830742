"""Webhooks signed in headers over the raw body, the Standard Webhooks way.

https://www.standardwebhooks.com: a delivery carries `webhook-id`,
`webhook-timestamp` (Unix seconds) and `webhook-signature`, a space-separated
list of `v1,<base64 HMAC-SHA256>` over `<id>.<timestamp>.<raw body>` (several
while the provider rotates keys: any one matching is enough). The secret is
`whsec_` + base64 of the key. A timestamp further than `tolerance_seconds`
(300 by default) from now is refused, so a captured delivery cannot be
replayed later. The event type may come from a header (`event_header`).

Spec words (`header_signature` on a webhook; `signature`, the body-field
scheme, stays as it is):

    header_signature: {scheme: standard-webhooks, tolerance_seconds: 300}
    event_header: webhook-event-type        # optional

Header names default to the standard's and can be renamed (`id_header`,
`timestamp_header`, `signature_header`: e.g. svix-id, svix-timestamp,
svix-signature). The runtime half is the package's `_webhooks.py`
(sign_/verify_/parse_<hook>), the mock's half is `testing.py` (`_sign_standard`).
"""

from __future__ import annotations

import base64
from typing import Any

from generator.spec.model import HeaderSignature

SCHEME = "standard-webhooks"
DEFAULTS = {
    "id_header": "webhook-id",
    "timestamp_header": "webhook-timestamp",
    "signature_header": "webhook-signature",
    "tolerance_seconds": 300,
}
TEST_SECRET = "whsec_" + base64.b64encode(b"shipspec-test-key-not-a-real-one").decode()


def from_raw(raw: dict[str, Any]) -> HeaderSignature:
    words = {**DEFAULTS, **{k: v for k, v in raw.items() if k in DEFAULTS}}
    return HeaderSignature(
        scheme=raw["scheme"],
        id_header=str(words["id_header"]),
        timestamp_header=str(words["timestamp_header"]),
        signature_header=str(words["signature_header"]),
        tolerance_seconds=int(words["tolerance_seconds"]),
    )


def summary(signature: HeaderSignature) -> str:
    return (
        f"HMAC-SHA256 over '<{signature.id_header}>.<{signature.timestamp_header}>.<body>', "
        f"base64 after 'v1,' in {signature.signature_header}"
    )
