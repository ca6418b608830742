"""Declared webhooks -> Webhooks, and the payload fields their signing names.

A webhook is signed one way: by a body field (`signature`) or by
Standard Webhooks headers (`header_signature`, concepts/standard_webhooks).
"""

from __future__ import annotations

from typing import Any, Literal

from generator.concepts import standard_webhooks
from generator.spec import diagnostic_codes as codes
from generator.spec.build_context import BuildContext
from generator.spec.build_examples import example_body
from generator.spec.kinds import narrow
from generator.spec.loader import child_pointer
from generator.spec.model import Signature, Webhook, WebhookExample


def _signature(sig: dict[str, Any] | None) -> Signature | None:
    if not sig:
        return None
    return Signature(
        narrow(Literal["hmac-sha256"], sig["algorithm"]),
        narrow(Literal["hex", "base64"], sig["encoding"]),
        sig["field"],
        tuple(sig["message_fields"]),
        sig.get("separator", "."),
    )


def _examples(ctx: BuildContext, raw: dict[str, Any], pointer: str) -> tuple[WebhookExample, ...]:
    """The examples whose payload is usable JSON."""
    result = []
    for index, item in enumerate(raw.get("examples") or []):
        here = child_pointer(child_pointer(pointer, "examples"), index)
        body = example_body(ctx, item["payload"], child_pointer(here, "payload"))
        if body:
            result.append(WebhookExample(item["title"], body))
    return tuple(result)


def webhook(ctx: BuildContext, name: str, raw: dict[str, Any]) -> Webhook:
    """One webhook; its payload type is checked once every type is known."""
    pointer = child_pointer("/webhooks", name)
    ctx.types.references.append((raw["payload"], child_pointer(pointer, "payload")))
    sig = raw.get("signature")
    result = Webhook(
        name,
        raw["source"],
        raw.get("description", ""),
        raw["payload"],
        raw.get("event_field"),
        _signature(sig),
        _examples(ctx, raw, pointer),
        header_signature=(
            standard_webhooks.from_raw(raw["header_signature"])
            if raw.get("header_signature")
            else None
        ),
        event_header=raw.get("event_header"),
    )
    if sig and raw.get("header_signature"):
        ctx.error(
            child_pointer(pointer, "header_signature"),
            "a webhook is signed one way: `signature` (a body field) or `header_signature`",
            codes.BAD_WEBHOOK,
        )
    return result


def webhooks(ctx: BuildContext) -> tuple[Webhook, ...]:
    return tuple(webhook(ctx, name, raw) for name, raw in (ctx.raw.get("webhooks") or {}).items())


def check_webhooks(ctx: BuildContext, hooks: tuple[Webhook, ...]) -> None:
    """The event field and the signed fields are fields of the payload type."""
    for hook in hooks:
        typedef = ctx.types.types.get(hook.payload)
        if typedef is None:
            continue
        names = {f.wire_name for f in typedef.fields}
        wanted = [hook.event_field] if hook.event_field else []
        if hook.signature:
            wanted += [hook.signature.field, *hook.signature.message_fields]
        for name in wanted:
            if name not in names:
                ctx.error(
                    child_pointer("/webhooks", hook.name),
                    f"payload {hook.payload} has no field '{name}'",
                    codes.UNKNOWN_FIELD,
                )
