"""Checks of an object's cross-field rules: require/forbid when, one of, compare.

The rules judge the object as a whole after its fields are checked, so a
payload shows a field's own problem and the rule it breaks together.
"""

from __future__ import annotations

from typing import assert_never

from generator.emit import messages
from generator.emit.shape_checks import ShapeChecks
from generator.spec import conditions
from generator.spec.model import Rule, TypeDef
from generator.spec.pointer import escape as _escape


class RuleChecks(ShapeChecks):
    def rule(self, rule: Rule, typedef: TypeDef) -> None:
        match rule.kind:
            case "require":
                self._require(rule, typedef)
            case "forbid":
                self._forbid(rule)
            case "at_least_one_of":
                self.at_owner(typedef.name)
                names = self.constant(repr(rule.fields), "AT_LEAST_ONE_OF")
                self.check(
                    f"not any(k in value for k in {names})",
                    "ptr",
                    repr(rule.message or messages.at_least_one(rule.fields)),
                    "'at_least_one_of'",
                )
            case "exactly_one_of":
                names = self.constant(repr(rule.fields), "ONE_OF")
                self.check(
                    f"sum(k in value for k in {names}) != 1",
                    "ptr",
                    repr(rule.message or messages.exactly_one(rule.fields)),
                    "'exactly_one_of'",
                )
            case "compare":
                self._compare(rule, typedef)
            case _:
                assert_never(rule.kind)

    def _require(self, rule: Rule, typedef: TypeDef) -> None:
        """Fields required when a condition holds; each field's own words first."""
        assert rule.when is not None
        with self.w.block(f"if {conditions.holds_expression(rule)}:"):
            custom = dict(rule.messages)
            own = {f.wire_name: f.shape.message("required") for f in typedef.fields}
            for name in rule.fields:
                message = (
                    custom.get(name)
                    or own.get(name)
                    or rule.message
                    or messages.missing_when(name, conditions.describe(rule))
                )
                self.check(f"{name!r} not in value", "ptr", repr(message), "'conditional'", name)

    def _forbid(self, rule: Rule) -> None:
        """Fields refused when a condition holds, each at its own pointer."""
        assert rule.when is not None
        with self.w.block(f"if {conditions.holds_expression(rule)}:"):
            for name in rule.fields:
                words = dict(rule.messages).get(name) or rule.message
                message = words or messages.forbidden_when(name, conditions.describe(rule))
                self.check(
                    f"{name!r} in value",
                    f"ptr + {'/' + _escape(name)!r}",
                    repr(message),
                    "'conditional'",
                )

    def _compare(self, rule: Rule, typedef: TypeDef) -> None:
        """Two fields in order (dates by their format), judged only when both are present."""
        w = self.w
        left, right = rule.fields
        formats = {f.wire_name: f.shape.constraints.format for f in typedef.fields}
        a, b = w.fresh("left"), w.fresh("right")
        w(f"{a} = _comparable(value.get({left!r}), {formats.get(left)!r})")
        w(f"{b} = _comparable(value.get({right!r}), {formats.get(right)!r})")
        test = f"{a} is not None and {b} is not None and not _compare({a}, {rule.op!r}, {b})"
        self.check(
            test,
            f"ptr + {'/' + _escape(left)!r}",
            repr(rule.message or messages.compare(left, rule.op, right)),
            "'cross_field'",
        )
