"""An envelope's verdict decides success, over a real socket, sync and async.

Where the spec lists the envelope's statuses, a verdict it lists neither as
success nor as failure (or no verdict at all) is an outcome the client
cannot know: UndocumentedStatusError, never a success read from an envelope
that does not say so. Where it lists none, anything but `ok` fails.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from generator.cli.main import main
from tests.serving import Served

SPEC = """\
shipspec: 1
provider: verdicts
title: Verdicts test API
version: 1.0.0
servers: {live: https://api.verdicts.example}
auth: {scheme: none}
envelope:
  status_field: code
  ok: [OK]
  message_field: message
  result_field: result
  statuses: {OK: All went well, NOK: An error occurred}
operations:
  get_stock:
    source: Stock / get
    method: GET
    path: /stock/{case}
    params:
      case: {in: path, type: string}
    responses: {"200": StockEnvelope}
types:
  StockEnvelope:
    source: Stock / envelope
    fields:
      code: {type: string}
      message: {type: string}
      result: {type: Stock}
  Stock:
    source: Stock / stock
    fields:
      sku: {type: string}
"""

ANSWERS: dict[str, dict[str, Any]] = {
    "ok": {"code": "OK", "result": {"sku": "A1"}},
    "failed": {"code": "NOK", "message": "Out of service"},
    "unknown": {"code": "PENDING", "message": "Queued", "result": {"sku": "A1"}},
    "absent": {"message": "Queued", "result": {"sku": "A1"}},
}


def _answer(request: Request) -> JSONResponse:
    return JSONResponse(ANSWERS[request.path_params["case"]])


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    root = tmp_path_factory.mktemp("verdicts")
    (root / "specs").mkdir()
    (root / "specs" / "verdicts.yaml").write_text(SPEC, "utf-8")
    assert main(["--project", str(root), "generate"]) == 0
    package = root / "generated" / "verdicts"
    sys.path.insert(0, str(package))
    try:
        yield importlib.import_module("verdicts_client")
    finally:
        sys.path.remove(str(package))
        for name in [m for m in sys.modules if m.split(".")[0] == "verdicts_client"]:
            del sys.modules[name]


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    with Served(Starlette(routes=[Route("/stock/{case}", _answer)])) as server:
        yield server


def test_a_listed_verdict_decides_sync(verdicts: ModuleType, served: Served) -> None:
    with verdicts.Client(base_url=served.url, max_retries=0) as client:
        assert client.get_stock("ok").result.sku == "A1"
        with pytest.raises(verdicts.EnvelopeError, match="Out of service"):
            client.get_stock("failed")


@pytest.mark.parametrize("case, shown", [("unknown", "'PENDING'"), ("absent", "None")])
def test_an_unlisted_verdict_is_an_unknown_outcome_sync(
    verdicts: ModuleType, served: Served, case: str, shown: str
) -> None:
    with (
        verdicts.Client(base_url=served.url, max_retries=0) as client,
        pytest.raises(verdicts.UndocumentedStatusError) as raised,
    ):
        client.get_stock(case)
    message = str(raised.value)
    assert f"code {shown}" in message and "may have taken effect" in message
    assert "success (OK)" in message and "failure (NOK)" in message
    assert raised.value.body == ANSWERS[case]
    assert not isinstance(raised.value, verdicts.EnvelopeError)


async def test_the_async_client_reads_verdicts_alike(verdicts: ModuleType, served: Served) -> None:
    async with verdicts.AsyncClient(base_url=served.url, max_retries=0) as client:
        assert (await client.get_stock("ok")).result.sku == "A1"
        with pytest.raises(verdicts.EnvelopeError):
            await client.get_stock("failed")
        with pytest.raises(verdicts.UndocumentedStatusError, match="'PENDING'"):
            await client.get_stock("unknown")
