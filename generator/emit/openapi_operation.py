"""One operation as an OpenAPI operation object: parameters, request body, responses
and their examples; openapi_emit.py assembles the document around them.
"""

from __future__ import annotations

import re
from typing import Any, assert_never

from generator.concepts import (
    array_params,
    encodings,
    idempotency_key,
    multipart,
    path_lists,
    rate_limit,
)
from generator.emit.jsonschema_emit import shape_schema, typedef_schema
from generator.emit.openapi_errors import (
    ExamplePlaces,
    error_response,
    error_statuses,
    phrase,
)
from generator.emit.openapi_form import form_response_schema, form_text
from generator.emit.openapi_security import operation_security
from generator.emit.openapi_shared import Components, component_key, error_response_name
from generator.spec import param_conditions
from generator.spec.model import (
    Constraints,
    Operation,
    Param,
    Response,
    ResponseEncoding,
    Shape,
    Spec,
)

SCHEMA_PREFIX = "#/components/schemas/"


def section(source: str) -> str:
    """The document section an operation belongs to: the first part of its `source`."""
    return source.split(" / ")[0].strip()


def schema_of(shape: Shape | None) -> dict[str, Any]:
    return shape_schema(shape, SCHEMA_PREFIX) if shape is not None else {}


def _slug(title: str, taken: set[str]) -> str:
    """A stable, unique key for an example, made from its title."""
    base = re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-").lower() or "example"
    key, number = base, 2
    while key in taken:
        key, number = f"{base}-{number}", number + 1
    taken.add(key)
    return key


def examples_object(items: list[tuple[str, Any]]) -> dict[str, Any]:
    """OpenAPI `examples` (title as summary) from (title, value) pairs."""
    taken: set[str] = set()
    return {_slug(title, taken): {"summary": title, "value": value} for title, value in items}


def media_object(
    encoding: ResponseEncoding,
    schema: dict[str, Any],
    examples: list[tuple[str, Any]],
    media_type: str = "",
) -> Any:
    media: dict[str, Any] = {"schema": schema}
    if examples:
        media["examples"] = examples_object(examples)
    return {media_type or encodings.media_type(encoding): media}


def _parameter(param: Param, examples: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {"name": param.wire_name, "in": param.location}
    if param.shape.description:
        result["description"] = param.shape.description
    result["required"] = param.required
    schema = schema_of(param.shape)
    schema.pop("description", None)
    if param.default is not None:
        schema["default"] = param.default
    result["schema"] = schema
    if param.array_style is not None:
        result.update(array_params.openapi_words(param.array_style))
    if examples:
        result["examples"] = examples_object(examples)
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
        parameter = _parameter(param, examples)
        param_conditions.openapi(op, param, parameter)
        path_lists.openapi(param.list_style, parameter)
        result.append(parameter)
    result += [
        {"$ref": f"#/components/parameters/{component_key(name)}"} for name, _ in spec.headers
    ]
    if op.idempotency_key:
        result.append(idempotency_key.openapi_parameter(op.idempotency_key))
    return result


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
        text_schema = schema_of(op.body) if op.body is not None else None
        if op.body is not None and op.body.kind == "ref" and op.body.ref:
            text_schema = typedef_schema(
                spec.type(op.body.ref), SCHEMA_PREFIX
            )  # merged with the files
        return {"required": True, "content": multipart.openapi_content(op.files, text_schema)}
    if op.body is None:
        return None
    schema = schema_of(op.body)
    if op.response_only:
        # fields only responses carry: the body type allows them, this request does not
        present = [{"properties": {name: {}}, "required": [name]} for name in op.response_only]
        schema = {**schema, "not": {"anyOf": present}}
    content = media_object(op.body_encoding, schema, _request_examples(op))
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
            result["content"] = media_object(response.encoding, schema, [], media_type)
        case "text" | "json" | "form":
            schema = (
                {"type": "string"} if response.encoding == "text" else schema_of(response.shape)
            )
            examples = _response_examples(op, response.status)
            if response.encoding == "form":  # the wire text: see openapi_form
                schema = form_response_schema(schema)
                examples = [(title, form_text(value)) for title, value in examples]
            result["content"] = media_object(response.encoding, schema, examples)
        case "empty":
            pass
        case _:
            assert_never(response.encoding)
    return result


def _responses(
    spec: Spec, op: Operation, places: ExamplePlaces, shared: Components
) -> dict[str, Any]:
    """The operation's answers; every error answer is a `$ref` to its shared component."""
    responses = {str(r.status): _success(op, r) for r in op.responses}
    own = set(responses)
    formats = {str(code): names for code, names in error_statuses(spec, op) if str(code) not in own}
    for status, names in formats.items():
        responses[status] = error_response(spec, places, int(status), names)
    rate_limit.openapi_responses(spec.rate_limit, responses)  # may add a 429 of its own
    for status in [s for s in responses if s not in own]:
        name = error_response_name(int(status), formats.get(status, ()))
        responses[status] = shared.ref(name, responses[status])
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


def operation_object(
    spec: Spec, op: Operation, places: ExamplePlaces, shared: Components
) -> dict[str, Any]:
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
    result["responses"] = _responses(spec, op, places, shared)
    return result
