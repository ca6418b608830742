"""The documented Novatech place-order request, shared by the tests that need a valid order."""

from __future__ import annotations

from typing import Any

NOVATECH_ORDER: dict[str, Any] = {
    "order_number": "MONZ0001",
    "deliver_to": {
        "name": "Joe Smith",
        "address_lines": ["1 Hamilton Road", "Portsmouth"],
        "postal_code": "PO6 4PU",
        "email_address": "customer@company.com",
        "phone_number": "07171071071",
    },
    "order_lines": [{"sku": "TEST-SKU01", "quantity": 1}],
}
