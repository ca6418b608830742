"""Edits to a spec, kept in the original document's pointers, and the tree they make.

The pruner decides edits round by round; each round materialises the
original anew with every edit so far, so a pointer of the pruned tree can
always be traced back to the text it came from (Tree.origin).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from generator.spec import pointer as json_pointer
from generator.spec.loader import LoadedSpec, SourceMap, child_pointer
from generator.spec.prune_parts import LOOSENING


@dataclass
class Edits:
    """What the pruner has decided so far, each edit by its pointer in the original."""

    delete: set[str] = field(default_factory=set)
    replace: dict[str, Any] = field(default_factory=dict)
    rename: dict[str, str] = field(default_factory=dict)  # pointer of a key -> new key
    insert: dict[str, dict[str, Any]] = field(default_factory=dict)  # object -> missing keys
    loosening: set[str] = field(default_factory=set)  # replacements that only let more through

    def changed_meaning(self) -> set[str]:
        """Edits after which examples could fail where the author's model would pass them.

        A rename only applies the key the author nearly spelt, inserted texts
        (`source`, `title`) validate nothing, and dropping a constraint or
        standing in 'any' for a field, a response or a `type` only lets more
        through; anything else (a dropped `additional` or `nullable`, a
        stand-in type or operation) may not.
        """
        strict = {p for p in self.delete if p.rsplit("/", 1)[-1] not in LOOSENING}
        return strict | (set(self.replace) - self.loosening)


@dataclass
class Tree:
    """One materialisation of the original tree with the edits applied."""

    data: Any
    source: SourceMap
    origin: dict[str, str]  # pointer in this tree -> pointer in the original


def materialise(loaded: LoadedSpec, edits: Edits) -> Tree:
    original = loaded.source
    source = SourceMap(original.file)
    origin: dict[str, str] = {}

    def place(new: str, old: str, *, key: bool = False) -> None:
        table, found = (source.keys, original.keys) if key else (source.values, original.values)
        if old in found:
            table[new] = found[old]
        elif not key:
            table[new] = original.position(old)

    def walk(value: Any, old: str, new: str) -> Any:
        origin[new] = old
        place(new, old)
        if old in edits.replace:
            return copy.deepcopy(edits.replace[old])
        if isinstance(value, dict):
            result: dict[str, Any] = {}
            for key, item in value.items():
                old_child = child_pointer(old, key)
                if old_child in edits.delete:
                    continue
                name = edits.rename.get(old_child) or key
                if name in result or (name != key and name in value):
                    continue
                new_child = child_pointer(new, name)
                place(new_child, old_child, key=True)
                result[name] = walk(item, old_child, new_child)
            for name, filler in edits.insert.get(old, {}).items():
                result.setdefault(name, copy.deepcopy(filler))
            return result
        if isinstance(value, list):
            kept: list[Any] = []
            for index, item in enumerate(value):
                old_child = child_pointer(old, index)
                if old_child not in edits.delete:
                    kept.append(walk(item, old_child, child_pointer(new, len(kept))))
            return kept
        return value

    return Tree(walk(loaded.data, "", ""), source, origin)


def sections_edited(before: Edits, after: Edits) -> set[str]:
    """Top-level keys of the pruned tree that hold this round's edits."""
    pointers = (after.delete - before.delete) | (set(after.replace) - set(before.replace))
    pointers |= set(after.rename) - set(before.rename)
    pointers |= {p for p, fill in after.insert.items() if before.insert.get(p) != fill}
    sections = set(after.insert.get("", {})) if "" in pointers else set()
    for pointer in pointers - {""}:
        token = pointer.split("/")[1]
        renamed = after.rename.get("/" + token)
        sections.add(renamed or json_pointer.unescape(token))
    return sections


def in_pruned_tree(tree: Tree, edited: set[str]) -> frozenset[str]:
    """The edited original pointers as pointers of the pruned tree (at their nearest survivor)."""
    new_of = {old: new for new, old in tree.origin.items()}
    result = set()
    for pointer in edited:
        probe, suffix = pointer, ""
        while probe not in new_of and probe:
            probe, token = probe.rsplit("/", 1)
            suffix = f"/{token}{suffix}"
        result.add(new_of.get(probe, "") + suffix)
    return frozenset(result)
