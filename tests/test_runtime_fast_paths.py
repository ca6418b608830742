"""The runtime's per-call shortcuts answer exactly what the general path answers.

The request core merges a request's URL once per (base URL, path) instead of
letting httpx parse and merge it on every call, and parses a plain JSON
success from the body's bytes once the operation's adapter exists. These
tests hold both to httpx's own merge and to the general path's answers and
errors (tests/benchmarks/client_overhead.py measures what they save).
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable
from typing import Any

import httpx
import novatech_client
import pytest
from novatech_client import _core, _operations, models

from tests.paths import GENERATED
from tests.payloads import NOVATECH_ORDER

DATA = json.loads((GENERATED / "novatech/tests/data.json").read_text("utf-8"))
EXAMPLES = {e["operation"]: e["response"] for e in reversed(DATA["examples"])}
ORDER = EXAMPLES["place_order"]
TOKEN = {**DATA["token_response"], "expires_on": "2999-01-01 00:00:00"}


def _client(
    answer: Callable[[httpx.Request], httpx.Response], **http: Any
) -> novatech_client.Client:
    def with_token(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/token/get"):
            return httpx.Response(200, json=TOKEN)
        return answer(request)

    return novatech_client.Client(
        **DATA["client_kwargs"],
        base_url=http.pop("base_url", "http://provider.test"),
        http_client=httpx.Client(transport=httpx.MockTransport(with_token), **http),
    )


def _stock(request: httpx.Request) -> httpx.Response:
    listing = request.url.path.endswith("/orders")
    return httpx.Response(200, json=EXAMPLES["list_orders" if listing else "get_stock"])


@pytest.mark.parametrize(
    "base_url", ["http://provider.test", "http://provider.test/api/v2", "http://h.test:81/a%20b/"]
)
def test_request_urls_are_the_ones_httpx_merges(base_url: str) -> None:
    seen: list[httpx.URL] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.url)
        return _stock(request)

    with _client(answer, base_url=base_url, params={"tenant": "t 1"}) as client:
        client.get_stock("A B/../C?")
        client.get_stock("plain")
        client.list_orders(page=2)
        client.list_orders()
        client.get_stock("plain")
        reference = httpx.Client(base_url=base_url.rstrip("/") + "/", params={"tenant": "t 1"})
        expected = [
            reference.build_request("GET", "stock/A%20B%2F..%2FC%3F").url,
            reference.build_request("GET", "stock/plain").url,
            reference.build_request("GET", "orders", params={"page": "2"}).url,
            reference.build_request("GET", "orders", params=httpx.QueryParams()).url,
            reference.build_request("GET", "stock/plain").url,
        ]
    assert [str(url) for url in seen] == [str(url) for url in expected]


def test_each_client_keeps_its_own_base_url() -> None:
    hosts: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        hosts.append(f"{request.url.host}{request.url.path}")
        return _stock(request)

    for number in range(3):
        with _client(answer, base_url=f"http://p{number}.test/v{number}") as client:
            client.get_stock("same")
    assert hosts == ["p0.test/v0/stock/same", "p1.test/v1/stock/same", "p2.test/v2/stock/same"]


def test_many_paths_stay_bounded_and_right() -> None:
    paths: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        paths.append(request.url.path)
        return _stock(request)

    with _client(answer) as client:
        for number in range(700):
            client.get_stock(f"SKU{number}")
    assert paths == [f"/stock/SKU{number}" for number in range(700)]
    assert len(_core._URLS) <= 512


def _answers(*bodies: bytes) -> Callable[[httpx.Request], httpx.Response]:
    queue = list(bodies)

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, content=queue.pop(0), headers={"content-type": "application/json"}
        )

    return answer


GOOD = json.dumps(ORDER).encode()


def test_a_second_answer_parses_as_the_first() -> None:
    with _client(_answers(GOOD, GOOD, json.dumps(ORDER, indent=2).encode("utf-16"))) as client:
        first, second, utf16 = (client.place_order(NOVATECH_ORDER) for _ in range(3))
    assert isinstance(first, models.Order)
    expected = models.Order.model_validate(ORDER).model_dump()
    assert [result.model_dump() for result in (first, second, utf16)] == [expected] * 3
    assert [novatech_client.response_status(result) for result in (first, second)] == [200, 200]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"{not json", "body is not valid json"),
        (b"\xef\xbb\xbf" + GOOD[:-1], "body is not valid json"),
        (json.dumps({**ORDER, "ex_vat_total": "lots"}).encode(), "/ex_vat_total"),
        (json.dumps({**ORDER, "order_lines": None}).encode(), "/order_lines"),
    ],
)
def test_a_bad_answer_after_a_good_one_fails_as_the_first_would(body: bytes, message: str) -> None:
    caught: list[tuple[str, type[BaseException] | None]] = []
    _operations._ADAPTERS.pop("place_order", None)
    for bodies in ((body,), (GOOD, body)):  # the adapter absent, then present
        with _client(_answers(*bodies)) as client:
            for _ in bodies[:-1]:
                client.place_order(NOVATECH_ORDER)
            with pytest.raises(novatech_client.APIResponseValidationError) as error:
                client.place_order(NOVATECH_ORDER)
        assert message in str(error.value) and error.value.__cause__ is None
        context = error.value.__context__
        caught.append((str(error.value), None if context is None else type(context)))
    assert caught[0] == caught[1]


def test_only_the_answer_remembers_its_status() -> None:
    with _client(_answers(GOOD)) as client:
        order = client.place_order(NOVATECH_ORDER)
    assert novatech_client.response_status(order) == 200
    assert novatech_client.response_warning(order) is None
    assert novatech_client.response_status(order.order_lines[0]) is None
    assert novatech_client.response_status(models.Order.model_validate(ORDER)) is None
    assert novatech_client.response_status(order.model_copy()) == 200
    assert novatech_client.response_status(pickle.loads(pickle.dumps(order))) == 200
    assert models.Order.__private_attributes__ == {}  # nothing to initialise per nested model
