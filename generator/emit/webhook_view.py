"""The view of a spec's webhooks that `_webhooks.py` and the exports are laid out from.

A webhook's signature scheme decides both its helpers (sign_/verify_) and
the imports the module needs, so both are decided here together.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.concepts import standard_webhooks
from generator.spec.model import HeaderSignature, Spec, Webhook


@dataclass(frozen=True)
class SignatureView:
    field: str
    fields: tuple[str, ...]
    separator: str
    encode_expr: str
    summary: str


@dataclass(frozen=True)
class WebhookView:
    name: str
    payload: str
    event_field: str | None
    signature: SignatureView | None
    source: str
    description: str = ""
    events: tuple[tuple[str, str], ...] = ()  # event value -> its documented meaning
    standard: HeaderSignature | None = None  # signed in headers (concepts/standard_webhooks)
    standard_summary: str = ""
    event_header: str | None = None


def _events(spec: Spec, hook: Webhook) -> tuple[tuple[str, str], ...]:
    """The documented values of the webhook's event field, for the README."""
    payload = spec.type(hook.payload)
    for field in payload.fields if not payload.is_union else ():
        if field.wire_name == hook.event_field:
            return tuple((str(e.value), e.meaning) for e in field.shape.constraints.enum)
    return ()


def webhook_view(spec: Spec, hook: Webhook) -> WebhookView:
    """A body signature's message and encoding are spelt out for sign_/verify_ and the README."""
    signature = None
    if hook.signature:
        sig = hook.signature
        encode = "digest.hex()" if sig.encoding == "hex" else "base64.b64encode(digest).decode()"
        joined = sig.separator.join(sig.message_fields)
        signature = SignatureView(
            sig.field,
            sig.message_fields,
            sig.separator,
            encode,
            f"HMAC-SHA256 of '{joined}', {sig.encoding}-encoded",
        )
    return WebhookView(
        hook.name,
        hook.payload,
        hook.event_field,
        signature,
        hook.source,
        hook.description,
        _events(spec, hook),
        hook.header_signature,
        standard_webhooks.summary(hook.header_signature) if hook.header_signature else "",
        hook.event_header,
    )


def webhook_names(spec: Spec) -> list[str]:
    """The package's webhook helpers: parse_ for each, sign_/verify_ for a signed one."""
    names = []
    for hook in spec.webhooks:
        names.append(f"parse_{hook.name}")
        if hook.signature or hook.header_signature:
            names += [f"sign_{hook.name}", f"verify_{hook.name}"]
    if any(hook.header_signature for hook in spec.webhooks):
        names.append("SignedDelivery")
    return names


def webhook_exports_import(spec: Spec) -> tuple[str, ...]:
    """The `__init__.py` line importing the webhook helpers, if there are any."""
    names = webhook_names(spec)
    return (f"from ._webhooks import {', '.join(sorted(names))}",) if names else ()


def webhook_imports(spec: Spec) -> tuple[str, ...]:
    """The import block of `_webhooks.py`: only what its signature schemes use."""
    standard = any(h.header_signature for h in spec.webhooks)
    imports = [
        "import json",
        "from collections.abc import Mapping",
        "from typing import TYPE_CHECKING, Any" if spec.webhooks else "from typing import Any",
        "",
    ]
    if standard:
        imports = [
            *("import base64", "import binascii", "import hashlib", "import hmac"),
            *("import json", "import time", "from collections.abc import Mapping"),
            "from dataclasses import dataclass",
            "from typing import TYPE_CHECKING, Any, Generic, TypeVar",
            "",
        ]
    if any(h.signature for h in spec.webhooks) and not standard:
        imports[:0] = ["import hashlib", "import hmac"]
    base64_body = any(h.signature and h.signature.encoding == "base64" for h in spec.webhooks)
    if base64_body and not standard:
        imports.insert(0, "import base64")
    if any(h.signature for h in spec.webhooks) or standard:
        imports += ["from ._errors import WebhookSignatureError"]
    if spec.webhooks:
        imports += [
            "from ._operations import FROM_PROVIDER, _models",
            "",
            "if TYPE_CHECKING:",
            "    from . import models",
        ]
    return tuple(imports)
