"""Model -> the package's standalone JSON Schema files (schemas/ in the package).

Every named type is defined once, in `schemas/types.json` (its `$defs`).
Each request body, response body, webhook payload and error body gets a
small document of its own that names that file by its absolute `$id`
(`urn:...:schemas/types.json#/$defs/Order`). Inlining the types instead
repeated a large type in every document that reaches it (CartonCloud's
outbound order seven times). A validator resolves the `$ref`s once
types.json is registered under its `$id` (the package README shows
`jsonschema` + `referencing`; ajv's `addSchema` does the same). The refs are
absolute because a URN is no base a relative reference can be resolved
against by most tools (Python's `urljoin` keeps the reference as it is).

The OpenAPI export keeps its own components (jsonschema_emit.components).
"""

from __future__ import annotations

from typing import Any

from generator.emit.jsonschema_emit import (
    DIALECT,
    discriminator_tags,
    provider_types,
    request_types,
    shape_schema,
    typedef_schema,
)
from generator.spec.model import Operation, Shape, Spec

TYPES_FILE = "types.json"  # never clashes: every other file name has two dots or more


def schema_id(spec: Spec, name: str) -> str:
    """A stable absolute `$id` for schemas/<name>: package, API version and file name.

    A URN, not a URL: the schemas are files in the package, not served
    anywhere, and an id that looks fetchable would invite tools to try.
    """
    return f"urn:shipspec:{spec.provider}-client:{spec.version}:schemas/{name}"


def types_ref_prefix(spec: Spec) -> str:
    """What a body schema's `$ref` to a named type starts with: types.json's `$id`, `#/$defs/`."""
    return f"{schema_id(spec, TYPES_FILE)}#/$defs/"


def types_document(spec: Spec) -> dict[str, Any]:
    """Every type some body reaches, once, as `$defs`.

    Written even when no body names a type (empty `$defs`), so the README's
    recipe, which registers it first, works for every package.
    """
    names = sorted(request_types(spec) | provider_types(spec))
    definitions = {}
    for name in names:
        typedef = spec.type(name)
        definitions[name] = typedef_schema(typedef, tags=discriminator_tags(spec, typedef))
    return {
        "$schema": DIALECT,
        "$id": schema_id(spec, TYPES_FILE),
        "title": f"{spec.title}: named types",
        "description": (
            "Every named type the other schemas of this folder reference by this"
            " document's $id; register it with a validator to resolve them."
        ),
        "$defs": definitions,
    }


def body_document(spec: Spec, name: str, root: Shape, title: str) -> dict[str, Any]:
    """One body's schema: its own shape, named types by reference to types.json."""
    schema: dict[str, Any] = {"$schema": DIALECT, "$id": schema_id(spec, name), "title": title}
    schema.update(shape_schema(root, types_ref_prefix(spec)))
    return schema


def _operation_documents(spec: Spec, op: Operation) -> dict[str, dict[str, Any]]:
    documents = {}
    if op.body is not None:
        name = f"{op.name}.request.json"
        request = body_document(spec, name, op.body, f"{op.name} request body")
        if op.response_only:
            # fields only responses carry: the body type allows them, this request does not
            request["not"] = {"anyOf": [{"required": [field]} for field in op.response_only]}
        documents[name] = request
    for response in op.responses:
        if response.shape is not None:
            name = f"{op.name}.response.{response.status}.json"
            title = f"{op.name} response {response.status}"
            documents[name] = body_document(spec, name, response.shape, title)
    return documents


def standalone_documents(spec: Spec) -> dict[str, dict[str, Any]]:
    """File name -> JSON Schema document, for schemas/ in the package."""
    documents: dict[str, dict[str, Any]] = {}
    for op in spec.operations:
        documents.update(_operation_documents(spec, op))
    for hook in spec.webhooks:
        name = f"{hook.name}.webhook.json"
        root = Shape(kind="ref", ref=hook.payload)
        documents[name] = body_document(spec, name, root, f"{hook.name} webhook payload")
    for error in spec.error_formats:
        if error.shape is not None:
            name = f"error.{error.name}.json"
            documents[name] = body_document(spec, name, error.shape, f"{error.name} error body")
    documents[TYPES_FILE] = types_document(spec)
    return dict(sorted(documents.items()))
