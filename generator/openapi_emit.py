"""Model -> OpenAPI 3.1 document, so the rest of the ecosystem can read a spec.

Schemathesis, openapi-python-client, Redoc and API gateways speak OpenAPI,
not the spec language. The component schemas are the very JSON Schemas the
packages validate with (jsonschema_emit.components), so the export cannot
disagree with the client about what a body may hold.
"""

from __future__ import annotations

import http
import json
import re
from typing import Any

import yaml

from .jsonschema_emit import components, shape_schema
from .model import Constraints, Operation, Param, Response, Shape, Spec, Webhook
from .openapi_security import security_components

OPENAPI_VERSION = "3.1.0"
_PREFIX = "#/components/schemas/"
_MEDIA_TYPES = {
    "json": "application/json",
    "form": "application/x-www-form-urlencoded",
    "text": "text/plain",
}
_METHOD_ORDER = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def section(source: str) -> str:
    """The document section an operation belongs to: the first part of its `source`."""
    return source.split(" / ")[0].strip()


def _phrase(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return "Success" if status < 400 else "Error"


def _schema(shape: Shape | None) -> dict[str, Any]:
    return shape_schema(shape, _PREFIX) if shape is not None else {}


def _slug(title: str, taken: set[str]) -> str:
    """A stable, unique key for an example, made from its title."""
    base = re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-").lower() or "example"
    key, number = base, 2
    while key in taken:
        key, number = f"{base}-{number}", number + 1
    taken.add(key)
    return key


def _examples(items: list[tuple[str, Any]]) -> dict[str, Any]:
    """OpenAPI `examples` (title as summary) from (title, value) pairs."""
    taken: set[str] = set()
    return {_slug(title, taken): {"summary": title, "value": value} for title, value in items}


def _media(encoding: str, schema: dict[str, Any], examples: list[tuple[str, Any]]) -> Any:
    media: dict[str, Any] = {"schema": schema}
    if examples:
        media["examples"] = _examples(examples)
    return {_MEDIA_TYPES[encoding]: media}


def _parameter(param: Param, examples: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {"name": param.wire_name, "in": param.location}
    if param.shape.description:
        result["description"] = param.shape.description
    result["required"] = param.required
    schema = _schema(param.shape)
    schema.pop("description", None)
    if param.default is not None:
        schema["default"] = param.default
    result["schema"] = schema
    if examples:
        result["examples"] = _examples(examples)
    return result


def _paging_params(op: Operation) -> list[Param]:
    """The page and size query parameters a paged operation sends, unless declared."""
    paging = op.paging
    if paging is None:
        return []
    declared = {p.wire_name for p in op.params}
    wanted = ((paging.page_param, paging.first_page), (paging.size_param, 1))
    return [
        Param(
            name, name, name, "query", Shape("integer", constraints=Constraints(minimum=low)), False
        )
        for name, low in wanted
        if name and name not in declared
    ]


def _parameters(spec: Spec, op: Operation) -> list[dict[str, Any]]:
    result = []
    for param in (*op.params, *_paging_params(op)):
        examples = [
            (ex.title, dict(ex.params)[param.key])
            for ex in op.examples
            if param.key in dict(ex.params)
        ]
        result.append(_parameter(param, examples))
    result += [
        {"$ref": f"#/components/parameters/{_component_key(name)}"} for name, _ in spec.headers
    ]
    return result


def _component_key(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9.\-_]", "_", name)


def _header_components(spec: Spec) -> dict[str, Any]:
    """The spec's constant headers, sent on every request, as reusable parameters.

    A one-value enum with that default, not `const`: peer generators
    (openapi-python-client) refuse a literal type in a header.
    """
    return {
        _component_key(name): {
            "name": name,
            "in": "header",
            "description": "Sent on every request.",
            "required": True,
            "schema": {"type": "string", "enum": [value], "default": value},
        }
        for name, value in spec.headers
    }


def _request_examples(op: Operation) -> list[tuple[str, Any]]:
    return [(ex.title, ex.request.value) for ex in op.examples if ex.request is not None]


def _response_examples(op: Operation, status: int) -> list[tuple[str, Any]]:
    """Examples answered with `status`; one without a status shows the first success."""
    return [
        (ex.title, ex.response.value)
        for ex in op.examples
        if ex.response is not None and (ex.status or op.success.status) == status
    ]


def _request_body(op: Operation) -> dict[str, Any] | None:
    if op.body is None:
        return None
    content = _media(op.body_encoding, _schema(op.body), _request_examples(op))
    return {"required": True, "content": content}


def _success(op: Operation, response: Response) -> dict[str, Any]:
    description = response.description or _phrase(response.status)
    if response.warning:
        description += f" (with a warning: {response.warning})"
    result: dict[str, Any] = {"description": description}
    if response.encoding != "empty":
        schema = {"type": "string"} if response.encoding == "text" else _schema(response.shape)
        examples = _response_examples(op, response.status)
        result["content"] = _media(response.encoding, schema, examples)
    return result


def _error(spec: Spec, status: int, names: tuple[str, ...]) -> dict[str, Any]:
    """One error status: its JSON formats (tried in order) and its text formats."""
    formats = [f for name in names for f in spec.error_formats if f.name == name]
    content: dict[str, Any] = {}
    json_formats = [f for f in formats if not f.text and f.shape is not None]
    if json_formats:
        schemas = [_schema(f.shape) for f in json_formats]
        media: dict[str, Any] = {"schema": schemas[0] if len(schemas) == 1 else {"anyOf": schemas}}
        refs = {
            f.name: {"$ref": f"#/components/examples/{_example_key(f.name)}"}
            for f in json_formats
            if f.example
        }
        if refs:
            media["examples"] = refs
        content[_MEDIA_TYPES["json"]] = media
    text_formats = [f for f in formats if f.text]
    if text_formats:
        texts = [(key, text) for f in text_formats for key, text in f.texts]
        content.update(_media("text", {"type": "string"}, texts))
    result: dict[str, Any] = {
        "description": f"{_phrase(status)} (error format: {' or '.join(names)})"
    }
    if content:
        result["content"] = content
    return result


def _example_key(error_format: str) -> str:
    return _component_key(f"{error_format}-error")


def _error_examples(spec: Spec) -> dict[str, Any]:
    """Each error format's documented example, once, for the error responses to point at."""
    return {
        _example_key(f.name): {"summary": f"{f.name} error", "value": f.example.value}
        for f in spec.error_formats
        if f.example and not f.text and f.shape is not None
    }


def _responses(spec: Spec, op: Operation) -> dict[str, Any]:
    responses = {str(r.status): _success(op, r) for r in op.responses}
    for status, names in sorted(op.errors):
        responses.setdefault(str(status), _error(spec, status, names))
    return dict(sorted(responses.items()))


def _description(op: Operation) -> str:
    parts = [op.description] if op.description else []
    if op.params_at_least_one_of:
        wire = [p.wire_name for p in op.params if p.python_name in op.params_at_least_one_of]
        parts.append(f"At least one of these parameters is required: {', '.join(wire)}.")
    if op.deprecated:
        note = f" ({op.deprecated.note})" if op.deprecated.note else ""
        parts.append(f"Deprecated: use {op.deprecated.replacement} instead{note}.")
    parts.append(f"Document section: {op.source}.")
    return "\n\n".join(parts)


def operation_object(spec: Spec, op: Operation) -> dict[str, Any]:
    result: dict[str, Any] = {
        "operationId": op.name,
        "summary": op.summary or op.source,
        "description": _description(op),
        "tags": [section(op.source)],
    }
    if op.deprecated:
        result["deprecated"] = True
    if not op.auth:
        result["security"] = []
    parameters = _parameters(spec, op)
    if parameters:
        result["parameters"] = parameters
    body = _request_body(op)
    if body is not None:
        result["requestBody"] = body
    result["responses"] = _responses(spec, op)
    return result


def _paths(spec: Spec) -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for op in spec.operations:
        paths.setdefault(op.path, {})[op.method.lower()] = operation_object(spec, op)
    return {
        path: dict(sorted(item.items(), key=lambda kv: _METHOD_ORDER.index(kv[0])))
        for path, item in paths.items()
    }


def _signature_text(hook: Webhook) -> str:
    sig = hook.signature
    if sig is None:
        return "No signature is documented."
    fields = ", ".join(f"`{name}`" for name in sig.message_fields)
    return (
        f"Signed: {sig.algorithm.upper()} of the fields {fields} joined with"
        f" '{sig.separator}', {sig.encoding}-encoded, in the body field `{sig.field}`."
    )


def _webhook(hook: Webhook) -> dict[str, Any]:
    examples = [(ex.title, ex.payload.value) for ex in hook.examples]
    description = "\n\n".join(
        part
        for part in (hook.description, _signature_text(hook), f"Document section: {hook.source}.")
        if part
    )
    schema = _schema(Shape(kind="ref", ref=hook.payload))
    return {
        "post": {
            "summary": f"{hook.name} webhook",
            "description": description,
            "tags": [section(hook.source)],
            "requestBody": {"required": True, "content": _media("json", schema, examples)},
            "responses": {"200": {"description": "Received."}},
        }
    }


def _tags(spec: Spec) -> list[dict[str, str]]:
    """Document sections in the order the spec first names them."""
    names = [section(op.source) for op in spec.operations]
    names += [section(hook.source) for hook in spec.webhooks]
    return [{"name": name} for name in dict.fromkeys(names)]


def openapi_document(spec: Spec) -> dict[str, Any]:
    """The OpenAPI 3.1 description of `spec`, as plain JSON-compatible data."""
    schemes, security = security_components(spec)
    info: dict[str, Any] = {"title": spec.title, "version": spec.version}
    if spec.description:
        info["description"] = spec.description
    document: dict[str, Any] = {
        "openapi": OPENAPI_VERSION,
        "info": info,
        "servers": [{"url": url, "description": name} for name, url in spec.servers],
        "tags": _tags(spec),
    }
    if security:
        document["security"] = security
    document["paths"] = _paths(spec)
    if spec.webhooks:
        document["webhooks"] = {hook.name: _webhook(hook) for hook in spec.webhooks}
    parts: dict[str, Any] = {"schemas": dict(sorted(components(spec).items()))}
    if spec.headers:
        parts["parameters"] = _header_components(spec)
    if examples := _error_examples(spec):
        parts["examples"] = examples
    if schemes:
        parts["securitySchemes"] = schemes
    document["components"] = parts
    # through JSON: plain types only, and no shared objects for YAML to alias
    result: dict[str, Any] = json.loads(json.dumps(document, ensure_ascii=False))
    return result


def openapi_yaml(spec: Spec) -> bytes:
    """openapi.yaml of the generated package, with the do-not-edit header."""
    header = f"# generated by shipspec from {spec.spec_path} — do not edit\n"
    body = yaml.safe_dump(openapi_document(spec), sort_keys=False, allow_unicode=True, width=100)
    return (header + body).encode()
