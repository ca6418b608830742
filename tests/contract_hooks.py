"""Schemathesis hooks for the contract tests (loaded through SCHEMATHESIS_HOOKS).

Active Ants answers two operations form-encoded (add_rma, get_return_items).
The export states such a body as what it is on the wire: form text
(`type: string`, `contentMediaType`) whose decoded fields follow
`contentSchema` (generator/openapi_form.py). Schemathesis has no reader for
that media type: the deserializer below hands it the text (checked against
`type: string`), and the check below decodes the fields as the provider
writes them (one value per field, an object or array field as JSON text, a
number as its digits: the two bodies hold no digit-only strings) and holds
them to `contentSchema`, which Schemathesis does not apply by itself.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qsl

import schemathesis
from jsonschema import Draft202012Validator

_FORM = "application/x-www-form-urlencoded"
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


@schemathesis.deserializer(_FORM)
def form_body(ctx: Any, response: Any) -> str:
    text: str = response.content.decode("utf-8")
    return text


def _fields(text: str) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name, value in parse_qsl(text, keep_blank_values=True, errors="strict"):
        fields[name] = json.loads(value) if _NUMBER.fullmatch(value) or value[:1] in "[{" else value
    return fields


@schemathesis.check
def form_fields_follow_content_schema(ctx: Any, response: Any, case: Any) -> None:
    """A form-encoded answer's fields match the `contentSchema` of its documented media type."""
    if response.headers.get("content-type", [""])[0].split(";")[0].strip() != _FORM:
        return
    responses = case.operation.definition.raw.get("responses", {})
    documented = responses.get(str(response.status_code)) or {}
    schema = (documented.get("content", {}).get(_FORM) or {}).get("schema") or {}
    if "contentSchema" not in schema:
        return
    document = case.operation.schema.raw_schema
    root = {**schema["contentSchema"], "components": document.get("components", {})}
    problems = [
        f"{'/'.join(map(str, e.absolute_path)) or '(body)'}: {e.message}"
        for e in Draft202012Validator(root).iter_errors(_fields(response.content.decode("utf-8")))
    ]
    if problems:
        raise AssertionError("form fields do not match contentSchema: " + "; ".join(problems))
