"""Case generation: for a small type, exactly the expected cases, each breaking exactly one rule.

Calls generator.emit.cases.operation_cases(spec, op) and reads each Case's `id`,
`pointer`, `problem_rule`, `missing_field` and `payload`; the verdicts come
from the validators emitted for the same spec (tests/unit/specs.py), the code
the generated tests judge these payloads with.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import pytest

from generator.emit.cases import Case, operation_cases
from generator.output.pipeline import CheckedSpec
from tests.unit.specs import load

SPEC = """\
types:
  Line:
    source: Orders / line
    fields:
      sku: {type: string, required: true, maxLength: 5}
      qty: {type: integer, required: true, minimum: 1}
  NewOrder:
    source: Orders / create
    fields:
      ref: {type: string, required: true, minLength: 2}
      mode: {type: string, enum: [air, sea]}
      lines: {type: array, items: Line, required: true, maxItems: 3}
      email: {type: string}
      phone: {type: string}
      id: {type: string}
    rules:
      - exactly_one_of: [email, phone]
operations:
  create_order:
    source: Orders / create
    method: POST
    path: /orders
    body: NewOrder
    response_only: [id]
    responses: {"201": {encoding: empty}}
    examples:
      - title: Create
        request:
          json: '{"ref": "R1", "mode": "air", "email": "a", "lines": [{"sku": "AB", "qty": 1}]}'
  get_order:
    source: Orders / get
    method: GET
    path: /orders/{id}
    params:
      id: {in: path, type: string}
    responses: {"204": {encoding: empty}}
"""
EXAMPLE = {"ref": "R1", "mode": "air", "email": "a", "lines": [{"sku": "AB", "qty": 1}]}

# (pointer, rule the validator must report, the missing field it names)
EXPECTED = [
    ("", "required", "ref"),
    ("/ref", "type", None),  # null
    ("/ref", "type", None),  # a value of another type
    ("/ref", "minLength", None),
    ("/mode", "type", None),  # null
    ("/mode", "type", None),  # a value of another type
    ("/mode", "enum", None),
    ("", "required", "lines"),
    ("/lines", "type", None),  # null
    ("/lines", "type", None),  # a value of another type
    ("/lines", "maxItems", None),
    ("/lines/0", "required", "sku"),
    ("/lines/0/sku", "type", None),  # null
    ("/lines/0/sku", "type", None),  # a value of another type
    ("/lines/0/sku", "maxLength", None),
    ("/lines/0", "required", "qty"),
    ("/lines/0/qty", "type", None),  # null
    ("/lines/0/qty", "type", None),  # a value of another type
    ("/lines/0/qty", "minimum", None),
    ("/lines/0/undocumented_field", "unknown_field", None),
    ("/email", "type", None),  # null
    ("/email", "type", None),  # a value of another type
    ("/undocumented_field", "unknown_field", None),
    ("", "exactly_one_of", None),  # neither email nor phone
    ("", "exactly_one_of", None),  # both
    ("/id", "response_only", None),
]


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> CheckedSpec:
    return load(tmp_path_factory.mktemp("cases"), SPEC)


@pytest.fixture(scope="module")
def cases(checked: CheckedSpec) -> list[Case]:
    create = next(op for op in checked.spec.operations if op.name == "create_order")
    return operation_cases(checked.spec, create)


def _problems(validation: ModuleType, payload: Any) -> list[tuple[str, str, str | None]]:
    return [(p.pointer, p.rule, p.field) for p in validation.validate("create_order", payload)]


def _ordered(cases: list[tuple[str, str, str | None]]) -> list[tuple[str, str, str | None]]:
    return sorted(cases, key=lambda case: (case[0], case[1], case[2] or ""))


def test_exactly_the_expected_cases(cases: list[Case]) -> None:
    found = [(c.pointer, c.problem_rule, c.missing_field) for c in cases]
    assert _ordered(found) == _ordered(EXPECTED)


def test_case_ids_are_unique_and_name_operation_and_pointer(cases: list[Case]) -> None:
    ids = [c.id for c in cases]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith("create_order:") for i in ids)
    assert "create_order:/lines/0/qty:minimum" in ids


def test_the_example_they_start_from_is_valid(checked: CheckedSpec) -> None:
    assert _problems(checked.validation, EXAMPLE) == []


def test_each_case_breaks_exactly_its_one_rule(checked: CheckedSpec, cases: list[Case]) -> None:
    for case in cases:
        assert _problems(checked.validation, case.payload) == [
            (case.pointer, case.problem_rule, case.missing_field)
        ], case.id


def test_each_case_changes_the_example_in_one_place(cases: list[Case]) -> None:
    """A case is the example plus one edit; it never rewrites unrelated fields."""
    for case in cases:
        top = case.pointer.split("/")[1] if case.pointer else None
        changed = {
            key
            for key in EXAMPLE.keys() | case.payload.keys()
            if EXAMPLE.get(key, "<absent>") != case.payload.get(key, "<absent>")
        }
        if top is not None:
            assert changed == {top}, case.id
        else:
            assert 1 <= len(changed) <= 2, case.id  # a field removed, or one added/removed


def test_cases_copy_what_they_edit_and_share_the_rest(
    checked: CheckedSpec, cases: list[Case]
) -> None:
    """Structural sharing (pointer.set_tokens): a case's edited path is its own copy, an
    untouched field is the example's own object, and making the cases changed no example."""
    create = next(op for op in checked.spec.operations if op.name == "create_order")
    example = create.examples[0].request
    assert example is not None
    edited = [c.payload["lines"] for c in cases if c.pointer.startswith("/lines")]
    assert len({id(value) for value in edited}) == len(edited) > 1
    assert all(value is not example.value["lines"] for value in edited)
    untouched = [c.payload for c in cases if not c.pointer.startswith("/lines")]
    assert any(payload["lines"] is example.value["lines"] for payload in untouched)
    assert example.value == EXAMPLE


def test_an_operation_without_a_body_has_no_cases(checked: CheckedSpec) -> None:
    get = next(op for op in checked.spec.operations if op.name == "get_order")
    assert operation_cases(checked.spec, get) == []
