"""The mocks behave like their providers: creates come back, lists and refusals as documented.

Each test talks HTTP to a generated mock served by uvicorn on 127.0.0.1,
with the headers the mock says a client needs (what `shipspec mock` prints).
"""

from __future__ import annotations

import copy
import importlib
import json
import sys
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.paths import GENERATED
from tests.serving import Served


def _testing(provider: str) -> Any:
    sys.path.insert(0, str(GENERATED / provider))
    return importlib.import_module(f"{provider}_client.testing")


class Running:
    def __init__(self, provider: str) -> None:
        self.mock = _testing(provider).MockProvider()
        self.headers = self.mock.client_headers()
        self.served = Served(self.mock.app)

    def call(self, method: str, path: str, **options: Any) -> httpx.Response:
        headers = {**self.headers, **options.pop("headers", {})}
        return httpx.request(method, self.served.url + path, headers=headers, **options)


@pytest.fixture
def novatech() -> Iterator[Running]:
    running = Running("novatech")
    with running.served:
        yield running


@pytest.fixture
def provet() -> Iterator[Running]:
    running = Running("provet")
    with running.served:
        yield running


@pytest.fixture
def kube() -> Iterator[Running]:
    running = Running("kube")
    with running.served:
        yield running


ORDER = {
    "order_number": "ABC12345",
    "deliver_to": {
        "name": "Ann Bellamy",
        "address_lines": ["2 Elm Street", "Leeds"],
        "postal_code": "LS1 4AB",
        "email_address": "ann@example.com",
        "phone_number": "07000000000",
    },
    "order_lines": [{"sku": "TEST-SKU03", "quantity": 5}],
}


def test_novatech_order_is_what_was_sent_dated_by_the_mock_clock(novatech: Running) -> None:
    novatech.mock.clock = lambda: 1_800_000_000.0  # 2027-01-15 08:00:00 UTC
    placed = novatech.call("POST", "/order", json=ORDER)
    assert placed.status_code == 200, placed.text
    order = placed.json()
    assert order["order_number"] == "ABC12345"
    assert order["order_date"] == "2027-01-15 08:00:00"
    assert [(line["sku"], line["quantity"]) for line in order["order_lines"]] == [("TEST-SKU03", 5)]
    # priced from the documented stock list, amounts as the document's example works them out
    line = order["order_lines"][0]
    assert line["description"] == "Example SKU 03" and line["price"] == 229.04
    amounts = ("ex_vat_total", "vat", "inc_vat_total")
    assert [line[name] for name in amounts] == [1145.2, 229.04, 1374.24]
    assert [order[name] for name in amounts] == [1145.2, 229.04, 1374.24]
    again = novatech.call("GET", f"/order/{order['novatech_order_number']}")
    assert again.status_code == 200 and again.json()["order_lines"] == order["order_lines"]
    listed = novatech.call("GET", "/orders").json()
    assert [o["order_number"] for o in listed["orders"]] == ["ABC12345"]
    assert listed["info"]["total_rows"] == len(listed["orders"]) == listed["info"]["end_record"]


def test_novatech_lists_orders_newest_first_within_the_dates_asked(novatech: Running) -> None:
    """startDate/endDate bound the date placed (a date bound covers its whole day)."""
    novatech.mock.clock = lambda: 1_800_000_000.0  # 2027-01-15 08:00:00 UTC
    assert novatech.call("POST", "/order", json=ORDER).status_code == 200
    novatech.mock.clock = lambda: 1_801_500_000.0  # 2027-02-01 16:40:00 UTC
    later = {**ORDER, "order_number": "ABC12346"}
    assert novatech.call("POST", "/order", json=later).status_code == 200

    def numbers(**query: str) -> list[str]:
        listed = novatech.call("GET", "/orders", params=query).json()
        assert listed["info"]["total_rows"] == len(listed["orders"])
        return [order["order_number"] for order in listed["orders"]]

    assert numbers() == ["ABC12346", "ABC12345"]
    assert numbers(startDate="2027-01-20") == ["ABC12346"]
    assert numbers(endDate="2027-01-15") == ["ABC12345"]
    assert numbers(startDate="2027-01-16", endDate="2027-01-31") == []


def test_novatech_refuses_an_unknown_sku_in_its_error_format(novatech: Running) -> None:
    order = {**ORDER, "order_lines": [{"sku": "NOSUCHSKU", "quantity": 1}]}
    refused = novatech.call("POST", "/order", json=order)
    assert refused.status_code == 400
    assert refused.json()["errors"] == ["SKU NOSUCHSKU not found"]
    group = "/portal/groups/stock/07594101-65af-4349-b3c1-5c72242a9660"
    assert novatech.call("POST", group, json={"skus": ["CAB-C5END", "NOPE"]}).status_code == 400
    assert novatech.call("POST", group, json={"skus": ["CAB-C5END"]}).status_code == 200


def test_novatech_collection_search_filters_by_asset_tag(novatech: Running) -> None:
    booking = {
        "collection_reference": "RET0001",
        "collect_from": {
            "name": "Ann Bellamy",
            "address_lines": ["2 Elm Street", "Leeds"],
            "postal_code": "LS1 4AB",
        },
        "notification_email_address": "ann@example.com",
        "notification_phone_number": "07000000000",
        "packaging_lines": [{"packaging_type": "laptop", "asset_tag": "TAG-777"}],
    }
    booked = novatech.call("POST", "/collection/book", json=booking)
    assert booked.status_code == 200, booked.text
    found = novatech.call("GET", "/collection/search", params={"asset_tag": "TAG-777"}).json()
    missing = novatech.call("GET", "/collection/search", params={"asset_tag": "NOT-THERE"}).json()
    by_ref = novatech.call("GET", "/collection/search", params={"collection_ref": "RET0001"}).json()
    assert missing == []
    assert [c["collection_reference"] for c in by_ref] == ["RET0001"]
    assert [a["asset_tag"] for a in booked.json()["assets"]] == ["TAG-777"]
    assert [c["collection_reference"] for c in found] == ["RET0001"]


PROVET_ORDER = {
    "CustomerName": "Joe Bloggs",
    "AddressLine1": "1 Main Road",
    "Suburb": "Newtown",
    "State": "NSW",
    "Postcode": "2042",
    "Country": "Australia",
    "CustomerEmail": "joe@example.com",
    "CustomerPhone": "0412345678",
    "OrderLines": [{"ProductCode": "ABC 1", "Quantity": 3}],
}


def test_provet_lists_newest_first_within_the_dates_asked(provet: Running) -> None:
    provet.mock.clock = lambda: 1_800_000_000.0  # 2027-01-15
    first = provet.call("POST", "/api/orders", json=PROVET_ORDER).json()
    line = first["orderLines"][0]
    assert line["productCode"] == "ABC 1" and line["quantity"] == 3
    assert first["date"].startswith("2027-01-15T08:00:00")
    provet.mock.advance(3 * 86400)
    second = provet.call("POST", "/api/orders", json=PROVET_ORDER).json()
    listed = provet.call("GET", "/api/orders").json()
    assert [o["id"] for o in listed] == [second["id"], first["id"]]
    since = provet.call("GET", "/api/orders", params={"DateFrom": "2027-01-17"}).json()
    until = provet.call("GET", "/api/orders", params={"DateTo": "2027-01-15"}).json()
    assert [o["id"] for o in since] == [second["id"]]
    assert [o["id"] for o in until] == [first["id"]]


def test_provet_answers_an_id_that_is_no_number_with_404(provet: Running) -> None:
    assert provet.call("GET", "/api/orders/abc").status_code == 404
    assert provet.call("GET", "/api/orders/999999").status_code == 404


EVENT = {
    "order_number": "W000001-1D-S",
    "delivery_service": "Mainland",
    "courier_name": "Royal Mail",
    "despatch_date": "2016-05-20 15:00:00",
    "earliest_delivery": "2016-05-21",
    "latest_delivery": "2016-05-23",
    "tracking_reference": "GB12345AB",
    "item_arr": [{"code": "123456", "qty": 2}],
    "mode": "Test",
}
SUPPLIER = {"supplier_id": "1"}


@pytest.mark.parametrize(
    ("change", "params", "words"),
    [
        ({}, {"supplier_id": "123"}, "No supplier found with id 123"),
        ({"mode": "Live"}, SUPPLIER, "Supplier is currently in Test Mode, but expected Live Mode"),
        ({"order_number": "W9"}, SUPPLIER, "No order record found for order number W9"),
        (
            {"item_arr": [{"code": "999", "qty": 1}]},
            SUPPLIER,
            'No order item found with product code "999" for order W000001-1D-S',
        ),
        (
            {"delivery_service": "RM Saver Delivery"},
            SUPPLIER,
            'No delivery service found with name "RM Saver Delivery"',
        ),
    ],
)
def test_kube_refuses_from_its_state_in_its_words(
    kube: Running, change: dict[str, Any], params: dict[str, str], words: str
) -> None:
    refused = kube.call("POST", "/rest/order_event.api", params=params, json={**EVENT, **change})
    assert refused.status_code == 400
    assert refused.text == words


def test_kube_remembers_what_was_despatched_or_cancelled(kube: Running) -> None:
    path = "/rest/order_event.api"
    despatched = kube.call("POST", path, params=SUPPLIER, json=EVENT)
    assert despatched.status_code == 200, despatched.text
    assert despatched.json()["result"][0]["order_number"] == "W000001-1D-S"
    again = kube.call("POST", path, params=SUPPLIER, json=EVENT)
    assert again.text == 'Order item with product code "123456" is already despatched'
    cancel = {"order_number": "W000001-1D-S", "cancel": 1, "mode": "Test"}
    other = {**cancel, "item_arr": [{"code": "654321", "qty": 1}]}
    assert kube.call("POST", path, params=SUPPLIER, json=other).status_code == 200
    twice = kube.call("POST", path, params=SUPPLIER, json=other)
    assert twice.text == 'Order item with product code "654321" is already cancelled'


@pytest.fixture
def cartoncloud() -> Iterator[Running]:
    running = Running("cartoncloud")
    with running.served:
        yield running


def _documented_request(provider: str, operation: str) -> dict[str, Any]:
    data = json.loads((GENERATED / provider / "tests" / "data.json").read_text("utf-8"))
    example = next(e for e in data["examples"] if e["operation"] == operation and e["body"])
    return {"path": example["path"], "body": example["body"]}


def test_cartoncloud_create_keeps_nested_values_and_reads_them_back(cartoncloud: Running) -> None:
    sent = _documented_request("cartoncloud", "create_outbound_order")
    body = copy.deepcopy(sent["body"])
    body["details"]["deliver"]["address"]["city"] = "Gotham"
    body["references"]["customer"] = "MY-REF-9"
    created = cartoncloud.call("POST", sent["path"], json=body)
    assert created.status_code == 201, created.text
    order = created.json()
    assert order["details"]["deliver"]["address"]["city"] == "Gotham"
    assert order["references"]["customer"] == "MY-REF-9"
    read = cartoncloud.call("GET", f"{sent['path']}/{order['id']}")
    assert read.status_code == 200 and read.json()["details"] == order["details"]


def test_cartoncloud_created_with_issues_says_so(cartoncloud: Running) -> None:
    sent = _documented_request("cartoncloud", "create_outbound_order")
    body = copy.deepcopy(sent["body"])
    body["items"][0]["measures"]["quantity"] = 10000
    created = cartoncloud.call("POST", sent["path"], json=body)
    assert created.status_code == 228, created.text
    assert created.json()["status"] == "REJECTED"


def test_cartoncloud_update_keeps_nested_values_and_its_own_id(cartoncloud: Running) -> None:
    sent = _documented_request("cartoncloud", "create_outbound_order")
    order = cartoncloud.call("POST", sent["path"], json=sent["body"]).json()
    change = copy.deepcopy(sent["body"])
    change["details"]["deliver"]["address"]["city"] = "Springwood"
    where = f"{sent['path']}/{order['id']}"
    version = {"If-Match": str(order["version"])}
    updated = cartoncloud.call("PUT", where, json=change, headers=version)
    assert updated.status_code == 200, updated.text
    assert updated.json()["details"]["deliver"]["address"]["city"] == "Springwood"
    assert updated.json()["id"] == order["id"] and updated.json()["version"] == order["version"] + 1
    read = cartoncloud.call("GET", where).json()
    assert read["details"]["deliver"]["address"]["city"] == "Springwood"


def test_kube_refuses_a_despatch_dated_before_the_order_was_placed(kube: Running) -> None:
    """The seeded order was placed on 2016-05-20 (spec rule `after`); the document's words."""
    path = "/rest/order_event.api"
    early = {**EVENT, "despatch_date": "2016-05-19 23:59:59"}
    refused = kube.call("POST", path, params=SUPPLIER, json=early)
    assert refused.status_code == 400
    assert refused.text == "Despatch Date/Time must be after the date the order was placed"
    same_day = {**EVENT, "despatch_date": "2016-05-20 00:00:00"}
    assert kube.call("POST", path, params=SUPPLIER, json=same_day).status_code == 200
    cancelled = {
        "order_number": "W000001-1D-S",
        "cancel": 1,
        "mode": "Test",
        "item_arr": [{"code": "654321", "qty": 1}],
        "despatch_date": "2001-01-01 00:00:00",  # a cancellation despatches nothing
    }
    assert kube.call("POST", path, params=SUPPLIER, json=cancelled).status_code == 200
