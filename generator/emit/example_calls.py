"""How a generated test calls one client method: credentials, arguments, and the path,
query and headers that must arrive on the wire.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote

from generator.concepts import (
    array_params,
    auth_static,
    multipart,
    path_lists,
)
from generator.concepts.servers import base_path
from generator.emit.cases import sample
from generator.spec.model import Example, Operation, Param, Spec

TEST_SECRET = "test-secret-not-a-real-one"


def sample_credentials(spec: Spec) -> dict[str, str]:
    values: dict[str, str] = {}
    token_op = next((op for op in spec.operations if op.name == spec.auth.operation), None)
    example = (
        next((e.request.value for e in token_op.examples if e.request), None) if token_op else None
    )
    for credential in spec.auth.credentials:
        from_example = example.get(credential.wire_field) if isinstance(example, dict) else None
        values[credential.python_name] = str(from_example or f"test-{credential.python_name}")
    return values


def token_response(spec: Spec) -> tuple[Any, str | None]:
    op = next((op for op in spec.operations if op.name == spec.auth.operation), None)
    if op is None:
        return None, None
    example = next((e.response.value for e in op.examples if e.response), None)
    if example is None or not spec.auth.token_field:
        return example, None
    return example, str(example[spec.auth.token_field])


def static_auth(spec: Spec, credentials: dict[str, str], location: str) -> dict[str, str]:
    """What an api_key / bearer / basic client sends at `location` (auth_static's table)."""
    return {
        item.name: auth_static.filled(item, credentials)
        for item in auth_static.sent(spec.auth)
        if item.location == location
    }


def auth_headers(spec: Spec, token: str | None, credentials: dict[str, str]) -> dict[str, str]:
    if auth_static.is_static(spec.auth.scheme):
        return static_auth(spec, credentials, "header")
    if spec.auth.scheme == "session_cookie" and spec.auth.credentials:
        return {"Cookie": f"{spec.auth.cookie}={credentials[spec.auth.credentials[0].python_name]}"}
    if token is None:
        return {}
    return {name: value.replace("{token}", token) for name, value in spec.auth.headers}


def client_params(spec: Spec) -> dict[str, Any]:
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


def example_call(spec: Spec, op: Operation, example: Example | None) -> Call:
    """Keyword arguments for the client method, the expected path, query and headers."""
    given = dict(example.params) if example else {}
    kwargs: dict[str, Any] = {}
    path = op.path
    query: dict[str, str | list[str]] = {}
    headers: dict[str, str] = {}
    client = client_params(spec)
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


def first_example(op: Operation) -> Example | None:
    return next(
        (e for e in op.examples if e.request is not None), op.examples[0] if op.examples else None
    )
