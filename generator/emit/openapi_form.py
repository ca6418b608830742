"""A form-encoded response (Active Ants' add_rma, get_return_items) in the OpenAPI export.

OpenAPI 3.1 says how an object schema becomes a form body only for request
bodies (the Encoding Object "SHALL only apply to requestBody objects"); for
a response it leaves the serialisation open, and tools differ: Prism (every
5.x release, up to 5.16) has no form serialiser and fails with "Cannot find
serializer for application/x-www-form-urlencoded" on an object example
(tried: 5.16.0 on Node 24.18.0, both from npm, answers the old export's
add_rma with that 500; its serialiser list is 5.12's, JSON, XML, text),
while the same Prism, checking a response, and Schemathesis (with
tests/contract_hooks.py) decode the form text into its fields first.

So the export gives each document example as the form text the provider
sends (for add_rma, byte for byte the document's own sample), which Prism
serves as it is, and the body's schema in both readings, `anyOf`: the form
text (`type: string`, `contentMediaType`, the fields as `contentSchema`),
or the decoded fields (the response type, the component the client
validates with). A tool that sees text checks a string (`contentSchema`
is an annotation in JSON Schema); one that decodes checks the fields
against the response type.

The text is written the way the generated client and mock read and write
form fields (templates: `_form_field`, `_form_value`): scalars as text,
arrays and objects as JSON, absent (null) fields left out, spaces as %20
as in the documents' own samples.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote, urlencode

FORM = "application/x-www-form-urlencoded"


def _field(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def form_text(value: Any) -> Any:
    """An example object as the form text on the wire (anything else is kept as it is)."""
    if not isinstance(value, dict):
        return value
    fields = [(str(key), _field(item)) for key, item in value.items() if item is not None]
    return urlencode(fields, quote_via=quote)


def form_response_schema(fields: dict[str, Any]) -> dict[str, Any]:
    """A form-encoded response body in both readings: its form text, or its decoded fields."""
    text = {"type": "string", "contentMediaType": FORM, "contentSchema": fields}
    return {"anyOf": [text, fields]}
