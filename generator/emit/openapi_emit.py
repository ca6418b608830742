"""Model -> OpenAPI 3.1 document, so the rest of the ecosystem can read a spec.

Schemathesis, openapi-python-client, Redoc and API gateways speak OpenAPI,
not the spec language. The component schemas are the very JSON Schemas the
packages validate with (jsonschema_emit.components), so the export cannot
disagree with the client about what a body may hold.
"""

from __future__ import annotations

import json
import re
from typing import Any, assert_never

from generator import __version__
from generator.concepts import (
    array_params,
    encodings,
    error_formats,
    idempotency_key,
    multipart,
    path_lists,
    rate_limit,
    server_variables,
)
from generator.emit.jsonschema_emit import components, shape_schema, typedef_schema
from generator.emit.openapi_errors import (
    ExamplePlaces,
    error_examples,
    error_response,
    error_statuses,
    example_places,
    phrase,
)
from generator.emit.openapi_form import form_response_schema, form_text
from generator.emit.openapi_security import operation_security, security_components
from generator.emit.openapi_text import json_text, yaml_text
from generator.spec import citations, param_conditions
from generator.spec.model import (
    Constraints,
    Operation,
    Param,
    Response,
    ResponseEncoding,
    Shape,
    Spec,
    Webhook,
)

OPENAPI_VERSION = "3.1.0"
_PREFIX = "#/components/schemas/"
_METHOD_ORDER = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def section(source: str) -> str:
    """The document section an operation belongs to: the first part of its `source`."""
    return source.split(" / ")[0].strip()


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


def _media(
    encoding: ResponseEncoding,
    schema: dict[str, Any],
    examples: list[tuple[str, Any]],
    media_type: str = "",
) -> Any:
    media: dict[str, Any] = {"schema": schema}
    if examples:
        media["examples"] = _examples(examples)
    return {media_type or encodings.media_type(encoding): media}


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
    if param.array_style is not None:
        result.update(array_params.openapi_words(param.array_style))
    if examples:
        result["examples"] = _examples(examples)
    return result


def accept_header(spec: Spec, op: Operation) -> str:
    """The media types `op`'s documented responses come in, success first: its `Accept`."""
    types = [encodings.response_media_type(r) for r in op.responses if r.encoding != "empty"]
    types += [
        error_formats.media_type(f)
        for _, names in error_statuses(spec, op)
        for f in spec.error_formats
        if f.name in names
    ]
    return ", ".join(dict.fromkeys(types)) or "*/*"


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
        parameter = _parameter(param, examples)
        param_conditions.openapi(op, param, parameter)
        path_lists.openapi(param.list_style, parameter)
        result.append(parameter)
    result += [
        {"$ref": f"#/components/parameters/{_component_key(name)}"} for name, _ in spec.headers
    ]
    if op.idempotency_key:
        result.append(idempotency_key.openapi_parameter(op.idempotency_key))
    return result


def _component_key(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9.\-_]", "_", name)


def header_schema_name(spec: Spec, name: str) -> str:
    """The component schema of a constant header: `Accept-Version` -> `AcceptVersionHeader`.

    One named schema, not an inline enum per operation: peer generators
    (openapi-python-client) make one enum class of it instead of one per
    operation.
    """
    base = "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", name))
    taken = {t.name for t in spec.types}
    key, number = f"{base}Header", 2
    while key in taken:
        key, number = f"{base}Header{number}", number + 1
    return key


def _header_schemas(spec: Spec) -> dict[str, Any]:
    """A one-value enum with that default, not `const`: peer generators
    (openapi-python-client) refuse a literal type in a header."""
    return {
        header_schema_name(spec, name): {"type": "string", "enum": [value], "default": value}
        for name, value in spec.headers
    }


def _header_components(spec: Spec) -> dict[str, Any]:
    """The spec's constant headers, sent on every request, as reusable parameters."""
    return {
        _component_key(name): {
            "name": name,
            "in": "header",
            "description": "Sent on every request.",
            "required": True,
            "schema": {"$ref": _PREFIX + header_schema_name(spec, name)},
        }
        for name, _ in spec.headers
    }


def _request_examples(op: Operation) -> list[tuple[str, Any]]:
    return [(ex.title, ex.request.value) for ex in op.examples if ex.request is not None]


def _response_examples(op: Operation, status: int) -> list[tuple[str, Any]]:
    """Examples answered with `status`; one without a status shows the first success."""
    return [
        (ex.title, ex.response.value)
        for ex in op.examples
        if ex.response is not None and ex.status == status
    ]


def _request_body(spec: Spec, op: Operation) -> dict[str, Any] | None:
    if op.body_encoding == "multipart":  # text parts and file parts (concepts/multipart)
        text_schema = _schema(op.body) if op.body is not None else None
        if op.body is not None and op.body.kind == "ref" and op.body.ref:
            text_schema = typedef_schema(spec.type(op.body.ref), _PREFIX)  # merged with the files
        return {"required": True, "content": multipart.openapi_content(op.files, text_schema)}
    if op.body is None:
        return None
    schema = _schema(op.body)
    if op.response_only:
        # fields only responses carry: the body type allows them, this request does not
        present = [{"properties": {name: {}}, "required": [name]} for name in op.response_only]
        schema = {**schema, "not": {"anyOf": present}}
    content = _media(op.body_encoding, schema, _request_examples(op))
    return {"required": True, "content": content}


def _success(op: Operation, response: Response) -> dict[str, Any]:
    description = response.description or phrase(response.status)
    if response.warning:
        description += f" (with a warning: {response.warning})"
    result: dict[str, Any] = {"description": description}
    match response.encoding:
        case "binary":
            schema = {"type": "string", "format": "binary"}
            media_type = encodings.response_media_type(response)
            result["content"] = _media(response.encoding, schema, [], media_type)
        case "text" | "json" | "form":
            schema = {"type": "string"} if response.encoding == "text" else _schema(response.shape)
            examples = _response_examples(op, response.status)
            if response.encoding == "form":  # the wire text: see openapi_form
                schema = form_response_schema(schema)
                examples = [(title, form_text(value)) for title, value in examples]
            result["content"] = _media(response.encoding, schema, examples)
        case "empty":
            pass
        case _:
            assert_never(response.encoding)
    return result


def _responses(spec: Spec, op: Operation, places: ExamplePlaces) -> dict[str, Any]:
    responses = {str(r.status): _success(op, r) for r in op.responses}
    for status, names in error_statuses(spec, op):
        responses.setdefault(str(status), error_response(spec, places, status, names))
    rate_limit.openapi_responses(spec.rate_limit, responses)
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


def operation_object(spec: Spec, op: Operation, places: ExamplePlaces) -> dict[str, Any]:
    result: dict[str, Any] = {
        "operationId": op.name,
        "summary": op.summary or op.source,
        "description": _description(op),
        "tags": list(dict.fromkeys([section(op.source), *op.tags])),
    }
    if op.deprecated:
        result["deprecated"] = True
    security = operation_security(spec, op.name, auth=op.auth)
    if security is not None:
        result["security"] = security
    parameters = _parameters(spec, op)
    if parameters:
        result["parameters"] = parameters
    body = _request_body(spec, op)
    if body is not None:
        result["requestBody"] = body
    result["responses"] = _responses(spec, op, places)
    return result


def _paths(spec: Spec, places: ExamplePlaces) -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for op in spec.operations:
        paths.setdefault(op.path, {})[op.method.lower()] = operation_object(spec, op, places)
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


def webhook_operation_id(spec: Spec, hook: Webhook) -> str:
    """`<name>_webhook`: unique beside the operations' ids (their spec names)."""
    taken = {op.name for op in spec.operations}
    key, number = f"{hook.name}_webhook", 2
    while key in taken:
        key, number = f"{hook.name}_webhook{number}", number + 1
    return key


def _webhook(spec: Spec, hook: Webhook) -> dict[str, Any]:
    examples = [(ex.title, ex.payload.value) for ex in hook.examples]
    description = "\n\n".join(
        part
        for part in (hook.description, _signature_text(hook), f"Document section: {hook.source}.")
        if part
    )
    schema = _schema(Shape(kind="ref", ref=hook.payload))
    return {
        "post": {
            "operationId": webhook_operation_id(spec, hook),
            "summary": f"{hook.name} webhook",
            "description": description,
            "tags": [section(hook.source)],
            "requestBody": {"required": True, "content": _media("json", schema, examples)},
            "responses": {"200": {"description": "Received."}},
        }
    }


def _tags(spec: Spec) -> list[dict[str, str]]:
    """Document sections in the order the spec first names them, then the operations' own tags."""
    names = [section(op.source) for op in spec.operations]
    names += [section(hook.source) for hook in spec.webhooks]
    spec_tags = [tag for op in spec.operations for tag in op.tags if tag not in names]
    return [
        {"name": name, "description": f"From the section \u201c{name}\u201d of {spec.document}."}
        for name in dict.fromkeys(names)
    ] + [{"name": tag} for tag in dict.fromkeys(spec_tags)]


_APPLICATORS = frozenset({"allOf", "anyOf", "oneOf", "if", "then", "else", "not"})


def declare_required(schema: Any, names: tuple[str, ...] = ()) -> Any:
    """`schema` with every property name of an object also under its sub-schemas that constrain.

    A conditional's `then: {required: [...]}` names fields its object
    declares; linters look in the sub-schema alone (Redocly's
    no-required-schema-properties-undefined), and Redocly checks examples
    as if each sub-schema were closed. Listing the object's property names
    there as `{}` (accepts anything) changes nothing a validator accepts.
    """
    if isinstance(schema, list):
        return [declare_required(item, names) for item in schema]
    if not isinstance(schema, dict):
        return schema
    own = tuple(schema.get("properties", {})) if schema.get("type") == "object" else ()
    inherited = own or names
    result = {
        key: declare_required(value, inherited if key in _APPLICATORS else ())
        for key, value in schema.items()
    }
    required = result.get("required")
    constrains = isinstance(required, list) or isinstance(result.get("properties"), dict)
    if constrains and inherited and "type" not in result:
        listed = dict.fromkeys([*inherited, *(required if isinstance(required, list) else [])])
        properties = {name: {} for name in listed} | result.get("properties", {})
        result = {
            "properties": properties,
            **{k: v for k, v in result.items() if k != "properties"},
        }
    return result


# A document that names no host (servers: {}) gets the relative server "/":
# OpenAPI reads it as "wherever this description is served", which invents
# no host and still gives tools (Spectral's oas3-api-servers) a server entry.
_NO_HOST = {
    "url": "/",
    "description": "the document names no host: use the base URL your account was given",
}


def _servers(spec: Spec) -> list[dict[str, Any]]:
    servers: list[dict[str, Any]] = []
    for name, url in spec.servers:
        server: dict[str, Any] = {"url": url, "description": name}
        if variables := server_variables.openapi_variables(url, spec.server_variables):
            server["variables"] = variables
        servers.append(server)
    return servers or [_NO_HOST]


def openapi_document(spec: Spec) -> dict[str, Any]:
    """The OpenAPI 3.1 description of `spec`, as plain JSON-compatible data."""
    schemes, security = security_components(spec)
    info: dict[str, Any] = {"title": spec.title, "version": spec.version}
    if spec.description:
        info["description"] = spec.description
    info["x-generator"] = f"shipspec {__version__}"
    document: dict[str, Any] = {
        "openapi": OPENAPI_VERSION,
        "info": info,
        "servers": _servers(spec),
        "tags": _tags(spec),
    }
    document["security"] = security
    if spec.citations:
        document[citations.EXTENSION] = citations.openapi_extension(spec.citations)
    places = example_places(spec)
    document["paths"] = _paths(spec, places)
    if spec.webhooks:
        document["webhooks"] = {hook.name: _webhook(spec, hook) for hook in spec.webhooks}
    schemas = {**components(spec), **_header_schemas(spec)}
    parts: dict[str, Any] = {
        "schemas": {k: declare_required(v) for k, v in sorted(schemas.items())}
    }
    if spec.headers:
        parts["parameters"] = _header_components(spec)
    if examples := error_examples(spec, places):
        parts["examples"] = examples
    if schemes:
        parts["securitySchemes"] = schemes
    document["components"] = parts
    # through JSON: plain types only, and no shared objects for YAML to alias
    result: dict[str, Any] = json.loads(json.dumps(document, ensure_ascii=False))
    return result


def openapi_files(spec: Spec) -> dict[str, bytes]:
    """openapi.yaml (with the do-not-edit header) and openapi.json: one document, two readings."""
    document = openapi_document(spec)
    header = f"# generated by shipspec from {spec.spec_path} — do not edit\n"
    return {
        "openapi.yaml": (header + yaml_text(document)).encode(),
        "openapi.json": json_text(document).encode(),
    }
