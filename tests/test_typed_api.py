"""The generated API as mypy --strict sees it: checked dict bodies, typed raw responses.

One mypy run over small snippets that use the generated novatech and
cartoncloud clients; each line a snippet expects mypy to refuse carries the
comment `# refused`, and every other line must pass.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import GENERATED

SNIPPET = '''\
from typing import assert_type

from cartoncloud_client import Client as CartonClient
from cartoncloud_client.models import InboundOrder
from novatech_client import AsyncClient, Client, RawResponse, models

body = InboundOrder.model_construct()


def right(client: Client, carton: CartonClient) -> None:
    order = client.place_order(
        {
            "order_number": "MONZ0001",
            "deliver_to": {
                "name": "Joe Smith",
                "address_lines": ["1 Hamilton Road", "Portsmouth"],
                "postal_code": "PO6 4PU",
                "email_address": "customer@company.com",
                "phone_number": "07171071071",
            },
            "order_lines": [{"sku": "TEST-SKU01", "quantity": 1}],
        }
    )
    assert_type(order, models.Order)
    raw = client.with_raw_response.place_order(models.PlaceOrderRequest.model_validate({}))
    assert_type(raw, RawResponse[models.Order])
    assert_type(raw.parsed, models.Order)
    reveal_type(client.with_raw_response.list_stock())
    client.set_group_stock("07594101-65af-4349-b3c1-5c72242a9660", {"skus": ["CAB-C5END"]})
    for item in client.iter_list_orders(extra_headers={"X-Trace": "1"}):
        assert_type(item.order_number, str)
    carton.update_inbound_order("42", body, version=3)


async def right_async(client: AsyncClient) -> None:
    raw = await client.with_raw_response.get_order("1", timeout=5.0)
    assert_type(raw, RawResponse[models.Order])
    async for item in client.iter_list_orders(max_retries=0):
        assert_type(item.order_number, str)


def wrong(client: Client, carton: CartonClient) -> None:
    client.set_group_stock("07594101-65af-4349-b3c1-5c72242a9660", {"sku": ["X"]})  # refused
    client.set_group_stock("07594101-65af-4349-b3c1-5c72242a9660", {"skus": "X"})  # refused
    client.set_group_stock({"skus": ["X"]}, "07594101-65af-4349-b3c1-5c72242a9660")  # refused
    client.place_order({"order_number": "MONZ0001", "order_lines": []})  # refused
    raw = client.with_raw_response.place_order(models.PlaceOrderRequest.model_validate({}))
    assert_type(raw.parsed, models.StockList)  # refused
    carton.update_inbound_order("42", body, 3)  # refused
    client.list_stock(timout=5)  # refused
    client.iter_list_orders(page=2)  # refused
'''


@pytest.fixture(scope="module")
def mypy_output(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[int]]:
    folder = tmp_path_factory.mktemp("typed_api")
    snippet = folder / "snippet.py"
    snippet.write_text(SNIPPET, encoding="utf-8")
    env = {
        **os.environ,
        "MYPYPATH": os.pathsep.join(str(GENERATED / p) for p in ("novatech", "cartoncloud")),
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--cache-dir",
            str(folder / ".mypy_cache"),
            "--follow-imports=silent",
            str(snippet),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=folder,
        env=env,
    )
    refused = [n for n, line in enumerate(SNIPPET.splitlines(), 1) if line.endswith("# refused")]
    return result.stdout + result.stderr, refused


def _error_lines(output: str) -> set[int]:
    return {int(m) for m in re.findall(r"snippet\.py:(\d+): error:", output)}


def test_each_wrong_call_is_refused_and_each_right_one_passes(
    mypy_output: tuple[str, list[int]],
) -> None:
    output, refused = mypy_output
    assert _error_lines(output) == set(refused), output


def test_a_raw_response_is_typed_by_its_operation(mypy_output: tuple[str, list[int]]) -> None:
    output, _ = mypy_output
    revealed = "novatech_client._client.RawResponse[novatech_client.models.StockList]"
    assert f'Revealed type is "{revealed}"' in output, output


def test_the_snippet_marks_what_it_expects() -> None:
    assert len(re.findall(r"# refused$", SNIPPET, re.MULTILINE)) == 8
    assert Path(__file__).name == "test_typed_api.py"
