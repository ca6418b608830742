"""The stored form of a surface snapshot: the full snapshot less what reading it restores.

surface.py builds the full snapshot that changes.py compares; `pack` writes
it compactly into `.shipspec-surface.json` and `unpack` gives back exactly
that full form (tests/test_surface_store.py round-trips every spec; `pack`
itself refuses a snapshot that would not read back the same). Left out
when stored, and restored on reading (the kinds of node: surface_kinds.py):

- `at`, when it is the pointer the node's place gives: `/operations/<name>`,
  `<operation>/params/<wire name>`, `<type>/fields/<name>`, ... (a hoisted
  type and an erratum keep theirs);
- `python_name` when it is the entry's key (parameters) or its snake_case
  (fields), and `wire_name` when it is the key;
- words at their default: a fixed one per kind (null, "", [], {}, false,
  `json`, the digests of "no examples" and "no mock declaration"), or the
  record's own, written once under `defaults`: for each kind of node, a
  word's most frequent value when every node of that kind has the word (so
  a provider whose operations all answer errors alike writes that once);
- a shape's `kind` when it is `string`, or `ref` beside a `ref`.

Besides, a field's or parameter's `shape` is written inside the node, a
field that is nothing but its description as that digest, an erratum as
the row of its four words, and the most frequent words by short names
(`SHORT`).
"""

from __future__ import annotations

import copy
import json
from collections import Counter
from typing import Any

from generator.spec.loader import child_pointer
from generator.versions.surface_kinds import DERIVED, KINDS, LONG, SHAPE, SHORT, Kind, snake

Node = dict[str, Any]
Defaults = dict[str, dict[str, Any]]  # kind -> word -> value
RECORD_DEFAULTS = "defaults"  # the stored root's word for the record's own defaults


def pack(surface: Node) -> Node:
    """The stored form of a full snapshot; ValueError if it would not read back the same."""
    defaults = _record_defaults(surface)
    stored: Node = _Codec(defaults).pack("surface", surface, "", "")
    if defaults:
        stored[RECORD_DEFAULTS] = defaults
    if RECORD_DEFAULTS in surface or unpack(stored) != surface:
        raise ValueError("the surface snapshot does not survive its stored form")
    return stored


def unpack(stored: Node) -> Node:
    """The full snapshot a stored form stands for (KeyError/TypeError/... if malformed)."""
    body = dict(stored)
    defaults: Defaults = body.pop(RECORD_DEFAULTS, {})
    surface: Node = _Codec(defaults).unpack("surface", body, "", "")
    return surface


def _record_defaults(surface: Node) -> Defaults:
    """Per kind, each word's most frequent value, where every node has it and it recurs."""
    found: Defaults = {}
    for name, nodes in _nodes_by_kind(surface).items():
        if KINDS[name].row:  # written as rows: a default would only break them up
            continue
        inline = {SHAPE} if KINDS[name].own else set()  # absent means written inline
        common = set.intersection(*(set(node) for node in nodes)) - DERIVED - inline
        for word in sorted(common):
            texts = Counter(json.dumps(node[word], sort_keys=True) for node in nodes)
            text, count = min(texts.items(), key=lambda item: (-item[1], item[0]))
            fixed = KINDS[name].defaults
            if count > 1 and not (
                word in fixed and text == json.dumps(fixed[word], sort_keys=True)
            ):
                found.setdefault(name, {})[word] = json.loads(text)
    return found


def _nodes_by_kind(surface: Node) -> dict[str, list[Node]]:
    found: dict[str, list[Node]] = {}
    pending: list[tuple[str, Node]] = [("surface", surface)]
    while pending:
        name, node = pending.pop()
        found.setdefault(name, []).append(node)
        kind = KINDS[name]
        for word, entry in kind.entries.items():
            pending += [(entry, child) for child in node.get(word, {}).values()]
        for word, child_kind in kind.nodes.items():
            if child_kind in KINDS and isinstance(node.get(word), dict):
                pending.append((child_kind, node[word]))
    return found


def _short(word: str) -> str:
    return SHORT.get(word, word)


def _long(stored: Node) -> Node:
    return {LONG.get(word, word): value for word, value in stored.items()}


def _place(kind: Kind, node: Node, container: str, key: str) -> str | None:
    """The `at` a node's place gives it, None when its place tells nothing."""
    if kind.placed_by is None:
        return None
    name = key if kind.placed_by == "key" else node.get(kind.placed_by)
    return child_pointer(container, name) if isinstance(name, str) else None


def _same(value: Any, default: Any) -> bool:
    """Equal and of the same JSON type (so 0 is not false)."""
    return json.dumps(value, sort_keys=True) == json.dumps(default, sort_keys=True)


class _Codec:
    """Packs and unpacks nodes against the fixed defaults and one record's own."""

    def __init__(self, record: Defaults) -> None:
        self.defaults = {
            name: {**kind.defaults, **record.get(name, {})} for name, kind in KINDS.items()
        }

    def pack(self, name: str, node: Any, container: str, key: str) -> Any:
        if name == SHAPE:
            return _pack_shape(node)
        kind = KINDS[name]
        at = node.get("at", "")
        out: Node = {}
        for word, value in node.items():
            if self._derivable(name, node, word, container, key):
                continue
            if word in kind.entries:
                here = child_pointer(at, word)
                value = {k: self.pack(kind.entries[word], v, here, k) for k, v in value.items()}
            elif word in kind.nodes:
                value = self.pack(kind.nodes[word], value, at, word)
            out[word] = value
        if kind.row and set(out) == set(kind.row):
            return [out[word] for word in kind.row]
        return _inline(kind, {_short(word): value for word, value in out.items()})

    def _derivable(self, name: str, node: Node, word: str, container: str, key: str) -> bool:
        kind, value = KINDS[name], node[word]
        if word == "at":
            return bool(value == _place(kind, node, container, key))
        if word in kind.same_as_key:
            return bool(value == key)
        if word in kind.snake_of_key:
            return bool(value == snake(key))
        defaults = self.defaults[name]
        return word in defaults and _same(value, defaults[word])

    def unpack(self, name: str, stored: Any, container: str, key: str) -> Any:
        if name == SHAPE:
            return _unpack_shape(stored)
        kind = KINDS[name]
        node = _stored_node(kind, stored)
        if kind.own and SHAPE not in node:
            node[SHAPE] = {k: node.pop(k) for k in list(node) if k not in kind.own}
        for word in kind.same_as_key:
            node.setdefault(word, key)
        for word in kind.snake_of_key:
            node.setdefault(word, snake(key))
        for word, default in self.defaults[name].items():
            node.setdefault(word, copy.deepcopy(default))
        place = _place(kind, node, container, key)
        if place is not None:
            node.setdefault("at", place)
        at = node.get("at", "")
        for word, entry in kind.entries.items():
            here = child_pointer(at, word)
            node[word] = {k: self.unpack(entry, v, here, k) for k, v in node[word].items()}
        for word, child in kind.nodes.items():
            node[word] = self.unpack(child, node[word], at, word)
        return node


def _inline(kind: Kind, out: Node) -> Any:
    """The shape written inside its node, and a lone word written bare, when unambiguous."""
    shape, own = out.get(SHAPE), {_short(word) for word in kind.own} | {SHAPE}
    if kind.own and isinstance(shape, dict) and set(out) <= own and not set(shape) & own:
        out = {**{k: v for k, v in out.items() if k != SHAPE}, **shape}
    bare = _short(kind.bare) if kind.bare else None
    if bare and list(out) == [bare] and isinstance(out[bare], str):
        return out[bare]
    return out


def _stored_node(kind: Kind, stored: Any) -> Node:
    """A stored node as a mapping of full words (from its row, its bare word or its keys)."""
    if kind.row and isinstance(stored, list):
        return dict(zip(kind.row, stored, strict=True))
    if kind.bare and isinstance(stored, str):
        return {kind.bare: stored}
    return _long(stored)


def _implied_kind(shape: Node) -> str:
    return "ref" if "ref" in shape else "string"


def _pack_shape(shape: Any) -> Any:
    if not isinstance(shape, dict):
        return shape
    out = {k: _pack_shape(v) if k in ("items", "values") else v for k, v in shape.items()}
    if out.get("kind") == _implied_kind(out):
        del out["kind"]
    return {_short(word): value for word, value in out.items()}


def _unpack_shape(stored: Any) -> Any:
    if not isinstance(stored, dict):
        return stored
    shape = {
        k: _unpack_shape(v) if k in ("items", "values") else v for k, v in _long(stored).items()
    }
    shape.setdefault("kind", _implied_kind(shape))
    return shape
