"""The table that drives a package's provider mock (testing.py), built from the model.

The mock's code is one template; what differs (routes, auth, how rejections
look, what is kept in memory, sandbox rules) is this data, written beside it
as mock.json. The template renders a concept's part only where this data can
reach it (runtime_parts.py).
"""

from __future__ import annotations

from typing import Any

from generator.concepts import auth_static, batch, binary, rate_limit
from generator.concepts import paging as paging_styles
from generator.emit.cases import sample
from generator.emit.json_patch import same
from generator.emit.mock_store import item_fields, mock_view, seeded_response

# Re-exported: mock_tests imports it from here.
from generator.emit.mock_store import mock_param as mock_param
from generator.spec.model import ErrorFormat, Operation, Shape, Spec, Webhook


def _format(fmt: ErrorFormat, spec: Spec) -> dict[str, Any]:
    return {
        "text": fmt.text,
        "message_field": fmt.message_field,
        "messages_field": fmt.messages_field,
        "item_message": fmt.item_message,
        "item_pointer": fmt.item_pointer,
        "field_messages": fmt.field_messages,
        "sample": sample(spec, fmt.shape) if fmt.shape is not None else None,
        "array": fmt.shape is not None and fmt.shape.kind == "array",
    }


def _webhook(hook: Webhook) -> dict[str, Any]:
    """How the mock signs a delivery: a body field, or headers (concepts/standard_webhooks)."""
    if hook.header_signature is not None:
        sig = hook.header_signature
        names = {
            "id_header": sig.id_header,
            "timestamp_header": sig.timestamp_header,
            "signature_header": sig.signature_header,
        }
        return {"standard": names, "event_header": hook.event_header}
    if hook.signature is None:
        return {}
    return {
        "field": hook.signature.field,
        "fields": list(hook.signature.message_fields),
        "separator": hook.signature.separator,
        "encoding": hook.signature.encoding,
    }


def _rejections(spec: Spec) -> dict[str, Any]:
    formats = {f.name: f for f in spec.error_formats}
    result: dict[str, Any] = {}
    for name, rejection in spec.mock.rejections:
        result[name] = {
            "status": rejection.status,
            "body": rejection.body,
            **_format(formats[rejection.format], spec),
        }
    return result


def _kinds(spec: Spec, shape: Shape | None) -> dict[str, str]:
    """Field -> JSON kind of a form body, to read its text values back as JSON."""
    if shape is None or shape.kind != "ref":
        return {}
    return {
        f.wire_name: f.shape.kind if f.shape.kind != "union" else f.shape.types[0]
        for f in spec.type(shape.ref or "").fields
    }


def _paging(op: Operation) -> dict[str, Any] | None:
    """How a paged list takes the page asked for and says where it is (concepts/paging.py)."""
    paging = op.paging
    style = paging_styles.style_of(paging) if paging is not None else None
    param = paging_styles.find_param(op, style.request_param) if style is not None else None
    if paging is None or style is None or param is None:
        return None
    size = paging_styles.find_param(op, paging.size_param)
    return {
        "style": style.name,
        "param": param.python_name,
        "wire_param": param.wire_name,
        "cursor": style.cursor,
        "first_page": paging.first_page,
        "size_param": size.python_name if size is not None else None,
        "total_field": None,
        "end_field": None,
        "cursor_field": None,
        "next_url_field": None,
        "next_url_header": None,
        "link_header": None,
        "total_pages_header": None,
        "total_elements_header": None,
        "page_number_header": None,
        "page_size_header": None,
        **style.mock_words(),
    }


# What an operation of mock.json is unless it says otherwise: written once, as the
# file's `operation_defaults`, and filled in by testing.py when it loads the file.
OPERATION_DEFAULTS: dict[str, Any] = {
    "params": [],
    "body": False,
    "body_encoding": "json",
    "form_kinds": {},
    "status": 200,
    "response_null": False,
    "mock": {},
    "item_fields": None,
    "sandbox": [],
    "paging": None,
    "batch": None,
}


def _lean(operation: dict[str, Any]) -> dict[str, Any]:
    """The operation without what OPERATION_DEFAULTS says."""
    return {
        key: value
        for key, value in operation.items()
        if key not in OPERATION_DEFAULTS or not same(value, OPERATION_DEFAULTS[key])
    }


def _operation(spec: Spec, op: Operation) -> dict[str, Any]:
    success = op.success
    example = next(
        (e for e in op.examples if e.response is not None and e.status == success.status), None
    )
    response = (
        example.response.value
        if example and example.response
        else (sample(spec, success.shape) if success.shape else None)
    )
    declared = op.mock
    if declared is not None and declared.seed:
        response = seeded_response(spec, op, declared, response)
    return {
        **_operation_table(spec, op),
        "response": response,
        # the documented answer is JSON null (not "no body")
        "response_null": response is None and success.shape is not None and success.shape.nullable,
        "mock": mock_view(spec, op),
        "item_fields": item_fields(spec, op, declared.items)
        if declared is not None and declared.action == "list"
        else None,
        "sandbox": [
            dict(rule.declared or {}) for rule in spec.sandbox if rule.operation == op.name
        ],
        "paging": _paging(op),
        "batch": batch.mock_view(op),
    }


def _operation_table(spec: Spec, op: Operation) -> dict[str, Any]:
    """How the mock routes and parses the operation."""
    success = op.success
    # method, path, auth, idempotency_key, response_encoding and each parameter's names,
    # location and array style are the client's operation table (_operations.py): the
    # mock reads them there (testing.py), so they are not repeated here
    return {
        "name": op.name,
        "params": [
            {
                "key": p.key,
                "kind": p.shape.items.kind if p.array_style and p.shape.items else p.shape.kind,
                "required": p.required,
                **({"list": list(p.list_style)} if p.list_style else {}),
            }
            for p in op.params
        ],
        "body": op.body is not None or op.body_encoding == "multipart",
        "body_encoding": op.body_encoding,
        "form_kinds": _kinds(spec, op.body) if op.body_encoding in ("form", "multipart") else {},
        **({"text_parts": op.body is not None} if op.body_encoding == "multipart" else {}),
        "status": success.status,
        **(
            {"binary": {"content_type": success.content_type, "sample": binary.sample(ct)}}
            if success.encoding == "binary" and (ct := success.content_type or "")
            else {}
        ),
    }


def _documented_credentials(spec: Spec) -> tuple[dict[str, str], str | None]:
    """The token example's credentials and token, so the document's own curls work."""
    auth = spec.auth
    op = next((op for op in spec.operations if op.name == auth.operation), None)
    request = next((e.request.value for e in op.examples if e.request), None) if op else None
    response = next((e.response.value for e in op.examples if e.response), None) if op else None
    credentials = {
        c.python_name: str(request[c.wire_field])
        for c in auth.credentials
        if isinstance(request, dict) and c.wire_field in request
    }
    token = (
        response.get(auth.token_field) if isinstance(response, dict) and auth.token_field else None
    )
    names = {c.python_name for c in auth.credentials}
    credentials.update({k: v for k, v in spec.mock.documented_credentials if k in names})
    cookie = spec.mock.documented_cookie
    if auth.scheme == "session_cookie" and cookie is not None and auth.credentials:
        credentials[auth.credentials[0].python_name] = cookie
    return credentials, token


def mock_data(spec: Spec) -> dict[str, Any]:
    auth = spec.auth
    documented, token = _documented_credentials(spec)
    envelope = spec.envelope
    return {
        "provider": spec.provider,
        "auth": {
            "scheme": auth.scheme,
            "token_operation": auth.operation,
            "token_field": auth.token_field,
            "expires_in": auth.expires_in,
            "expires_at": auth.expires_at,
            "expires_at_format": auth.expires_at_format,
            "expires_at_zone": auth.expires_at_zone,
            "credentials": {c.python_name: c.wire_field for c in auth.credentials},
            "cookie": auth.cookie,
            "headers": dict(auth.headers),
            "documented_credentials": documented,
            "documented_token": token,
            "static": auth_static.as_data(auth),  # api_key / bearer / basic: where each goes
            "refresh_token": auth.refresh_token,  # OAuth2: issue and honour refresh tokens
        },
        "envelope": None
        if envelope is None
        else {
            "status_field": envelope.status_field,
            "ok": envelope.ok[0],
            "message_field": envelope.message_field,
            "result_field": envelope.result_field,
        },
        "rejections": _rejections(spec),
        "rate_limit": rate_limit.as_data(spec.rate_limit),  # the provider's own wait headers
        "headers": dict(spec.headers),  # constant headers every request must carry
        "token_ttl": spec.mock.token_ttl_seconds,
        "unreadable": spec.mock.unreadable,
        "path_mismatch": spec.mock.path_mismatch,
        "operation_defaults": OPERATION_DEFAULTS,
        "operations": [_lean(_operation(spec, op)) for op in spec.operations],
        "webhooks": {hook.name: _webhook(hook) for hook in spec.webhooks},
    }
