"""Payloads that break one cross-field rule of a type (exactly_one_of, require, forbid,
compare), and nothing else.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, assert_never

from generator.concepts import formats
from generator.emit.case_model import Case, value_at
from generator.emit.samples import sample
from generator.spec import conditions
from generator.spec import pointer as json_pointer
from generator.spec.model import Rule, Spec, TypeDef

_set = json_pointer.set_tokens
_delete = json_pointer.delete_tokens


def _exactly_one_cases(
    spec: Spec, op: str, root: Any, typedef: TypeDef, rule: Rule, tokens: list[str]
) -> list[Case]:
    """None of the fields, and two of them: each is one problem at the object."""
    here = json_pointer.from_tokens(tokens)
    value = value_at(root, tokens)
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


def rule_cases(
    spec: Spec, op: str, root: Any, typedef: TypeDef, rule: Rule, tokens: list[str]
) -> list[Case]:
    """Payloads that break one cross-field rule of `typedef` at `tokens`."""
    here = json_pointer.from_tokens(tokens)
    value = value_at(root, tokens)
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
    held = value_at(holding, tokens)
    return [
        Case(op, f"require:{name}", here, _delete(holding, [*tokens, name]))
        for name in rule.fields
        if name in held
    ]


def _compare_cases(
    op: str, root: Any, typedef: TypeDef, rule: Rule, tokens: list[str]
) -> list[Case]:
    """The left-hand field given a value that makes the comparison false."""
    value = value_at(root, tokens)
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


def _field_sample(typedef: TypeDef, name: str) -> Any:
    """A value for a field a `present` clause needs (a string when its shape is not simple)."""
    shape = next((f.shape for f in typedef.fields if f.wire_name == name), None)
    if shape is not None and shape.kind in ("integer", "number", "boolean"):
        return {"integer": 1, "number": 1, "boolean": True}[shape.kind]
    length = shape.constraints.minLength if shape is not None else None
    return "x" * max(length or 1, 1)
