"""Checks of the named types: one `_check_<Type>` function per object or union.

An object checks each field, its unknown keys when closed, then its rules;
a union hands the value to the one member its tag or its marks choose.
"""

from __future__ import annotations

from typing import Any

from generator.concepts import unions
from generator.emit import messages
from generator.emit.rule_checks import RuleChecks
from generator.emit.scalar_checks import constrained
from generator.spec.model import Field, Shape, TypeDef
from generator.spec.pointer import escape as _escape

# The runtime's one-call checks of a plain field (_checks.py): type, and presence if required.
_PLAIN_FIELDS = {
    "string": "_string",
    "integer": "_integer",
    "number": "_number",
    "boolean": "_boolean",
}


def _plain(shape: Shape) -> bool:
    """A field judged by its type alone, in the runtime's own words (no message of the spec's)."""
    if shape.kind not in _PLAIN_FIELDS or shape.nullable:
        return False
    if shape.message("type") is not None or shape.message("required") is not None:
        return False
    return not constrained(shape)  # a boolean's const or enum is a rule beyond its type


class TypeChecks(RuleChecks):
    def typedef(self, typedef: TypeDef) -> None:
        w = self.w
        w()
        w()
        self.function(typedef.name)
        with w.block(
            f"def _check_{typedef.name}(value: Any, ptr: str, out: list[Problem]) -> None:"
        ):
            if typedef.is_union:
                self._union(typedef)
                return
            self._object_test()
            for field in typedef.fields:
                self._field(typedef, field)
            if not typedef.additional:
                self._unknown_fields(typedef)
            for rule in typedef.rules:
                self.rule(rule, typedef)

    def _object_test(self) -> None:
        """Not an object: one problem, and nothing inside is looked at."""
        with self.w.block("if not isinstance(value, dict):"):
            self.w.call(["_wrong"], ["'an object'", "value", "ptr", "out"])
            self.w("return")

    def _field(self, typedef: TypeDef, field: Field) -> None:
        w = self.w
        anything = field.shape.kind == "any"
        if anything and not field.required:
            return  # any value, or none, is fine
        if _plain(field.shape):
            required = ["required=True"] if field.required else []
            w.call(
                [_PLAIN_FIELDS[field.shape.kind]],
                ["value", repr(field.wire_name), "ptr", "out", *required],
            )
            return
        self.at_field(typedef.name, field.python_name)
        presence = f"{field.wire_name!r} {'not ' if anything else ''}in value"
        pointer = f"ptr + {'/' + _escape(field.wire_name)!r}"
        with w.block(f"if {presence}:"):
            if anything:
                self.missing(field.shape, field.wire_name)
                return
            if field.shape.kind == "ref" and not field.shape.nullable:  # no local: one use
                w.call(
                    [f"_check_{field.shape.ref}"],
                    [f"value[{field.wire_name!r}]", pointer, "out"],
                )
            else:
                v = w.fresh(field.python_name)
                w(f"{v} = value[{field.wire_name!r}]")
                self.shape(field.shape, v, pointer)
        if field.required:
            with w.block("else:"):
                self.missing(field.shape, field.wire_name)

    def _unknown_fields(self, typedef: TypeDef) -> None:
        """A closed type: every key it does not declare is a problem at its own pointer."""
        w = self.w
        names = tuple(sorted(f.wire_name for f in typedef.fields))
        self.at_owner(typedef.name)
        known = self.constant(f"frozenset({names!r})", "FIELDS")
        with w.block(f"if not value.keys() <= {known}:"):  # the valid path: one set test in C
            w.call(["_unknown_fields"], ["value", known, "ptr", "out"])

    def _union(self, typedef: TypeDef) -> None:
        if unions.is_shape_union(typedef):
            self._shape_union(typedef)
            return
        w = self.w
        field = typedef.discriminator
        choices = {self._discriminator_value(m, field): m for m in typedef.one_of}
        self._object_test()
        w(f"tag = value.get({field!r})")
        first = True
        for tag, member in choices.items():
            with w.block(f"{'if' if first else 'elif'} _in_enum(tag, ({tag!r},)):"):
                w(f"_check_{member}(value, ptr, out)")
            first = False
        with w.block(f"elif {field!r} not in value:"):
            self.w.call(["_missing"], [repr(str(field)), "ptr", "out"])
        with w.block("else:"):
            text = messages.enum_plain(tuple(choices))
            pointer = f"ptr + {'/' + _escape(str(field))!r}"
            w.call(["_broken"], ["'discriminator'", repr(text), "tag", pointer, "out"])

    def _shape_union(self, typedef: TypeDef) -> None:
        """Choose the member whose marks are present; none or several is one problem here."""
        w = self.w
        member_marks = unions.marks({t.name: t for t in self.spec.types}, typedef)
        self._object_test()
        table = self.constant(repr(tuple(member_marks.items())), "MEMBER_MARKS")
        w(f"chosen = [m for m, keys in {table} if any(k in value for k in keys)]")
        for member in member_marks:
            with w.block(f"if chosen == [{member!r}]:"):
                w(f"_check_{member}(value, ptr, out)")
                w("return")
        with w.block("if not chosen:"):
            self.problem("ptr", repr(unions.none_matched(member_marks)), "'one_of'")
        with w.block("else:"):
            self.problem("ptr", repr(unions.several_matched(member_marks)), "'one_of'")

    def _discriminator_value(self, member: str, field: str | None) -> Any:
        for f in self.spec.type(member).fields:
            if f.wire_name == field:
                c = f.shape.constraints
                return c.const if c.has_const else c.enum[0].value if c.enum else member
        return member
