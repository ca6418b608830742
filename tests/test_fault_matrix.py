"""One fault matrix: every provider, both clients, real sockets.

Each provider's mock (`<provider>_client.testing.MockProvider`) is served by
uvicorn on 127.0.0.1 and misbehaves on purpose; each test asserts what the
caller sees AND counts what the mock received, so that a request that may
have been processed never arrives twice, and every Retry-After is honoured.

The operations under attack, one idempotent read and one create per provider:

    novatech     list_stock      place_order
    cartoncloud  get_user_info   create_inbound_order
    provet       list_orders     create_order
    kube         (none)          order_event    Kube documents no GET: its one
                                                operation stands for both
    activeants   get_track_trace_status    add_purchase_order
                                (get_settings is cached as the document advises,
                                add_order is deprecated)

Token faults apply to the providers that issue tokens (novatech,
cartoncloud, activeants); Provet has no authentication and Kube's session
cookie does not expire. The backoff's sleeps are recorded instead of slept
(the delay the client asked for is what is asserted), so the matrix is fast;
tests/test_resilience.py measures real Retry-After gaps on the wire.
"""

from __future__ import annotations

import asyncio
import email.utils
import importlib
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import httpx
import pytest

from tests.paths import generated_data
from tests.serving import Served

GET = {
    "novatech": "list_stock",
    "cartoncloud": "get_user_info",
    "provet": "list_orders",
    "activeants": "get_track_trace_status",
}
CREATE = {
    "novatech": "place_order",
    "cartoncloud": "create_inbound_order",
    "provet": "create_order",
    "kube": "order_event",
    "activeants": "add_purchase_order",
}
TOKENS = ("novatech", "cartoncloud", "activeants")
CLIENTS = ("sync", "async")


def _cases(providers: Any, clients: tuple[str, ...] = CLIENTS) -> list[Any]:
    return [pytest.param(p, c, id=f"{p}-{c}") for p in providers for c in clients]


def _examples(provider: str) -> dict[str, Any]:
    data = generated_data(provider)
    first: dict[str, Any] = {"client_kwargs": data["client_kwargs"]}
    for example in data["examples"]:
        first.setdefault(example["operation"], example["kwargs"])
    return first


@dataclass
class Rig:
    """One provider's served mock and one client (sync or async) talking to it."""

    provider: str
    package: ModuleType
    mock: Any
    client: Any
    loop: asyncio.AbstractEventLoop | None
    examples: dict[str, Any]
    secrets: list[str]
    sleeps: list[float] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # every error text the caller saw

    def call(self, operation: str) -> Any:
        method = getattr(self.client, operation)
        kwargs = self.examples[operation]
        if self.loop is not None:
            return self.loop.run_until_complete(method(**kwargs))
        return method(**kwargs)

    def fails(self, operation: str, expected: type[BaseException]) -> BaseException:
        with pytest.raises(expected) as caught:
            self.call(operation)
        error: BaseException | None = caught.value
        while error is not None:
            self.texts += [str(error), repr(error)]
            error = error.__cause__
        return caught.value

    def gather(self, operation: str, times: int) -> list[Any]:
        assert self.loop is not None
        method = getattr(self.client, operation)
        kwargs = self.examples[operation]

        async def all_at_once() -> list[Any]:
            return await asyncio.gather(
                *(method(**kwargs) for _ in range(times)), return_exceptions=True
            )

        return self.loop.run_until_complete(all_at_once())

    def arrived(self, operation: str) -> int:
        """How many requests for `operation` reached the mock."""
        routes = [self.mock.route(method, path) for method, path in self.mock.requests]
        return sum(1 for route in routes if route is not None and route[0]["name"] == operation)

    def stored(self, operation: str) -> int | None:
        """Entities the operation's store holds (None: the mock keeps no store for it)."""
        op = next(o for o in self.testing.DATA["operations"] if o["name"] == operation)
        store = (op.get("mock") or {}).get("store")
        return None if store is None else len(self.mock.stores.get(store, {}))

    @property
    def testing(self) -> ModuleType:
        return importlib.import_module(f"{self.provider}_client.testing")

    def token_requests(self) -> int:
        return self.arrived(self.testing.AUTH["token_operation"])

    def warm(self) -> None:
        """A first successful call, so the fault that follows meets a client holding its token."""
        if self.provider in GET:
            self.call(GET[self.provider])


@pytest.fixture
def rig_factory(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> Iterator[Callable[..., Rig]]:
    rigs: list[tuple[Rig, Served]] = []

    def make(provider: str, kind: str, **options: Any) -> Rig:
        package = importlib.import_module(f"{provider}_client")
        testing = importlib.import_module(f"{provider}_client.testing")
        examples = _examples(provider)
        client_kwargs = examples["client_kwargs"]
        credentials = {k: v for k, v in client_kwargs.items() if k in testing.AUTH["credentials"]}
        mock = testing.MockProvider(credentials=credentials)
        served = Served(mock.app).__enter__()
        is_async = kind == "async"
        cls = package.AsyncClient if is_async else package.Client
        client = cls(**{**client_kwargs, "base_url": served.url}, **options)
        rig = Rig(
            provider,
            package,
            mock,
            client,
            asyncio.new_event_loop() if is_async else None,
            examples,
            secrets=list(credentials.values()),
        )

        def pause(seconds: float) -> None:
            rig.sleeps.append(seconds)

        async def sleep(seconds: float) -> None:
            rig.sleeps.append(seconds)

        monkeypatch.setattr(package._client, "_pause", pause)
        monkeypatch.setattr(package._client, "_sleep", sleep)
        rigs.append((rig, served))
        return rig

    for provider in CREATE:
        caplog.set_level(logging.DEBUG, logger=f"{provider}_client")
    yield make
    for rig, served in rigs:
        if rig.loop is not None:
            rig.loop.run_until_complete(rig.client.aclose())
            rig.loop.close()
        else:
            rig.client.close()
        served.__exit__(None, None, None)
        # Injected faults never put a credential or a token in front of anyone.
        for text in [*rig.texts, caplog.text]:
            assert "mock-token-" not in text
            for secret in rig.secrets:
                assert secret not in text


# -- answers that say nothing was processed: retried for every operation ------------


@pytest.mark.parametrize(("provider", "kind"), _cases(CREATE))
def test_429_with_retry_after_seconds_is_honoured(
    rig_factory: Callable[..., Rig], provider: str, kind: str
) -> None:
    rig = rig_factory(provider, kind)
    rig.warm()
    rig.mock.fail_next(429, retry_after="1")
    rig.call(CREATE[provider])
    assert rig.arrived(CREATE[provider]) == 2  # the 429, then the one that was processed
    assert rig.stored(CREATE[provider]) in (None, 1)
    assert rig.sleeps == [1.0]


@pytest.mark.parametrize(("provider", "kind"), _cases(CREATE))
def test_429_with_retry_after_as_an_http_date_is_honoured(
    rig_factory: Callable[..., Rig], provider: str, kind: str
) -> None:
    rig = rig_factory(provider, kind)
    rig.warm()
    rig.mock.fail_next(429, retry_after=email.utils.formatdate(time.time() + 3, usegmt=True))
    rig.call(CREATE[provider])
    assert rig.arrived(CREATE[provider]) == 2
    [asked] = rig.sleeps
    assert 1.5 <= asked <= 3.0  # an HTTP date has one-second resolution


@pytest.mark.parametrize(("provider", "kind"), _cases(CREATE))
def test_503_is_retried_and_creates_once(
    rig_factory: Callable[..., Rig], provider: str, kind: str
) -> None:
    rig = rig_factory(provider, kind)
    rig.warm()
    rig.mock.fail_next(
        503, times=2, retry_after="nan"
    )  # an unreadable Retry-After: the usual backoff
    rig.call(CREATE[provider])
    assert rig.arrived(CREATE[provider]) == 3
    assert rig.stored(CREATE[provider]) in (None, 1)
    assert len(rig.sleeps) == 2 and all(0 < s <= 1.0 for s in rig.sleeps)


# -- 500: the provider may have done it; only what is safe to replay is replayed -----


@pytest.mark.parametrize(("provider", "kind"), _cases(GET))
def test_500_on_a_get_is_retried(rig_factory: Callable[..., Rig], provider: str, kind: str) -> None:
    rig = rig_factory(provider, kind)
    rig.warm()
    rig.mock.fail_next(500)
    assert rig.call(GET[provider]) is not None
    assert rig.arrived(GET[provider]) == 3  # warm-up, the 500, the retry
    assert len(rig.sleeps) == 1


@pytest.mark.parametrize(("provider", "kind"), _cases(CREATE))
def test_500_on_a_create_is_not_retried(
    rig_factory: Callable[..., Rig], provider: str, kind: str
) -> None:
    rig = rig_factory(provider, kind)
    rig.warm()
    rig.mock.fail_next(500)
    rig.fails(CREATE[provider], rig.package.InternalServerError)
    assert rig.arrived(CREATE[provider]) == 1 and rig.sleeps == []


# -- dropped connections ------------------------------------------------------------


@pytest.mark.parametrize("after_processing", [False, True], ids=["before", "after"])
@pytest.mark.parametrize(("provider", "kind"), _cases(CREATE))
def test_dropped_create_is_named_ambiguous_and_not_resent(
    rig_factory: Callable[..., Rig], provider: str, kind: str, after_processing: bool
) -> None:
    rig = rig_factory(provider, kind)
    rig.warm()
    rig.mock.drop_next(after_processing=after_processing)
    error = rig.fails(CREATE[provider], rig.package.RequestMayHaveBeenProcessed)
    assert isinstance(error, rig.package.APIConnectionError)
    assert error.operation == CREATE[provider]  # type: ignore[attr-defined]
    assert CREATE[provider] in str(error) and "not retried" in str(error)
    assert "127.0.0.1:" in str(error) and "RemoteProtocolError" in str(error)
    assert isinstance(error.__cause__, httpx.TransportError)
    assert rig.arrived(CREATE[provider]) == 1 and rig.sleeps == []
    assert rig.stored(CREATE[provider]) in (None, 1 if after_processing else 0)


@pytest.mark.parametrize("after_processing", [False, True], ids=["before", "after"])
@pytest.mark.parametrize(("provider", "kind"), _cases(GET))
def test_dropped_get_is_retried(
    rig_factory: Callable[..., Rig], provider: str, kind: str, after_processing: bool
) -> None:
    rig = rig_factory(provider, kind)
    rig.warm()
    rig.mock.drop_next(after_processing=after_processing)
    assert rig.call(GET[provider]) is not None
    assert rig.arrived(GET[provider]) == 3 and len(rig.sleeps) == 1


# -- read timeouts ------------------------------------------------------------------


@pytest.mark.parametrize(("provider", "kind"), _cases(CREATE))
def test_read_timeout_on_a_create_is_ambiguous_and_not_resent(
    rig_factory: Callable[..., Rig], provider: str, kind: str
) -> None:
    rig = rig_factory(provider, kind, timeout=httpx.Timeout(0.2, connect=5.0))
    rig.warm()
    rig.mock.faults.latency = 0.5
    error = rig.fails(CREATE[provider], rig.package.RequestMayHaveBeenProcessed)
    assert isinstance(error, rig.package.APITimeoutError)
    assert rig.arrived(CREATE[provider]) == 1 and rig.sleeps == []
    rig.mock.faults.latency = 0.0


@pytest.mark.parametrize(("provider", "kind"), _cases(GET))
def test_read_timeout_on_a_get_is_retried_then_reported(
    rig_factory: Callable[..., Rig], provider: str, kind: str
) -> None:
    rig = rig_factory(provider, kind, timeout=httpx.Timeout(0.2, connect=5.0), max_retries=1)
    rig.warm()
    rig.mock.faults.latency = 0.5
    error = rig.fails(GET[provider], rig.package.APITimeoutError)
    assert not isinstance(
        error, rig.package.RequestMayHaveBeenProcessed
    )  # a read is safe to resend
    assert "127.0.0.1:" in str(error)
    assert rig.arrived(GET[provider]) == 3 and len(rig.sleeps) == 1
    rig.mock.faults.latency = 0.0


# -- tokens -------------------------------------------------------------------------


@pytest.mark.parametrize(("provider", "kind"), _cases(TOKENS))
def test_token_expiring_mid_run_is_renewed_once(
    rig_factory: Callable[..., Rig], provider: str, kind: str
) -> None:
    rig = rig_factory(provider, kind)
    rig.warm()
    rig.mock.expire_tokens()
    rig.call(CREATE[provider])  # 401 (nothing processed), a new token, one replay
    assert rig.token_requests() == 2
    assert rig.arrived(CREATE[provider]) == 2
    assert rig.stored(CREATE[provider]) in (None, 1)
    rig.call(GET[provider])
    assert rig.token_requests() == 2


@pytest.mark.parametrize(("provider", "kind"), _cases(TOKENS, ("async",)))
def test_100_concurrent_calls_while_the_token_expires_share_one_refresh(
    rig_factory: Callable[..., Rig], provider: str, kind: str
) -> None:
    rig = rig_factory(provider, kind)
    rig.warm()
    rig.mock.expire_tokens()
    results = rig.gather(GET[provider], 100)
    assert [r for r in results if isinstance(r, BaseException)] == []
    assert rig.token_requests() == 2  # the first, and one refresh for all hundred
    assert 1 + 100 <= rig.arrived(GET[provider]) <= 1 + 200  # each at most a 401 and its replay


@pytest.mark.parametrize(("provider", "kind"), _cases(TOKENS, ("async",)))
def test_a_failed_refresh_is_shared_by_concurrent_callers(
    rig_factory: Callable[..., Rig], provider: str, kind: str
) -> None:
    rig = rig_factory(provider, kind)
    rig.warm()
    rig.mock.credentials = {
        name: "changed-" + value for name, value in rig.mock.credentials.items()
    }
    rig.mock.expire_tokens()
    rig.mock.faults.latency = 0.2  # the callers' 401s all come back while the one refresh is out
    started = time.monotonic()
    results = rig.gather(GET[provider], 10)
    elapsed = time.monotonic() - started
    rig.mock.faults.latency = 0.0
    assert all(isinstance(r, rig.package.AuthenticationError) for r in results), results
    for error in results:
        rig.texts += [str(error), repr(error)]
    assert rig.token_requests() == 2  # the first, and one refused refresh for all ten
    assert elapsed < 2.0
