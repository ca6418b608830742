"""The data behind a generated package's tests: examples, expectations, cases.

Tests are generic loops over this data (written as JSON beside them), so
the test code itself stays small and the same for every provider.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from .cases import base_payload, operation_cases, sample
from .model import Example, Operation, Param, Spec

TEST_SECRET = "test-secret-not-a-real-one"


def _credentials(spec: Spec) -> dict[str, str]:
    values: dict[str, str] = {}
    token_op = next((op for op in spec.operations if op.name == spec.auth.operation), None)
    example = (
        next((e.request.value for e in token_op.examples if e.request), None) if token_op else None
    )
    for credential in spec.auth.credentials:
        from_example = example.get(credential.wire_field) if isinstance(example, dict) else None
        values[credential.python_name] = str(from_example or f"test-{credential.python_name}")
    return values


def _token_response(spec: Spec) -> tuple[Any, str | None]:
    op = next((op for op in spec.operations if op.name == spec.auth.operation), None)
    if op is None:
        return None, None
    example = next((e.response.value for e in op.examples if e.response), None)
    if example is None or not spec.auth.token_field:
        return example, None
    return example, str(example[spec.auth.token_field])


def _auth_headers(spec: Spec, token: str | None, credentials: dict[str, str]) -> dict[str, str]:
    if spec.auth.scheme == "session_cookie" and spec.auth.credentials:
        return {"Cookie": f"{spec.auth.cookie}={credentials[spec.auth.credentials[0].python_name]}"}
    if token is None:
        return {}
    return {name: value.replace("{token}", token) for name, value in spec.auth.headers}


def _client_params(spec: Spec) -> dict[str, Any]:
    return {p.python_name: _param_value(spec, p) for p in spec.client_params}


def _param_value(spec: Spec, param: Param) -> Any:
    """A valid value for a parameter the examples do not give."""
    return param.default if param.default is not None else sample(spec, param.shape)


def _call(
    spec: Spec, op: Operation, example: Example | None
) -> tuple[dict[str, Any], str, dict[str, str]]:
    """Keyword arguments for the client method, the expected path and query."""
    given = dict(example.params) if example else {}
    kwargs: dict[str, Any] = {}
    path = op.path
    query: dict[str, str] = {}
    client = _client_params(spec)
    for param in op.params:
        if param.from_client:
            value = client[param.python_name]
        elif param.key in given:
            value = given[param.key]
            kwargs[param.python_name] = value
        elif param.required:
            value = _param_value(spec, param)
            kwargs[param.python_name] = value
        else:
            continue
        text = ("true" if value else "false") if isinstance(value, bool) else str(value)
        if param.location == "path":
            path = path.replace("{" + param.wire_name + "}", quote(text, safe=""))
        elif param.location == "query":
            query[param.wire_name] = text
    return kwargs, path, query


def example_tests(spec: Spec) -> list[dict[str, Any]]:
    credentials = _credentials(spec)
    token = _token_response(spec)[1]
    tests = []
    for op in spec.operations:
        examples: list[Example | None] = [e for e in op.examples if e.response is not None]
        # Without a documented response, the first example (for its request and
        # parameters) is answered with a synthesised valid response.
        examples = examples or [_first_example(op)]
        for index, example in enumerate(examples):
            kwargs, path, query = _call(spec, op, example)
            request = (
                example.request.value if example and example.request else base_payload(spec, op)
            )
            if op.body is not None:
                kwargs["body"] = request
            success = op.success
            response = (
                example.response.value
                if example and example.response
                else (sample(spec, success.shape) if success.shape else None)
            )
            status = example.status if example and example.status else success.status
            tests.append(
                {
                    "id": f"{op.name}[{index}]",
                    "operation": op.name,
                    "kwargs": kwargs,
                    "method": op.method,
                    "path": path,
                    "query": query,
                    "body": request if op.body is not None else None,
                    "body_encoding": op.body_encoding if op.body is not None else "none",
                    "auth_headers": _auth_headers(spec, token, credentials) if op.auth else {},
                    "status": status,
                    "response": response,
                    "response_encoding": success.encoding,
                }
            )
    return tests


def _first_example(op: Operation) -> Example | None:
    return next(
        (e for e in op.examples if e.request is not None), op.examples[0] if op.examples else None
    )


def test_data(spec: Spec) -> dict[str, Any]:
    token_op = next((op for op in spec.operations if op.name == spec.auth.operation), None)
    return {
        "client_kwargs": {**_credentials(spec), **_client_params(spec)},
        "token_path": token_op.path if token_op else None,
        "token_operation": token_op.name if token_op else None,
        "token_response": _token_response(spec)[0],
        "examples": example_tests(spec),
        "cases": [
            {
                "id": c.id,
                "operation": c.operation,
                "pointer": c.pointer,
                "payload": c.payload,
                "kwargs": {
                    k: v for k, v in _call(spec, op, _first_example(op))[0].items() if k != "body"
                },
            }
            for op in spec.operations
            for c in operation_cases(spec, op)
        ],
        "webhooks": [
            {
                "name": hook.name,
                "signed": hook.signature is not None,
                "signature_field": hook.signature.field if hook.signature else None,
                "message_fields": list(hook.signature.message_fields) if hook.signature else [],
                "event_field": hook.event_field,
                "examples": [e.payload.value for e in hook.examples],
            }
            for hook in spec.webhooks
        ],
        "secret": TEST_SECRET,
    }
