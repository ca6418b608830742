"""Where each part of a spec comes from: every `source`, by the JSON Pointer of its object.

A spec cites the provider document section each part was written from
(`source: Orders / Create an Order`). Operations, webhooks and the security
scheme also show theirs in descriptions; the OpenAPI export carries them
all in `x-shipspec-sources`, pointer -> section, so that any construct of the
spec (a paging convention, an envelope, an error format, a cache hint, a
sandbox rule, one field or rule of a type) can be traced to the words it was
taken from, by people and by tools reading the export.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.spec.loader import child_pointer

EXTENSION = "x-shipspec-sources"
# Values that are the provider's data, not spec words: a `source` key there is a field name.
_DATA = {
    *("examples", "curls", "mock", "then", "when", "const", "default", "enum"),
    *("servers", "headers", "header", "query", "statuses", "texts", "messages"),
}


# Mappings whose keys are the spec's own names (a field, a parameter, a type): a name
# there is walked whatever it is, so a field called `messages` or `examples` is cited.
_NAMES = {
    *("types", "operations", "webhooks", "error_formats", "client_params"),
    *("fields", "params", "files", "credentials", "server_variables"),
}


def _walk(node: Any, pointer: str, names: bool = False) -> Iterator[tuple[str, str]]:
    """`names`: `node`'s keys are names the spec gives, not words of the language."""
    if isinstance(node, dict):
        source = node.get("source")
        if isinstance(source, str) and source.strip() and not names:
            yield pointer, source.strip()
        for key, child in node.items():
            if names or key not in _DATA:  # a field named `source` is walked like any other
                holds_names = not names and key in _NAMES
                yield from _walk(child, child_pointer(pointer, str(key)), holds_names)
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _walk(child, child_pointer(pointer, str(index)))


def citations(raw: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """(JSON Pointer, document section) for every object of the spec that cites one, in order."""
    return tuple(_walk(raw, ""))


def openapi_extension(found: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """The `x-shipspec-sources` value: pointer -> section, in the spec's order."""
    return dict(found)
