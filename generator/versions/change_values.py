"""How a change to one value's shape is judged: which way the value travels
(a request, a response, or both) decides whether a stricter rule breaks callers.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from generator.spec.loader import child_pointer
from generator.versions.change_record import BREAKING, FEATURE, FIX, Node, Recorder, shown
from generator.versions.surface import REQUEST, RESPONSE

_LOWER_BOUNDS = ("minLength", "minItems", "minimum", "exclusiveMinimum")
_UPPER_BOUNDS = ("maxLength", "maxItems", "maximum", "exclusiveMaximum")
BOTH = frozenset((REQUEST, RESPONSE))


@dataclass(frozen=True)
class Way:
    """The directions a value travels in, and what that makes of each kind of change."""

    directions: frozenset[str]

    @property
    def stricter(self) -> str:
        return BREAKING if REQUEST in self.directions else FIX

    @property
    def sends(self) -> bool:
        return REQUEST in self.directions

    @property
    def receives(self) -> bool:
        return RESPONSE in self.directions


SENT = Way(frozenset((REQUEST,)))
RECEIVED = Way(frozenset((RESPONSE,)))


def way_of(*used_in: Collection[str]) -> Way:
    """Unused types are judged both ways, the cautious choice."""
    directions = frozenset(d for each in used_in for d in each)
    return Way(directions or BOTH)


def type_label(shape: Node | None) -> str:
    if shape is None:
        return "nothing"
    kind = shape.get("ref") or "|".join(shape.get("types", ())) or shape["kind"]
    if shape["kind"] == "array":
        kind = f"array of {type_label(shape.get('items'))}"
    elif shape["kind"] == "map":
        kind = f"map of {type_label(shape.get('values'))}"
    return f"{kind} ({shape['format']})" if shape.get("format") else kind


def _enum_values(shape: Node) -> dict[str, Any]:
    """json text of each value -> meaning (so 1 and "1" and true stay different)."""
    return {json.dumps(value): meaning for value, meaning in shape.get("enum", ())}


@dataclass
class ValueComparer:
    """Compares values' shapes; `events` names webhook event fields as (type, field) -> hook."""

    record: Recorder
    events: dict[tuple[str, str], str]

    def shape(
        self,
        old: Node | None,
        new: Node | None,
        way: Way,
        at: str,
        subject: str,
        event_of: str | None = None,
    ) -> None:
        if old is None or new is None:
            if old != new:
                self.record.add(
                    BREAKING,
                    at,
                    f"{subject}: type changed from {type_label(old)} to {type_label(new)}",
                )
            return
        outer = ("kind", "ref", "types", "format")
        if any(old.get(w) != new.get(w) for w in outer):
            message = f"{subject}: type changed from {type_label(old)} to {type_label(new)}"
            self.record.add(BREAKING, at, message)
            return
        for part, mark in (("items", "[]"), ("values", "{}")):
            if old.get(part) or new.get(part):
                here = child_pointer(at, part)
                self.shape(old.get(part), new.get(part), way, here, subject + mark)
        self._nullable(old, new, way, at, subject)
        self._enum(old, new, way, at, subject, event_of)
        self._const(old, new, way, at, subject)
        self._bounds(old, new, way, at, subject)
        self._pattern(old, new, way, at, subject)
        if bool(old.get("uniqueItems")) != bool(new.get("uniqueItems")):
            if new.get("uniqueItems"):
                here = child_pointer(at, "uniqueItems")
                self.record.add(way.stricter, here, f"{subject}: items must now be unique")
            else:
                self.record.add(FEATURE, at, f"{subject}: items need no longer be unique")
        self.record.wording(old, new, at, subject, ("description", "messages"))

    def _nullable(self, old: Node, new: Node, way: Way, at: str, subject: str) -> None:
        if bool(old.get("nullable")) == bool(new.get("nullable")):
            return
        here = child_pointer(at, "nullable")
        if new.get("nullable"):
            level = BREAKING if way.receives else FEATURE
            self.record.add(level, here, f"{subject}: may now be null")
        else:
            level = BREAKING if way.sends else FEATURE
            self.record.add(level, here, f"{subject}: null no longer allowed")

    def _enum(
        self, old: Node, new: Node, way: Way, at: str, subject: str, event_of: str | None
    ) -> None:
        before, after = _enum_values(old), _enum_values(new)
        here = child_pointer(at, "enum")
        if before and not after:
            self.record.add(FEATURE, at, f"{subject}: no longer limited to a list of values")
            return
        if after and not before:
            values = ", ".join(shown(json.loads(v)) for v in after)
            self.record.add(way.stricter, here, f"{subject}: now limited to {values}")
            return
        for value in before:
            if value not in after:
                item = shown(json.loads(value))
                what = f"webhook {event_of} event" if event_of else f"{subject}: enum value"
                self.record.add(BREAKING, here, f"{what} {item} removed")
        for value in after:
            if value not in before:
                item = shown(json.loads(value))
                what = f"new webhook {event_of} event" if event_of else f"{subject}: new value"
                self.record.add(FEATURE, here, f"{what} {item}")
            elif before[value] != after[value]:
                message = f"{subject}: meaning of {shown(json.loads(value))} changed"
                self.record.add(FIX, here, message)

    def _pattern(self, old: Node, new: Node, way: Way, at: str, subject: str) -> None:
        """A changed pattern cannot be judged looser, so it counts as stricter."""
        before, after = old.get("pattern"), new.get("pattern")
        if before == after:
            return
        if after is None:
            self.record.add(FEATURE, at, f"{subject}: no pattern now (was {shown(before)})")
            return
        was = f" (was {shown(before)})" if before is not None else ""
        message = f"{subject}: now must match {shown(after)}{was}"
        self.record.add(way.stricter, child_pointer(at, "pattern"), message)

    def _const(self, old: Node, new: Node, way: Way, at: str, subject: str) -> None:
        if old.get("const", ...) == new.get("const", ...):
            return
        here = child_pointer(at, "const")
        if "const" not in new:
            self.record.add(FEATURE, at, f"{subject}: no longer fixed to {shown(old['const'])}")
        elif "const" not in old:
            self.record.add(way.stricter, here, f"{subject}: now fixed to {shown(new['const'])}")
        else:
            message = f"{subject}: fixed value changed from {shown(old['const'])} to"
            self.record.add(BREAKING, here, f"{message} {shown(new['const'])}")

    def _bounds(self, old: Node, new: Node, way: Way, at: str, subject: str) -> None:
        for word in (*_LOWER_BOUNDS, *_UPPER_BOUNDS, "multipleOf"):
            before, after = old.get(word), new.get(word)
            if before == after:
                continue
            here = child_pointer(at, word)
            if after is None:
                self.record.add(FEATURE, at, f"{subject}: no {word} now (was {before})")
                continue
            if before is None:
                self.record.add(way.stricter, here, f"{subject}: now has {word} {after}")
                continue
            if word == "multipleOf":  # a new step is stricter unless it divides the old one
                looser = (Decimal(str(before)) % Decimal(str(after))) == 0
                level, verb = (FEATURE, "loosened") if looser else (way.stricter, "changed")
                self.record.add(level, here, f"{subject}: {word} {verb} from {before} to {after}")
                continue
            raised = after > before
            stricter = raised if word in _LOWER_BOUNDS else not raised
            verb = "raised" if raised else "lowered"
            level = way.stricter if stricter else FEATURE
            self.record.add(level, here, f"{subject}: {word} {verb} from {before} to {after}")
