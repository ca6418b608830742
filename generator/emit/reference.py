"""Reference documentation of a spec: what a caller needs for each operation.

Both the generated README and `shipspec docs` (HTML) lay out this one view,
so they cannot disagree. Every value is plain text decided here: type names,
constraint wording, the exception a status raises, a runnable example.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, assert_never

from generator.concepts import encodings, formats, multipart
from generator.concepts.status_errors import error_class
from generator.emit.cases import base_payload, sample
from generator.emit.openapi_errors import error_statuses
from generator.emit.pyliteral import call_code
from generator.spec.model import Constraints, Operation, Param, Rule, Shape, Spec


@dataclass(frozen=True)
class Row:
    """One parameter or body field: where it goes, its type and its documented rules."""

    name: str  # wire name (parameters) or JSON Pointer with `*` for any item (body fields)
    type: str
    required: bool
    rules: str  # "" when the document states none
    description: str
    location: str = "body"  # path | query | header | body
    python_name: str = ""  # the method's argument; "" for body fields and client params


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


def type_text(spec: Spec, shape: Shape) -> str:
    match shape.kind:
        case "ref":
            typedef = spec.type(shape.ref or "")
            text = " or ".join(typedef.one_of) if typedef.is_union else typedef.name
        case "array" | "map":
            child = shape.items if shape.kind == "array" else shape.values
            assert child is not None
            text = f"{shape.kind} of {type_text(spec, child)}"
        case "union":
            text = " or ".join(shape.types)
        case "string" | "integer" | "number" | "boolean" | "any":
            text = shape.kind
        case _:
            assert_never(shape.kind)
    return f"{text} or null" if shape.nullable else text


def _range(low: float | None, high: float | None, unit: str) -> str:
    def units(n: float) -> str:
        return f"{n:g} {unit}" if n == 1 else f"{n:g} {unit}s"

    if low is not None and high is not None:
        return f"exactly {units(low)}" if low == high else f"{low:g} to {units(high)}"
    if low is not None:
        return f"at least {units(low)}"
    return f"at most {units(high)}" if high is not None else ""


def _number(value: float) -> str:
    return f"{value:g}"


def rules_text(c: Constraints) -> str:
    """The documented constraints of one value, in words."""
    parts = [
        _range(c.minLength, c.maxLength, "character"),
        _range(c.minItems, c.maxItems, "item"),
    ]
    bounds = (
        ("at least", c.minimum),
        ("at most", c.maximum),
        ("greater than", c.exclusiveMinimum),
        ("less than", c.exclusiveMaximum),
    )
    parts += [f"{word} {_number(value)}" for word, value in bounds if value is not None]
    if c.uniqueItems:
        parts.append("unique items")
    if c.uniqueBy:
        parts.append(f"no two items with the same {c.uniqueBy}")
    if c.format:
        parts.append(formats.get(c.format).reference_words)
    if c.pattern:
        parts.append(f"pattern {c.pattern}")
    if c.enum:
        listed = ", ".join(_shown(e.value) for e in c.enum)
        parts.append(f"{listed}, or a custom value" if c.extensible else "one of " + listed)
    if c.has_const:
        parts.append(f"always {_shown(c.const)}")
    return "; ".join(p for p in parts if p)


def _shown(value: Any) -> str:
    """A value in running text: bare when unambiguous, quoted when it has spaces or commas."""
    if isinstance(value, str):
        return json.dumps(value) if not value or re.search(r"[\s,;]", value) else value
    return json.dumps(value)


def _with_item_rules(shape: Shape) -> str:
    """A value's own rules, plus those of each item of a primitive array or map."""
    own = rules_text(shape.constraints)
    child = shape.items or shape.values
    if child is None or child.kind == "ref":
        return own
    inner = rules_text(child.constraints)
    return "; ".join(p for p in (own, f"each: {inner}" if inner else "") if p)


class _BodyWalker:
    """Flattens a body shape into rows, one per field, with JSON Pointers."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.rows: list[Row] = []
        self.rules: list[str] = []

    def walk(self, shape: Shape, pointer: str, seen: frozenset[str], variant: str = "") -> None:
        child = shape.items or shape.values
        if child is not None:
            self.walk(child, f"{pointer}/*", seen, variant)
        if shape.kind != "ref" or shape.ref in seen:
            return
        typedef = self.spec.type(shape.ref or "")
        seen = seen | {typedef.name}
        for member in typedef.one_of:
            label = f"({member}) "
            self.walk(Shape(kind="ref", ref=member), pointer, seen, label)
        for field in typedef.fields:
            here = f"{pointer}/{field.wire_name}"
            self.rows.append(
                Row(
                    name=here,
                    type=type_text(self.spec, field.shape),
                    required=field.required,
                    rules=_with_item_rules(field.shape),
                    description=variant + field.shape.description,
                )
            )
            self.walk(field.shape, here, seen, variant)
        where = f"{pointer}: " if pointer else ""
        self.rules += [f"{where}{_rule_words(rule)}" for rule in typedef.rules]


def _rule_words(rule: Rule) -> str:
    if rule.message:
        return rule.message
    names = ", ".join(rule.fields)
    match rule.kind:
        case "at_least_one_of":
            return f"at least one of {names} is required"
        case "exactly_one_of":
            return f"exactly one of {names} is required"
        case "compare":
            return f"{rule.fields[0]} must be {rule.op} {rule.fields[1]}"
        case "require" | "forbid":
            assert rule.when is not None
            values = " or ".join(_shown(v) for v in rule.when.values)
            absent = " or absent" if rule.when.or_absent else ""
            verdict = "absent" if rule.kind == "forbid" else "required"
            return f"{names} {verdict} when {rule.when.field} is {values}{absent}"
        case _:
            assert_never(rule.kind)


def _param_row(spec: Spec, param: Param) -> Row:
    description = param.shape.description
    if param.from_client:
        description = f"given once to the client as `{param.python_name}=`. {description}".strip()
    return Row(
        name=param.wire_name,
        type=type_text(spec, param.shape),
        required=param.required,
        rules=rules_text(param.shape.constraints),
        description=description,
        location=param.location,
        python_name="" if param.from_client else param.python_name,
    )


def _response_text(spec: Spec, op: Operation) -> tuple[str, tuple[StatusDoc, ...]]:
    docs = []
    for response in op.responses:
        what = type_text(spec, response.shape) if response.shape else "nothing"
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
    walker = _BodyWalker(spec)
    walker.walk(shape, "", frozenset())
    return tuple(walker.rows)


def _error_docs(spec: Spec, op: Operation) -> tuple[StatusDoc, ...]:
    """The error statuses the OpenAPI export documents, with the exception each raises."""
    formats = {f.name: f for f in spec.error_formats}
    docs = []
    for status, names in error_statuses(spec, op):
        shown = []
        for name in names:
            fmt = formats[name]
            body = "plain text" if fmt.shape is None else f"JSON {type_text(spec, fmt.shape)}"
            shown.append(f"{name} ({body})")
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
    code = call_code(spec.package, client_arguments(spec), op.name, args)
    title = chosen.title if chosen and (chosen.request is not None or given) else ""
    return code, title


def _deprecated(op: Operation) -> str:
    if op.deprecated is None:
        return ""
    note = f" ({op.deprecated.note})" if op.deprecated.note else ""
    return f"use {op.deprecated.replacement} instead{note}"


def operation_doc(spec: Spec, op: Operation) -> OperationDoc:
    walker = _BodyWalker(spec)
    body = ""
    if op.body is not None:
        walker.walk(op.body, "", frozenset())
        sent = encodings.of(op.body_encoding).sent_words
        body = f"{type_text(spec, op.body)}, sent {sent}"
    if op.files:  # concepts/multipart
        lead = f"{body}, with the file parts" if body else "File parts sent as multipart/form-data:"
        body = f"{lead} {multipart.reference_text(op.files)}"
    returns, responses = _response_text(spec, op)
    example, example_title = _example(spec, op)
    return OperationDoc(
        name=op.name,
        anchor=f"op-{op.name}",
        summary=op.summary or op.source,
        description=op.description,
        section=op.source.split(" / ")[0].strip(),
        source=op.source,
        method=op.method,
        path=op.path,
        auth=op.auth,
        deprecated=_deprecated(op),
        params=tuple(_param_row(spec, p) for p in op.params),
        body=body,
        body_fields=tuple(walker.rows),
        rules=tuple(dict.fromkeys(walker.rules)) + _response_only_rule(op),
        returns=returns,
        responses=responses,
        response_fields=_response_fields(spec, op),
        errors=_error_docs(spec, op),
        example=example,
        example_title=example_title,
    )


def _response_only_rule(op: Operation) -> tuple[str, ...]:
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
