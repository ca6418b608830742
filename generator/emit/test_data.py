"""The data behind a generated package's tests: examples, expectations, cases.

Tests are generic loops over this data (written as JSON beside them), so
the test code itself stays small and the same for every provider.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote

from generator.concepts import (
    array_params,
    auth_static,
    batch,
    binary,
    error_formats,
    multipart,
    path_lists,
)
from generator.concepts.servers import base_path
from generator.emit.cases import base_payload, operation_cases, sample
from generator.emit.mock_tests import mock_cases
from generator.emit.test_data_pack import pack
from generator.spec.model import ErrorFormat, Example, Operation, Param, Spec

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


def _static_auth(spec: Spec, credentials: dict[str, str], location: str) -> dict[str, str]:
    """What an api_key / bearer / basic client sends at `location` (auth_static's table)."""
    return {
        item.name: auth_static.filled(item, credentials)
        for item in auth_static.sent(spec.auth)
        if item.location == location
    }


def _auth_headers(spec: Spec, token: str | None, credentials: dict[str, str]) -> dict[str, str]:
    if auth_static.is_static(spec.auth.scheme):
        return _static_auth(spec, credentials, "header")
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


def _needed_optional(op: Operation, given: dict[str, Any]) -> set[str]:
    """Optional parameters a call without them would break a rule with.

    The first of `params_at_least_one_of` when the example gives none of them,
    and a `required_when` parameter whose condition the given values meet.
    """
    keys = {p.python_name: p.key for p in op.params}
    group = [keys[name] for name in op.params_at_least_one_of if name in keys]
    needed = {group[0]} if group and not any(key in given for key in group) else set()
    for param in op.params:
        if param.required_when is not None:
            other, values = param.required_when
            if other in given and given[other] in values:
                needed.add(param.key)
    return needed


@dataclass(frozen=True)
class Call:
    """How a test calls a method, and what must arrive on the wire."""

    kwargs: dict[str, Any]
    path: str
    query: dict[str, str | list[str]]  # a repeated query list is a list
    headers: dict[str, str]


def _call(spec: Spec, op: Operation, example: Example | None) -> Call:
    """Keyword arguments for the client method, the expected path, query and headers."""
    given = dict(example.params) if example else {}
    kwargs: dict[str, Any] = {}
    path = op.path
    query: dict[str, str | list[str]] = {}
    headers: dict[str, str] = {}
    client = _client_params(spec)
    needed = _needed_optional(op, given)
    for param in op.params:
        if param.from_client:
            value = client[param.python_name]
        elif param.key in given:
            value = given[param.key]
            kwargs[param.python_name] = value
        elif param.required or param.key in needed:
            value = _param_value(spec, param)
            kwargs[param.python_name] = value
        else:
            continue
        text = ("true" if value else "false") if isinstance(value, bool) else str(value)
        if param.array_style is not None and isinstance(value, list):
            pairs = array_params.query_pairs(param.wire_name, param.array_style, value)
            texts = [t for _, t in pairs]
            query[param.wire_name] = texts if param.array_style == "repeated" else texts[0]
            continue
        if param.location == "path" and param.list_style is not None:
            # the wire form, decoded as httpx's URL.path shows it
            segment = unquote(path_lists.encode(value, param.list_style))
            path = path.replace("{" + param.wire_name + "}", segment)
        elif param.location == "path":
            path = path.replace("{" + param.wire_name + "}", quote(text, safe=""))
        elif param.location == "query":
            query[param.wire_name] = text
        else:
            headers[param.wire_name] = text
    kwargs.update(multipart.sample_kwargs(op.files))
    return Call(kwargs, base_path(spec) + path, query, headers)


def example_tests(spec: Spec) -> list[dict[str, Any]]:
    credentials = _credentials(spec)
    token = _token_response(spec)[1]
    auth_query = _static_auth(spec, credentials, "query")  # an API key in the URL
    tests = []
    for op in spec.operations:
        examples: list[Example | None] = [e for e in op.examples if e.response is not None]
        # Without a documented response, the first example (for its request and
        # parameters) is answered with a synthesised valid response.
        examples = examples or [_first_example(op)]
        for index, example in enumerate(examples):
            call = _call(spec, op, example)
            kwargs = call.kwargs
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
            status = example.status if example else success.status
            tests.append(
                {
                    "id": f"{op.name}[{index}]",
                    "operation": op.name,
                    "kwargs": kwargs,
                    "method": op.method,
                    "path": call.path,
                    "query": {**call.query, **(auth_query if op.auth else {})},
                    "headers": {**dict(op.headers), **call.headers},  # constant, then params
                    "body": request if op.body is not None else None,
                    "body_encoding": op.body_encoding
                    if op.body is not None or op.files
                    else "none",
                    "auth_headers": _auth_headers(spec, token, credentials) if op.auth else {},
                    "status": status,
                    "response": response,
                    "response_encoding": success.encoding,
                    **({"files": multipart.wire_samples(op.files)} if op.files else {}),
                    **(
                        {"binary": [success.content_type, binary.sample(success.content_type)]}
                        if success.encoding == "binary" and success.content_type
                        else {}
                    ),
                }
            )
    return tests


def _first_by_operation(examples: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    first: dict[str, dict[str, Any]] = {}
    for example in examples:
        first.setdefault(example["operation"], example)
    return first


def _first_example(op: Operation) -> Example | None:
    return next(
        (e for e in op.examples if e.request is not None), op.examples[0] if op.examples else None
    )


def _error_sample(spec: Spec, fmt: ErrorFormat) -> dict[str, Any]:
    """A body in this error format and the messages the client must extract from it."""
    if error_formats.kind(fmt) == "text":
        text = fmt.texts[0][1] if fmt.texts else "The request could not be processed"
        return {"json": None, "text": text, "problems": [text], "field_problems": []}
    assert fmt.shape is not None
    body = fmt.example.value if fmt.example else sample(spec, fmt.shape)
    problems, fields = error_formats.expected_messages(fmt, body)
    return {"json": body, "text": None, "problems": problems, "field_problems": fields}


def _behaviour_cases(spec: Spec, examples: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Error and warning statuses, failed envelopes, deprecations and caching, by operation."""
    first: dict[str, dict[str, Any]] = {}
    for example in examples:
        first.setdefault(example["operation"], example)
    formats = {f.name: f for f in spec.error_formats}
    cases: dict[str, list[dict[str, Any]]] = {
        "error_cases": [],
        "warning_cases": [],
        "envelope_cases": [],
        "deprecated_cases": [],
        "cached_cases": [],
    }
    for op in spec.operations:
        example = first[op.name]
        for status, names in op.errors:
            fmt = formats[names[0]]
            cases["error_cases"].append(
                {
                    "id": f"{op.name}:{status}:{fmt.name}",
                    "example": example,
                    "status": status,
                    **_error_sample(spec, fmt),
                }
            )
        for response in op.responses:
            if response.warning:
                body = (
                    example["response"]
                    if example["status"] == response.status
                    else (sample(spec, response.shape) if response.shape else None)
                )
                cases["warning_cases"].append(
                    {
                        "id": f"{op.name}:{response.status}",
                        "example": example,
                        "status": response.status,
                        "warning": response.warning,
                        "response": body,
                    }
                )
        if op.enveloped and spec.envelope is not None:
            env = spec.envelope
            verdict = env.failures[0] if env.failures else "NOT-" + env.ok[0]
            body = {env.status_field: verdict, env.result_field: None}
            problems = []
            if env.message_field:
                body[env.message_field] = "The request could not be processed"
                problems = ["The request could not be processed"]
            cases["envelope_cases"].append(
                {"id": op.name, "example": example, "response": body, "problems": problems}
            )
        if op.deprecated:
            cases["deprecated_cases"].append(
                {"id": op.name, "example": example, "replacement": op.deprecated.replacement}
            )
        if op.cache_ttl:
            cases["cached_cases"].append({"id": op.name, "example": example})
    return cases


def test_data(spec: Spec) -> dict[str, Any]:
    """tests/data.json, packed: each example once, each case a patch (test_data_pack.py)."""
    return pack(full_test_data(spec))


def full_test_data(spec: Spec) -> dict[str, Any]:
    token_op = next((op for op in spec.operations if op.name == spec.auth.operation), None)
    return {
        "client_kwargs": {
            **_credentials(spec),
            **_client_params(spec),
            # no documented host: the client needs one (never contacted by these tests)
            **({} if spec.servers else {"base_url": f"https://{spec.provider}.invalid"}),
        },
        "token_path": base_path(spec) + token_op.path if token_op else None,
        "token_operation": token_op.name if token_op else None,
        "token_response": _token_response(spec)[0],
        "examples": (examples := example_tests(spec)),
        **_behaviour_cases(spec, examples),
        "mock": mock_cases(spec, _first_by_operation(examples)),
        "cases": [
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
                    for k, v in _call(spec, op, _first_example(op)).kwargs.items()
                    if k != "body"
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
                **(
                    {"standard": True, "event_header": hook.event_header}
                    if hook.header_signature is not None
                    else {}
                ),
            }
            for hook in spec.webhooks
        ],
        "secret": TEST_SECRET,
    }
