"""One classified change, and the recorder the comparisons write into.

A change is `breaking` (code or integrations written against the old
package may stop working), a `feature` (something new, nothing taken away)
or a `fix` (words, examples, errata: nothing a caller names or sends). The
levels map onto semver's major, minor and patch.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

BREAKING, FEATURE, FIX = "breaking", "feature", "fix"
LEVELS = (BREAKING, FEATURE, FIX)  # most severe first
RANK = {FIX: 0, FEATURE: 1, BREAKING: 2}

_BOOKKEEPING = {"at", "used_in"}
_WORDING = {"description", "source", "summary", "examples", "python_name"}

Node = dict[str, Any]


@dataclass(frozen=True)
class Change:
    """`pointer` locates the change in the current spec (its parent section for a removal)."""

    level: str
    pointer: str
    message: str


def worst(changes: list[Change]) -> str | None:
    """The most severe level among the changes, None when there are none."""
    return max((c.level for c in changes), key=RANK.__getitem__, default=None)


def shown(value: Any) -> str:
    """A value as it would be written in a spec, shortened for one line."""
    plain = isinstance(value, str) and value.strip() == value and value
    text = value if plain else json.dumps(value, ensure_ascii=False)
    text = " ".join(str(text).split())
    return text if len(text) <= 60 else text[:57] + "..."


def essence(node: Node) -> Node:
    """What a node is, without where it is written or how it is described (to spot renames)."""
    return {k: _placeless(v) for k, v in node.items() if k not in _BOOKKEEPING | _WORDING}


def _placeless(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _placeless(v) for k, v in value.items() if k not in _BOOKKEEPING}
    if isinstance(value, list):
        return [_placeless(item) for item in value]
    return value


@dataclass
class Recorder:
    """Collects changes; the comparison helpers every section shares live here."""

    changes: list[Change] = field(default_factory=list)

    def add(self, level: str, pointer: str, message: str) -> None:
        self.changes.append(Change(level, pointer, message))

    def named(
        self,
        old: dict[str, Node],
        new: dict[str, Node],
        *,
        label: Callable[[str], str],
        parent: str,
        both: Callable[[str, Node, Node], None],
        added: Callable[[str, Node], tuple[str, str]] | None = None,
    ) -> None:
        """Compare two name -> node mappings: renames, removals, additions, then each pair.

        A rename is a removal and an addition whose nodes are otherwise the
        same, when it is the only one of each; it is breaking like a removal.
        """
        removed = [name for name in old if name not in new]
        appeared = [name for name in new if name not in old]
        if (
            len(removed) == 1
            and len(appeared) == 1
            and essence(old[removed[0]]) == essence(new[appeared[0]])
        ):
            before, after = removed[0], appeared[0]
            self.add(BREAKING, new[after]["at"], f"{label(before)} renamed to {after}")
            removed, appeared = [], []
        for name in removed:
            self.add(BREAKING, parent, f"{label(name)} removed")
        for name in appeared:
            level, message = added(name, new[name]) if added else (FEATURE, f"new {label(name)}")
            self.add(level, new[name]["at"], message)
        for name in old:
            if name in new:
                both(name, old[name], new[name])

    def wording(self, old: Node, new: Node, at: str, subject: str, words: tuple[str, ...]) -> None:
        """Changes to words that only describe: each is a fix."""
        for word in words:
            if old.get(word) != new.get(word):
                self.add(FIX, at, f"{subject}: {word.replace('_', ' ')} changed")

    def changed(
        self, level: str, old: Node, new: Node, at: str, subject: str, words: tuple[str, ...]
    ) -> None:
        """Each of these words that differs is one change of the given level."""
        for word in words:
            if old.get(word) != new.get(word):
                self.add(
                    level,
                    at,
                    f"{subject}: {word.replace('_', ' ')} changed from"
                    f" {shown(old.get(word))} to {shown(new.get(word))}",
                )

    def optional_part(
        self, old: Any, new: Any, at: str, subject: str, *, gained: str, lost: str, level: str
    ) -> bool:
        """A part that may be absent (paging, an envelope): True when both sides have it."""
        if old is None and new is None:
            return False
        if old is None:
            self.add(FEATURE, at, f"{subject}: {gained}")
            return False
        if new is None:
            self.add(level, at, f"{subject}: {lost}")
            return False
        return True
