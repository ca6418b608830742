"""The generated models read like the spec: its names only, its closed types closed.

Request types (built by the caller) are strict; types the provider sends are
lenient; a closed type on both sides refuses an undeclared field when built
and keeps one when parsed from the provider (see generator/models_emit.py).
"""

from __future__ import annotations

import cartoncloud_client
import pydantic
import pytest
from cartoncloud_client import models as carton
from novatech_client import _operations as novatech_ops
from novatech_client import models

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
