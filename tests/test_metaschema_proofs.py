"""Proofs for meta-schema keys that were accepted without a test (tests/metaschema_keys.yaml).

One small spec uses each key once; every test below fails when that key's
effect is removed: a validation rule that no longer fires, a field that is
no longer renamed, a word that no longer reaches the OpenAPI export.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from generator.cli.main import main

SPEC = """\
shipspec: 1
provider: proofs
title: Proofs test API
version: 1.0.0
servers: {live: https://api.proofs.example}
auth: {scheme: none}
operations:
  create_parcel:
    source: Parcels / create
    summary: Create a parcel
    description: Books one parcel for collection.
    method: POST
    path: /parcels
    body: Parcel
    response_only: [id]
    responses:
      "201": {type: Parcel, description: The parcel as booked.}
    examples:
      - title: A small parcel
        request: {json: '{"weight": 1.5, "codes": ["A"]}'}
  find_parcels:
    source: Parcels / find
    method: GET
    path: /parcels
    params:
      reference: {in: query, type: string, description: The shipper's own reference.}
      barcode: {in: query, type: string}
      limit: {in: query, type: integer, default: 25}
      since: {in: query, type: string, format: date, messages: {format: Use YYYY-MM-DD dates}}
    params_at_least_one_of: [reference, barcode]
    responses: {"200": {type: array, items: Parcel}}
  get_parcel:
    source: Parcels / get
    method: GET
    path: /parcels/{id}
    params:
      id: {in: path, type: string}
    deprecated: {replacement: find_parcels, note: gone in v3}
    responses: {"200": {type: Parcel, nullable: true}}
types:
  Parcel:
    source: Parcels / parcel
    description: One parcel of a shipment.
    fields:
      id: {type: string}
      weight: {type: number, exclusiveMinimum: 0, exclusiveMaximum: 30, required: true,
               description: Kilograms.}
      codes: {type: array, items: {type: string}, uniqueItems: true}
      class: {type: string, python_name: service_class}
      meta: {type: Meta}
      options: {type: object, additional: true, fields: {speed: {type: string}}}
    rules:
      - when: {field: class, in: [express]}
        require: [codes]
        messages: {codes: Express parcels need their codes}
  Meta:
    source: Parcels / meta
    additional: true
    fields:
      note: {type: string}
"""


ENVELOPED = """\
shipspec: 1
provider: wrapped
title: Wrapped test API
version: 1.0.0
servers: {live: https://api.wrapped.example}
auth: {scheme: none}
envelope: {status_field: status, ok: [ok], result_field: result, message_field: message}
operations:
  get_stock:
    source: Stock / get
    method: GET
    path: /stock
    responses: {"200": Stock}
  ping:
    source: Health / ping
    method: GET
    path: /ping
    envelope: false
    responses: {"200": Pong}
types:
  Stock:
    source: Stock / stock
    fields:
      sku: {type: string}
  Pong:
    source: Health / pong
    fields:
      status: {type: string}
"""


def _generate(root: Path, provider: str, text: str) -> Path:
    (root / "specs").mkdir()
    (root / "specs" / f"{provider}.yaml").write_text(text, "utf-8")
    assert main(["--project", str(root), "generate"]) == 0
    return root / "generated" / provider


def _imported(package: Path) -> Iterator[ModuleType]:
    sys.path.insert(0, str(package))
    try:
        yield importlib.import_module(f"{package.name}_client")
    finally:
        sys.path.remove(str(package))
        for name in [m for m in sys.modules if m.split(".")[0] == f"{package.name}_client"]:
            del sys.modules[name]


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _generate(tmp_path_factory.mktemp("proofs"), "proofs", SPEC)


@pytest.fixture(scope="module")
def proofs(package: Path) -> Iterator[ModuleType]:
    yield from _imported(package)


@pytest.fixture(scope="module")
def wrapped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    yield from _imported(_generate(tmp_path_factory.mktemp("wrapped"), "wrapped", ENVELOPED))


@pytest.fixture(scope="module")
def openapi(package: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((package / "openapi.json").read_text("utf-8"))
    return document


def _found(problems: list[Any]) -> list[tuple[str, str]]:
    return [(p.pointer, p.rule) for p in problems]


def test_exclusive_bounds_refuse_the_bound_itself(proofs: ModuleType) -> None:
    assert _found(proofs.validate("create_parcel", {"weight": 0})) == [
        ("/weight", "exclusiveMinimum")
    ]
    assert _found(proofs.validate("create_parcel", {"weight": 30})) == [
        ("/weight", "exclusiveMaximum")
    ]
    assert proofs.validate("create_parcel", {"weight": 29.9}) == []


def test_unique_items_refuse_a_repeat(proofs: ModuleType) -> None:
    assert _found(proofs.validate("create_parcel", {"weight": 1, "codes": ["A", "A"]})) == [
        ("/codes", "unique")
    ]
    assert proofs.validate("create_parcel", {"weight": 1, "codes": ["A", "B"]}) == []


def test_response_only_fields_are_refused_in_the_request(proofs: ModuleType) -> None:
    assert _found(proofs.validate("create_parcel", {"weight": 1, "id": "P1"})) == [
        ("/id", "response_only")
    ]


def test_params_at_least_one_of_needs_one_of_them(proofs: ModuleType) -> None:
    from proofs_client._validation import validate_params

    assert _found(validate_params("find_parcels", {"limit": 5})) == [("", "at_least_one_of")]
    assert validate_params("find_parcels", {"barcode": "B1"}) == []


def test_a_field_python_name_renames_the_attribute_not_the_wire_name(proofs: ModuleType) -> None:
    parcel = proofs.models.Parcel.model_validate({"weight": 1, "class": "express"})
    assert parcel.service_class == "express"
    assert parcel.model_dump(by_alias=True, exclude_unset=True) == {
        "weight": 1.0,
        "class": "express",
    }


def test_documentary_words_reach_the_openapi_export(openapi: dict[str, Any]) -> None:
    create = openapi["paths"]["/parcels"]["post"]
    assert create["summary"] == "Create a parcel"
    assert create["description"].startswith("Books one parcel for collection.")
    assert create["description"].endswith("Document section: Parcels / create.")  # its source
    assert create["responses"]["201"]["description"] == "The parcel as booked."
    examples = create["requestBody"]["content"]["application/json"]["examples"]
    assert [e["summary"] for e in examples.values()] == ["A small parcel"]
    parcel = openapi["components"]["schemas"]["Parcel"]
    assert parcel["description"] == "One parcel of a shipment."
    assert parcel["properties"]["weight"]["description"] == "Kilograms."
    params = {p["name"]: p for p in openapi["paths"]["/parcels"]["get"]["parameters"]}
    assert params["reference"]["description"] == "The shipper's own reference."
    assert params["limit"]["schema"] == {"type": "integer", "default": 25}


def test_a_parameter_format_and_its_own_wording(proofs: ModuleType) -> None:
    from proofs_client._validation import validate_params

    problems = validate_params("find_parcels", {"barcode": "B1", "since": "yesterday"})
    assert [(p.pointer, p.rule, p.message) for p in problems] == [
        ("/since", "format", "Use YYYY-MM-DD dates")
    ]
    assert validate_params("find_parcels", {"barcode": "B1", "since": "2026-01-31"}) == []


def test_additional_lets_unknown_fields_through_where_declared(proofs: ModuleType) -> None:
    assert _found(proofs.validate("create_parcel", {"weight": 1, "zone": 1})) == [
        ("/zone", "unknown_field")
    ]
    open_ended = {"weight": 1, "meta": {"note": "n", "x": 1}, "options": {"y": 2}}
    assert proofs.validate("create_parcel", open_ended) == []


def test_a_rule_speaks_its_own_messages(proofs: ModuleType) -> None:
    problems = proofs.validate("create_parcel", {"weight": 1, "class": "express"})
    assert [(p.pointer, p.rule, p.message) for p in problems] == [
        ("", "conditional", "Express parcels need their codes")
    ]


def test_a_nullable_answer_is_none_and_a_deprecated_call_names_its_note(
    proofs: ModuleType,
) -> None:
    def null(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=None)

    client = proofs.Client(http_client=httpx.Client(transport=httpx.MockTransport(null)))
    with pytest.warns(DeprecationWarning, match=r"use find_parcels instead \(gone in v3\)"):
        assert client.get_parcel("P1") is None


def test_envelope_false_and_the_envelope_message(wrapped: ModuleType) -> None:
    """A failed envelope raises with its message; an operation outside it is not read so."""

    def failed(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"status": "failed", "message": "Out of service"})

    client = wrapped.Client(http_client=httpx.Client(transport=httpx.MockTransport(failed)))
    with pytest.raises(wrapped.EnvelopeError, match="Out of service"):
        client.get_stock()
    assert client.ping().status == "failed"
