"""JSON Pointers (RFC 6901): the one implementation the package's modules share.

Every problem this package reports names its place as a JSON Pointer;
escaping (`~` -> `~0`, `/` -> `~1`) and reading a value at a pointer live here
only, so a field named `a/b` is the same place everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def escape(token: str) -> str:
    """One key, escaped as a pointer's reference token."""
    return token.replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    """One reference token, back to the key it names."""
    return token.replace("~1", "/").replace("~0", "~")


def tokens(pointer: str) -> list[str]:
    """The unescaped keys of a pointer ("" is the whole document)."""
    return [unescape(t) for t in pointer.split("/") if t]


def from_tokens(steps: Iterable[str]) -> str:
    """The pointer of a path of keys."""
    return "".join("/" + escape(step) for step in steps)


def at(document: Any, pointer: str) -> Any:
    """The value at `pointer`, or None where the document has no such place."""
    for token in tokens(pointer):
        if isinstance(document, list) and token.isdigit() and int(token) < len(document):
            document = document[int(token)]
        elif isinstance(document, dict):
            document = document.get(token)
        else:
            return None
    return document
