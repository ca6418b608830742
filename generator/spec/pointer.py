"""JSON Pointers (RFC 6901), the generator's one implementation.

Every location the generator reports or edits is a JSON Pointer: spec
diagnostics, payload problems, the places a test case breaks. Escaping
(`~` -> `~0`, `/` -> `~1`, in that order) and its reverse live only here, so
a field named `a/b` is the same place for every stage. The generated
packages carry their own copy (templates/_pointer.py.jinja).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any


def escape(token: str | int) -> str:
    """One reference token, escaped for a pointer."""
    return str(token).replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    """One escaped token, back to the key it names (`~1` first, as RFC 6901 says)."""
    return token.replace("~1", "/").replace("~0", "~")


def join(pointer: str, token: str | int) -> str:
    """The pointer one step below `pointer`."""
    return f"{pointer}/{escape(token)}"


def from_tokens(tokens: Iterable[str | int]) -> str:
    """The pointer of a path of keys and indexes ("" for the whole document)."""
    return "".join("/" + escape(token) for token in tokens)


def parse(pointer: str) -> list[str]:
    """The unescaped keys of a pointer ("" and "/" alone are the whole document)."""
    return [unescape(token) for token in pointer.split("/")[1:] if token != ""]


def prefixes(pointer: str) -> list[str]:
    """The pointer and every pointer above it, the root ("") last."""
    tokens = pointer.split("/")
    return ["/".join(tokens[:end]) for end in range(len(tokens), 0, -1)]


def step(document: Any, token: str) -> Any:
    """One step down: an index into a list, a key into a mapping."""
    return document[int(token)] if isinstance(document, list) else document[token]


def get(document: Any, pointer: str) -> Any:
    """The value at `pointer` (KeyError, IndexError or ValueError if absent)."""
    for token in parse(pointer):
        document = step(document, token)
    return document


def with_value(document: Any, pointer: str, value: Any) -> Any:
    """`document` with the value at `pointer` replaced (a new document, see set_tokens)."""
    return set_tokens(document, parse(pointer), value)


def _shallow(container: Any) -> Any:
    return list(container) if isinstance(container, list) else dict(container)


def _edit_path(document: Any, tokens: list[str]) -> tuple[Any, Any]:
    """A new root whose containers down to the parent of `tokens[-1]` are fresh copies.

    Everything off that path is shared with `document`, not copied: a test
    case breaks one field of an example, and copying the whole example for
    each of hundreds of cases was a cold build's largest cost in test data.
    Neither `document` nor any result may be edited in place afterwards
    (nothing does: cases are only read, diffed and written out).
    """
    root = _shallow(document)
    parent = root
    for token in tokens[:-1]:
        key: str | int = int(token) if isinstance(parent, list) else token
        parent[key] = _shallow(parent[key])
        parent = parent[key]
    return root, parent


def set_tokens(document: Any, tokens: list[str], value: Any) -> Any:
    """`document` with the value at the path `tokens` replaced; `document` is unchanged.

    Only the containers on the path are copied; the rest (and `value`) is
    shared with the arguments (see _edit_path).
    """
    if not tokens:
        return copy.deepcopy(value)
    result, target = _edit_path(document, tokens)
    if isinstance(target, list):
        target[int(tokens[-1])] = value
    else:
        target[tokens[-1]] = value
    return result


def delete_tokens(document: Any, tokens: list[str]) -> Any:
    """`document` without the value at the path `tokens`; `document` is unchanged.

    Shares what is off the path with `document`, as set_tokens does.
    """
    result, target = _edit_path(document, tokens)
    del target[int(tokens[-1]) if isinstance(target, list) else tokens[-1]]
    return result
