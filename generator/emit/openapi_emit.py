"""Model -> OpenAPI 3.1 document, so the rest of the ecosystem can read a spec.

Schemathesis, openapi-python-client, Redoc and API gateways speak OpenAPI,
not the spec language. The component schemas are the very JSON Schemas the
packages validate with (jsonschema_emit.components), so the export cannot
disagree with the client about what a body may hold.
"""

from __future__ import annotations

import json
from typing import Any

from generator import __version__
from generator.concepts import (
    encodings,
    error_formats,
    server_variables,
)
from generator.emit import naming
from generator.emit.jsonschema_emit import components
from generator.emit.openapi_errors import (
    ExamplePlaces,
    error_examples,
    error_statuses,
    example_places,
)
from generator.emit.openapi_operation import (
    SCHEMA_PREFIX,
    media_object,
    operation_object,
    schema_of,
    section,
)
from generator.emit.openapi_security import security_components
from generator.emit.openapi_shared import (
    Components,
    component_key,
    share_examples,
    share_parameters,
)
from generator.emit.openapi_text import json_text, yaml_text
from generator.spec import citations
from generator.spec.model import (
    Operation,
    Shape,
    Spec,
    Webhook,
)

OPENAPI_VERSION = "3.1.0"
_METHOD_ORDER = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


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


def header_schema_name(spec: Spec, name: str) -> str:
    """The component schema of a constant header: `Accept-Version` -> `AcceptVersionHeader`.

    One named schema, not an inline enum per operation: peer generators
    (openapi-python-client) make one enum class of it instead of one per
    operation.
    """
    base = naming.pascal_case(name)
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
        component_key(name): {
            "name": name,
            "in": "header",
            "description": "Sent on every request.",
            "required": True,
            "schema": {"$ref": SCHEMA_PREFIX + header_schema_name(spec, name)},
        }
        for name, _ in spec.headers
    }


def _paths(spec: Spec, places: ExamplePlaces, shared: Components) -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for op in spec.operations:
        operation = operation_object(spec, op, places, shared)
        paths.setdefault(op.path, {})[op.method.lower()] = operation
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
    schema = schema_of(Shape(kind="ref", ref=hook.payload))
    return {
        "post": {
            "operationId": webhook_operation_id(spec, hook),
            "summary": f"{hook.name} webhook",
            "description": description,
            "tags": [section(hook.source)],
            "requestBody": {"required": True, "content": media_object("json", schema, examples)},
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
    responses, parameters = Components("responses"), Components("parameters")
    parameters.items.update(_header_components(spec))
    document["paths"] = _paths(spec, places, responses)
    share_parameters(document["paths"], parameters)
    if spec.webhooks:
        document["webhooks"] = {hook.name: _webhook(spec, hook) for hook in spec.webhooks}
    examples = Components("examples")
    examples.items.update(error_examples(spec, places))
    share_examples([document["paths"], document.get("webhooks", {})], examples)
    schemas = {**components(spec), **_header_schemas(spec)}
    parts: dict[str, Any] = {
        "schemas": {k: declare_required(v) for k, v in sorted(schemas.items())}
    }
    if responses.items:
        parts["responses"] = dict(sorted(responses.items.items()))
    if parameters.items:
        parts["parameters"] = dict(sorted(parameters.items.items()))
    if examples.items:
        parts["examples"] = dict(sorted(examples.items.items()))
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
