"""The package README's reference: each type described once, each operation by what is its own.

The HTML page of `shipspec docs` shows every operation whole, its body
flattened into JSON Pointer rows, to be read one operation at a time. The
README is read top to bottom and ships in every wheel; laid out the same way
it repeated a type in every operation that uses it (CartonCloud's
InboundOrder, with all its nested types, three times) and the error list in
every operation. So here:

- every named type has one entry (its fields with their types, constraints
  and descriptions, its rules across fields), and operations, fields and
  error formats link to it;
- the error statuses every operation may answer are listed once, and an
  operation lists only the statuses it adds;
- client-level parameters are described once (given to the Client);
- an operation keeps what is particular to it: its request, parameters,
  body and result types, response-only fields, warnings, deprecation, file
  parts, and a call to copy with the `client` of the README's "Use" section.

The words are the ones `reference.py` decides for the HTML page, so the two
cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from generator.concepts import paging
from generator.emit.openapi_operation import section
from generator.emit.operation_view import call_outline
from generator.emit.readme_examples import ExampleCode, readme_examples
from generator.emit.reference import (
    StatusDoc,
    body_text,
    deprecated_text,
    error_docs,
    response_docs,
    response_only_rule,
)
from generator.emit.reference_fields import Row, param_row, rule_words, type_text, with_item_rules
from generator.spec.model import Operation, Shape, Spec, TypeDef
from generator.spec.reach import reached


def type_anchor(name: str) -> str:
    return f"type-{name}"


class TypeNames:
    """Shows a named type as a Markdown link to its entry under Types, when it has one."""

    def __init__(self, described: Iterable[str]) -> None:
        self.described = frozenset(described)

    def __call__(self, name: str) -> str:
        return f"[{name}](#{type_anchor(name)})" if name in self.described else name


@dataclass(frozen=True)
class TypeEntry:
    name: str
    anchor: str
    members: str  # a union: its members, linked, and how they are told apart; "" otherwise
    fields: tuple[Row, ...]  # by wire name, types linked
    rules: tuple[str, ...]  # across its fields


@dataclass(frozen=True)
class ReadmeOperation:
    name: str
    anchor: str
    summary: str
    call: str  # `client.name(path_param, body, required=...)`
    description: str
    source: str
    method: str
    path: str
    auth: bool
    deprecated: str  # "" when not deprecated
    params: tuple[Row, ...]  # its own; the client-level ones are described once
    body: str  # "" without a body; its type linked
    rules: tuple[str, ...]  # particular to this request (fields only responses carry)
    paging: str  # how its iter_ method pages, "" when it is not paged
    returns: str
    responses: tuple[StatusDoc, ...]
    errors: tuple[StatusDoc, ...]  # beyond the ones (almost) every operation may answer
    replaced: tuple[int, ...]  # of its errors, the shared statuses it answers in another way
    unanswered: tuple[int, ...]  # of the shared statuses, the ones this one does not answer
    example: ExampleCode  # a call on the README's `client` (readme_examples.py)


@dataclass(frozen=True)
class ReadmeReference:
    sections: tuple[tuple[str, tuple[str, ...]], ...]  # document section -> its operations
    client_params: tuple[Row, ...]
    shared_errors: tuple[StatusDoc, ...]  # most operations may answer these
    operations: tuple[ReadmeOperation, ...]
    types: tuple[TypeEntry, ...]


def _members(typedef: TypeDef, names: TypeNames) -> str:
    if not typedef.is_union:
        return ""
    told = (
        f"told apart by `{typedef.discriminator}`"
        if typedef.discriminator
        else "told apart by the fields present"
    )
    return f"One of {', '.join(names(m) for m in typedef.one_of)}, {told}."


def type_entry(spec: Spec, typedef: TypeDef, names: TypeNames) -> TypeEntry:
    fields = tuple(
        Row(
            name=field.wire_name,
            type=type_text(spec, field.shape, names),
            required=field.required,
            rules=with_item_rules(field.shape),
            description=field.shape.description,
        )
        for field in typedef.fields
    )
    return TypeEntry(
        name=typedef.name,
        anchor=type_anchor(typedef.name),
        members=_members(typedef, names),
        fields=fields,
        rules=tuple(dict.fromkeys(rule_words(rule) for rule in typedef.rules)),
    )


def _operation(
    spec: Spec, op: Operation, names: TypeNames, shared: tuple[StatusDoc, ...], example: ExampleCode
) -> ReadmeOperation:
    returns, responses = response_docs(spec, op, names)
    errors = error_docs(spec, op, names)
    answered, common = {e.status for e in errors}, {e.status for e in shared}
    return ReadmeOperation(
        name=op.name,
        anchor=f"op-{op.name}",
        summary=op.summary,  # without one, the document section (said once) names it
        call=call_outline(op),
        description=op.description,
        source=op.source,
        method=op.method,
        path=op.path,
        auth=op.auth,
        deprecated=deprecated_text(op),
        params=tuple(param_row(spec, p) for p in op.params if not p.from_client),
        body=body_text(spec, op, names),
        rules=response_only_rule(op),
        paging=_paging(op),
        returns=returns,
        responses=responses,
        errors=tuple(e for e in errors if e not in shared),
        replaced=tuple(e.status for e in errors if e not in shared and e.status in common),
        unanswered=tuple(e.status for e in shared if e.status not in answered),
        example=example,
    )


def _paging(op: Operation) -> str:
    """The iter_ method of a paged operation: how it asks for a page and knows the last."""
    style = paging.style_of(op.paging) if op.paging is not None else None
    param = paging.find_param(op, style.request_param) if style is not None else None
    if op.paging is None or style is None or param is None:
        return ""
    first = "none on the first call" if style.cursor else f"from {op.paging.first_page}"
    return (
        f"`client.iter_{op.name}(...)` takes the same arguments but `{param.python_name}` and"
        f" yields every item, page after page: it asks with `{param.wire_name}` ({first}), and"
        f" {style.reference_words()}"
    )


def _shared_errors(spec: Spec, names: TypeNames) -> tuple[StatusDoc, ...]:
    """The error statuses (with exception and formats) more than half the operations answer.

    Listed once; an operation then names only how it differs (Active Ants'
    get_status, sent without credentials, answers no 401), so a status most
    operations share is not repeated in each of them.
    """
    lists = [error_docs(spec, op, names) for op in spec.operations]
    counts: dict[StatusDoc, int] = {}
    for docs in lists:
        for doc in docs:
            counts[doc] = counts.get(doc, 0) + 1
    shared = (doc for doc, count in counts.items() if 2 * count > len(lists))
    return tuple(sorted(shared, key=lambda doc: doc.status))


def documented_types(spec: Spec) -> tuple[TypeDef, ...]:
    """The types requests carry (bodies, parameters), in the spec's order.

    These are the types whose fields the README described before it had a
    Types part: what a caller builds, with the rules checked before sending.
    Answers, error bodies and webhook payloads are named by type (linked
    when a request carries the same type); their fields are listed in the
    HTML reference (`shipspec docs`), `openapi.yaml` and the JSON Schemas.
    """
    roots: list[Shape | None] = [p.shape for p in spec.client_params]
    for op in spec.operations:
        roots += [op.body, *(p.shape for p in op.params)]
    reach = reached({t.name: t for t in spec.types}, roots)
    return tuple(t for t in spec.types if t.name in reach)


def _sections(spec: Spec) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The operations by the top of their document section, in the order sections appear."""
    grouped: dict[str, list[str]] = {}
    for op in spec.operations:
        grouped.setdefault(section(op.source), []).append(op.name)
    return tuple((section, tuple(names)) for section, names in grouped.items())


def readme_reference(spec: Spec) -> ReadmeReference:
    described = documented_types(spec)
    names = TypeNames(t.name for t in described)
    shared = _shared_errors(spec, names)
    examples = readme_examples(spec)
    return ReadmeReference(
        sections=_sections(spec),
        client_params=tuple(
            replace(param_row(spec, p), python_name=p.python_name, description=p.shape.description)
            for p in spec.client_params
        ),
        shared_errors=shared,
        operations=tuple(
            _operation(spec, op, names, shared, examples[op.name]) for op in spec.operations
        ),
        types=tuple(type_entry(spec, t, names) for t in described),
    )
