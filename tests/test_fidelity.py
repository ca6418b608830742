"""Issue 15, "Fidelity, second pass": each documented rule, broken on purpose.

Payloads go through `<provider>_client.validate(...)` and must be reported
at the documented place (`pointer`) for the documented reason (`rule`);
the command line's `--json` and `--params` are checked the same way.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.paths import ROOT
from tests.payloads import NOVATECH_ORDER


def _run(*args: str) -> tuple[int, str, str]:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--project", str(ROOT), "validate", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.returncode, result.stdout, result.stderr


def _write(tmp_path: Path, name: str, payload: Any) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(payload), "utf-8")
    return str(path)


def _found(problems: list[Any]) -> set[tuple[str, str]]:
    return {(p.pointer, p.rule) for p in problems}


# -- problems a program can read --------------------------------------------


def test_cli_json_is_one_compact_document_with_rule_and_field(tmp_path: Path) -> None:
    bad = {k: v for k, v in NOVATECH_ORDER.items() if k != "order_number"}
    bad["deliver_to"] = dict(bad["deliver_to"], name="Joe")
    code, out, _ = _run("novatech", "place_order", _write(tmp_path, "bad.json", bad), "--json")
    assert code == 1
    assert out.count("\n") == 1, "one line: a compact document"
    [report] = json.loads(out)
    errors = {(e["pointer"], e["rule"]): e for e in report["errors"]}
    assert errors[("", "required")]["field"] == "order_number"
    assert "field" not in errors[("/deliver_to/name", "minLength")]


def test_cli_params_checks_path_query_and_header_parameters(tmp_path: Path) -> None:
    good = _write(tmp_path, "good.json", {"ORD_NO": "6010361"})
    bad = _write(tmp_path, "bad.json", {"ORD_NO": True, "bogus": 1})
    empty = _write(tmp_path, "empty.json", {})
    code, out, _ = _run("novatech", "get_order", "--params", good, "--json")
    assert (code, json.loads(out)[0]["valid"]) == (0, True)
    code, out, _ = _run("novatech", "get_order", "--params", bad, "--params", empty, "--json")
    assert code == 1
    wrong, missing = json.loads(out)
    assert {(e["pointer"], e["rule"]) for e in wrong["errors"]} == {
        ("/ORD_NO", "type"),
        ("/bogus", "unknown_field"),
    }
    assert [(e["rule"], e["field"]) for e in missing["errors"]] == [("required", "ORD_NO")]


def test_cli_needs_a_file_or_params() -> None:
    code, _, err = _run("novatech", "get_order")
    assert code == 2 and "--params" in err


# -- Kube ----------------------------------------------------------------------

KUBE_DESPATCH: dict[str, Any] = {
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


def test_kube_despatch_requires_both_delivery_dates() -> None:
    import kube_client

    assert kube_client.validate("order_event", KUBE_DESPATCH) == []
    bare = {k: v for k, v in KUBE_DESPATCH.items() if not k.endswith("_delivery")}
    problems = kube_client.validate("order_event", bare)
    assert {(p.pointer, p.rule, p.field, p.message) for p in problems} == {
        ("", "conditional", "earliest_delivery", "Earliest Delivery Date is required"),
        ("", "conditional", "latest_delivery", "Latest Delivery Date is required"),
    }
    cancel = {
        "order_number": "W1",
        "cancel": 1,
        "item_arr": [{"code": "1", "qty": 1}],
        "mode": "Test",
    }
    assert kube_client.validate("order_event", cancel) == []


def test_kube_latest_before_despatch_cannot_pass_by_leaving_earliest_out() -> None:
    import kube_client

    payload = {k: v for k, v in KUBE_DESPATCH.items() if k != "earliest_delivery"}
    payload["latest_delivery"] = "2016-05-01"
    assert ("", "conditional") in _found(kube_client.validate("order_event", payload))


def test_kube_supplier_id_problems_in_kubes_words() -> None:
    import kube_client

    words = "User not authorised to save this supplier's orders"
    for params in ({}, {"supplier_id": "abc"}):
        problems = kube_client.validate_params("order_event", params)
        assert [(p.pointer, p.message) for p in problems] == [("/supplier_id", words)]
    assert kube_client.validate_params("order_event", {"supplier_id": 1}) == []


def test_kube_mock_answers_bad_json_and_bad_supplier_in_the_documented_words() -> None:
    import httpx
    from kube_client.testing import DEFAULT_CREDENTIALS, MockProvider

    from tests.serving import Served

    mock = MockProvider()
    headers = {
        "Cookie": f"ksi={next(iter(DEFAULT_CREDENTIALS.values()))}",
        "Content-Type": "application/json",
    }
    with Served(mock.app) as served, httpx.Client(base_url=served.url, headers=headers) as http:
        broken = http.post("/rest/order_event.api?supplier_id=1", content=b"{not json")
        assert (broken.status_code, broken.text) == (400, "Invalid json provided")
        words = "User not authorised to save this supplier's orders"
        for query in ("", "?supplier_id=abc"):
            answer = http.post(f"/rest/order_event.api{query}", json=KUBE_DESPATCH)
            assert (answer.status_code, answer.text) == (400, words), query
        ok = http.post("/rest/order_event.api?supplier_id=1", json=KUBE_DESPATCH)
        assert ok.status_code == 200, ok.text


def test_kube_exported_schema_says_impossible_dates_are_refused() -> None:
    import re

    schemas = ROOT / "generated/kube/kube_client/schemas"
    request = json.loads((schemas / "order_event.request.json").read_text("utf-8"))
    types = json.loads((schemas / "types.json").read_text("utf-8"))
    assert request["$ref"] == types["$id"] + "#/$defs/OrderEvent"
    fields = types["$defs"]["OrderEvent"]["properties"]
    despatch = fields["despatch_date"]
    assert re.search(despatch["pattern"], "2016-05-20 15:00:00")
    for impossible in ("2016-13-45 15:00:00", "2016-05-20 25:61:00"):
        assert not re.search(despatch["pattern"], impossible)
    assert "impossible dates" in despatch["description"]
    assert fields["earliest_delivery"]["format"] == "date"
    assert "impossible dates" in fields["earliest_delivery"]["description"]


# -- Novatech ------------------------------------------------------------------


def _novatech_hooks() -> dict[str, Any]:
    import yaml

    spec = yaml.safe_load((ROOT / "specs/novatech.yaml").read_text("utf-8"))
    examples = spec["webhooks"]["notification"]["examples"]
    order, collection = (
        json.loads(e["payload"].get("repaired") or e["payload"]["json"]) for e in examples
    )
    return {"order": order, "collection": collection}


def test_novatech_asset_tags_of_one_booking_must_differ() -> None:
    import novatech_client

    booking = {
        "collection_reference": "APITEST",
        "collect_from": {
            "name": "Joe Smith",
            "address_lines": ["1 Road", "Town"],
            "postal_code": "PO6 4PU",
        },
        "notification_email_address": "customer@company.com",
        "notification_phone_number": "07171071071",
        "packaging_lines": [
            {"packaging_type": "laptop", "asset_tag": "1234567890"},
            {"packaging_type": "laptop", "asset_tag": "0987654321"},
        ],
    }
    assert novatech_client.validate("book_collection", booking) == []
    booking["packaging_lines"].append({"packaging_type": "phone", "asset_tag": "1234567890"})
    problems = novatech_client.validate("book_collection", booking)
    assert _found(problems) == {("/packaging_lines/2/asset_tag", "unique")}


def test_novatech_webhook_order_and_collection_only_where_the_event_concerns_them() -> None:
    from novatech_client._response_checks import validate_webhook

    hooks = _novatech_hooks()
    assert validate_webhook("notification", hooks["order"]) == []
    assert validate_webhook("notification", hooks["collection"]) == []
    both = dict(hooks["order"], collection=hooks["collection"]["collection"])
    assert _found(validate_webhook("notification", both)) == {("/collection", "conditional")}
    wrong = dict(hooks["collection"], order=hooks["order"]["order"])
    assert _found(validate_webhook("notification", wrong)) == {("/order", "conditional")}
    bare = {k: v for k, v in hooks["order"].items() if k != "order"}
    [missing] = validate_webhook("notification", bare)
    assert (missing.pointer, missing.rule, missing.field) == ("", "conditional", "order")


def test_novatech_readme_lists_webhook_events_and_the_200_rule() -> None:
    readme = (ROOT / "generated/novatech/README.md").read_text("utf-8")
    webhooks = readme.split("## Webhooks", 1)[1].split("\n## ", 1)[0]
    assert "| `COLLECTION_ITEM_RECEIVED` |" in webhooks and "| `ORDER_PLACED` |" in webhooks
    assert "Answer HTTP 200" in webhooks and "resend" in webhooks


def test_novatech_defaults_to_the_documented_host_only() -> None:
    import novatech_client
    from novatech_client import _core

    assert _core.SERVERS == {"test": "https://test-api.novatech.co.uk"}
    with novatech_client.Client(email="a@example.com", password="pw") as client:
        assert client.base_url == "https://test-api.novatech.co.uk"


def test_novatech_expires_on_is_uk_local_time() -> None:
    from novatech_client._auth import _expiry

    # the document's token: exp 1539006624 (13:50:24 UTC) against expires_on 14:50:24 (BST)
    assert _expiry("2018-10-08 14:50:24") == 1539006624
    # in winter UK time is UTC
    assert _expiry("2018-12-08 14:50:24") == 1544280624


def test_novatech_body_less_post_sends_the_documented_content_type() -> None:
    import httpx
    import novatech_client

    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/token/get":
            return httpx.Response(200, json={"token": "t", "expires_on": "2999-01-01 00:00:00"})
        return httpx.Response(200, json={"cancelled": True, "info": "Success"})

    http = httpx.Client(transport=httpx.MockTransport(answer))
    with novatech_client.Client(email="a@example.com", password="pw", http_client=http) as client:
        client.cancel_new_starter("4411C408-485B-4401-82BD-B83951B97193")
    cancel = seen[-1]
    assert cancel.url.path == "/newstarter/cancel/4411C408-485B-4401-82BD-B83951B97193"
    assert cancel.content == b"" and cancel.headers["Content-Type"] == "application/json"


def test_novatech_ids_the_api_returns_go_straight_back() -> None:
    import novatech_client
    from novatech_client.testing import MockProvider

    from tests.serving import Served

    mock = MockProvider(credentials={"email": "a@example.com", "password": "pw"})
    with (
        Served(mock.app) as served,
        novatech_client.Client(email="a@example.com", password="pw", base_url=served.url) as client,
    ):
        placed = client.place_order(NOVATECH_ORDER)
        assert isinstance(placed.novatech_order_number, int)
        looked_up = client.get_order(placed.novatech_order_number)
        assert looked_up.novatech_order_number == placed.novatech_order_number
        group = client.list_groups().groups[0]
        assert client.get_group_stock(group.product_group_id).skus
    paths = [path for _, path in mock.requests]
    assert f"/order/{placed.novatech_order_number}" in paths
    assert f"/portal/groups/stock/{group.product_group_id}" in paths
    assert novatech_client.validate_params("get_order", {"ord_no": True})[0].rule == "type"
    assert novatech_client.validate_params("get_stock", {"sku": ""})[0].rule == "minLength"


# -- Active Ants ---------------------------------------------------------------


def test_activeants_vat_levels_are_the_documented_three() -> None:
    import activeants_client

    for bad in (5, -1):
        problems = activeants_client.validate("edit_product", {"sku": "A1", "VatLevel": bad})
        assert _found(problems) == {("/VatLevel", "enum")}
    assert activeants_client.validate("edit_product", {"sku": "A1", "VatLevel": 2}) == []
    problems = activeants_client.validate(
        "add_product", {"sku": "A1", "name": "n", "vatLevel": "3"}
    )
    assert ("/vatLevel", "enum") in _found(problems)


def test_activeants_stock_bulk_from_must_be_a_real_day() -> None:
    import activeants_client

    check = activeants_client.validate_params
    for good in (
        "2024-01-31",
        "2024-01-31T10:00",
        "2024-01-31T10:00:00.5+01:00",
        "2024-01-31T10:00Z",
    ):
        assert check("get_stock_bulk", {"from_": good}) == [], good
    for bad in ("2024-13-45", "2024-02-30", "2024-01-31T25:00"):
        assert _found(check("get_stock_bulk", {"from_": bad})) == {("/from", "format")}, bad


def test_activeants_empty_sku_is_refused_before_it_calls_another_url() -> None:
    import activeants_client

    for op in ("get_stock_level", "get_stock"):
        assert _found(activeants_client.validate_params(op, {"sku": ""})) == {("/sku", "minLength")}


def test_activeants_has_no_invented_host() -> None:
    import activeants_client
    import pytest
    from activeants_client import _core

    assert _core.SERVERS == {}
    with pytest.raises(ValueError, match="base_url"):
        activeants_client.Client(username="u", password="p")
    with activeants_client.Client(username="u", password="p", base_url="https://x.test") as c:
        assert c.base_url == "https://x.test"


def test_activeants_purchase_order_delete_answers_null() -> None:
    import activeants_client
    from activeants_client.testing import DEFAULT_CREDENTIALS, MockProvider

    from tests.serving import Served

    mock = MockProvider()
    with (
        Served(mock.app) as served,
        activeants_client.Client(**DEFAULT_CREDENTIALS, base_url=served.url) as client,
    ):
        assert client.delete_purchase_order({"purchaseOrderId": 1234}) is None


def test_activeants_response_limits_are_recorded() -> None:
    from activeants_client._response_checks import validate_response

    shipments = {"messageCode": "OK", "message": "m", "result": [{}] * 101}
    assert ("/result", "maxItems") in _found(validate_response("get_shipments", 200, shipments))


def test_activeants_labeled_by_order_type_syncs_with_the_labeled_sync() -> None:
    from generator.output.pipeline import Project, load_spec

    spec = load_spec(Project(ROOT, ROOT / "generated"), "activeants")
    ops = {op.name: op for op in spec.operations}
    listing = ops["get_labeled_shipments_by_order_type"]
    assert "sync_labeled_shipments" in listing.description
    assert listing.mock is not None and ops["sync_labeled_shipments"].mock is not None
    assert listing.mock.store == ops["sync_labeled_shipments"].mock.store
    assert listing.mock.store != ops["sync_shipments"].mock.store  # type: ignore[union-attr]


# -- CartonCloud ---------------------------------------------------------------


def _documented_request(provider: str, operation: str) -> Any:
    from generator.output.pipeline import Project, load_spec

    spec = load_spec(Project(ROOT, ROOT / "generated"), provider)
    op = next(o for o in spec.operations if o.name == operation)
    return next(e.request.value for e in op.examples if e.request is not None)


def test_cartoncloud_empty_name_and_description_in_the_documented_words() -> None:
    import cartoncloud_client

    product = _documented_request("cartoncloud", "create_product")
    assert cartoncloud_client.validate("create_product", product) == []
    problems = cartoncloud_client.validate("create_product", dict(product, name="", description=""))
    assert {(p.pointer, p.rule, p.message) for p in problems} == {
        ("/name", "minLength", "Name cannot be empty."),
        ("/description", "minLength", "Description cannot be empty."),
    }


def test_cartoncloud_create_refuses_response_only_fields() -> None:
    import cartoncloud_client

    outbound = _documented_request("cartoncloud", "create_outbound_order")
    for name, value in (
        ("id", "318782ea-75b1-11e8-adc0-fa7ae01b9ebc"),
        ("version", 1),
        ("status", "x"),
    ):
        problems = cartoncloud_client.validate("create_outbound_order", {**outbound, name: value})
        assert _found(problems) == {("/" + name, "response_only")}, name
    inbound = _documented_request("cartoncloud", "create_inbound_order")
    assert cartoncloud_client.validate("create_inbound_order", {**inbound, "status": "DRAFT"}) == []
    assert _found(
        cartoncloud_client.validate("create_inbound_order", {**inbound, "version": 2})
    ) == {("/version", "response_only")}
    schema = json.loads(
        (
            ROOT
            / "generated/cartoncloud/cartoncloud_client/schemas/create_outbound_order.request.json"
        ).read_text("utf-8")
    )
    assert schema["not"] == {
        "anyOf": [{"required": ["id"]}, {"required": ["version"]}, {"required": ["status"]}]
    }


def test_cartoncloud_token_type_is_always_bearer_and_the_form_request_is_carried() -> None:
    from cartoncloud_client._response_checks import validate_response

    token = {"access_token": "t", "token_type": "bearer", "expires_in": 3600}
    assert validate_response("get_token", 200, token) == []
    wrong = validate_response("get_token", 200, dict(token, token_type="mac"))
    assert _found(wrong) == {("/token_type", "const")}
    assert _documented_request("cartoncloud", "get_token") == {"grant_type": "client_credentials"}


def test_cartoncloud_readme_tells_of_warnings_retries_and_the_mock() -> None:
    readme = (ROOT / "generated/cartoncloud/README.md").read_text("utf-8")
    for words in (
        "response_warning(result)",
        "response_status(result)",
        "## Retries",
        "MockProvider",
    ):
        assert words in readme, words


# -- Provet --------------------------------------------------------------------


def test_provet_has_no_placeholder_host_and_shipped_quantity_is_not_writeable() -> None:
    import provet_client
    import pytest

    with pytest.raises(ValueError, match="base_url"):
        provet_client.Client()
    order = _documented_request("provet", "create_order")
    assert provet_client.validate("create_order", order) == []
    order["OrderLines"][0]["ShippedQuantity"] = 0
    problems = provet_client.validate("create_order", order)
    assert _found(problems) == {("/OrderLines/0/ShippedQuantity", "unknown_field")}


def test_every_erratum_named_by_the_issue_is_recorded() -> None:
    import yaml

    wanted = {
        "kube": {
            "delivery-dates-required",
            "cancel-optional-yet-must-state",
            "supplier-id-in-query",
            "despatch-required-markers",
            "method-not-stated",
        },
        "novatech": {
            "live-host-undocumented",
            "expires-on-uk-time",
            "ord-no-string-or-integer",
            "line-inc-vat-formula",
            "validation-message-names",
            "date-types",
            "new-starter-echo",
            "tracking-order-number-text",
            "dispatched-with-delivered-event",
            "orders-curl-and-numbers",
        },
        "cartoncloud": {
            "token-form-sample",
            "response-only-fields",
            "name-description-not-empty",
            "examples-omit-full-order",
            "copy-pasted-ids",
        },
        "activeants": {
            "host-undocumented",
            "product-add-vat-level",
            "response-side-limits",
            "labeled-by-order-type-sync",
            "yellow-purchase-order-delete",
            "free-or-available-stock",
            "track-trace-date-nullable",
            "encoded-image-size-unit",
            "payment-method-required-deprecated",
            "stock-sample-message-code",
            "purchase-order-delete-response",
        },
        "provet": {"no-host", "order-464-date", "product-code-case", "shipped-quantity-writeable"},
    }
    for provider, ids in wanted.items():
        spec = yaml.safe_load((ROOT / f"specs/{provider}.yaml").read_text("utf-8"))
        recorded = {e["id"] for e in spec["errata"]}
        assert ids <= recorded, (provider, ids - recorded)
        readme = (ROOT / f"generated/{provider}/README.md").read_text("utf-8")
        for entry in spec["errata"]:
            if entry["id"] in ids:
                assert entry["where"] in readme, (provider, entry["id"])
    novatech = (ROOT / "specs/novatech.yaml").read_text("utf-8")
    assert "quantity * (price + vat)" not in novatech.split("\nerrata:\n")[0]


def test_novatech_a_date_object_is_written_as_the_document_writes_dates() -> None:
    import datetime

    import httpx
    import novatech_client

    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/token/get":
            return httpx.Response(200, json={"token": "t", "expires_on": "2999-01-01 00:00:00"})
        info = {"total_rows": 0, "current_page": 1, "orders_per_page": 500}
        return httpx.Response(
            200, json={"orders": [], "info": info | {"start_record": 0, "end_record": 0}}
        )

    http = httpx.Client(transport=httpx.MockTransport(answer))
    with novatech_client.Client(email="a@example.com", password="pw", http_client=http) as client:
        client.list_orders(start_date=datetime.date(2024, 1, 31))  # type: ignore[arg-type]
    assert seen[-1].url.params["startDate"] == "2024-01-31"
