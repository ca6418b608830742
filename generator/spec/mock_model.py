"""The typed mock and sandbox declarations, parsed once in build.

A spec's `mock:` (how the provider mock rejects requests), each operation's
`mock:` (what the mock keeps in memory) and `sandbox:` (the provider's test
behaviours) are read here, once, into frozen dataclasses. The generator's
stages read the typed fields only. Each declaration also keeps `declared`:
the declaration as written, which goes unread into mock.json for the
generated mock (testing.py) to interpret and into the surface fingerprint;
no stage looks into it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from generator.spec.kinds import narrow

MockAction = Literal["create", "read", "list", "update", "mark", "delete", "batch", "answer"]
RejectionKind = Literal["validation", "auth", "not_found", "conflict"]
REJECTION_KINDS: tuple[RejectionKind, ...] = ("validation", "auth", "not_found", "conflict")


@dataclass(frozen=True)
class MockRejection:
    """How the mock answers one kind of rejected request."""

    status: int
    format: str
    body: Any = None  # fixed parts of the body (an object, or text for a text format)


@dataclass(frozen=True)
class MockProvider:
    """The spec-level `mock:`: the provider mock's rejections and documented values."""

    rejections: tuple[tuple[RejectionKind, MockRejection], ...] = ()
    unreadable: str = "invalid JSON"
    token_ttl_seconds: int = 3600
    documented_cookie: str | None = None
    path_mismatch: str | None = None
    documented_credentials: tuple[tuple[str, str], ...] = ()
    declared: Mapping[str, Any] | None = None  # as written: the surface fingerprint only

    def rejection(self, kind: RejectionKind) -> MockRejection | None:
        return dict(self.rejections).get(kind)


@dataclass(frozen=True)
class MockLookup:
    """Item fields from the provider's catalogue: an operation's documented answer, by key."""

    operation: str
    items: str
    key: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class MockWebhook:
    """The webhook a create delivers, and the event type it names."""

    name: str
    event: str | None = None


@dataclass(frozen=True)
class MockOperation:
    """An operation's `mock:`: the store it works on and how."""

    store: str
    action: MockAction
    key: str = ""  # JSON Pointer of the entity's id within the entity
    param: str | None = None  # the parameter naming the entity (default: last path parameter)
    version_param: str | None = None
    version: str = "/version"  # update: JSON Pointer of the entity's version
    entity: str | None = None
    items: str = ""  # list: JSON Pointer of the item array in the answer
    ids: str = ""  # mark: JSON Pointer of the id list in the request body
    seed: bool = False
    filters: tuple[tuple[str, str], ...] = ()  # parameter key -> entity field pointer
    ranges: tuple[tuple[str, Mapping[str, Any]], ...] = ()  # parameter key -> {field, side}
    lookup: MockLookup | None = None
    webhook: MockWebhook | None = None
    newest_first: bool = False  # list: `sort: {descending: true}`
    declared: Mapping[str, Any] | None = None  # as written: mock.json and the fingerprint only


@dataclass(frozen=True)
class SandboxRule:
    """One sandbox behaviour: a request that triggers an answer, or a progression."""

    source: str
    description: str
    operation: str | None = None
    when_pointer: str | None = None  # JSON Pointer into the request body ("*": any item)
    trigger: Any = None  # a value that sets the rule off (equals / contains / minimum)
    then: Mapping[str, Any] | None = None
    respond: int | None = None
    field: str = "/status"  # progressions: the entity field that progresses
    every_seconds: int | None = None
    sequence: tuple[str, ...] = ()
    declared: Mapping[str, Any] | None = None  # as written: mock.json and the fingerprint only


def mock_provider(declared: Mapping[str, Any] | None) -> MockProvider:
    """The spec-level `mock:` (meta-schema checked) as a MockProvider."""
    raw = declared or {}
    rejections = tuple(  # in the spec's order, which mock.json keeps
        (
            narrow(RejectionKind, kind),
            MockRejection(int(r["status"]), str(r["format"]), r.get("body")),
        )
        for kind, r in raw.items()
        if kind in REJECTION_KINDS and isinstance(r, Mapping) and "format" in r
    )
    return MockProvider(
        rejections=rejections,
        unreadable=str(raw.get("unreadable", "invalid JSON")),
        token_ttl_seconds=int(raw.get("token_ttl_seconds", 3600)),
        documented_cookie=raw.get("documented_cookie"),
        path_mismatch=raw.get("path_mismatch"),
        documented_credentials=tuple(
            (str(k), str(v)) for k, v in (raw.get("documented_credentials") or {}).items()
        ),
        declared=None if declared is None else dict(declared),
    )


def mock_operation(raw: Mapping[str, Any] | None) -> MockOperation | None:
    """An operation's `mock:` (meta-schema checked) as a MockOperation."""
    if not raw:
        return None
    lookup = (raw.get("totals") or {}).get("lookup")
    hook = raw.get("webhook")
    return MockOperation(
        store=str(raw["store"]),
        action=narrow(MockAction, raw["action"]),
        key=str(raw.get("key", "")),
        param=raw.get("param"),
        version_param=raw.get("version_param"),
        version=str(raw.get("version", "/version")),
        entity=raw.get("entity"),
        items=str(raw.get("items", "")),
        ids=str(raw.get("ids", "")),
        seed=bool(raw.get("seed", False)),
        filters=tuple((str(k), str(v)) for k, v in (raw.get("filters") or {}).items()),
        ranges=tuple((str(k), dict(v)) for k, v in (raw.get("ranges") or {}).items()),
        lookup=None
        if not lookup
        else MockLookup(
            lookup["operation"], lookup["items"], lookup["key"], tuple(lookup["fields"])
        ),
        webhook=None if not hook else MockWebhook(str(hook["name"]), hook.get("event")),
        newest_first=bool((raw.get("sort") or {}).get("descending", False)),
        declared=dict(raw),
    )


def sandbox_rule(raw: Mapping[str, Any]) -> SandboxRule:
    """One `sandbox:` entry (meta-schema checked) as a SandboxRule."""
    when = raw.get("when") or {}
    trigger = next((when[w] for w in ("equals", "contains", "minimum") if w in when), None)
    return SandboxRule(
        source=str(raw.get("source", "")),
        description=str(raw.get("description", "")),
        operation=raw.get("operation"),
        when_pointer=when.get("pointer"),
        trigger=trigger,
        then=raw.get("then"),
        respond=raw.get("respond"),
        field=str(raw.get("field", "/status")),
        every_seconds=raw.get("every_seconds"),
        sequence=tuple(raw.get("sequence") or ()),
        declared=dict(raw),
    )
