"""The generated client's surface at run time, over HTTP to the novatech mock.

Typed raw responses, extra_headers on every page of an iterator, path
parameters before the body, and an undocumented 2xx that is raised, not
parsed with another status's model. (The static side: tests/test_typed_api.py.)
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Iterator

import httpx
import novatech_client
import pytest
from novatech_client import models
from novatech_client.testing import MockProvider

from tests.serving import Served

EMAIL, PASSWORD = "api@example.com", "a-password-for-the-mock"
GROUP = "07594101-65af-4349-b3c1-5c72242a9660"


@pytest.fixture
def served() -> Iterator[tuple[MockProvider, str]]:
    provider = MockProvider(credentials={"email": EMAIL, "password": PASSWORD})
    with Served(provider.app) as server:
        yield provider, server.url


def _client(url: str, sent: list[httpx.Request] | None = None) -> novatech_client.Client:
    hooks = {"request": [sent.append]} if sent is not None else {}
    return novatech_client.Client(
        email=EMAIL, password=PASSWORD, base_url=url, http_client=httpx.Client(event_hooks=hooks)
    )


def test_a_raw_response_carries_the_parsed_model(served: tuple[MockProvider, str]) -> None:
    _, url = served
    with _client(url) as client:
        raw = client.with_raw_response.list_stock()
    assert raw.status_code == 200
    assert isinstance(raw.parsed, models.StockList)
    assert [s["sku"] for s in raw.json()["skus"]] == [item.sku for item in raw.parsed.skus]


def test_an_async_raw_response_shares_the_client_s_token(served: tuple[MockProvider, str]) -> None:
    provider, url = served

    async def scenario() -> None:
        async with novatech_client.AsyncClient(
            email=EMAIL, password=PASSWORD, base_url=url
        ) as client:
            raw = await client.with_raw_response.list_stock()
            assert isinstance(raw.parsed, models.StockList)
            await client.list_stock()

    asyncio.run(scenario())
    assert sum(1 for _, path in provider.requests if path == "/token/get") == 1


def test_path_parameters_come_before_the_body(served: tuple[MockProvider, str]) -> None:
    _, url = served
    sent: list[httpx.Request] = []
    with _client(url, sent) as client:
        client.set_group_stock(GROUP, {"skus": ["CAB-C5END"]})
    assert sent[-1].url.path.endswith(GROUP)


def test_an_iterator_sends_extra_headers_with_every_page(served: tuple[MockProvider, str]) -> None:
    _, url = served
    sent: list[httpx.Request] = []
    with _client(url, sent) as client:
        list(client.iter_list_orders(extra_headers={"X-Trace": "abc"}))
    pages = [r for r in sent if r.url.path == "/orders"]
    assert pages and all(r.headers.get("x-trace") == "abc" for r in pages)


def test_an_undocumented_success_status_is_raised_not_misparsed(
    served: tuple[MockProvider, str],
) -> None:
    provider, url = served
    with _client(url) as client:
        client.list_stock()  # the token first: the fault is for the call itself
        provider.fail_next(201)
        with pytest.raises(novatech_client.UndocumentedStatusError) as caught:
            client.list_stock()
    error = caught.value
    assert isinstance(error, novatech_client.APIResponseValidationError)
    assert error.status_code == 201 and "documented: 200" in str(error)
    assert error.body == error.response.json()  # kept as received, not as a StockList


def test_an_unknown_per_call_option_is_refused_before_any_request(
    served: tuple[MockProvider, str],
) -> None:
    """**options is typed (RequestOptions) for mypy; at run time a misspelt one is a TypeError."""
    _, url = served
    sent: list[httpx.Request] = []
    with _client(url, sent) as client:
        unexpected = r"list_stock\(\) got an unexpected keyword argument 'timout'"
        with pytest.raises(TypeError, match=unexpected):
            client.list_stock(timout=5)  # type: ignore[call-arg]
        with pytest.raises(TypeError, match="'retries'"):
            client.with_raw_response.get_stock("X", retries=1)  # type: ignore[call-arg]
    assert sent == []

    async def scenario() -> None:
        async with novatech_client.AsyncClient(
            email=EMAIL, password=PASSWORD, base_url=url
        ) as client:
            with pytest.raises(TypeError, match="'extra_header'"):
                await client.list_stock(extra_header={"X": "1"})  # type: ignore[call-arg]

    asyncio.run(scenario())


def test_the_raw_views_are_the_client_methods_answering_raw_responses() -> None:
    """One body per operation: the with_raw_response methods are the clients' own
    (same signature and docstring); the async ones stay coroutine functions."""
    client = novatech_client.Client(email=EMAIL, password=PASSWORD, base_url="http://127.0.0.1:9")
    aclient = novatech_client.AsyncClient(
        email=EMAIL, password=PASSWORD, base_url="http://127.0.0.1:9"
    )
    for name in novatech_client.OPERATIONS:
        method, raw = getattr(client, name), getattr(client.with_raw_response, name)
        assert inspect.signature(raw) == inspect.signature(method)
        assert raw.__doc__ == method.__doc__ and "Document section" in (method.__doc__ or "")
        amethod, araw = getattr(aclient, name), getattr(aclient.with_raw_response, name)
        assert inspect.iscoroutinefunction(amethod) and inspect.iscoroutinefunction(araw)
        assert inspect.signature(araw) == inspect.signature(amethod)
        assert list(inspect.signature(method).parameters)[-1] == "options"
    assert type(client.with_raw_response).place_order.__doc__ == client.place_order.__doc__
    client.close()
    asyncio.run(aclient.aclose())


def test_a_cached_answer_does_not_swallow_an_unknown_option() -> None:
    """get_settings is cached as Active Ants advises: a second call, answered from the
    cache, still refuses a misspelt option instead of dropping it unseen."""
    import activeants_client
    from activeants_client.testing import MockProvider as ActiveAntsMock

    provider = ActiveAntsMock()
    with (
        Served(provider.app) as server,
        activeants_client.Client(**provider.credentials, base_url=server.url) as client,
    ):
        first = client.get_settings()
        assert client.get_settings() is first  # from the cache
        with pytest.raises(TypeError, match=r"get_settings\(\) got .* 'timout'"):
            client.get_settings(timout=5)  # type: ignore[call-arg]
