"""Raw shape and type declarations -> model Shapes and TypeDefs.

Inline objects (`type: object` with `fields`) are hoisted into named
TypeDefs so that every object has one name, one JSON Schema `$defs` entry
and one pydantic model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from generator.emit import naming
from generator.spec import conditions
from generator.spec import diagnostic_codes as codes
from generator.spec.diagnostic_codes import Code
from generator.spec.diagnostics import Diagnostic
from generator.spec.kinds import narrow
from generator.spec.loader import SourceMap, child_pointer
from generator.spec.model import (
    CompareOp,
    Constraints,
    EnumValue,
    Field,
    Rule,
    RuleKind,
    Shape,
    ShapeKind,
    TypeDef,
)

PRIMITIVES = ("string", "integer", "number", "boolean")
CONSTRAINT_WORDS = (
    "minLength",
    "maxLength",
    "pattern",
    "format",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minItems",
    "maxItems",
    "uniqueItems",
    "uniqueBy",
    "multipleOf",
)
_WORDS_FOR_KIND = {
    "string": {"minLength", "maxLength", "pattern", "format"},
    "integer": {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"},
    "number": {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"},
    "array": {"minItems", "maxItems", "uniqueItems", "uniqueBy"},
}


@dataclass
class TypeCollector:
    """Accumulates TypeDefs (declared and hoisted) and diagnostics."""

    source: SourceMap
    types: dict[str, TypeDef] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)
    references: list[tuple[str, str]] = field(default_factory=list)  # (type name, pointer)
    undecided: set[str] = field(default_factory=set)  # types whose openness build decides

    def error(self, pointer: str, message: str, code: Code, *, key: bool = False) -> None:
        self.problems.append(self.source.diagnostic(pointer, message, code, key=key))

    def add(self, typedef: TypeDef, pointer: str) -> None:
        if typedef.name in self.types:
            message = f"type '{typedef.name}' is declared twice"
            self.error(pointer, message, codes.DUPLICATE_TYPE, key=True)
            return
        self.types[typedef.name] = typedef


def _enum_key(key: str, kind: Any) -> Any:
    """Mapping keys are text in YAML's model; give them back the field's type."""
    kinds = kind if isinstance(kind, list) else [kind]
    for each in kinds:
        try:
            if each == "integer":
                return int(key)
            if each == "number":
                return float(key)
        except ValueError:
            continue
        if each == "boolean" and key in ("true", "false"):
            return key == "true"
    return key


def _enum(raw: Any, kind: Any) -> tuple[EnumValue, ...]:
    if isinstance(raw, dict):
        return tuple(
            EnumValue(_enum_key(value, kind), str(meaning)) for value, meaning in raw.items()
        )
    if isinstance(raw, list):
        return tuple(EnumValue(value) for value in raw)
    return ()


def _constraints(raw: dict[str, Any]) -> Constraints:
    words = {word: raw[word] for word in CONSTRAINT_WORDS if word in raw}
    return Constraints(
        **words,
        enum=_enum(raw.get("enum"), raw.get("type", "string")),
        const=raw.get("const"),
        has_const="const" in raw,
        extensible=bool(raw.get("extensible", False)),
    )


def _check_constraints(
    collector: TypeCollector, kind: str, types: tuple[str, ...], raw: dict[str, Any], pointer: str
) -> None:
    allowed: set[str] = set()
    for each in types or (kind,):
        allowed |= _WORDS_FOR_KIND.get(each, set())
    for word in CONSTRAINT_WORDS:
        if word in raw and word not in allowed:
            collector.error(
                child_pointer(pointer, word),
                f"'{word}' does not apply to type '{kind}'",
                codes.BAD_CONSTRAINT,
                key=True,
            )
    for low, high in (("minLength", "maxLength"), ("minimum", "maximum"), ("minItems", "maxItems")):
        if low in raw and high in raw and raw[low] > raw[high]:
            collector.error(
                child_pointer(pointer, low),
                f"{low} {raw[low]} exceeds {high} {raw[high]}",
                codes.BAD_CONSTRAINT,
            )
    if "pattern" in raw:
        try:
            re.compile(raw["pattern"])
        except re.error as exc:
            message = f"pattern does not compile: {exc}"
            collector.error(child_pointer(pointer, "pattern"), message, codes.BAD_CONSTRAINT)


def build_shape(collector: TypeCollector, raw: Any, pointer: str, owner: str) -> Shape:
    """One field/items/values/body declaration -> Shape. `owner` names hoisted objects."""
    if isinstance(raw, str):
        raw = {"type": raw}
    if not isinstance(raw, dict):
        return Shape(kind="any")
    declared = raw.get("type", "object" if "fields" in raw else "any")
    messages = tuple(sorted((raw.get("messages") or {}).items()))
    common: dict[str, Any] = {
        "nullable": bool(raw.get("nullable", False)),
        "description": str(raw.get("description", "")),
        "messages": messages,
    }
    if isinstance(declared, list):
        kind, types = "union", tuple(declared)
    else:
        kind, types = str(declared), ()
    _check_constraints(collector, kind, types, raw, pointer)
    if kind == "object":
        if "fields" not in raw and raw.get("additional", True):
            return Shape(kind="map", values=Shape(kind="any"), **common)
        hoisted = owner
        typedef = build_object(collector, hoisted, raw, pointer, source=raw.get("source", ""))
        collector.add(typedef, pointer)
        return Shape(kind="ref", ref=hoisted, **common)
    if kind == "array":
        items = build_shape(
            collector, raw.get("items", {}), child_pointer(pointer, "items"), owner + "Item"
        )
        return Shape(kind="array", items=items, constraints=_constraints(raw), **common)
    if kind == "map":
        values = build_shape(
            collector, raw.get("values", {}), child_pointer(pointer, "values"), owner + "Value"
        )
        return Shape(kind="map", values=values, **common)
    if kind in PRIMITIVES or kind in ("any", "union"):
        return Shape(
            kind=narrow(ShapeKind, kind), types=types, constraints=_constraints(raw), **common
        )
    collector.references.append((kind, child_pointer(pointer, "type")))
    return Shape(kind="ref", ref=kind, **common)


def _rules(
    collector: TypeCollector, raw: list[Any], names: set[str], pointer: str
) -> tuple[Rule, ...]:
    rules = []
    for index, item in enumerate(raw):
        here = child_pointer(pointer, index)
        if "require" in item or "forbid" in item:
            kind: RuleKind = "require" if "require" in item else "forbid"
            when_pointer = child_pointer(here, "when")
            conditions.check(item["when"], when_pointer, collector.error)
            first, *also = conditions.parse(item["when"])
            rule = Rule(
                kind=kind,
                fields=tuple(item[kind]),
                when=first,
                also=tuple(also),
                messages=tuple(sorted((item.get("messages") or {}).items())),
                message=item.get("message", ""),
                source=item.get("source", ""),
            )
            mentioned = [*rule.fields, *conditions.fields(item["when"]), *dict(rule.messages)]
        elif "at_least_one_of" in item or "exactly_one_of" in item:
            kind = "at_least_one_of" if "at_least_one_of" in item else "exactly_one_of"
            rule = Rule(
                kind=kind,
                fields=tuple(item[kind]),
                message=item.get("message", ""),
                source=item.get("source", ""),
            )
            mentioned = list(rule.fields)
        else:
            compare = item["compare"]
            rule = Rule(
                kind="compare",
                fields=(compare["left"], compare["right"]),
                op=narrow(CompareOp, compare["op"]),
                message=item.get("message", ""),
                source=item.get("source", ""),
            )
            mentioned = list(rule.fields)
        for name in mentioned:
            if name not in names:
                message = f"rule names field '{name}', which the type does not have"
                collector.error(here, message, codes.UNKNOWN_FIELD)
        rules.append(rule)
    return tuple(rules)


def build_object(
    collector: TypeCollector, name: str, raw: dict[str, Any], pointer: str, *, source: str
) -> TypeDef:
    fields = []
    raw_fields = raw.get("fields") or {}
    for wire_name, raw_field in raw_fields.items():
        here = child_pointer(child_pointer(pointer, "fields"), wire_name)
        spec_field = raw_field if isinstance(raw_field, dict) else {"type": raw_field}
        shape = build_shape(collector, spec_field, here, naming.nested_type_name(name, wire_name))
        python_name = spec_field.get("python_name") or naming.python_identifier(wire_name)
        fields.append(
            Field(wire_name, python_name, shape, bool(spec_field.get("required", False)), here)
        )
    rules = _rules(
        collector, raw.get("rules") or [], set(raw_fields), child_pointer(pointer, "rules")
    )
    if "additional" not in raw:
        collector.undecided.add(name)
    return TypeDef(
        name=name,
        source=source,
        description=str(raw.get("description", "")),
        fields=tuple(fields),
        additional=bool(raw.get("additional", False)),
        one_of=tuple(raw.get("one_of") or ()),
        discriminator=raw.get("discriminator"),
        rules=rules,
    )


def build_types(collector: TypeCollector, raw_types: dict[str, Any]) -> None:
    for name, raw in raw_types.items():
        pointer = child_pointer("/types", name)
        typedef = build_object(collector, name, raw, pointer, source=raw["source"])
        for member in typedef.one_of:
            collector.references.append((member, child_pointer(pointer, "one_of")))
        collector.add(typedef, pointer)
