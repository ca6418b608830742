"""One example test per documented response: the call, the wire, the answer.

The generated tests send each through the client (test_operations.py) and
the mock cases, error cases and curl replays start from an operation's
first one (test_data.py, curl_cases.py).
"""

from __future__ import annotations

from typing import Any

from generator.concepts import binary, multipart
from generator.emit.cases import base_payload, sample
from generator.emit.example_calls import (
    auth_headers,
    example_call,
    first_example,
    sample_credentials,
    static_auth,
    token_response,
)
from generator.spec.model import Example, Operation, Spec


def example_tests(spec: Spec) -> list[dict[str, Any]]:
    """One test per documented response (or a first example answered validly)."""
    credentials = sample_credentials(spec)
    auth = {
        "query": static_auth(spec, credentials, "query"),  # an API key in the URL
        "headers": auth_headers(spec, token_response(spec)[1], credentials),
    }
    tests = []
    for op in spec.operations:
        examples: list[Example | None] = [e for e in op.examples if e.response is not None]
        # Without a documented response, the first example (for its request and
        # parameters) is answered with a synthesised valid response.
        examples = examples or [first_example(op)]
        for index, example in enumerate(examples):
            tests.append(_example_test(spec, op, f"{op.name}[{index}]", example, auth))
    return tests


def first_by_operation(tests: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each operation's first example test: where its cases and curl replays start."""
    first: dict[str, dict[str, Any]] = {}
    for test in tests:
        first.setdefault(test["operation"], test)
    return first


def _example_test(
    spec: Spec, op: Operation, test_id: str, example: Example | None, auth: dict[str, Any]
) -> dict[str, Any]:
    """The call, what must arrive on the wire, and the response it is answered with."""
    call = example_call(spec, op, example)
    kwargs = call.kwargs
    request = example.request.value if example and example.request else base_payload(spec, op)
    if op.body is not None:
        kwargs["body"] = request
    success = op.success
    response = (
        example.response.value
        if example and example.response
        else (sample(spec, success.shape) if success.shape else None)
    )
    return {
        "id": test_id,
        "operation": op.name,
        "kwargs": kwargs,
        "method": op.method,
        "path": call.path,
        "query": {**call.query, **(auth["query"] if op.auth else {})},
        "headers": {**dict(op.headers), **call.headers},  # constant, then params
        "body": request if op.body is not None else None,
        "body_encoding": op.body_encoding if op.body is not None or op.files else "none",
        "auth_headers": auth["headers"] if op.auth else {},
        "status": example.status if example else success.status,
        "response": response,
        "response_encoding": success.encoding,
        **({"files": multipart.wire_samples(op.files)} if op.files else {}),
        **(
            {"binary": [success.content_type, binary.sample(success.content_type)]}
            if success.encoding == "binary" and success.content_type
            else {}
        ),
    }
