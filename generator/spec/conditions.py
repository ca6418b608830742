"""When a conditional rule (`require`/`forbid` with `when`) applies.

A clause is `{field: F, in: [values]}` (F present with one of the values;
`absent: true` also holds when F is missing) or `{field: F, present: true}`
(F present and not null). `when:` is one clause or a list of clauses that
must all hold ("when status is SHIPPED and trackingNumber is present"). A
clause with neither `in` nor `present` would never hold, so the loader
refuses it. Everything about clauses lives here: parsing, the located
diagnostics, the generated check, the JSON Schema `if`, the wording.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator.spec import diagnostic_codes as codes
from generator.spec.diagnostic_codes import Code
from generator.spec.loader import child_pointer
from generator.spec.model import Condition, Rule


def _clauses_raw(raw_when: Any) -> list[dict[str, Any]]:
    return list(raw_when) if isinstance(raw_when, list) else [raw_when]


def parse(raw_when: Any) -> tuple[Condition, ...]:
    """Every clause of a `when`, in the spec's order."""
    return tuple(
        Condition(
            field=raw["field"],
            values=tuple(raw.get("in", ())),
            or_absent=bool(raw.get("absent", False)),
            present=bool(raw.get("present", False)),
        )
        for raw in _clauses_raw(raw_when)
    )


def check(raw_when: Any, pointer: str, error: Callable[[str, str, Code], None]) -> None:
    """A clause says what it tests: values (`in`) or presence (`present: true`), not both."""
    for index, raw in enumerate(_clauses_raw(raw_when)):
        here = child_pointer(pointer, index) if isinstance(raw_when, list) else pointer
        has_values, present = "in" in raw, bool(raw.get("present", False))
        if not has_values and not present:
            error(
                here,
                f"condition on '{raw['field']}' never holds: give `in: [values]`"
                " or `present: true`",
                codes.BAD_CONDITION,
            )
        elif has_values and present:
            error(
                here,
                f"condition on '{raw['field']}': `in` and `present` exclude each other",
                codes.BAD_CONDITION,
            )
        elif present and raw.get("absent"):
            error(
                here,
                f"condition on '{raw['field']}': `present` and `absent` exclude each other",
                codes.BAD_CONDITION,
            )


def clauses(rule: Rule) -> tuple[Condition, ...]:
    return ((rule.when,) if rule.when is not None else ()) + rule.also


def fields(raw_when: Any) -> list[str]:
    return [raw["field"] for raw in _clauses_raw(raw_when)]


def holds_expression(rule: Rule) -> str:
    """Python text, over `value` (the object), true when every clause holds."""
    parts = []
    for clause in clauses(rule):
        if clause.present:
            parts.append(f"value.get({clause.field!r}) is not None")
        else:
            parts.append(
                f"_holds(value, {clause.field!r}, {clause.values!r}, {clause.or_absent!r})"
            )
    return " and ".join(parts)


def _clause_schema(clause: Condition) -> dict[str, Any]:
    if clause.present:
        return {"required": [clause.field], "properties": {clause.field: {"not": {"type": "null"}}}}
    condition: dict[str, Any] = {"properties": {clause.field: {"enum": list(clause.values)}}}
    if clause.or_absent:
        return {"anyOf": [condition, {"not": {"required": [clause.field]}}]}
    condition["required"] = [clause.field]
    return condition


def schema(rule: Rule) -> dict[str, Any]:
    """The JSON Schema `if` of the rule."""
    parts = [_clause_schema(clause) for clause in clauses(rule)]
    return parts[0] if len(parts) == 1 else {"allOf": parts}


def describe(rule: Rule) -> str:
    """The condition in words: "'status' is 'SHIPPED' and 'trackingNumber' is present"."""
    words = []
    for clause in clauses(rule):
        if clause.present:
            words.append(f"'{clause.field}' is present")
        else:
            shown = " or ".join(repr(v) for v in clause.values)
            absent = " or absent" if clause.or_absent else ""
            words.append(f"'{clause.field}' is {shown}{absent}")
    return " and ".join(words)


def record(rule: Rule) -> dict[str, Any] | None:
    """The surface record's view of the first clause; extra clauses under `also`."""
    if rule.when is None:
        return None
    return _record(rule.when)


def _record(clause: Condition) -> dict[str, Any]:
    node: dict[str, Any] = {
        "field": clause.field,
        "in": list(clause.values),
        "absent": clause.or_absent,
    }
    if clause.present:
        node["present"] = True
    return node


def record_also(rule: Rule) -> list[dict[str, Any]]:
    return [_record(clause) for clause in rule.also]


def make_hold(
    root: Any,
    tokens: list[str],
    rule: Rule,
    setter: Callable[[Any, list[str], Any], Any],
    sample_of: Callable[[str], Any],
) -> Any | None:
    """`root` changed so every clause holds at `tokens`, or None when that cannot be made."""
    held = root
    for clause in clauses(rule):
        target: Any = held
        for token in tokens:
            target = target[int(token)] if isinstance(target, list) else target[token]
        if clause.present:
            if target.get(clause.field) is None:
                held = setter(held, [*tokens, clause.field], sample_of(clause.field))
        elif clause.or_absent and clause.field not in target:
            continue
        elif clause.values:
            held = setter(held, [*tokens, clause.field], clause.values[0])
        else:
            return None
    return held
