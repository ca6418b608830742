"""The generated models read like the spec: its names only, its closed types closed.

Request types (built by the caller) are strict; types the provider sends are
lenient; a closed type on both sides refuses an undeclared field when built
and keeps one when parsed from the provider (see generator/emit/models_emit.py).
"""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from pathlib import Path

import cartoncloud_client
import pydantic
import pytest
from cartoncloud_client import models as carton
from novatech_client import _operations as novatech_ops
from novatech_client import models

from generator.cli.main import main

DELIVER_TO = {
    "name": "Joe Smith",
    "address_lines": ["1 Hamilton Road", "a b"],
    "postal_code": "PO6 4PU",
    "email_address": "customer@company.com",
    "phone_number": "07171071071",
}

ORDER_ANSWER = {
    "trade_code": "T1",
    "order_number": "MONZ0001",
    "novatech_order_number": 6010361,
    "order_date": "2024-01-01 10:00:00",
    "order_status": "New",
    "ex_vat_total": 10.0,
    "vat": 2.0,
    "inc_vat_total": 12.0,
    "order_lines": [],
}


def test_a_constrained_string_item_is_a_plain_str() -> None:
    deliver_to = models.DeliverTo(**DELIVER_TO)
    assert deliver_to.address_lines[1] == "a b"
    assert type(deliver_to.address_lines[1]) is str
    assert "address_lines=['1 Hamilton Road', 'a b']" in repr(deliver_to)
    assert not hasattr(models, "AddressLine")  # a name the spec never declares


@pytest.mark.parametrize("provider", ["activeants", "cartoncloud", "kube", "novatech", "provet"])
def test_every_model_builds_its_validator(provider: str) -> None:
    """A pattern with look-around (kube's local-date-time) needs Python's regex engine:
    pydantic's default one refused it, so OrderEvent(...) raised SchemaError."""
    module = importlib.import_module(f"{provider}_client.models")
    built = [
        cls.__name__
        for cls in vars(module).values()
        if isinstance(cls, type)
        and issubclass(cls, pydantic.BaseModel)
        and cls.__module__ == module.__name__
        and cls.model_json_schema()
    ]
    assert built
    if provider == "kube":
        assert "OrderEvent" in built
        with pytest.raises(pydantic.ValidationError, match="despatch_date"):
            module.OrderEvent.model_validate(
                {"order_number": "1", "items": [], "despatch_date": "0000-01-01 10:00:00"}
            )


def test_models_compare_by_value() -> None:
    assert models.DeliverTo(**DELIVER_TO) == models.DeliverTo(**DELIVER_TO)
    assert models.DeliverTo(**DELIVER_TO) != models.DeliverTo(**{**DELIVER_TO, "name": "Ann Other"})


def test_a_closed_request_model_refuses_an_undeclared_field() -> None:
    with pytest.raises(pydantic.ValidationError) as caught:
        models.DeliverTo(**DELIVER_TO, nmae="typo")
    assert "nmae" in str(caught.value)


def test_a_request_model_checks_its_constraints() -> None:
    with pytest.raises(pydantic.ValidationError):
        models.DeliverTo(**{**DELIVER_TO, "address_lines": ["x" * 31, "y"]})


def test_a_response_model_keeps_fields_and_values_the_document_did_not_list() -> None:
    item = {"sku": "A", "description": "d", "stock_level": 1, "price": 2.5, "new": {"x": 1}}
    stock = novatech_ops.LIST_STOCK.parse({"skus": [item]})
    assert stock.skus[0].model_extra == {"new": {"x": 1}}
    order = models.Order.model_validate(
        {**ORDER_ANSWER, "order_status": "A status added later"}, context={"from_provider": True}
    )
    assert order.order_status == "A status added later"


def test_a_closed_type_on_both_sides_is_closed_when_built_and_open_when_parsed() -> None:
    collect_from = {"name": "Joe", "address_lines": ["a", "b"], "postal_code": "PO6 4PU"}
    with pytest.raises(pydantic.ValidationError) as caught:
        models.CollectFrom(**collect_from, colour="red")
    assert "colour" in str(caught.value)
    answer = {
        "supplier_order_number": 1,
        "collection_reference": "R1",
        "collect_from": {**collect_from, "colour": "red"},
        "notification_email_address": "a@example.com",
        "notification_phone_number": "0700",
        "number_of_boxes": 1,
        "created_date": "2024-01-01 10:00:00",
        "booked": True,
        "collection_url": "https://example.com/c/1",
        "assets": [],
    }
    collection = models.Collection.model_validate(answer, context={"from_provider": True})
    assert collection.collect_from.model_extra == {"colour": "red"}


def test_a_discriminated_union_chooses_its_member_by_tag() -> None:
    product = carton.ScopedProduct.model_validate(
        {"scope": "TRANSPORT", "type": "PALLET", "references": {}, "name": "P", "description": "d"},
        context={"from_provider": True},
    )
    assert type(product.root).__name__ == "TransportProduct"
    assert cartoncloud_client  # the package imports its models lazily; this one is loaded


def test_request_types_have_a_typeddict_with_the_wire_keys() -> None:
    hints = models.DeliverToDict.__required_keys__
    assert {"name", "address_lines", "postal_code"} <= hints
    order = models.PlaceOrderRequestDict
    assert "deliver_to" in order.__required_keys__ | order.__optional_keys__


EDGE_SPEC = """\
shipspec: 1
provider: edge
title: Edge API
version: 0.1.0
servers: {live: https://edge.example.com}
auth: {scheme: none}
error_formats:
  text: {text: true}
errors: {"400": text}
types:
  Shipment:
    source: Shipments
    fields:
      date: {type: string, format: date, required: true}
      from: {type: string, required: true, maxLength: 5}
      ship-to: {type: string}
  Ack:
    source: Shipments
    fields:
      ok: {type: boolean, required: true}
operations:
  ship:
    source: Shipments
    method: POST
    path: /shipments
    body: Shipment
    responses: {"200": Ack}
"""

EDGE_SNIPPET = """\
from edge_client import Client

client = Client(base_url="http://127.0.0.1:9")
client.ship({"date": "2024-01-01", "from": "A", "ship-to": "B"})
client.ship({"date": "2024-01-01", "from": "A", "ship_to": "B"})  # refused
"""


def test_field_names_that_are_keywords_types_or_not_identifiers(tmp_path: Path) -> None:
    """A field `date` of format date, a key `from`, a key `ship-to`: models and TypedDicts hold."""
    project = tmp_path / "edge"
    (project / "specs").mkdir(parents=True)
    (project / "specs" / "edge.yaml").write_text(EDGE_SPEC, "utf-8")
    assert main(["--project", str(project), "generate"]) == 0
    package = project / "generated" / "edge"
    code = (
        "import datetime, edge_client.models as m; "
        "s = m.Shipment.model_validate({'date': '2024-01-02', 'from': 'A', 'ship-to': 'B'}); "
        "assert s.date == datetime.date(2024, 1, 2), s; "
        "print(sorted(m.ShipmentDict.__optional_keys__))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=package, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0 and run.stdout.strip() == "['ship-to']", run.stderr
    (package / "snippet.py").write_text(EDGE_SNIPPET, "utf-8")
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "edge_client", "snippet.py"],
        cwd=package,
        capture_output=True,
        text=True,
        check=False,
    )
    errors = re.findall(r"^(\S+?):(\d+): error", checked.stdout, re.MULTILINE)
    assert errors == [("snippet.py", "5")], checked.stdout
