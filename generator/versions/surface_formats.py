"""Read a recorded surface in any format this generator understands, as today's full snapshot.

FORMAT 3 (surface.py) is stored compactly (surface_store.py). FORMAT 2, its
predecessor, stored the full snapshot with 16-hex digests, and words of up
to 40 characters, validation messages and enum meanings in the clear: its
digests are the first 64 bits of the same SHA-256, so they convert to
today's shorter ones, and its clear texts are digested now; nothing else
differs. So a package generated before the change is compared with its spec
as usual, and one that was not edited moves neither version nor changelog.
Anything older is not read here: versioning.py rebases it (keeps its version
and changelog, reports nothing).
"""

from __future__ import annotations

import re
from typing import Any

from generator.versions.surface import FORMAT, VALUE_MAPS, WORDS
from generator.versions.surface_nodes import digest, digest_of_sha, said
from generator.versions.surface_store import unpack

_HEX16 = re.compile(r"[0-9a-f]{16}")  # a digest; a word's digest was "#" and one
_DIGESTS = frozenset({"examples", "mock", "example"})  # always digests, never words


def full_surface(format_: int, stored: dict[str, Any]) -> dict[str, Any] | None:
    """The full snapshot a record holds; None for a format too old to compare."""
    if format_ == FORMAT:
        return unpack(stored)
    if format_ == 2:
        converted: dict[str, Any] = _from_format_2(stored)
        _said_from_format_2(converted)
        return converted
    return None


def _said_from_format_2(surface: dict[str, Any]) -> None:
    """Messages and enum meanings, which FORMAT 2 kept in the clear, as digests (in place)."""
    shapes = [fmt["shape"] for fmt in surface["error_formats"].values()]
    params = list(surface["client_params"].values())
    for op in surface["operations"].values():
        shapes += [op["body"], *(r["shape"] for r in op["responses"].values())]
        params += op["params"].values()
    shapes += [param["shape"] for param in params]
    for typedef in surface["types"].values():
        shapes += [item["shape"] for item in typedef["fields"].values()]
        for rule in typedef["rules"]:
            for word in ("message", "messages"):
                if word in rule:
                    rule[word] = said(rule[word])
    while shapes:
        shape = shapes.pop()
        if isinstance(shape, dict):
            if "messages" in shape:
                shape["messages"] = said(shape["messages"])
            if "enum" in shape:
                shape["enum"] = [[value, said(meaning)] for value, meaning in shape["enum"]]
            shapes += [shape.get("items"), shape.get("values")]


def _from_format_2(node: Any) -> Any:
    if isinstance(node, dict):
        return {key: _entry_from_format_2(key, value) for key, value in node.items()}
    if isinstance(node, list):
        return [_from_format_2(item) for item in node]
    return node


def _entry_from_format_2(key: str, value: Any) -> Any:
    if key in _DIGESTS and isinstance(value, str) and _HEX16.fullmatch(value):
        return digest_of_sha(bytes.fromhex(value))
    if key in WORDS and isinstance(value, str):
        if value.startswith("#") and _HEX16.fullmatch(value[1:]):
            return digest_of_sha(bytes.fromhex(value[1:]))
        return digest(value) if value else value
    return value if key in VALUE_MAPS else _from_format_2(value)
