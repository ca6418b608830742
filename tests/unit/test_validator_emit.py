"""Validator emission: the generated checks, executed, report every problem with its JSON Pointer.

Calls generator.output.pipeline.load_checked (tests/unit/specs.py), which emits the
validators (validator_emit.emit_validators), renders and executes them; the
tests call the executed module's public entry points `validate(operation,
payload)` and `validate_params(operation, params)`, as the client does, and
read each Problem's `pointer`, `rule` and `field`.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.unit.specs import load

SPEC = """\
types:
  Line:
    source: Orders / line
    fields:
      sku: {type: string, required: true, minLength: 2, maxLength: 5}
      qty:
        type: integer
        required: true
        minimum: 1
        messages: {minimum: "Quantity must be positive"}
  Parcel:
    source: Items / parcel
    fields:
      kind: {type: string, required: true, const: parcel}
      weight: {type: number, required: true, multipleOf: 0.01}
  Letter:
    source: Items / letter
    fields:
      kind: {type: string, required: true, const: letter}
  Item:
    source: Items
    one_of: [Parcel, Letter]
    discriminator: kind
  NewOrder:
    source: Orders / create
    fields:
      ref: {type: string, required: true, pattern: "^R[0-9]+$"}
      ship_by: {type: string, format: date}
      deliver_after: {type: string, format: date}
      mode: {type: string, enum: [air, sea]}
      lines: {type: array, items: Line, required: true, minItems: 1, uniqueBy: sku}
      item: {type: Item}
      email: {type: string, format: email}
      phone: {type: string}
      note: {type: string, nullable: true}
    rules:
      - exactly_one_of: [email, phone]
      - require: [ship_by]
        when: {field: mode, in: [air]}
      - compare: {left: deliver_after, op: ">=", right: ship_by}
        message: deliver_after must not be before ship_by
operations:
  create_order:
    source: Orders / create
    method: POST
    path: /orders
    body: NewOrder
    responses: {"201": {encoding: empty}}
    examples:
      - title: Create
        request:
          json: '{"ref": "R1", "email": "a@b.example", "lines": [{"sku": "AB", "qty": 1}]}'
  list_orders:
    source: Orders / list
    method: GET
    path: /orders
    params:
      ids: {in: query, type: array, items: {type: integer, minimum: 1}, maxItems: 2}
      page: {in: query, type: integer, minimum: 1}
    responses: {"204": {encoding: empty}}
"""

VALID: dict[str, Any] = {"ref": "R1", "email": "a@b.example", "lines": [{"sku": "AB", "qty": 1}]}


@pytest.fixture(scope="module")
def validation(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    return load(tmp_path_factory.mktemp("emit"), SPEC).validation


def _found(problems: list[Any]) -> list[tuple[str, str]]:
    return sorted((p.pointer, p.rule) for p in problems)


def test_a_valid_payload_has_no_problems(validation: ModuleType) -> None:
    assert validation.validate("create_order", VALID) == []
    with_item = {**VALID, "item": {"kind": "parcel", "weight": 19.99}, "note": None}
    assert validation.validate("create_order", with_item) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"ref": "X1"}, [("/ref", "pattern")]),
        ({"ref": 1}, [("/ref", "type")]),
        ({"ship_by": "2023-02-30"}, [("/ship_by", "format")]),
        ({"mode": "rail"}, [("/mode", "enum")]),
        ({"note": 5}, [("/note", "type")]),
        ({"lines": []}, [("/lines", "minItems")]),
        ({"lines": [{"sku": "A", "qty": 1}]}, [("/lines/0/sku", "minLength")]),
        ({"lines": [{"sku": "AB", "qty": 0}]}, [("/lines/0/qty", "minimum")]),
        (
            {"lines": [{"sku": "AB", "qty": 1}, {"sku": "AB", "qty": 2}]},
            [("/lines/1/sku", "unique")],
        ),
        (
            {"lines": [{"sku": "AB", "qty": 1, "colour": "red"}]},
            [("/lines/0/colour", "unknown_field")],
        ),
        ({"item": {"kind": "parcel", "weight": 1.005}}, [("/item/weight", "multipleOf")]),
        ({"item": {"kind": "box"}}, [("/item/kind", "discriminator")]),
        ({"phone": "0123"}, [("", "exactly_one_of")]),
        ({"mode": "air"}, [("", "conditional")]),
        (
            {"ship_by": "2024-02-01", "deliver_after": "2024-01-31"},
            [("/deliver_after", "cross_field")],
        ),
    ],
)
def test_one_broken_rule_is_one_problem_at_its_pointer(
    validation: ModuleType, change: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    assert _found(validation.validate("create_order", {**VALID, **change})) == expected


def test_every_problem_is_reported_not_just_the_first(validation: ModuleType) -> None:
    payload = {"ref": "X", "email": "a@b.example", "lines": [{"sku": "TOOLONG"}, {"qty": "1"}]}
    assert _found(validation.validate("create_order", payload)) == [
        ("/lines/0", "required"),  # a missing field: at its object, naming it (Problem.field)
        ("/lines/0/sku", "maxLength"),
        ("/lines/1", "required"),
        ("/lines/1/qty", "type"),
        ("/ref", "pattern"),
    ]


def test_a_missing_field_is_named_and_the_provider_words_are_used(
    validation: ModuleType,
) -> None:
    without_ref = {"email": "a@b.example", "lines": VALID["lines"]}
    (missing,) = validation.validate("create_order", without_ref)
    assert (missing.pointer, missing.rule, missing.field) == ("", "required", "ref")
    (low,) = validation.validate("create_order", {**VALID, "lines": [{"sku": "AB", "qty": 0}]})
    assert low.message == "Quantity must be positive"


def test_a_pointer_escapes_its_tokens(validation: ModuleType) -> None:
    (extra,) = validation.validate("create_order", {**VALID, "a/b~c": 1})
    assert (extra.pointer, extra.rule) == ("/a~1b~0c", "unknown_field")


def test_parameters_are_checked_item_by_item(validation: ModuleType) -> None:
    assert validation.validate_params("list_orders", {"ids": [1, 2], "page": 1}) == []
    assert _found(validation.validate_params("list_orders", {"ids": [1, 0], "page": 0})) == [
        ("/ids/1", "minimum"),
        ("/page", "minimum"),
    ]
    assert _found(validation.validate_params("list_orders", {"ids": [1, 2, 3]})) == [
        ("/ids", "maxItems")
    ]


def test_the_emitted_source_names_the_spec_types_and_compiles(tmp_path: Path) -> None:
    split = load(tmp_path, SPEC).checks
    checks = split.requests + split.responses
    compile(split.requests, "<requests>", "exec")
    assert all(name in checks for name in ("NewOrder", "Line", "Parcel", "Letter", "Item"))


def test_the_runtime_helpers_speak_the_generator_s_words(validation: ModuleType) -> None:
    """_checks.py words a missing field, an unknown key and a broken rule as messages.py does."""
    from generator.emit import messages
    from generator.spec.model import Constraints

    problems = validation.validate("create_order", {**VALID, "lines": [{"sku": "A", "x": 1}]})
    by_rule = {p.rule: p for p in problems}
    assert by_rule["required"].message == messages.missing("qty")
    assert by_rule["required"].field == "qty"
    assert by_rule["unknown_field"].message == messages.UNKNOWN_FIELD
    assert (
        by_rule["minLength"].message
        == messages.length(Constraints(minLength=2, maxLength=5)) + " (got 1)"
    )
    wrong = validation.validate("create_order", {**VALID, "phone": 7, "ref": "X1"})
    assert [(p.pointer, p.message, p.rule) for p in wrong] == [
        ("/ref", "must match the pattern ^R[0-9]+$ (got 'X1')", "pattern"),
        ("/phone", "must be a string (got integer)", "type"),
        ("", messages.exactly_one(("email", "phone")), "exactly_one_of"),
    ]


def test_a_response_only_field_is_refused_at_its_pointer_in_the_generator_s_words(
    tmp_path: Path,
) -> None:
    from generator.emit import messages

    spec = SPEC.replace(
        "    body: NewOrder\n", "    body: NewOrder\n    response_only: [note, phone]\n"
    )
    validation = load(tmp_path, spec).validation
    problems = validation.validate("create_order", {**VALID, "phone": "1", "note": None})
    assert [(p.pointer, p.message) for p in problems if p.rule == "response_only"] == [
        ("/note", messages.RESPONSE_ONLY),
        ("/phone", messages.RESPONSE_ONLY),
    ]


def test_a_discriminator_named_with_a_slash_is_escaped_in_its_pointer(tmp_path: Path) -> None:
    spec = SPEC.replace("kind", "kind/of").replace("{kind/of:", "{'kind/of':")
    spec = spec.replace("      kind/of:", "      'kind/of':").replace(
        "discriminator: kind/of", "discriminator: 'kind/of'"
    )
    validation = load(tmp_path, spec).validation
    (wrong,) = validation.validate("create_order", {**VALID, "item": {"kind/of": "box"}})
    assert (wrong.pointer, wrong.rule) == ("/item/kind~1of", "discriminator")


def test_a_boolean_s_const_and_enum_are_checked(tmp_path: Path) -> None:
    """A boolean is more than its type when the spec fixes its value (it once passed any bool)."""
    spec = SPEC.replace(
        "      note: {type: string, nullable: true}\n",
        "      note: {type: string, nullable: true}\n"
        "      gift: {type: boolean, const: true}\n"
        "      wrap: {type: boolean, enum: [false]}\n",
    )
    validation = load(tmp_path, spec).validation
    assert validation.validate("create_order", {**VALID, "gift": True, "wrap": False}) == []
    wrong = validation.validate("create_order", {**VALID, "gift": False, "wrap": True})
    assert [(p.pointer, p.rule) for p in wrong] == [("/gift", "const"), ("/wrap", "enum")]
    (typed,) = validation.validate("create_order", {**VALID, "gift": 1})
    assert (typed.pointer, typed.rule) == ("/gift", "type")
