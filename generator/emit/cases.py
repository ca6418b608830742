"""Payloads that break exactly one documented constraint, for generated tests.

Starting from a valid payload (the document's example), each case changes
one field so that one rule fails, and records the JSON Pointer where the
validator must report it.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from generator.concepts import formats, unions

# Case, sample and base_payload are re-exported (`x as x`): tests and emitters import them here.
from generator.emit.case_model import Case as Case
from generator.emit.case_model import value_at
from generator.emit.rule_cases import rule_cases
from generator.emit.samples import base_payload as base_payload
from generator.emit.samples import sample as sample
from generator.spec import pointer as json_pointer
from generator.spec.model import Operation, Shape, Spec, TypeDef

_WRONG_TYPE = {"string": 12345, "integer": "1", "number": "1.5", "boolean": "yes"}


def _shape_breakers(shape: Shape, value: Any, spec: Spec) -> list[tuple[str, str, Any]]:
    """(rule, relative pointer, bad value) for each constraint of `shape`."""
    c = shape.constraints
    out: list[tuple[str, str, Any]] = []
    if not shape.nullable and shape.kind != "any":  # `any` takes null too
        out.append(("null", "", None))
    if shape.kind in _WRONG_TYPE:
        out.append(("type", "", _WRONG_TYPE[shape.kind]))
    elif shape.kind in ("array", "map", "ref"):
        out.append(("type", "", "not an object" if shape.kind != "array" else {"not": "an array"}))
    if c.minLength:
        out.append(("minLength", "", "x" * (c.minLength - 1)))
    if c.maxLength is not None:
        out.append(("maxLength", "", "x" * (c.maxLength + 1)))
    if c.format is not None:
        out.append(("format", "", formats.get(c.format).bad))
    if c.enum and not c.extensible:
        bad = "NOT-A-DOCUMENTED-VALUE" if isinstance(c.enum[0].value, str) else 987654
        out.append(("enum", "", bad))
    if c.multipleOf is not None and isinstance(value, int | float):
        off = _off_step(value, c.multipleOf, integer=shape.kind == "integer")
        if off is not None:
            out.append(("multipleOf", "", off))
    for word, delta in (("minimum", -1), ("maximum", 1)):
        bound = getattr(c, word)
        if bound is not None:
            out.append((word, "", int(bound) + delta))
    for word in ("exclusiveMinimum", "exclusiveMaximum"):
        bound = getattr(c, word)
        if bound is not None:
            out.append((word, "", int(bound)))
    if shape.kind == "array" and shape.items is not None:
        items = value if isinstance(value, list) and value else [sample(spec, shape.items)]
        if c.minItems:
            out.append(("minItems", "", items[: c.minItems - 1]))
        if c.maxItems is not None:
            out.append(("maxItems", "", (items * (c.maxItems + 1))[: c.maxItems + 1]))
        room = c.maxItems is None or len(items) < c.maxItems
        if c.uniqueBy and room and isinstance(items[0], dict) and c.uniqueBy in items[0]:
            key = json_pointer.escape(c.uniqueBy)
            out.append(("unique", f"/{len(items)}/{key}", [*items, copy.deepcopy(items[0])]))
        for rule, pointer, bad in _shape_breakers(shape.items, items[0], spec):
            if shape.items.kind != "ref":
                out.append((f"items.{rule}", "/0" + pointer, [bad, *items[1:]]))
    return out


_set = json_pointer.set_tokens
_delete = json_pointer.delete_tokens


def _walk(spec: Spec, op: str, root: Any, shape: Shape, tokens: list[str]) -> list[Case]:
    if shape.kind == "array" and shape.items is not None and shape.items.kind == "ref":
        value = value_at(root, tokens)
        if isinstance(value, list) and value:
            return _walk(spec, op, root, shape.items, [*tokens, "0"])
        return []
    if shape.kind != "ref":
        return []
    typedef = spec.type(shape.ref or "")
    value = value_at(root, tokens)
    if not isinstance(value, dict):
        return []
    if typedef.is_union:
        return _walk_union(spec, op, root, typedef, tokens, value)
    here = json_pointer.from_tokens(tokens)
    cases: list[Case] = []
    for field in typedef.fields:
        path = [*tokens, field.wire_name]
        pointer = json_pointer.join(here, field.wire_name)
        present = field.wire_name in value
        if field.required and present:
            cases.append(Case(op, f"required:{field.wire_name}", here, _delete(root, path)))
        if not present and _excluded(typedef, value, field.wire_name):
            continue  # setting it would also break an exactly_one_of rule
        current = value[field.wire_name] if present else sample(spec, field.shape)
        for rule, relative, bad in _shape_breakers(field.shape, current, spec):
            cases.append(Case(op, rule, pointer + relative, _set(root, path, bad)))
        if present:
            cases.extend(_walk(spec, op, root, field.shape, path))
    if not typedef.additional:
        cases.append(
            Case(
                op,
                "unknown-field",
                here + "/undocumented_field",
                _set(root, [*tokens, "undocumented_field"], 1),
            )
        )
    for cross_rule in typedef.rules:
        cases.extend(rule_cases(spec, op, root, typedef, cross_rule, tokens))
    return cases


def _excluded(typedef: TypeDef, value: dict[str, Any], name: str) -> bool:
    """Whether an exactly_one_of rule forbids `name` beside the fields `value` has."""
    return any(
        rule.kind == "exactly_one_of"
        and name in rule.fields
        and any(other in value for other in rule.fields)
        for rule in typedef.rules
    )


def _walk_union(
    spec: Spec, op: str, root: Any, typedef: TypeDef, tokens: list[str], value: dict[str, Any]
) -> list[Case]:
    """Cases of the member the payload's discriminator chooses, and a bad discriminator."""
    if not typedef.discriminator:
        return _walk_shape_union(spec, op, root, typedef, tokens, value)
    field = typedef.discriminator or ""
    here = json_pointer.from_tokens(tokens)
    cases = [
        Case(op, "discriminator", here + "/" + field, _set(root, [*tokens, field], "NOT-A-KIND"))
    ]
    tag_at = here + "/" + field
    for member in typedef.one_of:
        tag = next((f for f in spec.type(member).fields if f.wire_name == field), None)
        if tag is not None and value.get(field) in _allowed(tag.shape):
            cases += [
                # a broken tag no longer chooses a member: the union reports it
                Case(op, "discriminator", c.pointer, c.payload) if c.pointer == tag_at else c
                for c in _walk(spec, op, root, Shape(kind="ref", ref=member), tokens)
            ]
    return cases


def _walk_shape_union(
    spec: Spec, op: str, root: Any, typedef: TypeDef, tokens: list[str], value: dict[str, Any]
) -> list[Case]:
    """Cases of the member the payload's marks choose, no member's marks, and two members'."""
    here = json_pointer.from_tokens(tokens)
    member_marks = unions.marks({t.name: t for t in spec.types}, typedef)
    chosen = [m for m, keys in member_marks.items() if any(k in value for k in keys)]
    if len(chosen) != 1:
        return []
    member = chosen[0]
    unmarked = root
    for key in member_marks[member]:
        if key in value:
            unmarked = _delete(unmarked, [*tokens, key])
    cases = [Case(op, "one_of", here, unmarked)]
    other = next(m for m in member_marks if m != member)
    mark = member_marks[other][0]
    shape = next(f.shape for f in spec.type(other).fields if f.wire_name == mark)
    cases.append(Case(op, "one_of:several", here, _set(root, [*tokens, mark], sample(spec, shape))))
    own = [k for k in member_marks[member] if k in value]
    for case in _walk(spec, op, root, Shape(kind="ref", ref=member), tokens):
        if case.rule.startswith("required:") and own == [case.rule.partition(":")[2]]:
            case = Case(op, "one_of", here, case.payload)  # its only mark gone: no member left
        cases.append(case)
    return cases


def _allowed(shape: Shape) -> list[Any]:
    c = shape.constraints
    return [c.const] if c.has_const else [e.value for e in c.enum]


def operation_cases(spec: Spec, op: Operation) -> list[Case]:
    if op.body is None:
        return []
    base = next((e.request.value for e in op.examples if e.request is not None), None)
    if base is None:
        base = sample(spec, op.body)
    # A response-only field the request leaves out is refused whatever its value:
    # a wrong value there would break two rules, so only its own case stands.
    absent = {
        "/" + name.replace("~", "~0").replace("/", "~1")
        for name in op.response_only
        if not (isinstance(base, dict) and name in base)
    }
    cases = [c for c in _walk(spec, op.name, base, op.body, []) if c.pointer not in absent]
    cases += _response_only_cases(spec, op, base)
    unique: dict[str, Case] = {}
    for case in cases:
        unique.setdefault(case.id, case)
    return list(unique.values())


def _response_only_cases(spec: Spec, op: Operation, base: Any) -> list[Case]:
    """The valid payload plus one field only responses carry, well-typed."""
    if op.body is None or op.body.kind != "ref" or not isinstance(base, dict):
        return []
    typedef = spec.type(op.body.ref or "")
    members = [spec.type(m) for m in typedef.one_of] if typedef.is_union else [typedef]
    shapes = {f.wire_name: f.shape for member in members for f in member.fields}
    return [
        Case(op.name, "response_only", "/" + name, {**base, name: sample(spec, shapes[name])})
        for name in op.response_only
        if name in shapes and name not in base
    ]


def _off_step(value: float, step: float, *, integer: bool) -> int | float | None:
    """A value half a step (or one, for integers) away from `value`: not a multiple."""
    if integer:
        return int(value) + 1 if step > 1 else None
    return float(Decimal(repr(float(value))) + Decimal(repr(float(step))) / 2)
