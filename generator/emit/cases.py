"""Payloads that break exactly one documented constraint, for generated tests.

Starting from a valid payload (the document's example), each case changes
one field so that one rule fails, and records the JSON Pointer where the
validator must report it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_CEILING, Decimal
from typing import Any, assert_never

from generator.concepts import formats, unions
from generator.spec import conditions
from generator.spec import pointer as json_pointer
from generator.spec.model import Constraints, Operation, Rule, Shape, Spec, TypeDef

_WRONG_TYPE = {"string": 12345, "integer": "1", "number": "1.5", "boolean": "yes"}


@dataclass(frozen=True)
class Case:
    operation: str
    rule: str
    pointer: str
    payload: Any

    @property
    def id(self) -> str:
        return f"{self.operation}:{self.pointer or '(root)'}:{self.rule}"

    @property
    def problem_rule(self) -> str:
        """The `rule` id the validator must report for this case (see Problem)."""
        kind = self.rule.split(":", 1)[0].removeprefix("items.")
        return _PROBLEM_RULES.get(kind, kind)

    @property
    def missing_field(self) -> str | None:
        """The field a `required`/`conditional` problem must name, else None."""
        kind, _, name = self.rule.partition(":")
        return name if kind in ("required", "require") else None


_PROBLEM_RULES = {
    "null": "type",
    "require": "conditional",
    "compare": "cross_field",
    "unknown-field": "unknown_field",
}


def sample(spec: Spec, shape: Shape) -> Any:
    """A small value that satisfies `shape` (used where the example has none)."""
    c = shape.constraints
    if c.has_const:
        return c.const
    if c.enum:
        return c.enum[0].value
    match shape.kind:
        case "ref":
            return _sample_object(spec, spec.type(shape.ref or ""))
        case "array":
            assert shape.items is not None
            return [sample(spec, shape.items) for _ in range(c.minItems or 1)]
        case "map":
            return {}
        case "union":
            return _sample_scalar(shape.types[0], c)
        case "string" | "integer" | "number" | "boolean" | "any":
            return _sample_scalar(shape.kind, c)
        case _:
            assert_never(shape.kind)


def _sample_object(spec: Spec, typedef: TypeDef) -> Any:
    """The required fields, and those the type's rules ask for."""
    if typedef.is_union:
        return sample(spec, Shape(kind="ref", ref=typedef.one_of[0]))
    wanted = {f.wire_name for f in typedef.fields if f.required}
    for rule in typedef.rules:
        if rule.kind in ("at_least_one_of", "exactly_one_of"):
            wanted.add(rule.fields[0])
        elif rule.kind == "require" and rule.when is not None and rule.when.or_absent:
            wanted.update(rule.fields)
    return {f.wire_name: sample(spec, f.shape) for f in typedef.fields if f.wire_name in wanted}


def _sample_scalar(kind: str, c: Constraints) -> Any:
    if kind == "string":
        if c.format is not None:
            return formats.get(c.format).good
        return "x" * max(c.minLength or 1, 1)
    if kind in ("integer", "number"):
        low = (
            c.minimum
            if c.minimum is not None
            else (c.exclusiveMinimum + 1 if c.exclusiveMinimum is not None else 1)
        )
        if c.multipleOf is not None:
            return _multiple_at_least(low, c.multipleOf, integer=kind == "integer")
        return int(low)
    if kind == "boolean":
        return True
    return "x"


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
        value = _get(root, tokens)
        if isinstance(value, list) and value:
            return _walk(spec, op, root, shape.items, [*tokens, "0"])
        return []
    if shape.kind != "ref":
        return []
    typedef = spec.type(shape.ref or "")
    value = _get(root, tokens)
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
        cases.extend(_rule_cases(spec, op, root, typedef, cross_rule, tokens))
    return cases


def _excluded(typedef: TypeDef, value: dict[str, Any], name: str) -> bool:
    """Whether an exactly_one_of rule forbids `name` beside the fields `value` has."""
    return any(
        rule.kind == "exactly_one_of"
        and name in rule.fields
        and any(other in value for other in rule.fields)
        for rule in typedef.rules
    )


def _exactly_one_cases(
    spec: Spec, op: str, root: Any, typedef: TypeDef, rule: Rule, tokens: list[str]
) -> list[Case]:
    """None of the fields, and two of them: each is one problem at the object."""
    here = json_pointer.from_tokens(tokens)
    value = _get(root, tokens)
    stripped = root
    for name in rule.fields:
        if name in value:
            stripped = _delete(stripped, [*tokens, name])
    cases = [Case(op, "exactly_one_of", here, stripped)]
    shapes = {f.wire_name: f.shape for f in typedef.fields}
    present = [n for n in rule.fields if n in value]
    extra = next((n for n in rule.fields if n not in value and n in shapes), None)
    if len(present) == 1 and extra is not None:
        both = _set(root, [*tokens, extra], sample(spec, shapes[extra]))
        cases.append(Case(op, "exactly_one_of:several", here, both))
    return cases


def _rule_cases(
    spec: Spec, op: str, root: Any, typedef: TypeDef, rule: Rule, tokens: list[str]
) -> list[Case]:
    """Payloads that break one cross-field rule of `typedef` at `tokens`."""
    here = json_pointer.from_tokens(tokens)
    value = _get(root, tokens)
    match rule.kind:
        case "at_least_one_of":
            stripped = root
            for name in rule.fields:
                if name in value:
                    stripped = _delete(stripped, [*tokens, name])
            return [Case(op, "at_least_one_of", here, stripped)]
        case "exactly_one_of":
            return _exactly_one_cases(spec, op, root, typedef, rule, tokens)
        case "require":
            return _require_cases(op, root, typedef, rule, tokens) if rule.when else []
        case "compare":
            return _compare_cases(op, root, typedef, rule, tokens)
        case "forbid":
            return []  # no generated case yet sends a forbidden field
        case _:
            assert_never(rule.kind)


def _require_cases(
    op: str, root: Any, typedef: TypeDef, rule: Rule, tokens: list[str]
) -> list[Case]:
    """The rule's condition made to hold, then each required field left out."""
    here = json_pointer.from_tokens(tokens)
    holding = conditions.make_hold(
        root, tokens, rule, _set, lambda name: _field_sample(typedef, name)
    )
    if holding is None:
        return []
    held = _get(holding, tokens)
    return [
        Case(op, f"require:{name}", here, _delete(holding, [*tokens, name]))
        for name in rule.fields
        if name in held
    ]


def _compare_cases(
    op: str, root: Any, typedef: TypeDef, rule: Rule, tokens: list[str]
) -> list[Case]:
    """The left-hand field given a value that makes the comparison false."""
    value = _get(root, tokens)
    left, right = rule.fields
    declared = {f.wire_name: f.shape.constraints.format for f in typedef.fields}
    if left not in value or right not in value:
        return []
    bad = _violating(value[right], declared.get(left), declared.get(right), rule.op)
    if bad is None:
        return []
    where = json_pointer.from_tokens(tokens)
    return [
        Case(
            op,
            f"compare:{left}{rule.op}{right}",
            f"{where}/{left}",
            _set(root, [*tokens, left], bad),
        )
    ]


def _violating(other: Any, left_format: str | None, right_format: str | None, op: str) -> Any:
    """A left-hand value that makes `left op other` false."""
    step = -1 if op in (">=", ">", "==") else 1
    if isinstance(other, int | float) and not isinstance(other, bool):
        return other + step
    read, write = formats.strptime(right_format), formats.strptime(left_format)
    if read is None or write is None or not isinstance(other, str):
        return None
    moment = datetime.strptime(other, read) + timedelta(days=step)
    return moment.strftime(write)


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


def _get(root: Any, tokens: list[str]) -> Any:
    value = root
    for token in tokens:
        value = value[int(token)] if isinstance(value, list) else value.get(token)
    return value


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


def base_payload(spec: Spec, op: Operation) -> Any:
    base = next((e.request.value for e in op.examples if e.request is not None), None)
    return base if base is not None else (sample(spec, op.body) if op.body else None)


def _field_sample(typedef: TypeDef, name: str) -> Any:
    """A value for a field a `present` clause needs (a string when its shape is not simple)."""
    shape = next((f.shape for f in typedef.fields if f.wire_name == name), None)
    if shape is not None and shape.kind in ("integer", "number", "boolean"):
        return {"integer": 1, "number": 1, "boolean": True}[shape.kind]
    length = shape.constraints.minLength if shape is not None else None
    return "x" * max(length or 1, 1)


def _multiple_at_least(low: float, step: float, *, integer: bool) -> int | float:
    """The smallest whole multiple of `step` not below `low`, computed in decimal."""
    d_step, d_low = Decimal(repr(float(step))), Decimal(repr(float(low)))
    value = (d_low / d_step).to_integral_value(rounding=ROUND_CEILING) * d_step
    return int(value) if integer or value == value.to_integral_value() else float(value)


def _off_step(value: float, step: float, *, integer: bool) -> int | float | None:
    """A value half a step (or one, for integers) away from `value`: not a multiple."""
    if integer:
        return int(value) + 1 if step > 1 else None
    return float(Decimal(repr(float(value))) + Decimal(repr(float(step))) / 2)
