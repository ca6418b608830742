"""Reference documentation of a spec: what a caller needs for each operation.

Both the generated README and `shipspec docs` (HTML) lay out this one view,
so they cannot disagree. Every value is plain text decided here: type names,
constraint wording, the exception a status raises, a runnable example.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.concepts import encodings, multipart
from generator.concepts.status_errors import error_class
from generator.emit.cases import base_payload, sample
from generator.emit.openapi_errors import error_statuses
from generator.emit.openapi_operation import section
from generator.emit.pyliteral import call_code
from generator.emit.reference_fields import BodyWalker, Row, param_row, type_text
from generator.spec.model import Operation, Spec

TypeName = Callable[[str], str]  # shows a named type: as it is, or as a link to its entry


@dataclass(frozen=True)
class StatusDoc:
    status: int
    text: str  # what arrives (success) or which formats and exception (error)


@dataclass(frozen=True)
class OperationDoc:
    name: str
    anchor: str
    summary: str
    description: str
    section: str
    source: str
    method: str
    path: str
    auth: bool
    deprecated: str  # "" when not deprecated
    params: tuple[Row, ...]
    body: str  # "" without a body, else "`models.X`, sent as JSON"
    body_fields: tuple[Row, ...]
    rules: tuple[str, ...]  # cross-field rules of the body's types
    returns: str
    responses: tuple[StatusDoc, ...]
    response_fields: tuple[Row, ...]  # of the success response's body, as for body_fields
    errors: tuple[StatusDoc, ...]
    example: str  # Python source
    example_title: str  # the document example it uses, or ""


@dataclass(frozen=True)
class ReferenceDoc:
    provider: str
    title: str
    version: str
    description: str
    package: str
    spec_path: str
    servers: tuple[tuple[str, str], ...]
    auth: str
    operations: tuple[OperationDoc, ...]


def response_docs(
    spec: Spec, op: Operation, name: TypeName = str
) -> tuple[str, tuple[StatusDoc, ...]]:
    """The Python return type and, per success status, what arrives."""
    docs = []
    for response in op.responses:
        what = type_text(spec, response.shape, name) if response.shape else "nothing"
        text = f"{what} ({encodings.of(response.encoding).words})"
        if response.warning:
            text += f", with the warning: {response.warning}"
        docs.append(StatusDoc(response.status, text))
    success = op.success
    returns = f"models.{type_text(spec, success.shape)}" if success.shape else "None"
    if success.shape is not None and success.shape.kind != "ref":
        returns = type_text(spec, success.shape)
    return returns, tuple(docs)


def _response_fields(spec: Spec, op: Operation) -> tuple[Row, ...]:
    """Every field of the success response, by JSON Pointer, as the body's fields are shown."""
    shape = op.success.shape
    if shape is None:
        return ()
    walker = BodyWalker(spec)
    walker.walk(shape, "", frozenset())
    return tuple(walker.rows)


def error_docs(spec: Spec, op: Operation, name: TypeName = str) -> tuple[StatusDoc, ...]:
    """The error statuses the OpenAPI export documents, with the exception each raises."""
    formats = {f.name: f for f in spec.error_formats}
    docs = []
    for status, format_names in error_statuses(spec, op):
        shown = []
        for format_name in format_names:
            fmt = formats[format_name]
            body = "plain text" if fmt.shape is None else f"JSON {type_text(spec, fmt.shape, name)}"
            shown.append(f"{format_name} ({body})")
        docs.append(StatusDoc(status, f"{error_class(status)}: {', or '.join(shown)}"))
    return tuple(docs)


def client_arguments(spec: Spec) -> list[tuple[str, str]]:
    """Keyword arguments of the Client in examples: placeholders and a server."""
    names = [c.python_name for c in spec.auth.credentials]
    names += [p.python_name for p in spec.client_params]
    servers = dict(spec.servers)
    server = "live" if "live" in servers else next(iter(servers), "")
    where = ("server", f'"{server}"') if server else ("base_url", '"https://..."')
    return [*((name, '"..."') for name in names), where]


def _example(spec: Spec, op: Operation) -> tuple[str, str]:
    """A runnable call: the document's example request and parameters where there are some."""
    args, title = example_args(spec, op)
    return call_code(spec.package, client_arguments(spec), op.name, args), title


def example_args(spec: Spec, op: Operation) -> tuple[list[tuple[str | None, Any]], str]:
    """The example call's arguments (in the signature's order) and the example it is from."""
    chosen = next((e for e in op.examples if e.request is not None or e.params), None)
    given = dict(chosen.params) if chosen else {}
    args: list[tuple[str | None, Any]] = []
    for param in op.params:
        if param.from_client or not (param.key in given or param.required):
            continue
        value = (
            given[param.key] if param.key in given else param.default or sample(spec, param.shape)
        )
        # as the signature orders them: path parameters, then the body, then keywords
        positional = param.location == "path" and param.required
        args.append((None if positional else param.python_name, value))
    if op.body is not None:
        at = sum(1 for name, _ in args if name is None)
        args.insert(at, (None, base_payload(spec, op)))
    args += multipart.example_args(op.files)
    title = chosen.title if chosen and (chosen.request is not None or given) else ""
    return args, title


def deprecated_text(op: Operation) -> str:
    if op.deprecated is None:
        return ""
    note = f" ({op.deprecated.note})" if op.deprecated.note else ""
    return f"use {op.deprecated.replacement} instead{note}"


def body_text(spec: Spec, op: Operation, name: TypeName = str) -> str:
    """What the request carries: its type and encoding, and any file parts; "" for none."""
    body = ""
    if op.body is not None:
        sent = encodings.of(op.body_encoding).sent_words
        body = f"{type_text(spec, op.body, name)}, sent {sent}"
    if op.files:  # concepts/multipart
        lead = f"{body}, with the file parts" if body else "File parts sent as multipart/form-data:"
        body = f"{lead} {multipart.reference_text(op.files)}"
    return body


def operation_doc(spec: Spec, op: Operation) -> OperationDoc:
    walker = BodyWalker(spec)
    if op.body is not None:
        walker.walk(op.body, "", frozenset())
    returns, responses = response_docs(spec, op)
    example, example_title = _example(spec, op)
    return OperationDoc(
        name=op.name,
        anchor=f"op-{op.name}",
        summary=op.summary or op.source,
        description=op.description,
        section=section(op.source),
        source=op.source,
        method=op.method,
        path=op.path,
        auth=op.auth,
        deprecated=deprecated_text(op),
        params=tuple(param_row(spec, p) for p in op.params),
        body=body_text(spec, op),
        body_fields=tuple(walker.rows),
        rules=tuple(dict.fromkeys(walker.rules)) + response_only_rule(op),
        returns=returns,
        responses=responses,
        response_fields=_response_fields(spec, op),
        errors=error_docs(spec, op),
        example=example,
        example_title=example_title,
    )


def response_only_rule(op: Operation) -> tuple[str, ...]:
    if not op.response_only:
        return ()
    return (f"{', '.join(op.response_only)}: only in responses, not sent in this request",)


def reference_doc(spec: Spec, *, auth_summary: str) -> ReferenceDoc:
    return ReferenceDoc(
        provider=spec.provider,
        title=spec.title,
        version=spec.version,
        description=spec.description,
        package=spec.package,
        spec_path=spec.spec_path,
        servers=spec.servers,
        auth=auth_summary,
        operations=tuple(operation_doc(spec, op) for op in spec.operations),
    )
