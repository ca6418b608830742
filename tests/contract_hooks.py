"""Schemathesis hooks for the contract tests (loaded through SCHEMATHESIS_HOOKS).

Active Ants answers two operations form-encoded (add_rma, get_return_items).
Schemathesis has no reader for that media type and would skip their response
schemas; this one reads them as OpenAPI defines a form body: one value per
field, an object or array field as JSON text (the default encoding of such
a property is application/json), and a number as its digits (the two
bodies hold no digit-only strings).
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qsl

import schemathesis

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


@schemathesis.deserializer("application/x-www-form-urlencoded")
def form_body(ctx: Any, response: Any) -> dict[str, Any]:
    text = response.content.decode("utf-8")
    fields: dict[str, Any] = {}
    for name, value in parse_qsl(text, keep_blank_values=True, errors="strict"):
        fields[name] = json.loads(value) if _NUMBER.fullmatch(value) or value[:1] in "[{" else value
    return fields
