"""A small inline spec, generated into tmp_path, imported and exercised end to end."""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from urllib.parse import parse_qsl

import httpx
import pytest

from generator.cli.main import main

SPEC = """
shipspec: 1
provider: mini
title: Mini API
version: 0.1.0
servers: {live: https://mini.example.com}
headers: {Accept-Version: "1"}
auth:
  scheme: oauth2_password
  operation: get_token
  credentials:
    username: {field: username}
    password: {field: password, secret: true}
  token: {field: access_token, expires_in: expires_in}
  header: {Authorization: "Bearer {token}"}
error_formats:
  text: {text: true}
errors: {"400": text}
types:
  TokenRequest:
    source: Token
    fields:
      grant_type: {type: string, required: true, const: password}
      username: {type: string, required: true}
      password: {type: string, required: true}
  Token:
    source: Token
    fields:
      access_token: {type: string, required: true}
      expires_in: {type: integer, required: true}
  Event:
    source: Events
    fields:
      kind: {type: integer, enum: [0, 1]}
      courier: {type: string, messages: {required: "Courier Name is required"}}
      shipped: {type: string, format: local-date-time}
      arrives: {type: string, format: date}
      items:
        type: array
        required: true
        minItems: 1
        items: {fields: {code: {type: string, required: true}}}
        messages: {items: "At least one item is required"}
      tags: {type: map, values: {type: string, maxLength: 3}}
      note: {type: string, nullable: true}
    rules:
      - require: [courier, shipped]
        when: {field: kind, in: [0], absent: true}
      - compare: {left: arrives, op: ">=", right: shipped}
        message: "Arrival must be the same date or after shipping"
  Ref:
    source: References
    fields:
      id: {type: integer}
      code: {type: string}
    rules:
      - at_least_one_of: [id, code]
  Pet:
    source: Pets
    one_of: [Cat, Dog]
    discriminator: kind
  Cat:
    source: Pets
    fields:
      kind: {type: string, required: true, const: cat}
      lives: {type: integer, minimum: 1, maximum: 9}
  Dog:
    source: Pets
    fields:
      kind: {type: string, required: true, const: dog}
      good: {type: boolean, required: true}
  Ack:
    source: Events
    fields:
      ok: {type: boolean, required: true}
operations:
  get_token:
    source: Token
    method: POST
    path: /token
    auth: false
    body: TokenRequest
    body_encoding: form
    responses: {"200": Token}
  send_event:
    source: Events
    method: POST
    path: /events
    body: Event
    responses: {"200": Ack}
  find:
    source: References
    method: POST
    path: /find
    body: Ref
    responses: {"200": Ack}
  adopt:
    source: Pets
    method: POST
    path: /pets/{shelter}
    params:
      shelter: {in: path, type: integer, minimum: 1}
    body: Pet
    responses: {"201": Pet}
"""


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    project = tmp_path_factory.mktemp("mini")
    (project / "specs").mkdir()
    (project / "specs" / "mini.yaml").write_text(SPEC, "utf-8")
    assert main(["--project", str(project), "generate"]) == 0
    sys.path.insert(0, str(project / "generated" / "mini"))
    try:
        yield importlib.import_module("mini_client")
    finally:
        sys.path.remove(str(project / "generated" / "mini"))


def _pointers(mini: ModuleType, op: str, payload: object) -> dict[str, str]:
    return {p.pointer: p.message for p in mini.validate(op, payload)}


def test_conditional_requirements_use_the_provider_wording(mini: ModuleType) -> None:
    problems = mini.validate("send_event", {"items": [{"code": "A"}]})
    assert [p.message for p in problems] == [
        "Courier Name is required",
        "missing required field 'shipped' (required when 'kind' is 0 or absent)",
    ]
    assert mini.validate("send_event", {"kind": 1, "items": [{"code": "A"}]}) == []


def test_cross_field_dates(mini: ModuleType) -> None:
    base = {"kind": 0, "courier": "RM", "items": [{"code": "A"}]}
    same_day = dict(base, shipped="2024-05-20 15:00:00", arrives="2024-05-20")
    assert mini.validate("send_event", same_day) == []
    early = dict(base, shipped="2024-05-20 15:00:00", arrives="2024-05-19")
    assert _pointers(mini, "send_event", early) == {
        "/arrives": "Arrival must be the same date or after shipping"
    }
    bad_format = dict(base, shipped="2024-05-20T15:00:00", arrives="2024-02-30")
    assert set(_pointers(mini, "send_event", bad_format)) == {"/shipped", "/arrives"}


def test_arrays_maps_nullables_and_unknown_fields(mini: ModuleType) -> None:
    payload = {"kind": 1, "items": [], "tags": {"a": "long", "b/c": "ok"}, "note": None, "extra": 1}
    assert _pointers(mini, "send_event", payload) == {
        "/items": "At least one item is required",
        "/tags/a": "must be at most 3 characters (got 4)",
        "/extra": "unknown field: the document does not list it",
    }
    assert set(_pointers(mini, "send_event", {"kind": True, "items": [{}]})) == {
        "/kind",
        "/items/0",
    }


def test_at_least_one_of(mini: ModuleType) -> None:
    assert _pointers(mini, "find", {}) == {"": "at least one of 'id', 'code' is required"}
    assert mini.validate("find", {"code": "X"}) == []


def test_discriminated_union(mini: ModuleType) -> None:
    assert mini.validate("adopt", {"kind": "dog", "good": True}) == []
    assert set(_pointers(mini, "adopt", {"kind": "cat", "lives": 10})) == {"/lives"}
    assert set(_pointers(mini, "adopt", {"kind": "cow"})) == {"/kind"}
    assert mini.models.Pet.model_validate({"kind": "dog", "good": True}).root.good is True


def test_password_grant_form_token_and_constant_headers(mini: ModuleType) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/token":
            return httpx.Response(200, json={"access_token": "T1", "expires_in": 3600})
        return httpx.Response(201, json={"kind": "dog", "good": True})

    http = httpx.Client(transport=httpx.MockTransport(handler))
    with mini.Client(username="u", password="p-secret", http_client=http) as client:
        pet = client.adopt(7, {"kind": "dog", "good": True})
    assert pet.root.good is True
    token, call = seen
    assert token.headers["content-type"] == "application/x-www-form-urlencoded"
    assert dict(parse_qsl(token.content.decode())) == {
        "grant_type": "password",
        "username": "u",
        "password": "p-secret",
    }
    assert call.url.path == "/pets/7"
    assert call.headers["Authorization"] == "Bearer T1"
    assert call.headers["Accept-Version"] == "1"
    assert json.loads(call.content) == {"kind": "dog", "good": True}


def test_text_errors_carry_the_provider_text(mini: ModuleType) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/token":
            return httpx.Response(200, json={"access_token": "T1", "expires_in": 3600})
        return httpx.Response(400, text="Courier Name is required")

    http = httpx.Client(transport=httpx.MockTransport(handler))
    client = mini.Client(username="u", password="p", http_client=http, validate=False)
    with pytest.raises(mini.BadRequestError) as raised:
        client.send_event({"items": []})
    assert raised.value.problems == ["Courier Name is required"]
    assert raised.value.body == "Courier Name is required"


def test_path_parameters_are_validated(mini: ModuleType) -> None:
    calls: list[httpx.Request] = []
    http = httpx.Client(
        transport=httpx.MockTransport(lambda r: calls.append(r) or httpx.Response(500))
    )
    client = mini.Client(username="u", password="p", http_client=http)
    with pytest.raises(mini.ValidationError) as raised:
        client.adopt(0, {"kind": "dog", "good": True})
    assert [p.pointer for p in raised.value.problems] == ["/shelter"]
    assert calls == []


def test_a_spec_without_types_generates_a_package_whose_tests_pass(tmp_path: Path) -> None:
    """Only primitives and text answers: models.py is empty, not a generator traceback."""
    import subprocess

    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "nt.yaml").write_text(
        "shipspec: 1\nprovider: nt\ntitle: No types\nversion: 1.0.0\n"
        "servers: {live: https://api.example.com}\nauth: {scheme: none}\n"
        "operations:\n  ping:\n    source: Ping\n    method: GET\n    path: /ping\n"
        '    responses: {"200": {type: string, encoding: text}}\n',
        "utf-8",
    )
    assert main(["--project", str(tmp_path), "generate", "nt"]) == 0
    package = tmp_path / "generated" / "nt"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(package)],
        cwd=package,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:]
