"""Array query parameters: `ids=1,2` (comma) or `ids=1&ids=2` (repeated).

A parameter `type: array` with primitive `items` (and their constraints)
is sent in the `style` the document shows: `comma` (one value, items joined
by ",", OpenAPI `style: form, explode: false`) or `repeated` (the name once
per item, OpenAPI `explode: true`). Only query parameters may be arrays: a
path or header list has no single convention, so the loader refuses it.
Validation checks the list and each item at `/<name>/<index>`; the mock
reads the list back the same way (and a `filters` entry matches any of its
items); the runtime halves live in the package's `_core.py` (`_query_items`)
and `testing.py` (`_query_list`).
"""

from __future__ import annotations

from typing import Any

STYLES = ("comma", "repeated")
PRIMITIVES = ("string", "integer", "number", "boolean")


def problems(raw: dict[str, Any]) -> list[tuple[str, str]]:
    """(spec word, message) for each reason this array parameter cannot be sent."""
    found = []
    if raw.get("in") != "query":
        found.append(("in", "only a query parameter can be an array (`type: array`)"))
    items = raw.get("items")
    kind = items.get("type") if isinstance(items, dict) else items
    if kind not in PRIMITIVES:
        found.append(("items", "an array parameter needs `items` of a primitive type"))
    return found


def wire_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def query_pairs(name: str, style: str, values: list[Any]) -> list[tuple[str, str]]:
    """The query pairs of one array parameter (for test data; the client has its own copy)."""
    if style == "repeated":
        return [(name, wire_text(v)) for v in values]
    return [(name, ",".join(wire_text(v) for v in values))]


def openapi_words(style: str) -> dict[str, Any]:
    return {"style": "form", "explode": style == "repeated"}
