"""build: a spec text becomes a typed, frozen model with every default resolved.

Calls generator.output.pipeline.load_checked through tests/unit/specs.py; reads the
model's public fields (Spec.type(), .operations, TypeDef.fields, Shape, ...).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from generator.spec.diagnostics import SpecError
from generator.spec.model import Operation, Spec
from tests.unit.specs import kind, load, spec_text

ORDERS = """\
types:
  Line:
    source: Orders / line
    fields:
      sku: {type: string, required: true, minLength: 2, maxLength: 5}
      qty: {type: integer, required: true, minimum: 1, maximum: 10}
  NewOrder:
    source: Orders / create
    fields:
      ref: {type: string, required: true, pattern: "^R[0-9]+$"}
      ship_by: {type: string, format: date}
      mode: {type: string, enum: {A: Air, S: Sea}}
      lines: {type: array, items: Line, required: true, minItems: 1, maxItems: 2}
      note: {type: string, nullable: true}
      PONumber: {type: string, python_name: po_number}
      attributes: {type: map, values: integer}
      wrap: {type: object, fields: {paper: {type: string, required: true}}}
  Order:
    source: Orders / order
    fields:
      id: {type: [string, integer], required: true}
      ref: {type: string, required: true}
operations:
  create_order:
    source: Orders / create
    method: POST
    path: /orders
    body: NewOrder
    responses: {"201": Order}
    examples:
      - title: Create
        request: {json: '{"ref": "R1", "lines": [{"sku": "AB", "qty": 1}]}'}
        response: {status: 201, json: '{"id": 7, "ref": "R1"}'}
  get_order:
    source: Orders / get
    method: GET
    path: /orders/{id}
    params:
      id: {in: path, type: string, python_name: order_id}
      expand: {in: query, type: boolean}
      If-Match: {in: header, type: integer, required: true}
    responses: {"200": Order, "204": {encoding: empty}}
"""


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory) -> Spec:
    return load(tmp_path_factory.mktemp("build"), ORDERS).spec


def _op(spec: Spec, name: str) -> Operation:
    return next(op for op in spec.operations if op.name == name)


def test_the_model_is_frozen(spec: Spec) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        spec.provider = "other"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        spec.type("Line").fields[0].required = False  # type: ignore[misc]


def test_fields_keep_wire_names_order_and_required(spec: Spec) -> None:
    fields = {f.wire_name: f for f in spec.type("NewOrder").fields}
    assert list(fields) == [
        "ref", "ship_by", "mode", "lines", "note", "PONumber", "attributes", "wrap"
    ]
    assert fields["ref"].required and fields["lines"].required
    assert not fields["ship_by"].required
    assert fields["PONumber"].python_name == "po_number"


def test_constraints_are_typed_values(spec: Spec) -> None:
    line = {f.wire_name: f.shape for f in spec.type("Line").fields}
    assert kind(line["sku"].kind) == "string"
    assert (line["sku"].constraints.minLength, line["sku"].constraints.maxLength) == (2, 5)
    assert kind(line["qty"].kind) == "integer"
    assert (line["qty"].constraints.minimum, line["qty"].constraints.maximum) == (1, 10)
    order = {f.wire_name: f.shape for f in spec.type("NewOrder").fields}
    assert order["ref"].constraints.pattern == "^R[0-9]+$"
    assert order["ship_by"].constraints.format == "date"
    assert [(e.value, e.meaning) for e in order["mode"].constraints.enum] == [
        ("A", "Air"),
        ("S", "Sea"),
    ]
    assert order["note"].nullable and not order["ref"].nullable


def test_containers_and_references(spec: Spec) -> None:
    order = {f.wire_name: f.shape for f in spec.type("NewOrder").fields}
    lines = order["lines"]
    assert kind(lines.kind) == "array"
    assert lines.items is not None and kind(lines.items.kind) == "ref"
    assert lines.items.ref == "Line"
    assert (lines.constraints.minItems, lines.constraints.maxItems) == (1, 2)
    attributes = order["attributes"]
    assert kind(attributes.kind) == "map"
    assert attributes.values is not None and kind(attributes.values.kind) == "integer"
    ids = {f.wire_name: f.shape for f in spec.type("Order").fields}["id"]
    assert tuple(ids.types) == ("string", "integer")


def test_an_inline_object_is_hoisted_into_a_named_type(spec: Spec) -> None:
    wrap = {f.wire_name: f.shape for f in spec.type("NewOrder").fields}["wrap"]
    assert kind(wrap.kind) == "ref" and wrap.ref == "NewOrderWrap"
    assert [f.wire_name for f in spec.type("NewOrderWrap").fields] == ["paper"]


def test_request_types_are_closed_and_response_types_open(spec: Spec) -> None:
    """The documented default, resolved in build: a typo in a request is caught."""
    assert spec.type("NewOrder").additional is False
    assert spec.type("Line").additional is False  # reached from a request body
    assert spec.type("Order").additional is not False


def test_operations_params_and_responses(spec: Spec) -> None:
    get = _op(spec, "get_order")
    assert (get.method, get.path, get.body) == ("GET", "/orders/{id}", None)
    params = {p.key: p for p in get.params}
    assert (kind(params["id"].location), params["id"].python_name) == ("path", "order_id")
    assert params["id"].required, "a path parameter is always required"
    assert kind(params["expand"].location) == "query" and not params["expand"].required
    assert params["If-Match"].wire_name == "If-Match"
    assert kind(params["If-Match"].location) == "header"
    assert {(r.status, kind(r.encoding)) for r in get.responses} == {
        (200, "json"),
        (204, "empty"),
    }


def test_defaults_are_resolved(spec: Spec) -> None:
    create, get = _op(spec, "create_order"), _op(spec, "get_order")
    assert (create.idempotent, get.idempotent) == (False, True)
    assert create.auth and kind(create.body_encoding) == "json"
    assert create.body is not None and create.body.ref == "NewOrder"
    assert create.success.status == 201


def test_examples_are_parsed_json(spec: Spec) -> None:
    (example,) = _op(spec, "create_order").examples
    assert example.request is not None and example.response is not None
    assert example.request.value == {"ref": "R1", "lines": [{"sku": "AB", "qty": 1}]}
    assert example.response.value == {"id": 7, "ref": "R1"}


def test_every_problem_is_reported_at_its_place(tmp_path: Path) -> None:
    broken = ORDERS.replace("body: NewOrder", "body: NewOrdr").replace(
        "method: GET", "mehtod: GET"
    )
    with pytest.raises(SpecError) as raised:
        load(tmp_path, broken)
    lines = spec_text(broken).splitlines()
    found = {(d.line, d.message) for d in raised.value.diagnostics}
    assert len(found) >= 2
    places = {lines[line - 1].strip() for line, _ in found}
    assert "body: NewOrdr" in places
    assert "mehtod: GET" in places
    assert all(d.file.endswith("specs/unit.yaml") for d in raised.value.diagnostics)


def test_an_example_breaking_its_schema_is_a_spec_problem(tmp_path: Path) -> None:
    broken = ORDERS.replace('"sku": "AB"', '"sku": "A"')
    with pytest.raises(SpecError) as raised:
        load(tmp_path, broken)
    (problem,) = raised.value.diagnostics
    assert "/lines/0/sku" in problem.message
    assert "request: {json:" in spec_text(broken).splitlines()[problem.line - 1]


def test_a_field_named_like_a_data_word_is_still_cited() -> None:
    """`messages`, `examples`, `headers`… are provider data as keywords, names as fields."""
    from generator.spec.citations import citations

    raw = {
        "types": {
            "Order": {
                "source": "Orders",
                "fields": {
                    "messages": {"type": "string", "source": "Orders / messages"},
                    "examples": {"type": "string", "source": "Orders / examples"},
                },
                "messages": {"required": "an order needs {field}"},
            }
        },
        "operations": {
            "get_order": {"source": "Orders / get", "examples": [{"source": "not a citation"}]}
        },
    }
    assert dict(citations(raw)) == {
        "/types/Order": "Orders",
        "/types/Order/fields/messages": "Orders / messages",
        "/types/Order/fields/examples": "Orders / examples",
        "/operations/get_order": "Orders / get",
    }
