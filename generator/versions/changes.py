"""Compare two surface snapshots and classify every change: breaking, feature or fix.

The rules (documented with examples in specs/README.md, "Changes and
versions"): removing or renaming anything a caller names or the wire
carries is breaking, and so is anything that can make the new package
refuse a call the old one made, or hand back a value code did not expect
(a changed type, auth scheme, method or path). Adding is a feature, and so
is relaxing a rule. Words (descriptions, sources, examples, errata, the
mock's declarations) are fixes. Where the effect cannot be judged (a new
pattern, a changed default) the cautious class is chosen.
"""

from __future__ import annotations

from typing import Any

from generator.concepts import multipart
from generator.spec.loader import child_pointer
from generator.versions.change_record import (
    BREAKING,
    FEATURE,
    FIX,
    LEVELS,
    RANK,
    Change,
    Node,
    Recorder,
    shown,
    worst,
)
from generator.versions.change_shapes import RECEIVED, SENT, ShapeComparer

__all__ = ["BREAKING", "FEATURE", "FIX", "LEVELS", "RANK", "Change", "compare", "worst"]


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Every change from the `old` surface to the `new` one, in a stable order."""
    record = Recorder()
    events = {
        (hook["payload"], hook["event_field"]): name
        for name, hook in new["webhooks"].items()
        if hook.get("event_field")
    }
    shapes = ShapeComparer(record, events)
    _provider(record, old, new)
    _auth(record, old["auth"], new["auth"])
    shapes.params(old["client_params"], new["client_params"], "/client_params", "client")
    _operations(record, shapes, old["operations"], new["operations"])
    shapes.types(old["types"], new["types"])
    _webhooks(record, old["webhooks"], new["webhooks"])
    _error_formats(record, shapes, old["error_formats"], new["error_formats"])
    unique = dict.fromkeys(record.changes)  # a change found twice is listed once
    return sorted(unique, key=lambda c: (-RANK[c.level], c.pointer, c.message))


def _provider(record: Recorder, old: Node, new: Node) -> None:
    record.wording(old["api"], new["api"], "/title", "API", ("title", "description", "document"))
    if old["api"]["version"] != new["api"]["version"]:
        before, after = old["api"]["version"], new["api"]["version"]
        record.add(FIX, "/version", f"API document version {before} -> {after}")
    _servers(record, old["servers"], new["servers"])
    _headers(record, old["headers"], new["headers"])
    _envelope(record, old["envelope"], new["envelope"])
    if record.optional_part(
        old["paging"],
        new["paging"],
        "/paging",
        "paging",
        gained="a paging convention is declared",
        lost="the paging convention was removed",
        level=BREAKING,
    ):
        record.changed(BREAKING, old["paging"], new["paging"], "/paging", "paging", _words(new))
    _errata(record, old["errata"], new["errata"])
    if old["mock"] != new["mock"]:
        record.add(FIX, "/mock", "the provider mock's declarations or sandbox rules changed")


def _words(*nodes: Node | None) -> tuple[str, ...]:
    return tuple(sorted({word for node in nodes if node for word in node} - {"at"}))


def _servers(record: Recorder, old: Node, new: Node) -> None:
    at = "/servers"
    for name, url in old["urls"].items():
        if name not in new["urls"]:
            record.add(BREAKING, at, f"server {name} removed")
        elif new["urls"][name] != url:
            record.add(FIX, child_pointer(at, name), f"server {name} moved to {new['urls'][name]}")
    for name in new["urls"]:
        if name not in old["urls"]:
            record.add(FEATURE, child_pointer(at, name), f"new server {name}")
    record.changed(BREAKING, old, new, at, "servers", ("default",))


def _headers(record: Recorder, old: dict[str, str], new: dict[str, str]) -> None:
    for name, value in old.items():
        if name not in new:
            record.add(BREAKING, "/headers", f"header {name} no longer sent")
        elif new[name] != value:
            message = f"header {name} now sent as {shown(new[name])} (was {shown(value)})"
            record.add(BREAKING, child_pointer("/headers", name), message)
    for name, value in new.items():
        if name not in old:
            message = f"header {name}: {shown(value)} now sent on every request"
            record.add(FEATURE, child_pointer("/headers", name), message)


def _envelope(record: Recorder, old: Node | None, new: Node | None) -> None:
    """Gaining or losing an envelope changes the shape of every response."""
    if old is None or new is None:
        if old != new:
            now = "now wrapped in an envelope" if new else "no longer wrapped in an envelope"
            record.add(BREAKING, "/envelope" if new else "/", f"responses: {now}")
        return
    words = ("status_field", "message_field", "result_field")
    record.changed(BREAKING, old, new, "/envelope", "envelope", words)
    for value in old["ok"]:
        if value not in new["ok"]:
            record.add(BREAKING, "/envelope/ok", f"envelope: status {shown(value)} no longer ok")
    for value in new["ok"]:
        if value not in old["ok"]:
            record.add(FEATURE, "/envelope/ok", f"envelope: status {shown(value)} now ok")
    record.changed(FIX, old, new, "/envelope", "envelope", ("failures",))


def _errata(record: Recorder, old: dict[str, Node], new: dict[str, Node]) -> None:
    for name in old:
        if name not in new:
            record.add(FIX, "/errata", f"erratum {name} removed")
    for name, node in new.items():
        if name not in old:
            record.add(FIX, node["at"], f"new erratum {name}")
        elif {**old[name], "at": ""} != {**node, "at": ""}:
            record.add(FIX, node["at"], f"erratum {name} changed")


def _auth(record: Recorder, old: Node, new: Node) -> None:
    at = "/auth"
    if old["scheme"] != new["scheme"]:
        message = f"auth scheme changed from {old['scheme']} to {new['scheme']}"
        record.add(BREAKING, child_pointer(at, "scheme"), message)
        return
    wiring = ("operation", "token_field", "expires_at", "expires_at_format", "expires_in")
    record.changed(BREAKING, old, new, at, "auth", (*wiring, "headers", "cookie"))
    record.wording(old, new, at, "auth", ("description",))

    def added(name: str, node: Node) -> tuple[str, str]:
        return BREAKING, f"auth: new credential {name} (a new client argument)"

    def both(name: str, before: Node, after: Node) -> None:
        subject = f"auth: credential {name}"
        record.changed(BREAKING, before, after, after["at"], subject, ("field",))
        record.changed(FIX, before, after, after["at"], subject, ("secret",))
        record.wording(before, after, after["at"], subject, ("description",))

    record.named(
        old["credentials"],
        new["credentials"],
        label=lambda name: f"auth: credential {name}",
        parent=child_pointer(at, "credentials"),
        both=both,
        added=added,
    )


def _operations(
    record: Recorder, shapes: ShapeComparer, old: dict[str, Node], new: dict[str, Node]
) -> None:
    def both(name: str, before: Node, after: Node) -> None:
        _operation(record, shapes, name, before, after)

    record.named(old, new, label=lambda name: f"operation {name}", parent="/operations", both=both)


def _operation(record: Recorder, shapes: ShapeComparer, name: str, old: Node, new: Node) -> None:
    at, subject = new["at"], f"operation {name}"
    if (old["method"], old["path"]) != (new["method"], new["path"]):
        was = f"{old['method']} {old['path']}"
        message = f"{subject}: now {new['method']} {new['path']} (was {was})"
        record.add(BREAKING, child_pointer(at, "path"), message)
    if old["auth"] != new["auth"]:
        level, now = (BREAKING, "sends credentials") if new["auth"] else (FEATURE, "needs no auth")
        record.add(level, at, f"{subject}: now {now}")
    shapes.params(old["params"], new["params"], child_pointer(at, "params"), subject)
    _at_least_one(record, old, new, at, subject)
    here = child_pointer(at, "body")
    if old["body"] is None or new["body"] is None:
        if old["body"] != new["body"]:
            had = "takes a request body" if new["body"] else "no longer takes a request body"
            record.add(BREAKING, here if new["body"] else at, f"{subject}: now {had}")
    else:
        shapes.shape(old["body"], new["body"], SENT, here, f"{subject}: request body")
    record.changed(BREAKING, old, new, at, subject, ("body_encoding", "enveloped"))
    for level, message in multipart.file_changes(old.get("files"), new.get("files")):
        record.add(level, child_pointer(at, "files"), f"{subject}: {message}")
    _responses(record, shapes, old["responses"], new["responses"], at, subject)
    record.changed(FIX, old, new, at, subject, ("errors", "idempotent", "cache_ttl"))
    _deprecation(record, old["deprecated"], new["deprecated"], at, subject)
    if record.optional_part(
        old["paging"],
        new["paging"],
        child_pointer(at, "paging"),
        subject,
        gained="now pages (an iterator over every page)",
        lost="no longer pages",
        level=BREAKING,
    ):
        words = _words(old["paging"], new["paging"])
        record.changed(BREAKING, old["paging"], new["paging"], at, f"{subject} paging", words)
    record.wording(old, new, at, subject, ("summary", "description", "source", "examples"))
    if old["mock"] != new["mock"]:
        record.add(FIX, at, f"{subject}: the provider mock's declaration changed")
    # where a batch answer lists refused items: partial_failures() reads it
    record.changed(BREAKING, old, new, at, subject, ("batch",))


def _at_least_one(record: Recorder, old: Node, new: Node, at: str, subject: str) -> None:
    before, after = old["params_at_least_one_of"], new["params_at_least_one_of"]
    if sorted(before) == sorted(after):
        return
    if not after:
        record.add(FEATURE, at, f"{subject}: no longer needs one of {', '.join(before)}")
        return
    record.add(BREAKING, at, f"{subject}: now needs at least one of {', '.join(after)}")


def _responses(
    record: Recorder,
    shapes: ShapeComparer,
    old: dict[str, Node],
    new: dict[str, Node],
    at: str,
    subject: str,
) -> None:
    for status in old:
        if status not in new:
            message = f"{subject}: response {status} removed"
            record.add(BREAKING, child_pointer(at, "responses"), message)
    for status, node in new.items():
        if status not in old:
            record.add(FEATURE, node["at"], f"{subject}: new response {status}")
            continue
        before, label = old[status], f"{subject}: response {status}"
        record.changed(BREAKING, before, node, node["at"], label, ("encoding",))
        shapes.shape(before["shape"], node["shape"], RECEIVED, node["at"], label)
        record.wording(before, node, node["at"], label, ("description", "warning"))


def _deprecation(
    record: Recorder, old: Node | None, new: Node | None, at: str, subject: str
) -> None:
    if old == new:
        return
    here = child_pointer(at, "deprecated")
    if new is None:
        record.add(FEATURE, at, f"{subject}: no longer deprecated")
    elif old is None:
        record.add(FEATURE, here, f"{subject}: deprecated (use {new['replacement']})")
    else:
        record.add(FIX, here, f"{subject}: deprecation note changed")


def _webhooks(record: Recorder, old: dict[str, Node], new: dict[str, Node]) -> None:
    def both(name: str, before: Node, after: Node) -> None:
        at, subject = after["at"], f"webhook {name}"
        words = ("payload", "event_field", "signature")
        record.changed(BREAKING, before, after, at, subject, words)
        record.wording(before, after, at, subject, ("description", "source", "examples"))

    record.named(old, new, label=lambda name: f"webhook {name}", parent="/webhooks", both=both)


def _error_formats(
    record: Recorder, shapes: ShapeComparer, old: dict[str, Node], new: dict[str, Node]
) -> None:
    def both(name: str, before: Node, after: Node) -> None:
        at, subject = after["at"], f"error format {name}"
        shapes.shape(before["shape"], after["shape"], RECEIVED, at, subject)
        words = (
            "text",
            "message_field",
            "messages_field",
            "item_message",
            "item_pointer",
            "field_messages",
        )
        record.changed(FIX, before, after, at, subject, (*words, "texts"))
        record.wording(before, after, at, subject, ("description", "example"))

    record.named(
        old, new, label=lambda name: f"error format {name}", parent="/error_formats", both=both
    )
