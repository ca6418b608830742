"""Fault injection against the provider mocks over loopback: the client survives
429 bursts, 503s, dropped connections, slow answers and expiring tokens, and
never sends a non-idempotent request twice where it may have been processed."""

from __future__ import annotations

import asyncio
import email.utils
import itertools
import logging
import time
from collections.abc import Iterator
from typing import Any

import cartoncloud_client
import httpx
import novatech_client
import pytest
from novatech_client.testing import MockProvider

from tests.payloads import NOVATECH_ORDER
from tests.serving import Served

EMAIL, PASSWORD = "api@example.com", "a-password-that-must-never-leak"
ORDER = NOVATECH_ORDER


@pytest.fixture
def mock() -> Iterator[tuple[MockProvider, str]]:
    provider = MockProvider(credentials={"email": EMAIL, "password": PASSWORD})
    with Served(provider.app) as served:
        yield provider, served.url


def _client(url: str, **options: Any) -> novatech_client.Client:
    return novatech_client.Client(email=EMAIL, password=PASSWORD, base_url=url, **options)


def _calls(provider: MockProvider, path: str) -> int:
    return sum(1 for _, seen in provider.requests if seen == path)


def _orders(provider: MockProvider) -> int:
    return len(provider.stores.get("orders", {}))


def test_429_burst_honours_retry_after(mock: tuple[MockProvider, str]) -> None:
    provider, url = mock
    with _client(url) as client:
        client.list_stock()  # token in hand
        provider.fail_next(429, times=2, retry_after="1")
        started = len(provider.arrivals)
        assert client.list_stock().skus
    arrivals = provider.arrivals[started:]
    assert len(arrivals) == 3
    gaps = [b - a for a, b in itertools.pairwise(arrivals)]
    assert all(gap >= 1.0 for gap in gaps), gaps


def test_retry_after_as_an_http_date_is_honoured(mock: tuple[MockProvider, str]) -> None:
    provider, url = mock
    with _client(url) as client:
        client.list_stock()
        provider.fail_next(503, retry_after=email.utils.formatdate(time.time() + 2, usegmt=True))
        started = len(provider.arrivals)
        client.list_stock()
    first, second = provider.arrivals[started:]
    assert second - first >= 0.9  # an HTTP date has one-second resolution


def test_503_then_success_places_one_order(mock: tuple[MockProvider, str]) -> None:
    provider, url = mock
    with _client(url) as client:
        client.list_stock()  # token in hand: the fault is for the order
        provider.fail_next(503)
        order = client.place_order(ORDER)
    assert order.order_number == "MONZ0001"
    assert _calls(provider, "/order") == 2 and _orders(provider) == 1


def test_retries_give_up_after_max_retries(mock: tuple[MockProvider, str]) -> None:
    provider, url = mock
    with _client(url) as client:
        client.list_stock()
        provider.fail_next(503, times=5, retry_after="0")
        with pytest.raises(novatech_client.ServiceUnavailableError):
            client.list_stock(max_retries=1)
        assert _calls(provider, "/stock") == 1 + 2
        provider.faults.statuses.clear()


@pytest.mark.parametrize("after_processing", [False, True])
def test_dropped_connection_is_not_replayed_for_an_order(
    mock: tuple[MockProvider, str], after_processing: bool
) -> None:
    provider, url = mock
    with _client(url) as client:
        client.list_stock()
        provider.drop_next(after_processing=after_processing)
        with pytest.raises(novatech_client.APIConnectionError):
            client.place_order(ORDER)
    assert _calls(provider, "/order") == 1
    assert _orders(provider) == (1 if after_processing else 0)


def test_dropped_connection_is_replayed_for_a_read(mock: tuple[MockProvider, str]) -> None:
    provider, url = mock
    with _client(url) as client:
        client.list_stock()
        provider.drop_next(after_processing=True)
        assert client.list_stock().skus
    assert _calls(provider, "/stock") == 3


def test_slow_answer_times_out_without_replaying_an_order(mock: tuple[MockProvider, str]) -> None:
    provider, url = mock
    with _client(url, timeout=httpx.Timeout(0.3, connect=2.0)) as client:
        client.list_stock()
        provider.faults.latency = 1.0
        with pytest.raises(novatech_client.APITimeoutError):
            client.place_order(ORDER)
        assert _calls(provider, "/order") == 1
        with pytest.raises(novatech_client.APITimeoutError):
            client.list_stock(max_retries=1)
        assert _calls(provider, "/stock") == 1 + 2
        provider.faults.latency = 0.0
        assert client.list_stock(timeout=5).skus


def test_token_expiring_mid_run_is_renewed_once(mock: tuple[MockProvider, str]) -> None:
    provider, url = mock
    with _client(url) as client:
        client.list_stock()
        provider.expire_tokens()
        client.list_stock()
        client.list_stock()
    assert _calls(provider, "/token/get") == 2


async def test_100_concurrent_calls_share_one_token_refresh(mock: tuple[MockProvider, str]) -> None:
    provider, url = mock
    async with novatech_client.AsyncClient(email=EMAIL, password=PASSWORD, base_url=url) as client:
        await client.list_stock()
        provider.expire_tokens()
        results = await asyncio.gather(*(client.list_stock() for _ in range(100)))
    assert all(result.skus for result in results)
    assert _calls(provider, "/token/get") == 2


def test_versioned_update_is_idempotent_and_replayed() -> None:
    from cartoncloud_client.testing import MockProvider as CartonCloudMock

    credentials = {"client_id": "id", "client_secret": "secret-never-shown"}
    provider = CartonCloudMock(credentials=credentials)
    data = _first_examples("cartoncloud")
    with Served(provider.app) as served:
        client = cartoncloud_client.Client(
            **credentials, tenant_id=data["client_kwargs"]["tenant_id"], base_url=served.url
        )
        with client:
            created = client.create_inbound_order(data["create_inbound_order"]["kwargs"]["body"])
            body = data["update_inbound_order"]["kwargs"]["body"]
            provider.drop_next(after_processing=True)
            # The first attempt is applied, then the connection drops; the replay
            # carries the same If-Match, so the provider refuses to apply it twice.
            # That 409 is the client's own write: never a ConflictError, but honest doubt.
            with pytest.raises(cartoncloud_client.RequestMayHaveBeenProcessed) as caught:
                client.update_inbound_order(str(created.id), body, version=created.version)
            assert not isinstance(caught.value, cartoncloud_client.ConflictError)
            assert caught.value.operation == "update_inbound_order"
            current = client.get_inbound_order(str(created.id))
    assert current.version == (created.version or 0) + 1
    assert sum(1 for method, _ in provider.requests if method == "PUT") == 2


def _first_examples(provider: str) -> dict[str, Any]:
    from tests.paths import generated_data

    data = generated_data(provider)
    first: dict[str, Any] = {"client_kwargs": data["client_kwargs"]}
    for example in data["examples"]:
        first.setdefault(example["operation"], example)
    return first


def test_no_secret_in_logs_or_errors(
    mock: tuple[MockProvider, str], caplog: pytest.LogCaptureFixture
) -> None:
    provider, url = mock
    texts: list[str] = []
    caplog.set_level(logging.DEBUG)
    with _client(url) as client:
        token = ""
        client.list_stock()
        token = client._auth.headers()["Authorization"].split()[1]
        scenarios = [
            (lambda: provider.fail_next(500), ORDER),
            (lambda: provider.drop_next(), ORDER),
            (lambda: None, {**ORDER, "order_number": "X" * 20}),
        ]
        for inject, payload in scenarios:
            inject()
            with pytest.raises(novatech_client.NovatechError) as failed:
                client.place_order(payload)
            texts += [str(failed.value), repr(failed.value)]
        texts += [repr(client), str(client._auth)]
    wrong = novatech_client.Client(email=EMAIL, password=PASSWORD + "-wrong", base_url=url)
    with pytest.raises(novatech_client.AuthenticationError) as refused:
        wrong.list_stock()
    texts += [str(refused.value), repr(refused.value)]
    texts += [record.getMessage() for record in caplog.records]
    assert any("GET /stock" in text for text in texts), "the request log is missing"
    everything = "\n".join(texts)
    assert PASSWORD not in everything
    assert token and token not in everything
    assert provider.webhook_secret not in everything


def test_paging_iterators_walk_every_page() -> None:
    provider = MockProvider(credentials={"email": EMAIL, "password": PASSWORD}, page_size=2)
    with Served(provider.app) as served, _client(served.url) as client:
        placed = [client.place_order(ORDER).novatech_order_number for _ in range(5)]
        orders = list(client.iter_list_orders())
    listed = [order.novatech_order_number for order in orders]
    assert sorted(listed) == sorted(placed)  # each order once, none lost between pages
    dates = [str(order.order_date) for order in orders]
    assert dates == sorted(dates, reverse=True)  # newest first, as the document lists them
    assert _calls(provider, "/orders") == 3  # pages of 2, 2 and 1


async def test_async_paging_iterator() -> None:
    provider = MockProvider(credentials={"email": EMAIL, "password": PASSWORD}, page_size=2)
    with Served(provider.app) as served:
        async with novatech_client.AsyncClient(
            email=EMAIL, password=PASSWORD, base_url=served.url
        ) as client:
            placed = [(await client.place_order(ORDER)).novatech_order_number for _ in range(3)]
            listed = [order.novatech_order_number async for order in client.iter_list_orders()]
    assert sorted(listed) == sorted(placed)


def test_raw_response_carries_status_headers_and_model(mock: tuple[MockProvider, str]) -> None:
    _, url = mock
    with _client(url) as client:
        raw = client.with_raw_response.place_order(ORDER)
    assert raw.status_code == 200
    assert raw.headers["content-type"].startswith("application/json")
    assert raw.json()["order_number"] == "MONZ0001"
    assert raw.parsed.order_number == "MONZ0001"
