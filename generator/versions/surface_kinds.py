"""The kinds of node in a surface snapshot, and what of each the stored form leaves out.

surface_store.py walks a snapshot by these descriptions. Every rule here is
part of the record's FORMAT (surface.py): the snake_case below is this
module's own, not the generator's naming, so a record reads the same
whatever a later generator names things. Changing a rule (a default, a
short word, a derivation) means raising FORMAT.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.versions.surface_nodes import digest

SHAPE = "shape"


@dataclass(frozen=True)
class Kind:
    """How one kind of snapshot node is stored."""

    defaults: Mapping[str, Any] = field(default_factory=dict)
    entries: Mapping[str, str] = field(default_factory=dict)  # word -> kind of each entry
    nodes: Mapping[str, str] = field(default_factory=dict)  # word -> kind of that one node
    placed_by: str | None = "key"  # what names the node in its `at`; None: `at` is kept
    same_as_key: tuple[str, ...] = ()
    snake_of_key: tuple[str, ...] = ()
    own: frozenset[str] = frozenset()  # the node's own words, when its shape is written inline
    bare: str | None = None  # a node holding only this word is written as its value
    row: tuple[str, ...] = ()  # a node holding exactly these words is written as their list


_NO_EXAMPLES, _NO_MOCK = digest([]), digest(None)
_FIELD_WORDS = frozenset({"at", "python_name", "required"})
_PARAM_WORDS = frozenset(
    {"at", "wire_name", "python_name", "in", "required", "default", "required_when", "list"}
)

KINDS: dict[str, Kind] = {
    "surface": Kind(
        entries={
            "client_params": "param",
            "operations": "operation",
            "types": "type",
            "webhooks": "webhook",
            "error_formats": "error_format",
            "errata": "erratum",
        },
        nodes={"auth": "auth"},
        placed_by=None,
    ),
    "auth": Kind(
        defaults={
            "operation": None,
            "token_field": None,
            "expires_at": None,
            "expires_at_format": None,
            "expires_in": None,
            "headers": {},
            "cookie": None,
            "description": "",
        },
        entries={"credentials": "credential"},
    ),
    "credential": Kind(defaults={"secret": False, "description": ""}),
    "param": Kind(
        defaults={"in": "query", "required": False, "default": None},
        nodes={SHAPE: SHAPE},
        placed_by="wire_name",
        same_as_key=("python_name", "wire_name"),
        own=_PARAM_WORDS,
    ),
    "operation": Kind(
        defaults={
            "source": "",
            "summary": "",
            "description": "",
            "auth": True,
            "params": {},
            "params_at_least_one_of": [],
            "body": None,
            "body_encoding": "json",
            "errors": {},
            "idempotent": False,
            "deprecated": None,
            "enveloped": False,
            "cache_ttl": None,
            "paging": None,
            "examples": _NO_EXAMPLES,
            "mock": _NO_MOCK,
        },
        entries={"params": "param", "responses": "response"},
        nodes={"body": SHAPE},
    ),
    "response": Kind(
        defaults={"encoding": "json", "description": "", "warning": None},
        nodes={SHAPE: SHAPE},
    ),
    "type": Kind(
        defaults={
            "source": "",
            "description": "",
            "additional": False,
            "one_of": [],
            "discriminator": None,
            "rules": [],
        },
        entries={"fields": "field"},
    ),
    "field": Kind(
        defaults={"required": False},
        nodes={SHAPE: SHAPE},
        snake_of_key=("python_name",),
        own=_FIELD_WORDS,
        bare="description",
    ),
    "webhook": Kind(
        defaults={
            "source": "",
            "description": "",
            "event_field": None,
            "signature": None,
            "examples": _NO_EXAMPLES,
        },
    ),
    "error_format": Kind(
        defaults={
            "text": False,
            "message_field": None,
            "messages_field": None,
            "item_message": None,
            "item_pointer": None,
            "texts": {},
            "description": "",
            "example": _NO_MOCK,
        },
        nodes={SHAPE: SHAPE},
    ),
    "erratum": Kind(placed_by=None, row=("at", "where", "says", "resolution")),
}
# Words a node's place or key gives (restored before any default): never defaulted.
DERIVED = frozenset({"at", "python_name", "wire_name"})

# The most frequent words, shortened in the stored form (each short name is
# none of the words a stored node or shape uses).
SHORT = {
    "additional": "a",
    "description": "d",
    "examples": "x",
    "fields": "f",
    "format": "fm",
    "idempotent": "i",
    "items": "it",
    "kind": "k",
    "nullable": "n",
    "python_name": "py",
    "required": "r",
    "responses": "rs",
    "source": "s",
    "summary": "sm",
    "used_in": "u",
    "wire_name": "w",
}
LONG = {short: word for word, short in SHORT.items()}

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NON_WORD = re.compile(r"[^0-9a-zA-Z]+")


def snake(name: str) -> str:
    """`PurchaseOrderNumber` -> `purchase_order_number`: part of FORMAT, never to change."""
    words = [w for w in _NON_WORD.split(_CAMEL_BOUNDARY.sub("_", name)) if w]
    result = "_".join(w.lower() for w in words) or "value"
    return f"n_{result}" if result[0].isdigit() else result
