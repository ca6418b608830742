"""Classify changes to types, fields, parameters and the shapes of values.

Which way a value travels decides what a constraint change means:

- In a request (bodies, parameters, credentials) a stricter rule can refuse
  a call that used to pass: breaking. A relaxed rule: feature.
- In a response (and a webhook payload, which the client receives) a
  relaxed rule lets the client accept more: feature. A stricter rule only
  narrows what the provider promises to send: fix. What code reading a
  response relies on is breaking to take away: a field, an enum value, a
  guarantee of presence (required -> optional) or of a value (nullable).
- A type used both ways takes the more severe of the two.

A changed type or format (string -> integer, date -> date-time) is always
breaking: the Python type of the attribute or argument changes.
"""

from __future__ import annotations

import json

from generator.spec.loader import child_pointer
from generator.versions.change_record import BREAKING, FEATURE, FIX, Node, shown

# Re-exported: changes.py imports them from here.
from generator.versions.change_values import RECEIVED as RECEIVED
from generator.versions.change_values import SENT as SENT
from generator.versions.change_values import ValueComparer, Way, way_of


class ShapeComparer(ValueComparer):
    """Compares parameters, types and their fields and rules, value by value."""

    # -- parameters -------------------------------------------------------
    def params(self, old: dict[str, Node], new: dict[str, Node], at: str, subject: str) -> None:
        def added(name: str, node: Node) -> tuple[str, str]:
            if node["required"]:
                return BREAKING, f"{subject}: new required parameter {name}"
            return FEATURE, f"{subject}: new optional parameter {name}"

        def both(name: str, before: Node, after: Node) -> None:
            self.param(name, before, after, f"{subject}: parameter {name}")

        def label(name: str) -> str:
            return f"{subject}: parameter {name}"

        self.record.named(old, new, label=label, parent=at, both=both, added=added)

    def param(self, name: str, old: Node, new: Node, subject: str) -> None:
        at = new["at"]
        self.record.changed(BREAKING, old, new, at, subject, ("in", "wire_name", "python_name"))
        if old["required"] != new["required"]:
            level, now = (BREAKING, "required") if new["required"] else (FEATURE, "optional")
            self.record.add(level, at, f"{subject}: now {now}")
        self.record.changed(BREAKING, old, new, at, subject, ("default", "required_when", "list"))
        self.shape(old["shape"], new["shape"], SENT, at, subject)

    # -- types ------------------------------------------------------------
    def types(self, old: dict[str, Node], new: dict[str, Node]) -> None:
        self.record.named(
            old, new, label=lambda name: f"type {name}", parent="/types", both=self.typedef
        )

    def typedef(self, name: str, old: Node, new: Node) -> None:
        at, subject = new["at"], f"type {name}"
        way = way_of(old["used_in"], new["used_in"])
        self.record.wording(old, new, at, subject, ("description", "source"))

        def added(field: str, node: Node) -> tuple[str, str]:
            if way.sends and node["required"]:
                return BREAKING, f"new required request field {name}.{field}"
            kind = "request field" if way.sends else "response field"
            if way.sends and way.receives:
                kind = "field"
            return FEATURE, f"new {'optional ' if way.sends else ''}{kind} {name}.{field}"

        def both(field: str, before: Node, after: Node) -> None:
            self.field(name, field, before, after, way)

        def label(field: str) -> str:
            return f"field {name}.{field}"

        self.record.named(
            old["fields"], new["fields"], label=label, parent=at, both=both, added=added
        )
        self._openness(old, new, way, at, subject)
        self._members(old, new, at, subject)
        self._rules(old["rules"], new["rules"], way, child_pointer(at, "rules"), subject)

    def field(self, owner: str, name: str, old: Node, new: Node, way: Way) -> None:
        at, subject = new["at"], f"field {owner}.{name}"
        self.record.changed(BREAKING, old, new, at, subject, ("python_name",))
        if old["required"] != new["required"]:
            here = child_pointer(at, "required")
            if new["required"]:
                level = BREAKING if way.sends else FEATURE
                self.record.add(level, here, f"{subject}: now required")
            else:
                level = BREAKING if way.receives else FEATURE
                self.record.add(level, here, f"{subject}: now optional")
        hook = self.events.get((owner, name))
        self.shape(old["shape"], new["shape"], way, at, subject, event_of=hook)

    def _openness(self, old: Node, new: Node, way: Way, at: str, subject: str) -> None:
        if bool(old.get("additional")) == bool(new.get("additional")):
            return
        here = child_pointer(at, "additional")
        if new.get("additional"):
            self.record.add(FEATURE, here, f"{subject}: now accepts fields it does not list")
        else:
            message = f"{subject}: no longer accepts fields it does not list"
            self.record.add(way.stricter, here, message)

    def _members(self, old: Node, new: Node, at: str, subject: str) -> None:
        before, after = old.get("one_of", []), new.get("one_of", [])
        for member in before:
            if member not in after:
                self.record.add(BREAKING, at, f"{subject}: union member {member} removed")
        for member in after:
            if member not in before:
                self.record.add(FEATURE, at, f"{subject}: new union member {member}")
        self.record.changed(BREAKING, old, new, at, subject, ("discriminator",))

    def _rules(self, old: list[Node], new: list[Node], way: Way, at: str, subject: str) -> None:
        """Rules are matched by what they demand; only their wording may differ in a pair."""
        before = {_rule_key(rule): rule for rule in old}
        after = {_rule_key(rule): rule for rule in new}
        for key, rule in after.items():
            if key not in before:
                self.record.add(way.stricter, at, f"{subject}: new rule: {_rule_text(rule)}")
            elif before[key] != rule:
                self.record.add(FIX, at, f"{subject}: wording of rule {_rule_text(rule)} changed")
        for key, rule in before.items():
            if key not in after:
                self.record.add(FEATURE, at, f"{subject}: rule removed: {_rule_text(rule)}")


def _rule_key(rule: Node) -> str:
    """What a rule demands; the order of a set of fields is not part of it."""
    demand = {k: rule.get(k) for k in ("kind", "fields", "when", "also", "op")}
    if rule["kind"] != "compare":
        demand["fields"] = sorted(demand["fields"] or [])
    return json.dumps(demand, sort_keys=True)


def _rule_text(rule: Node) -> str:
    fields = ", ".join(rule.get("fields", []))
    if rule["kind"] == "compare":
        left, right = rule["fields"]
        return f"{left} {rule['op']} {right}"
    if rule["kind"] == "at_least_one_of":
        return f"at least one of {fields}"
    if rule["kind"] == "exactly_one_of":
        return f"exactly one of {fields}"
    clauses = [rule.get("when") or {}, *(rule.get("also") or [])]
    return f"{fields} required when " + " and ".join(_clause_text(c) for c in clauses)


def _clause_text(when: Node) -> str:
    if when.get("present"):
        return f"{when.get('field')} is present"
    values = ", ".join(shown(v) for v in when.get("in", []))
    absent = " or absent" if when.get("absent") else ""
    return f"{when.get('field')} is {values or 'set'}{absent}"
