"""The generated Novatech client at run time: auth lifecycle, errors, secrets, validation."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import novatech_client
import pytest
from novatech_client import (
    AuthenticationError,
    BadRequestError,
    Client,
    NotFoundError,
    ValidationError,
    models,
)

from tests.payloads import NOVATECH_ORDER

PASSWORD = "aVeryLongAndSecurePassword-do-not-leak"
TOKEN = "eyJ.secret-token.value"
ORDER = NOVATECH_ORDER
STOCK = {"sku": "CAB-C6/2", "description": "Cable", "stock_level": 4, "price": 1.84}


class Server:
    """A scripted provider: counts token requests and answers API calls in turn."""

    def __init__(
        self, answers: list[httpx.Response], *, expires_on: str = "2999-01-01 00:00:00"
    ) -> None:
        self.answers = answers
        self.expires_on = expires_on
        self.token_requests: list[httpx.Request] = []
        self.requests: list[httpx.Request] = []
        self.token_status = 200

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/token/get":
            self.token_requests.append(request)
            if self.token_status != 200:
                return httpx.Response(
                    self.token_status,
                    json={
                        "msg": "HTTP 401 Unauthorized",
                        "code": 401,
                        "timestamp": "2018-10-09 10:09:17",
                        "status": "Unauthorized",
                    },
                )
            number = len(self.token_requests)
            return httpx.Response(
                200, json={"token": f"{TOKEN}-{number}", "expires_on": self.expires_on}
            )
        self.requests.append(request)
        return self.answers.pop(0)


@pytest.fixture
def connect() -> Callable[[Server], Client]:
    def make(server: Server) -> Client:
        http = httpx.Client(transport=httpx.MockTransport(server))
        return Client(email="api@example.com", password=PASSWORD, server="test", http_client=http)

    return make


def test_token_is_fetched_once_and_reused(connect: Callable[[Server], Client]) -> None:
    server = Server([httpx.Response(200, json=STOCK), httpx.Response(200, json=STOCK)])
    client = connect(server)
    client.get_stock("CAB-C6/2")
    client.get_stock("CAB-C6/2")
    assert len(server.token_requests) == 1
    assert json.loads(server.token_requests[0].content) == {
        "email": "api@example.com",
        "password": PASSWORD,
    }
    assert [r.headers["Authorization"] for r in server.requests] == [f"Bearer {TOKEN}-1"] * 2
    assert server.requests[0].url.raw_path == b"/stock/CAB-C6%2F2"


def test_expired_token_is_fetched_again(connect: Callable[[Server], Client]) -> None:
    server = Server([httpx.Response(200, json=STOCK)] * 2, expires_on="2018-10-08 14:50:24")
    client = connect(server)
    client.get_stock("A")
    client.get_stock("A")
    assert len(server.token_requests) == 2


def test_401_fetches_a_new_token_once_and_replays(connect: Callable[[Server], Client]) -> None:
    server = Server([httpx.Response(401, json={}), httpx.Response(200, json=STOCK)])
    client = connect(server)
    assert client.get_stock("A").stock_level == 4
    assert len(server.token_requests) == 2
    assert [r.headers["Authorization"] for r in server.requests] == [
        f"Bearer {TOKEN}-1",
        f"Bearer {TOKEN}-2",
    ]


def test_second_401_raises(connect: Callable[[Server], Client]) -> None:
    standard = {
        "msg": "HTTP 401 Unauthorized",
        "code": 401,
        "timestamp": "2018-10-09 10:09:17",
        "status": "Unauthorized",
    }
    server = Server([httpx.Response(401, json=standard), httpx.Response(401, json=standard)])
    with pytest.raises(AuthenticationError) as raised:
        connect(server).get_stock("A")
    assert raised.value.status_code == 401
    assert raised.value.problems == ["HTTP 401 Unauthorized"]


def test_refused_credentials_name_the_credential_not_the_secret(
    connect: Callable[[Server], Client],
) -> None:
    server = Server([])
    server.token_status = 401
    client = connect(server)
    with pytest.raises(AuthenticationError) as raised:
        client.get_stock("A")
    text = str(raised.value)
    assert "email" in text and "password" in text
    assert PASSWORD not in text and PASSWORD not in repr(raised.value)
    assert server.requests == []


def test_secrets_stay_out_of_reprs(connect: Callable[[Server], Client]) -> None:
    server = Server([httpx.Response(200, json=STOCK)])
    client = connect(server)
    client.get_stock("A")
    for text in (repr(client), str(client), repr(client._auth), repr(vars(client._auth))):
        assert PASSWORD not in text and TOKEN not in text


def test_validation_error_body_is_parsed(connect: Callable[[Server], Client]) -> None:
    body = {
        "code": 400,
        "errors": [
            "deliverTo.name size must be between 5 and 30",
            "orderLineList[0].quantity must be greater than or equal to 1",
        ],
        "timestamp": "2018-10-09 10:13:19",
        "status": "Bad Request",
    }
    server = Server([httpx.Response(400, json=body)])
    with pytest.raises(BadRequestError) as raised:
        connect(server).place_order(ORDER)
    assert raised.value.problems == body["errors"]
    assert isinstance(raised.value.body, models.ValidationErrorBody)


def test_not_found_carries_the_standard_error(connect: Callable[[Server], Client]) -> None:
    body = {
        "msg": "HTTP 404 Not Found",
        "code": 404,
        "timestamp": "2018-10-09 10:09:17",
        "status": "Not Found",
    }
    server = Server([httpx.Response(404, json=body)])
    with pytest.raises(NotFoundError) as raised:
        connect(server).get_order("1")
    assert raised.value.status_code == 404
    assert isinstance(raised.value.body, models.StandardError)
    assert "HTTP 404 Not Found" in str(raised.value)


def test_all_problems_are_listed_and_nothing_is_sent(connect: Callable[[Server], Client]) -> None:
    bad: dict[str, Any] = json.loads(json.dumps(ORDER))
    bad["order_number"] = "X" * 15
    bad["deliver_to"]["address_lines"] = ["1", "2", "3" * 31]
    bad["order_lines"][0]["quantity"] = 0
    server = Server([])
    with pytest.raises(ValidationError) as raised:
        connect(server).place_order(bad)
    pointers = [p.pointer for p in raised.value.problems]
    assert pointers == ["/order_number", "/deliver_to/address_lines/2", "/order_lines/0/quantity"]
    assert "must be at most 30 characters (got 31)" in str(raised.value)
    assert server.requests == [] and server.token_requests == []


def test_models_are_accepted_as_bodies(connect: Callable[[Server], Client]) -> None:
    server = Server([httpx.Response(200, json={"success": True})])
    client = connect(server)
    result = client.set_group_stock(
        "07594101-65af-4349-b3c1-5c72242a9660", models.SetGroupStockRequest(skus=["CAB-C5END"])
    )
    assert result.success is True
    assert json.loads(server.requests[0].content) == {"skus": ["CAB-C5END"]}


def test_parameters_are_validated_too(connect: Callable[[Server], Client]) -> None:
    server = Server([])
    client = connect(server)
    with pytest.raises(ValidationError) as raised:
        client.search_collections()
    assert "collection_ref" in str(raised.value)
    with pytest.raises(ValidationError):
        client.get_group_stock("not-a-uuid")
    with pytest.raises(ValidationError):
        client.list_orders(start_date="2023-13-01")
    assert server.requests == []


def test_validate_function_is_exported() -> None:
    assert novatech_client.validate("place_order", ORDER) == []
    with pytest.raises(KeyError):
        novatech_client.validate("no_such_operation", {})
