"""The view of one operation a client method is laid out from.

Every argument's annotation, the return type, the paging rule and the
docstring are decided here, so the client templates only place text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.concepts import batch, multipart
from generator.concepts import paging as paging_styles
from generator.emit import naming
from generator.emit.model_names import pinned_field_names
from generator.emit.openapi_emit import accept_header
from generator.emit.python_types import annotation, body_annotation, lazy_type
from generator.spec.model import Operation, Param, Response, Shape, Spec


@dataclass(frozen=True)
class ArgView:
    python_name: str
    annotation: str


# What every client method takes besides its own arguments (_client.RequestOptions).
OPTIONS = "**options: Unpack[RequestOptions]"


@dataclass(frozen=True)
class PagingView:
    page_param: str  # the Python name of the parameter that asks for a page (number or cursor)
    item_type: str
    signature: tuple[str, ...]  # iter_<operation>'s parameters: the operation's but the page
    # the module constant iter_ walks with (_paging.Pages: first page, rule, a page's items)
    pages_name: str
    pages: str  # its definition, e.g. `_LIST_ORDERS_PAGES: _paging.Pages[...] = _paging.Pages(...)`
    fetch: str  # how iter_ asks for one page: `lambda page: self.with_raw_response.<op>(...)`


def paging_view(spec: Spec, op: Operation) -> PagingView | None:
    """How the client's iter_ method asks for the next page and reads a page's items."""
    paging = op.paging
    style = paging_styles.style_of(paging) if paging is not None else None
    param = paging_styles.find_param(op, style.request_param) if style is not None else None
    if paging is None or style is None or param is None:
        return None  # the loader has refused the spec already
    shape = op.success.shape
    expr = "list(parsed)"
    if paging.items_field and shape is not None and shape.kind == "ref":
        field = next(
            f for f in spec.type(shape.ref or "").fields if f.wire_name == paging.items_field
        )
        name = pinned_field_names(spec).get(f"{shape.ref}.{field.wire_name}", field.python_name)
        expr, shape = f"list(parsed.{name} or [])", field.shape
    item = annotation(shape.items) if shape is not None and shape.items is not None else "Any"
    args = ", ".join(f"{k}={v!r}" for k, v in style.runtime_args(param).items())
    positional, keyword_required, keyword = _arguments(op, _own_params(op))
    keyword = tuple(a for a in keyword if a.python_name != param.python_name)
    name = f"_{naming.constant_name(op.name)}_PAGES"
    first = "None" if style.cursor else repr(paging.first_page)
    pages = (
        f"{name}: _paging.Pages[{annotation(op.success.shape)}, {item}] = _paging.Pages("
        f"{naming.py_string(op.name)}, {naming.py_string(param.python_name)}, {first}, "
        f"_paging.{style.name}({args}), lambda parsed: {expr})"
    )
    call = (
        *(a.python_name for a in positional),
        *(f"{a.python_name}={a.python_name}" for a in keyword_required + keyword),
        f"{param.python_name}={param.python_name}",
        "**options",
    )
    fetch = f"lambda {param.python_name}: self.with_raw_response.{op.name}({', '.join(call)})"
    signature = _signature(positional, keyword_required, keyword)
    return PagingView(param.python_name, item, signature, name, pages, fetch)


def _own_params(op: Operation) -> tuple[Param, ...]:
    """The parameters a method takes (the client fills in its own)."""
    return tuple(p for p in op.params if not p.from_client)


def _signature(
    positional: tuple[ArgView, ...],
    keyword_required: tuple[ArgView, ...],
    keyword: tuple[ArgView, ...],
) -> tuple[str, ...]:
    """A method's parameters as its def spells them: the anchors' order, then the options."""
    return (
        "self",
        *(f"{a.python_name}: {a.annotation}" for a in positional),
        *(["*"] if keyword_required or keyword else []),
        *(f"{a.python_name}: {a.annotation}" for a in keyword_required),
        *(f"{a.python_name}: {a.annotation} = None" for a in keyword),
        OPTIONS,
    )


@dataclass(frozen=True)
class OperationView:
    name: str
    constant: str
    method_name: str
    method: str
    path: str
    params: tuple[Param, ...]
    call_params: tuple[Param, ...]
    positional: tuple[ArgView, ...]  # path parameters, then the body
    keyword_required: tuple[ArgView, ...]  # other required parameters, keyword-only
    keyword: tuple[ArgView, ...]
    body_arg: str
    body_encoding: str
    auth: bool
    idempotent: bool
    idempotent_with: str | None  # idempotent only when this (optional) header is sent
    idempotency_key: str | None  # header the client fills with a per-call key
    success_statuses: tuple[int, ...]
    response_encoding: str
    lazy_response_type: str  # the same, spelt to resolve models on first use
    return_type: str
    errors: dict[int, tuple[str, ...]]
    warnings: dict[int, str]
    deprecated: str | None
    enveloped: bool
    cache_ttl: int | None
    headers: dict[str, str]
    paging: PagingView | None
    docstring: str
    summary: str
    source: str
    accept: str  # the Accept header: the media types of the documented responses
    batch: tuple[str, str, str] | None = None  # refused entries, their item and messages
    signature: tuple[str, ...] = ()  # the method's parameters as its def spells them
    # what the method hands self._call: the operation, its parameters, the body, the options
    call_args: tuple[str | tuple[str, ...], ...] = ()


def _docstring(op: Operation) -> str:
    lines = [f"{op.summary or op.source} ({op.method} {op.path})."]
    if op.description:
        lines += ["", op.description]
    if op.deprecated:
        lines += ["", f"Deprecated: use {op.deprecated.replacement} instead."]
    lines += ["", f"Document section: {op.source}."]
    text = "\n\n        ".join(part for part in "\n".join(lines).split("\n\n"))
    return naming.docstring(text)


def _idempotent_with(op: Operation) -> str | None:
    """An optional If-Match makes a PUT safe to replay only on the calls that send it."""
    if not op.idempotent or op.method != "PUT":
        return None
    for p in op.params:
        if p.location == "header" and p.wire_name.lower() == "if-match" and not p.required:
            return p.wire_name
    return None


def _response_type(success: Response, spelt: Callable[[Shape], str]) -> str:
    """The type a success parses into: its shape's, bytes with their media type, or None."""
    if success.encoding == "binary":
        return "BinaryContent"
    return spelt(success.shape) if success.shape else "type(None)"


def _body_arg(op: Operation) -> str:
    """What a method hands its flow as the body (a multipart upload bundles its files)."""
    if op.body_encoding == "multipart":
        return multipart.upload_arg(op.files, op.body is not None)
    return "body" if op.body is not None else "None"


def _deprecation(op: Operation) -> str | None:
    """The warning's words for a deprecated operation: its replacement, and why if told."""
    if not op.deprecated:
        return None
    deprecated = f"use {op.deprecated.replacement} instead"
    if op.deprecated.note:
        deprecated += f" ({op.deprecated.note})"
    return deprecated


def _arguments(
    op: Operation, own: tuple[Param, ...]
) -> tuple[tuple[ArgView, ...], tuple[ArgView, ...], tuple[ArgView, ...]]:
    """Positional, required keyword and optional keyword arguments, in the anchors' order."""
    positional = tuple(
        ArgView(p.python_name, annotation(p.shape))
        for p in own
        if p.required and p.location == "path"
    )
    if op.body is not None:
        positional = (*positional, ArgView("body", body_annotation(op.body)))
    keyword_required = tuple(
        ArgView(p.python_name, annotation(p.shape))
        for p in own
        if p.required and p.location != "path"
    )
    keyword = tuple(
        ArgView(p.python_name, f"{annotation(p.shape)} | None") for p in own if not p.required
    )
    keyword_required += tuple(
        ArgView(f.python_name, "_multipart.FileInput") for f in op.files if f.required
    )
    keyword += tuple(
        ArgView(f.python_name, "_multipart.FileInput | None") for f in op.files if not f.required
    )
    return positional, keyword_required, keyword


def call_outline(op: Operation) -> str:
    """`client.name(path_param, body, required=...)`: what a call must pass (the README's)."""
    positional, keyword_required, _ = _arguments(op, _own_params(op))
    args = [a.python_name for a in positional] + [f"{a.python_name}=..." for a in keyword_required]
    return f"client.{op.name}({', '.join(args)})"


def operation_view(spec: Spec, op: Operation) -> OperationView:
    """Arguments as the anchors order them: path parameters, then the body, then keywords."""
    own = _own_params(op)
    positional, keyword_required, keyword = _arguments(op, own)
    success = op.success
    return OperationView(
        name=op.name,
        constant=naming.constant_name(op.name),
        method_name=op.name,
        method=op.method,
        path=op.path,
        params=op.params,
        call_params=own,
        positional=positional,
        keyword_required=keyword_required,
        keyword=keyword,
        body_arg=_body_arg(op),
        body_encoding=op.body_encoding if op.body is not None or op.files else "none",
        auth=op.auth,
        idempotent=op.idempotent,
        idempotent_with=_idempotent_with(op),
        idempotency_key=op.idempotency_key,
        success_statuses=tuple(r.status for r in op.responses if r.status < 400),
        response_encoding=success.encoding,
        lazy_response_type=_response_type(success, lazy_type),
        return_type="BinaryContent" if success.encoding == "binary" else annotation(success.shape),
        errors=dict(op.errors),
        warnings={r.status: r.warning for r in op.responses if r.warning},
        deprecated=_deprecation(op),
        enveloped=op.enveloped,
        cache_ttl=op.cache_ttl,
        headers=dict(op.headers),
        paging=paging_view(spec, op),
        batch=batch.runtime_view(op),
        docstring=_docstring(op),
        summary=op.summary or op.source,
        source=op.source,
        accept=accept_header(spec, op),
        signature=_signature(positional, keyword_required, keyword),
        call_args=(
            f"ops.{naming.constant_name(op.name)}",
            tuple(f'"{p.python_name}": {p.python_name}' for p in own),
            _body_arg(op),
            "options",
        ),
    )
