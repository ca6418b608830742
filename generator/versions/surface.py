"""A JSON snapshot of what a generated package promises: its public surface and wire contract.

`shipspec generate` records the snapshot beside the manifest, so the next
generation (and `shipspec diff`) can say what a spec edit changes without
the old spec. The snapshot is plain, sorted JSON taken from the frozen
model; every named node carries `at`, the JSON Pointer of its declaration
in the spec, which is where a change to it is reported. `at` and
`used_in` are bookkeeping, never compared as changes.

Examples, the mock's declarations and sandbox rules are recorded as digests:
they change what the package ships (tests, the mock) but nothing a caller
names, so any edit to them is one `fix`. So are words (descriptions,
summaries, sources, errata texts, and, digested where their node is made,
validation messages and enum meanings): a change to one is reported as
"<word> changed", which a digest tells as well as the text, and the record
stays small. What is written to disk is the compact form of this snapshot
(surface_store.py), read back into this full form before any comparison.
"""

from __future__ import annotations

import json
from typing import Any

from generator.spec.loader import child_pointer
from generator.spec.model import (
    Shape,
    Spec,
)
from generator.spec.reach import reached
from generator.versions.surface_nodes import (
    auth_node,
    digest,
    error_format_node,
    operation_node,
    paging_node,
    param_node,
    type_node,
    webhook_node,
)

# Raise when the snapshot's layout or its stored form changes; surface_formats.py
# reads the formats it can convert, and versioning.py rebases any older record.
FORMAT = 3
WORDS = frozenset({"description", "summary", "source", "says", "resolution", "where"})
# Mappings of names to values the package uses as they are: never words.
VALUE_MAPS = frozenset({"headers", "urls", "texts", "messages"})
REQUEST, RESPONSE = "request", "response"


def type_usage(spec: Spec) -> dict[str, set[str]]:
    """Which types travel in requests and which in responses (webhooks count as received)."""
    starts: dict[str, list[Shape | None]] = {
        REQUEST: [op.body for op in spec.operations],
        RESPONSE: [
            *(r.shape for op in spec.operations for r in op.responses),
            *(fmt.shape for fmt in spec.error_formats),
            *(Shape(kind="ref", ref=hook.payload) for hook in spec.webhooks),
        ],
    }
    known = {typedef.name: typedef for typedef in spec.types}
    usage: dict[str, set[str]] = {name: set() for name in known}
    for direction, shapes in starts.items():
        for name in reached(known, shapes):
            usage[name].add(direction)
    return usage


def surface(spec: Spec) -> dict[str, Any]:
    """The snapshot of one spec's package, as JSON gives it back (lists, text keys)."""
    snapshot: dict[str, Any] = _digest_words(canonical(_surface(spec)))
    return snapshot


def _digest_words(node: Any) -> Any:
    """`node` with each descriptive text replaced by its digest ("" stays "")."""
    if isinstance(node, dict):
        return {key: _digest_entry(key, value) for key, value in node.items()}
    if isinstance(node, list):
        return [_digest_words(item) for item in node]
    return node


def _digest_entry(key: str, value: Any) -> Any:
    if key in WORDS and isinstance(value, str) and value:
        return digest(value)
    return value if key in VALUE_MAPS else _digest_words(value)


def _surface(spec: Spec) -> dict[str, Any]:
    servers = dict(spec.servers)
    usage = type_usage(spec)
    return {
        "api": {
            "title": spec.title,
            "version": spec.version,
            "description": spec.description,
            "document": spec.document,
        },
        "servers": {
            "default": "live" if "live" in servers else next(iter(servers), ""),
            "urls": servers,
        },
        "headers": dict(spec.headers),
        "auth": auth_node(spec.auth),
        "client_params": {
            p.python_name: param_node(p, child_pointer("/client_params", p.key))
            for p in spec.client_params
        },
        "operations": {op.name: operation_node(op) for op in spec.operations},
        "types": {t.name: type_node(t, usage.get(t.name, ())) for t in spec.types},
        "webhooks": {hook.name: webhook_node(hook) for hook in spec.webhooks},
        "error_formats": {fmt.name: error_format_node(fmt) for fmt in spec.error_formats},
        "envelope": {
            **vars(spec.envelope),
            "ok": list(spec.envelope.ok),
            "failures": list(spec.envelope.failures),
        }
        if spec.envelope
        else None,
        "paging": paging_node(spec.paging),
        "errata": {
            erratum.id: {
                "at": f"/errata/{index}",
                "where": erratum.where,
                "says": erratum.says,
                "resolution": erratum.resolution,
            }
            for index, erratum in enumerate(spec.errata)
        },
        "mock": digest([spec.mock.declared, [rule.declared for rule in spec.sandbox]]),
    }


def canonical(value: Any) -> Any:
    """The value as JSON would give it back (tuples become lists), for comparing."""
    return json.loads(json.dumps(value, sort_keys=True, ensure_ascii=False))
