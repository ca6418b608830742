"""The data behind a generated package's tests: examples, expectations, cases.

Tests are generic loops over this data (written as JSON beside them), so
the test code itself stays small and the same for every provider.
"""

from __future__ import annotations

from typing import Any

from generator.concepts import batch
from generator.concepts.servers import base_path
from generator.emit.behaviour_cases import behaviour_cases
from generator.emit.cases import operation_cases
from generator.emit.curl_cases import curl_cases
from generator.emit.example_calls import (
    TEST_SECRET,
    client_params,
    example_call,
    first_example,
    sample_credentials,
    token_response,
)
from generator.emit.example_tests import example_tests, first_by_operation
from generator.emit.mock_tests import mock_cases
from generator.emit.test_data_pack import pack
from generator.spec.model import Spec, Webhook


def test_data(spec: Spec) -> dict[str, Any]:
    """tests/data.json, packed: each example once, each case a patch (test_data_pack.py)."""
    return pack(full_test_data(spec))


def full_test_data(spec: Spec) -> dict[str, Any]:
    token_op = next((op for op in spec.operations if op.name == spec.auth.operation), None)
    return {
        "client_kwargs": {
            **sample_credentials(spec),
            **client_params(spec),
            # no documented host: the client needs one (never contacted by these tests)
            **({} if spec.servers else {"base_url": f"https://{spec.provider}.invalid"}),
        },
        "token_path": base_path(spec) + token_op.path if token_op else None,
        "token_operation": token_op.name if token_op else None,
        "token_response": token_response(spec)[0],
        "examples": (examples := example_tests(spec)),
        **behaviour_cases(spec, examples),
        "mock": mock_cases(spec, first_by_operation(examples)),
        "cases": _validation_cases(spec),
        "webhooks": [_webhook_data(hook) for hook in spec.webhooks],
        "curls": curl_cases(spec, examples),  # the document's curls, replayed against the mock
        "secret": TEST_SECRET,
    }


def _validation_cases(spec: Spec) -> list[dict[str, Any]]:
    """Each invalid payload with the problem it must raise, and the call's other arguments."""
    return [
        {
            "id": c.id,
            "operation": c.operation,
            "pointer": c.pointer,
            "rule": c.problem_rule,
            "batch_item": batch.is_item_case(op, c.pointer),
            "field": c.missing_field,
            "payload": c.payload,
            "kwargs": {
                k: v
                for k, v in example_call(spec, op, first_example(op)).kwargs.items()
                if k != "body"
            },
        }
        for op in spec.operations
        for c in operation_cases(spec, op)
    ]


def _webhook_data(hook: Webhook) -> dict[str, Any]:
    """How a webhook is signed and the documented payloads a receiver must accept."""
    return {
        "name": hook.name,
        "signed": hook.signature is not None,
        "signature_field": hook.signature.field if hook.signature else None,
        "message_fields": list(hook.signature.message_fields) if hook.signature else [],
        "event_field": hook.event_field,
        "examples": [e.payload.value for e in hook.examples],
        **(
            {"standard": True, "event_header": hook.event_header}
            if hook.header_signature is not None
            else {}
        ),
    }
