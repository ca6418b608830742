"""The export writes each repeated response, parameter and example once (emit/openapi_shared)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest

from generator.emit.openapi_shared import (
    Components,
    error_response_name,
    share_examples,
    share_parameters,
)
from tests.paths import GENERATED, PROVIDERS

_TENANT = {"name": "tenantId", "in": "path", "required": True, "schema": {"type": "string"}}


def test_a_name_holds_one_object_and_another_object_gets_a_number() -> None:
    shared = Components("responses")
    first = shared.ref("GeneralError400", {"description": "Bad Request"})
    again = shared.ref("GeneralError400", {"description": "Bad Request"})
    other = shared.ref("GeneralError400", {"description": "Bad Request, otherwise"})
    assert first == again == {"$ref": "#/components/responses/GeneralError400"}
    assert other == {"$ref": "#/components/responses/GeneralError4002"}
    assert shared.items["GeneralError4002"] == {"description": "Bad Request, otherwise"}


def test_error_responses_are_named_by_their_formats_and_status() -> None:
    assert error_response_name(400, ("general",)) == "GeneralError400"
    assert error_response_name(422, ("validation", "general")) == "ValidationOrGeneralError422"
    assert error_response_name(404, ("not_found",)) == "NotFoundError404"
    assert error_response_name(429, ()) == "TooManyRequests429"


def test_only_a_parameter_declared_alike_twice_is_shared() -> None:
    other_tenant = {**_TENANT, "description": "Another wording."}
    paths: dict[str, Any] = {
        "/a": {"get": {"parameters": [dict(_TENANT), {"name": "q", "in": "query"}]}},
        "/b": {"get": {"parameters": [dict(_TENANT)]}, "put": {"parameters": [other_tenant]}},
    }
    shared = Components("parameters")
    share_parameters(paths, shared)
    ref = {"$ref": "#/components/parameters/tenantId"}
    assert paths["/a"]["get"]["parameters"] == [ref, {"name": "q", "in": "query"}]
    assert paths["/b"]["get"]["parameters"] == [ref]
    assert paths["/b"]["put"]["parameters"] == [other_tenant]  # not identical: its own
    assert shared.items == {"tenantId": _TENANT}


def test_a_shared_example_keeps_each_places_title() -> None:
    value = {"id": "318782ea-75b1-11e8-adc0-fa7ae01b9ebc", "lines": list(range(30))}

    def media(title: str, example: Any) -> dict[str, Any]:
        examples = {"ex": {"summary": title, "value": example}}
        return {"content": {"application/json": {"examples": examples}}}

    paths: dict[str, Any] = {
        "/o": {
            "post": {"responses": {"201": media("Create / Response", value)}},
            "put": {"requestBody": media("Update / Request", value), "responses": {}},
            "get": {"responses": {"200": media("Get / Response", {"id": "x"})}},  # short, once
        }
    }
    shared = Components("examples")
    share_examples([paths], shared)
    assert shared.items == {"ex": {"summary": "Create / Response", "value": value}}
    created = paths["/o"]["post"]["responses"]["201"]["content"]["application/json"]["examples"]
    updated = paths["/o"]["put"]["requestBody"]["content"]["application/json"]["examples"]
    assert created == {"ex": {"$ref": "#/components/examples/ex"}}
    assert updated == {"ex": {"$ref": "#/components/examples/ex", "summary": "Update / Request"}}
    got = paths["/o"]["get"]["responses"]["200"]["content"]["application/json"]["examples"]
    assert got == {"ex": {"summary": "Get / Response", "value": {"id": "x"}}}


def _document(provider: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((GENERATED / provider / "openapi.json").read_text())
    return document


def _operations(document: dict[str, Any]) -> list[dict[str, Any]]:
    roots = (document["paths"], document.get("webhooks", {}))
    return [operation for root in roots for item in root.values() for operation in item.values()]


@pytest.mark.parametrize("provider", PROVIDERS)
def test_every_error_answer_is_a_reference_to_one_shared_response(provider: str) -> None:
    document = _document(provider)
    components = document["components"]
    used: Counter[str] = Counter()
    for operation in _operations(document):
        for status, response in operation["responses"].items():
            if int(status) >= 400:
                assert set(response) == {"$ref"}, (operation["operationId"], status)
                name = response["$ref"].removeprefix("#/components/responses/")
                assert name.endswith(status) and name in components["responses"]
                used[name] += 1
    assert set(used) == set(components.get("responses", {}))  # none unused


@pytest.mark.parametrize("provider", PROVIDERS)
def test_nothing_shared_is_written_twice(provider: str) -> None:
    """No two components alike, no inline parameter or example value alike in two places."""
    document = _document(provider)
    for kind in ("responses", "parameters", "examples"):
        found = document["components"].get(kind, {}).values()
        values = [json.dumps(value, sort_keys=True) for value in found]
        assert len(values) == len(set(values)), kind
    inline = Counter(
        json.dumps(parameter, sort_keys=True)
        for operation in _operations(document)
        for parameter in operation.get("parameters", [])
        if "$ref" not in parameter
    )
    assert [p for p, n in inline.items() if n > 1] == []
    shown = Counter(
        json.dumps(example["value"], sort_keys=True)
        for operation in _operations(document)
        for holder in [
            *operation.get("parameters", []),
            *operation.get("requestBody", {}).get("content", {}).values(),
            *(m for r in operation["responses"].values() for m in r.get("content", {}).values()),
        ]
        for example in holder.get("examples", {}).values()
        if "value" in example
    )
    assert [v for v, n in shown.items() if n > 1 and len(v) >= 80] == []


def test_an_example_with_words_a_reference_cannot_carry_stays_in_place() -> None:
    value = {"note": "x" * 100}
    described = {"summary": "A", "description": "Only here.", "value": value}
    plain = {"summary": "B", "value": value}
    paths: dict[str, Any] = {
        "/o": {
            "get": {"parameters": [{"name": "a", "in": "query", "examples": {"a": described}}]},
            "put": {"parameters": [{"name": "b", "in": "query", "examples": {"b": plain}}]},
        }
    }
    shared = Components("examples")
    share_examples([paths], shared)
    assert shared.items == {}  # one plain place alone is not shared
    assert paths["/o"]["get"]["parameters"][0]["examples"] == {"a": described}
