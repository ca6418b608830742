"""A sandbox progression moves what its own operation created, and nothing else.

Two stores, one progression on orders: a return created alongside keeps its
status however far the mock's clock moves. Talks HTTP to the generated mock
served by uvicorn on 127.0.0.1.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from types import ModuleType

import httpx
import pytest

from generator.cli.main import main
from tests.serving import Served

SPEC = """\
shipspec: 1
provider: progressions
title: Progressions test API
version: 1.0.0
servers: {live: https://api.progressions.example}
auth: {scheme: none}
types:
  Thing:
    source: Things
    fields:
      id: {type: string}
      status: {type: string, required: true}
operations:
  create_order:
    source: Orders / create
    method: POST
    path: /orders
    body: Thing
    response_only: [id]
    responses: {"201": Thing}
    mock: {store: orders, action: create, key: /id}
  get_order:
    source: Orders / get
    method: GET
    path: /orders/{id}
    params:
      id: {in: path, type: string}
    responses: {"200": Thing}
    mock: {store: orders, action: read, key: /id}
  create_return:
    source: Returns / create
    method: POST
    path: /returns
    body: Thing
    response_only: [id]
    responses: {"201": Thing}
    mock: {store: returns, action: create, key: /id}
  get_return:
    source: Returns / get
    method: GET
    path: /returns/{id}
    params:
      id: {in: path, type: string}
    responses: {"200": Thing}
    mock: {store: returns, action: read, key: /id}
sandbox:
  - source: Testing / orders move on
    description: An order's status moves on every ten minutes.
    operation: create_order
    every_seconds: 600
    sequence: [New, Sent, Shipped]
"""


@pytest.fixture(scope="module")
def testing(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    root = tmp_path_factory.mktemp("progressions")
    (root / "specs").mkdir()
    (root / "specs" / "progressions.yaml").write_text(SPEC, "utf-8")
    assert main(["--project", str(root), "generate"]) == 0
    package = root / "generated" / "progressions"
    sys.path.insert(0, str(package))
    try:
        yield importlib.import_module("progressions_client.testing")
    finally:
        sys.path.remove(str(package))
        for name in [m for m in sys.modules if m.split(".")[0] == "progressions_client"]:
            del sys.modules[name]


def test_a_progression_moves_only_its_own_store(testing: ModuleType) -> None:
    mock = testing.MockProvider()
    with Served(mock.app) as served, httpx.Client(base_url=served.url) as http:
        order = http.post("/orders", json={"status": "New"}).json()
        returned = http.post("/returns", json={"status": "New"}).json()
        mock.advance(1200)
        assert http.get(f"/orders/{order['id']}").json()["status"] == "Shipped"
        assert http.get(f"/returns/{returned['id']}").json()["status"] == "New"
