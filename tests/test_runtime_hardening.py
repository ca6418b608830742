"""The generated runtime under hostile input: what an attacker (or a broken
provider) sends never ends as a traceback, a wrong request on the wire, a
replayed cancel, a false conflict or a secret in a message."""

from __future__ import annotations

import asyncio
import copy
import dataclasses
import json
import time
from collections.abc import Iterator
from typing import Any

import cartoncloud_client
import httpx
import novatech_client
import pytest
from cartoncloud_client import _operations as cartoncloud_ops
from novatech_client import _retries, models
from novatech_client.testing import MockProvider

from tests.payloads import NOVATECH_ORDER
from tests.serving import Served

EMAIL, PASSWORD = "api@example.com", "a-password-that-must-never-leak"
SECRET_TOKEN = "TOKEN-SECRET-XYZ"


@pytest.fixture
def served() -> Iterator[tuple[MockProvider, novatech_client.Client]]:
    provider = MockProvider(credentials={"email": EMAIL, "password": PASSWORD})
    with (
        Served(provider.app) as server,
        novatech_client.Client(email=EMAIL, password=PASSWORD, base_url=server.url) as client,
    ):
        yield provider, client


def _scripted(answer: Any) -> novatech_client.Client:
    return novatech_client.Client(
        email=EMAIL,
        password=PASSWORD,
        http_client=httpx.Client(transport=httpx.MockTransport(answer)),
    )


# -- replays ------------------------------------------------------------------------


def test_a_cancel_whose_answer_was_lost_is_not_replayed(
    served: tuple[MockProvider, novatech_client.Client],
) -> None:
    provider, client = served
    client.list_stock()
    provider.drop_next(after_processing=True)
    with pytest.raises(novatech_client.RequestMayHaveBeenProcessed, match="cancel_new_starter"):
        client.cancel_new_starter("4411C408-485B-4401-82BD-B83951B97193")
    assert sum(1 for _, path in provider.requests if path.startswith("/newstarter/cancel/")) == 1


def test_an_unanswered_versioned_update_is_ambiguous_not_a_conflict_async() -> None:
    from cartoncloud_client.testing import MockProvider as CartonCloudMock

    credentials = {"client_id": "id", "client_secret": "secret-never-shown"}
    tenant = "00000000-0000-4000-8000-000000000000"
    data = __import__("tests.paths", fromlist=["generated_data"]).generated_data("cartoncloud")
    body = {e["operation"]: e["kwargs"] for e in reversed(data["examples"])}
    provider = CartonCloudMock(credentials=credentials)

    async def scenario(url: str) -> None:
        async with cartoncloud_client.AsyncClient(
            **credentials, tenant_id=tenant, base_url=url
        ) as client:
            created = await client.create_inbound_order(body["create_inbound_order"]["body"])
            provider.drop_next(after_processing=True)
            with pytest.raises(cartoncloud_client.RequestMayHaveBeenProcessed) as caught:
                await client.update_inbound_order(
                    str(created.id), body["update_inbound_order"]["body"], version=created.version
                )
            assert "may have applied this very update" in str(caught.value)
            assert not isinstance(caught.value, cartoncloud_client.ConflictError)

    with Served(provider.app) as server:
        asyncio.run(scenario(server.url))
    assert sum(1 for method, _ in provider.requests if method == "PUT") == 2


def test_an_optional_if_match_makes_a_put_replayable_only_when_sent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A PUT whose If-Match is optional is idempotent only on the calls that send it."""
    optional = dataclasses.replace(cartoncloud_ops.UPDATE_INBOUND_ORDER, idempotent_with="If-Match")
    monkeypatch.setattr(cartoncloud_ops, "UPDATE_INBOUND_ORDER", optional)
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/token"):
            return httpx.Response(
                200, json={"access_token": "t-123456", "expires_in": 3600, "token_type": "bearer"}
            )
        sent.append(request)
        raise httpx.ReadTimeout("read timed out", request=request)

    http = httpx.Client(transport=httpx.MockTransport(answer))
    client = cartoncloud_client.Client(
        client_id="id",
        client_secret="s3cr3t-value",
        tenant_id="t",
        http_client=http,
        validate=False,
        max_retries=1,
    )
    monkeypatch.setattr(cartoncloud_client._client, "_pause", lambda seconds: None)
    with pytest.raises(cartoncloud_client.RequestMayHaveBeenProcessedTimeout):
        client.update_inbound_order("42", {}, version=None)  # type: ignore[arg-type]
    assert len(sent) == 1  # no If-Match: not resent
    with pytest.raises(cartoncloud_client.APITimeoutError) as caught:
        client.update_inbound_order("42", {}, version=7)
    assert not isinstance(caught.value, cartoncloud_client.RequestMayHaveBeenProcessed)
    assert len(sent) == 3  # If-Match sent: resent once


# -- connection errors --------------------------------------------------------------


def test_a_refused_connection_names_host_and_os_error_and_chains_the_cause() -> None:
    client = novatech_client.Client(
        email=EMAIL, password=PASSWORD, base_url="http://127.0.0.1:9", max_retries=0
    )
    with pytest.raises(novatech_client.APIConnectionError) as caught:
        client.list_stock()
    text = str(caught.value)
    assert "127.0.0.1:9" in text and "ECONNREFUSED" in text
    assert isinstance(caught.value.__cause__, httpx.ConnectError)
    assert PASSWORD not in text and PASSWORD not in repr(caught.value)


# -- secrets ------------------------------------------------------------------------


def test_a_token_answer_that_breaks_its_model_does_not_show_the_token() -> None:
    client = _scripted(lambda request: httpx.Response(200, json={"token": SECRET_TOKEN}))
    with pytest.raises(novatech_client.APIResponseValidationError) as caught:
        client.list_stock()
    assert "/expires_on" in str(caught.value)
    assert SECRET_TOKEN not in str(caught.value) and SECRET_TOKEN not in repr(caught.value)
    assert caught.value.__cause__ is None and caught.value.__context__ is None


def test_models_do_not_show_credentials() -> None:
    shown = [
        repr(models.Token(token=SECRET_TOKEN, expires_on="2030-01-01 00:00:00")),
        str(models.GetTokenRequest(email=EMAIL, password=PASSWORD)),
        repr(
            models.ChangePasswordRequest(
                email=EMAIL, current_password=PASSWORD, new_password=PASSWORD + "2"
            )
        ),
    ]
    for text in shown:
        assert SECRET_TOKEN not in text and PASSWORD not in text and "***" in text
    assert EMAIL in shown[1]  # not a credential's secret: still shown


# -- what goes on the wire ----------------------------------------------------------


@pytest.mark.parametrize("value", [".", "..", ""])
def test_dot_segments_and_empty_path_values_are_refused(
    served: tuple[MockProvider, novatech_client.Client], value: str
) -> None:
    provider, client = served
    with pytest.raises(novatech_client.ValidationError, match=r"(?i)/uuid"):
        client.cancel_new_starter(value)
    assert provider.requests == []


def test_a_slash_in_a_path_value_is_percent_encoded() -> None:
    seen: list[bytes] = []

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/token/get":
            return httpx.Response(200, json={"token": "t-1", "expires_on": "2999-01-01 00:00:00"})
        seen.append(request.url.raw_path)
        return httpx.Response(
            200, json={"sku": "A/B", "description": "x", "stock_level": 1, "price": 1.0}
        )

    _scripted(answer).get_stock("../../token/get")
    assert seen == [b"/stock/..%2F..%2Ftoken%2Fget"]


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf")])
def test_nan_and_infinity_are_problems_before_and_without_validation(bad: float) -> None:
    order = copy.deepcopy(NOVATECH_ORDER)
    order["order_lines"][0]["quantity"] = bad
    [problem] = novatech_client.validate("place_order", order)
    assert problem.pointer == "/order_lines/0/quantity" and "not a number" in problem.message
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(500)

    client = novatech_client.Client(
        email=EMAIL,
        password=PASSWORD,
        validate=False,
        http_client=httpx.Client(transport=httpx.MockTransport(answer)),
    )
    with pytest.raises(novatech_client.ValidationError, match="not a number"):
        client.place_order(order)
    assert sent == []  # refused while building the request: not even a token request left


HOSTILE = [
    pytest.param(
        lambda o: o["order_lines"][0].update(quantity=10**5000), "out of range", id="huge-integer"
    ),
    pytest.param(
        lambda o: o.update(order_number="MONZ\ud800"), "lone surrogate", id="lone-surrogate"
    ),
    pytest.param(
        lambda o: o["deliver_to"].update(extra=_nested(5000)),
        "nested too deeply",
        id="deep-nesting",
    ),
    pytest.param(
        lambda o: o["deliver_to"].update(extra=float("nan")), "not a number", id="untyped-nan"
    ),
]


@pytest.mark.parametrize(("change", "words"), HOSTILE)
def test_hostile_json_is_a_problem_before_sending_not_a_traceback(change: Any, words: str) -> None:
    order = copy.deepcopy(NOVATECH_ORDER)
    change(order)
    assert isinstance(novatech_client.validate("place_order", order), list)  # judged, not a crash
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(500)

    for validate in (True, False):
        client = novatech_client.Client(
            email=EMAIL,
            password=PASSWORD,
            validate=validate,
            http_client=httpx.Client(transport=httpx.MockTransport(answer)),
        )
        with pytest.raises(novatech_client.ValidationError) as caught:
            client.place_order(order)
        if not validate:
            assert words in str(caught.value)
    assert sent == []


def test_non_string_keys_are_a_problem_not_a_crash() -> None:
    order = copy.deepcopy(NOVATECH_ORDER)
    order["deliver_to"][1] = "x"
    problems = novatech_client.validate("place_order", order)
    assert [p.pointer for p in problems] == ["/deliver_to"]
    assert "keys must be strings" in problems[0].message


def _nested(depth: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize("value", ["caf\u00e9", "a\r\nX-Injected: 1", "\ud800"])
def test_header_values_that_cannot_travel_are_refused(
    served: tuple[MockProvider, novatech_client.Client], value: str
) -> None:
    provider, client = served
    with pytest.raises(novatech_client.ValidationError, match="printable ASCII"):
        client.list_stock(extra_headers={"X-Trace": value})
    assert provider.requests == []


def test_form_bodies_carry_text_and_json_never_python_reprs() -> None:
    import activeants_client

    bodies: list[bytes] = []

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/token":
            return httpx.Response(
                200, json={"access_token": "t-1", "expires_in": 3600, "token_type": "bearer"}
            )
        bodies.append(request.content)
        return httpx.Response(
            200, content=b"", headers={"Content-Type": "application/x-www-form-urlencoded"}
        )

    client = activeants_client.Client(
        username="u",
        password="p-secret",
        validate=False,
        base_url="http://activeants.test",  # the document names no host
        http_client=httpx.Client(transport=httpx.MockTransport(answer)),
    )
    body = {"ExternalOrderNumber": 12, "Flag": True, "Lines": [{"sku": "A"}], "Skipped": None}
    with (
        pytest.raises(activeants_client.APIError),
        pytest.warns(DeprecationWarning, match="get_return_items is deprecated"),
    ):
        client.get_return_items(body)
    form = bodies[0].decode()
    assert "None" not in form and "Skipped" not in form and "'" not in form
    assert "ExternalOrderNumber=12" in form and "Flag=true" in form
    assert "Lines=%5B%7B%22sku%22%3A%22A%22%7D%5D" in form  # [{"sku":"A"}] as JSON


# -- answers that are not what they should be ---------------------------------------


@pytest.mark.parametrize(
    "value", ["nan", "inf", "-1", "soon", "Mon, 99 Foo 2024 99:99:99 GMT", "1e400"]
)
def test_an_unreadable_retry_after_is_taken_as_absent(value: str) -> None:
    assert _retries.retry_after(value) is None


def test_a_non_ascii_webhook_signature_is_a_mismatch_not_a_type_error() -> None:
    payload = {
        "supplier_order_number": "1",
        "order_number": "2",
        "type": "ORDER_PLACED",
        "signature": "é" * 64,
    }
    with pytest.raises(novatech_client.WebhookSignatureError):
        novatech_client.parse_notification(payload, secret="s")


def test_paging_stops_when_the_provider_ignores_the_page_number() -> None:
    page = {
        "orders": [
            {
                "order_number": "A1",
                "novatech_order_number": 1,
                "order_date": "2018-10-24 10:40:00",
                "order_status": "A",
            }
        ],
        "info": {
            "total_rows": 1000,
            "start_record": 1,
            "end_record": 1,
            "current_page": 1,
            "orders_per_page": 1,
        },
    }

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/token/get":
            return httpx.Response(200, json={"token": "t-1", "expires_on": "2999-01-01 00:00:00"})
        return httpx.Response(200, json=page)  # page 1, whatever was asked

    seen = []
    with pytest.raises(novatech_client.PagingError, match="page 2 repeats page 1"):
        for order in _scripted(answer).iter_list_orders():
            seen.append(order)
    assert len(seen) == 1


def test_a_token_no_header_can_carry_is_a_problem_not_a_unicode_error() -> None:
    client = _scripted(
        lambda request: httpx.Response(
            200, json={"token": "t\u00e9", "expires_on": "2999-01-01 00:00:00"}
        )
    )
    with pytest.raises(novatech_client.ValidationError, match="/credentials"):
        client.list_stock()


class SlowTokens:
    """An ASGI provider whose token endpoint answers late; every call is counted."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.token_requests = 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        if scope["path"] == "/token/get":
            self.token_requests += 1
            await asyncio.sleep(self.delay)
            body = json.dumps({"token": "t-1", "expires_on": "2999-01-01 00:00:00"}).encode()
        else:
            body = json.dumps({"skus": []}).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def test_a_timed_out_token_request_is_shared_by_concurrent_async_callers() -> None:
    app = SlowTokens(delay=1.5)

    async def scenario(url: str) -> list[Any]:
        async with novatech_client.AsyncClient(
            email=EMAIL,
            password=PASSWORD,
            base_url=url,
            timeout=httpx.Timeout(0.3, connect=5.0),
            max_retries=0,
        ) as client:
            calls = (client.list_stock() for _ in range(10))
            return await asyncio.gather(*calls, return_exceptions=True)

    with Served(app) as server:
        began = time.monotonic()
        results = asyncio.run(scenario(server.url))
        elapsed = time.monotonic() - began
    assert all(isinstance(r, novatech_client.APITimeoutError) for r in results), results
    assert app.token_requests == 1  # one request, its one failure for all ten
    assert elapsed < 1.0  # not ten timeouts in a row


def test_threads_sharing_a_sync_client_fetch_one_token() -> None:
    from concurrent.futures import ThreadPoolExecutor

    app = SlowTokens(delay=0.2)
    with (
        Served(app) as server,
        novatech_client.Client(email=EMAIL, password=PASSWORD, base_url=server.url) as client,
        ThreadPoolExecutor(8) as pool,
    ):
        results = list(pool.map(lambda _: client.list_stock(), range(8)))
    assert len(results) == 8 and app.token_requests == 1


def test_an_optional_if_match_is_recorded_for_the_runtime(make_project: Any) -> None:
    """The generator marks a PUT whose If-Match is optional: idempotent only when sent."""
    from generator.cli.main import main
    from tests.paths import SPECS

    text = (SPECS / "cartoncloud.yaml").read_text("utf-8")
    required = "name: If-Match, type: integer, required: true, python_name: version"
    assert text.count(required) == 3
    project = make_project(
        texts={"cartoncloud": text.replace(required, required.replace("true", "false"), 1)}
    )
    assert main(["--project", str(project), "generate"]) == 0
    operations = (project / "generated/cartoncloud/cartoncloud_client/_operations.py").read_text(
        "utf-8"
    )
    assert operations.count('idempotent_with="If-Match"') == 1
    assert (
        'name="update_inbound_order"'
        in operations.split('idempotent_with="If-Match"')[0].rsplit("OperationInfo(", 1)[1]
    )
