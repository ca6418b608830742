"""Read a recorded surface in any format this generator understands, as today's full snapshot.

FORMAT 3 (surface.py) is stored compactly (surface_store.py). FORMAT 2, its
predecessor, stored the full snapshot with 16-hex digests and texts of up
to 40 characters in the clear: its digests are the first 64 bits of the
same SHA-256, so they convert to today's shorter ones, and its clear words
are digested now; nothing else differs. So a package generated before the
change is compared with its spec as usual, and one that was not edited
moves neither version nor changelog. Anything older is not read here:
versioning.py rebases it (keeps its version and changelog, reports nothing).
"""

from __future__ import annotations

import re
from typing import Any

from generator.versions.surface import FORMAT, VALUE_MAPS, WORDS
from generator.versions.surface_nodes import digest, digest_of_sha
from generator.versions.surface_store import unpack

_HEX16 = re.compile(r"[0-9a-f]{16}")  # a digest; a word's digest was "#" and one
_DIGESTS = frozenset({"examples", "mock", "example"})  # always digests, never words


def full_surface(format_: int, stored: dict[str, Any]) -> dict[str, Any] | None:
    """The full snapshot a record holds; None for a format too old to compare."""
    if format_ == FORMAT:
        return unpack(stored)
    if format_ == 2:
        converted: dict[str, Any] = _from_format_2(stored)
        return converted
    return None


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
