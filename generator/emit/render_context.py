"""The view of a Spec that templates lay out: every name, type and import decided.

Templates only place text; anything that needs a decision (an annotation,
an import, a docstring, which credentials a scheme takes) is made here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any, assert_never

from generator import __version__
from generator.concepts import auth as auth_concept
from generator.concepts import (
    auth_static,
    batch,
    multipart,
    rate_limit,
    server_variables,
    standard_webhooks,
)
from generator.concepts import paging as paging_styles
from generator.concepts.servers import default_server
from generator.concepts.status_errors import STATUS_ERRORS
from generator.emit import naming
from generator.emit.mock_tests import mock_sections
from generator.emit.models_emit import pinned_field_names
from generator.emit.openapi_emit import accept_header
from generator.emit.reference import ReferenceDoc, reference_doc
from generator.spec.model import (
    HeaderSignature,
    Operation,
    Paging,
    Param,
    Response,
    Shape,
    Spec,
    Webhook,
)

_PRIMITIVE_ANNOTATIONS = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}


def auth_summary(spec: Spec) -> str:
    """One line on how the client authenticates, for READMEs and docs."""
    return auth_concept.of(spec.auth).summary


def lazy_type(shape: Shape) -> str:
    """An expression building the runtime type of `shape`, models resolved on first use."""
    match shape.kind:
        case "ref":
            result = f"_models().{shape.ref}"
        case "array":
            assert shape.items is not None
            result = f"_array({lazy_type(shape.items)})"
        case "map":
            assert shape.values is not None
            result = f"_map({lazy_type(shape.values)})"
        case "string" | "integer" | "number" | "boolean" | "union" | "any":
            result = annotation(Shape(kind=shape.kind, types=shape.types))
        case _:
            assert_never(shape.kind)
    return f"_nullable({result})" if shape.nullable else result


def annotation(shape: Shape | None, *, models: str = "models.") -> str:
    """The Python annotation of a parsed value of `shape`."""
    if shape is None:
        return "None"
    match shape.kind:
        case "ref":
            result = f"{models}{shape.ref}"
        case "array":
            result = f"list[{annotation(shape.items, models=models)}]"
        case "map":
            result = f"dict[str, {annotation(shape.values, models=models)}]"
        case "union":
            result = " | ".join(_PRIMITIVE_ANNOTATIONS[k] for k in shape.types)
        case "string" | "integer" | "number" | "boolean" | "any":
            result = _PRIMITIVE_ANNOTATIONS.get(shape.kind, "Any")
        case _:
            assert_never(shape.kind)
    return f"{result} | None" if shape.nullable else result


@dataclass(frozen=True)
class ArgView:
    python_name: str
    annotation: str


@dataclass(frozen=True)
class PagingView:
    page_param: str  # the Python name of the parameter that asks for a page (number or cursor)
    first_page: str  # Python source of the first call's value (a number, or None for a cursor)
    item_type: str
    items_expr: str  # how the items are read off `raw.parsed`
    rule: str  # Python source of the runtime rule, e.g. `_paging.ShortPage()`


def paging_view(spec: Spec, op: Operation) -> PagingView | None:
    paging = op.paging
    style = paging_styles.style_of(paging) if paging is not None else None
    param = paging_styles.find_param(op, style.request_param) if style is not None else None
    if paging is None or style is None or param is None:
        return None  # the loader has refused the spec already
    shape = op.success.shape
    expr = "list(raw.parsed)"
    if paging.items_field and shape is not None and shape.kind == "ref":
        field = next(
            f for f in spec.type(shape.ref or "").fields if f.wire_name == paging.items_field
        )
        name = pinned_field_names(spec).get(f"{shape.ref}.{field.wire_name}", field.python_name)
        expr, shape = f"list(raw.parsed.{name} or [])", field.shape
    item = annotation(shape.items) if shape is not None and shape.items is not None else "Any"
    args = ", ".join(f"{k}={v!r}" for k, v in style.runtime_args(param).items())
    return PagingView(
        param.python_name,
        "None" if style.cursor else repr(paging.first_page),
        item,
        expr,
        f"_paging.{style.name}({args})",
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


def body_annotation(shape: Shape) -> str:
    """A request body: the pydantic model or its TypedDict (so mypy checks a dict literal)."""
    match shape.kind:
        case "ref":
            result = f"models.{shape.ref} | models.{shape.ref}Dict"
        case "array":
            assert shape.items is not None
            result = f"list[{body_annotation(shape.items)}]"
        case "map":
            assert shape.values is not None
            result = f"dict[str, {body_annotation(shape.values)}]"
        case "string" | "integer" | "number" | "boolean" | "union" | "any":
            return annotation(shape)
        case _:
            assert_never(shape.kind)
    return f"{result} | None" if shape.nullable else result


def _body_arg(op: Operation) -> str:
    """What a method hands its flow as the body (a multipart upload bundles its files)."""
    if op.body_encoding == "multipart":
        return multipart.upload_arg(op.files, op.body is not None)
    return "body" if op.body is not None else "None"


def operation_view(spec: Spec, op: Operation) -> OperationView:
    """Arguments as the anchors order them: path parameters, then the body, then keywords."""
    own = tuple(p for p in op.params if not p.from_client)
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
    success = op.success
    deprecated = None
    if op.deprecated:
        deprecated = f"use {op.deprecated.replacement} instead"
        if op.deprecated.note:
            deprecated += f" ({op.deprecated.note})"
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
        deprecated=deprecated,
        enveloped=op.enveloped,
        cache_ttl=op.cache_ttl,
        headers=dict(op.headers),
        paging=paging_view(spec, op),
        batch=batch.runtime_view(op),
        docstring=_docstring(op),
        summary=op.summary or op.source,
        source=op.source,
        accept=accept_header(spec, op),
    )


@dataclass(frozen=True)
class AuthView:
    scheme: str
    summary: str
    needs_token: bool
    credentials: tuple[Any, ...]
    credential_names: tuple[str, ...]
    token_operation: str | None
    token_field: str | None
    expires_at: str | None
    expires_at_format: str | None
    expires_at_zone: str
    expires_in: str | None
    headers: tuple[tuple[str, str], ...]
    cookie: str | None
    basic_user: str | None
    basic_password: str | None
    imports: tuple[str, ...]
    static: tuple[dict[str, Any], ...] = ()  # auth_static.Sent rows, as data
    refresh_token: str | None = None  # OAuth2: the token response's refresh-token field
    query_credentials: tuple[str, ...] = ()  # query parameters that carry a credential


def auth_view(spec: Spec) -> AuthView:
    auth = spec.auth
    needs_token = auth.operation is not None
    imports = ["import base64", "import time", *(["from typing import Any"] if needs_token else [])]
    if auth.expires_at and not auth.expires_in:
        imports.insert(1, "import datetime as _dt")
        if auth.expires_at_zone != "UTC":
            imports.append("from zoneinfo import ZoneInfo")  # stdlib "from" imports sort last
    in_query = tuple(s.name for s in auth_static.sent(auth) if s.location == "query")
    if in_query:  # httpx logs URLs: a filter shows the key there as ***
        imports[imports.index("import time") : imports.index("import time")] = ["import logging"]
        imports += ["", "import httpx"]
    if needs_token:
        imports.append("")
        imports.append(
            f"from ._operations import {naming.constant_name(auth.operation or '')}, OperationInfo"
        )
    credentials = auth.credentials
    return AuthView(
        scheme=auth.scheme,
        summary=auth_summary(spec),
        static=tuple(auth_static.as_data(auth)),
        query_credentials=in_query,
        needs_token=needs_token,
        credentials=credentials,
        credential_names=tuple(c.python_name for c in credentials),
        token_operation=naming.constant_name(auth.operation) if auth.operation else None,
        token_field=auth.token_field,
        expires_at=auth.expires_at,
        expires_at_format=auth.expires_at_format or "%Y-%m-%dT%H:%M:%S",
        expires_at_zone=auth.expires_at_zone,
        expires_in=auth.expires_in,
        refresh_token=auth.refresh_token,
        headers=auth.headers,
        cookie=auth.cookie,
        basic_user=credentials[0].python_name if len(credentials) > 1 else None,
        basic_password=credentials[1].python_name if len(credentials) > 1 else None,
        imports=tuple(imports),
    )


@dataclass(frozen=True)
class SignatureView:
    field: str
    fields: tuple[str, ...]
    separator: str
    encode_expr: str
    summary: str


@dataclass(frozen=True)
class WebhookView:
    name: str
    payload: str
    event_field: str | None
    signature: SignatureView | None
    source: str
    description: str = ""
    events: tuple[tuple[str, str], ...] = ()  # event value -> its documented meaning
    standard: HeaderSignature | None = None  # signed in headers (concepts/standard_webhooks)
    standard_summary: str = ""
    event_header: str | None = None


def _events(spec: Spec, hook: Webhook) -> tuple[tuple[str, str], ...]:
    """The documented values of the webhook's event field, for the README."""
    payload = spec.type(hook.payload)
    for field in payload.fields if not payload.is_union else ():
        if field.wire_name == hook.event_field:
            return tuple((str(e.value), e.meaning) for e in field.shape.constraints.enum)
    return ()


def webhook_view(spec: Spec, hook: Webhook) -> WebhookView:
    signature = None
    if hook.signature:
        sig = hook.signature
        encode = "digest.hex()" if sig.encoding == "hex" else "base64.b64encode(digest).decode()"
        joined = sig.separator.join(sig.message_fields)
        signature = SignatureView(
            sig.field,
            sig.message_fields,
            sig.separator,
            encode,
            f"HMAC-SHA256 of '{joined}', {sig.encoding}-encoded",
        )
    return WebhookView(
        hook.name,
        hook.payload,
        hook.event_field,
        signature,
        hook.source,
        hook.description,
        _events(spec, hook),
        hook.header_signature,
        standard_webhooks.summary(hook.header_signature) if hook.header_signature else "",
        hook.event_header,
    )


@dataclass(frozen=True)
class ErrorFormatView:
    name: str
    model: str
    message_field: str | None
    messages_field: str | None
    item_message: str | None
    item_pointer: str | None
    field_messages: str | None


@dataclass(frozen=True)
class ClientParamView:
    python_name: str
    annotation: str  # `| None = None` for an optional header or query one (then not sent)


@dataclass(frozen=True)
class Context:
    spec: Spec
    spec_path: str
    provider: str
    package: str
    distribution: str
    title: str
    version: str
    description_line: str
    base_error: str
    servers: dict[str, str]
    default_server: str | None
    batched: bool  # some operation is a batch with per-item failures (batch.py)
    path_lists: bool  # some path parameter is a list in one segment (path_lists.py)
    headers: dict[str, str]
    user_agent: str
    read_timeout: float
    connect_timeout: float
    operations: tuple[OperationView, ...]
    auth: AuthView
    webhooks: tuple[WebhookView, ...]
    webhook_imports: tuple[str, ...]
    webhook_exports_import: tuple[str, ...]
    error_formats: tuple[ErrorFormatView, ...]
    client_params: tuple[ClientParamView, ...]
    exports: list[str]
    error_exports: list[str]
    operation_names: tuple[str, ...]
    operations_with_body: list[str]
    envelope: Any
    tests: frozenset[str]  # which behaviour tests the spec gives cases for
    mock_tests: frozenset[str]  # which integration tests against the mock it declares
    mock_test_names: list[str]
    paging: Any
    paging_convention: Paging
    rate_limit: dict[str, Any] | None  # rate_limit.as_data: the provider's own wait headers
    server_variables: dict[str, tuple[str, tuple[str, ...]]]  # name -> (default, allowed)
    client_abc_import: str
    client_package_import: str
    paging_sample_headers: dict[str, str]
    behaviour_imports: tuple[str, ...]
    webhook_test_imports: tuple[str, ...]
    binary: bool = False  # some operation answers bytes (BinaryContent)
    # operation -> its file parts (name, required, content types, max bytes): concepts/multipart
    multipart: dict[str, Any] = dataclass_field(default_factory=dict)
    checks: str = ""
    reference: ReferenceDoc | None = None  # README reference section
    shipspec_version: str = __version__  # recorded in the package metadata and LICENSE
    package_version: str = "1.0.0"  # the package's own; `version` is the API document's
    status_errors: tuple[tuple[int, str], ...] = STATUS_ERRORS  # _errors.STATUS_ERRORS


_ERROR_EXPORTS = (
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "EnvelopeError",
    "InternalServerError",
    "MethodNotAllowedError",
    "NotFoundError",
    "PagingError",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestMayHaveBeenProcessed",
    "RequestMayHaveBeenProcessedTimeout",
    "ServiceUnavailableError",
    "UndocumentedStatusError",
    "UnprocessableEntityError",
    "UnsupportedMediaTypeError",
    "ValidationError",
    "WebhookSignatureError",
)


def _webhook_names(spec: Spec) -> list[str]:
    names = []
    for hook in spec.webhooks:
        names.append(f"parse_{hook.name}")
        if hook.signature or hook.header_signature:
            names += [f"sign_{hook.name}", f"verify_{hook.name}"]
    if any(hook.header_signature for hook in spec.webhooks):
        names.append("SignedDelivery")
    return names


def _paging_headers(spec: Spec) -> dict[str, str]:
    """Headers of a first page of three (10 a page, 25 in all), for the paging test."""
    paging = spec.paging
    if paging is None:
        return {}
    values = {
        paging.page_number_header: str(paging.first_page),
        paging.page_size_header: "10",
        paging.total_pages_header: "3",
        paging.total_elements_header: "25",
        paging.link_header: '<https://example.com/list?page=2>; rel="next"',
    }
    return {name: value for name, value in values.items() if name}


def _behaviour_tests(spec: Spec) -> frozenset[str]:
    ops = spec.operations
    present = {
        "errors": any(op.errors for op in ops),
        "warnings": any(r.warning for op in ops for r in op.responses),
        "envelope": spec.envelope is not None and any(op.enveloped for op in ops),
        "deprecated": any(op.deprecated for op in ops),
        "cached": any(op.cache_ttl for op in ops),
        "signed_webhooks": any(hook.signature for hook in spec.webhooks),
        "standard_webhooks": any(hook.header_signature for hook in spec.webhooks),
    }
    return frozenset(name for name, found in present.items() if found)


def _behaviour_imports(package: str, tests: frozenset[str]) -> tuple[str, ...]:
    """The import block of tests/test_behaviour.py for the sections it has."""
    names = ["Client"]
    if "errors" in tests:
        names.append("APIStatusError")
    if "envelope" in tests:
        names.append("EnvelopeError")
    if "warnings" in tests:
        names += ["ResponseWarning", "response_status", "response_warning"]
    lines = ["import json"]
    if "deprecated" in tests:
        lines.append("import re")
    lines += ["import warnings", "from typing import Any", "from urllib.parse import urlencode", ""]
    lines.append("import httpx")
    if tests & {"errors", "warnings", "envelope", "deprecated"}:
        lines.append("import pytest")
    lines += ["", f"from {package} import {', '.join(sorted(names, key=naming.import_order))}"]
    if "errors" in tests:
        lines.append(f"from {package}._errors import error_class")
    return tuple(lines)


def _webhook_test_imports(package: str, tests: frozenset[str]) -> tuple[str, ...]:
    lines = ["import json", "from typing import Any", ""]
    if "standard_webhooks" in tests:
        lines.insert(1, "import time")
    if "signed_webhooks" in tests or "standard_webhooks" in tests:
        lines.append("import pytest")
        lines.append("")
    return (*lines, f"import {package} as package")


def build_context(spec: Spec, checks: str, *, package_version: str = "1.0.0") -> Context:
    paged = any(op.paging for op in spec.operations)  # then the client needs _paging
    base_error = f"{naming.pascal_case(spec.provider)}Error"
    hooks = tuple(webhook_view(spec, h) for h in spec.webhooks)
    webhook_imports = [
        "import json",
        "from collections.abc import Mapping",
        "from typing import TYPE_CHECKING, Any" if spec.webhooks else "from typing import Any",
        "",
    ]
    standard = any(h.header_signature for h in spec.webhooks)
    if standard:
        webhook_imports = [
            *("import base64", "import binascii", "import hashlib", "import hmac"),
            *("import json", "import time", "from collections.abc import Mapping"),
            "from dataclasses import dataclass",
            "from typing import TYPE_CHECKING, Any, Generic, TypeVar",
            "",
        ]
    if any(h.signature for h in spec.webhooks) and not standard:
        webhook_imports[:0] = ["import hashlib", "import hmac"]
    base64_body = any(h.signature and h.signature.encoding == "base64" for h in spec.webhooks)
    if base64_body and not standard:
        webhook_imports.insert(0, "import base64")
    if any(h.signature for h in spec.webhooks) or standard:
        webhook_imports += ["from ._errors import WebhookSignatureError"]
    if spec.webhooks:
        webhook_imports += [
            "from ._operations import FROM_PROVIDER, _models",
            "",
            "if TYPE_CHECKING:",
            "    from . import models",
        ]
    hook_names = _webhook_names(spec)
    binary = any(r.encoding == "binary" for op in spec.operations for r in op.responses)
    exports_import = (
        (f"from ._webhooks import {', '.join(sorted(hook_names))}",) if hook_names else ()
    )
    # isort's order (ruff's too): case-insensitive within classes
    error_exports = sorted([*_ERROR_EXPORTS, base_error], key=naming.import_order)
    batched = any(op.batch for op in spec.operations)
    exports = sorted(
        [
            *error_exports,
            "AsyncClient",
            *(["BinaryContent"] if binary else []),
            "Client",
            "OPERATIONS",
            *(["PageInfo"] if spec.paging else []),
            "Problem",
            "RawResponse",
            "ResponseWarning",
            *(["ItemFailure", "PartialSuccessWarning", "partial_failures"] if batched else []),
            "models",
            "response_status",
            "response_warning",
            "validate",
            "validate_params",
            *hook_names,
        ]
    )
    servers = {name: url.rstrip("/") for name, url in spec.servers}  # paths start with "/"
    return Context(
        spec=spec,
        spec_path=spec.spec_path,
        provider=spec.provider,
        package=spec.package,
        distribution=f"{spec.provider}-client",
        title=spec.title,
        version=spec.version,
        description_line=(
            f"Validated, typed Python client for the {spec.title}"
            f" (generated by shipspec {__version__})"
        ),
        base_error=base_error,
        servers=servers,
        default_server=default_server(spec),
        batched=batched,
        path_lists=any(p.list_style for op in spec.operations for p in op.params),
        headers=dict(spec.headers),
        user_agent=f"{spec.provider}-client/{package_version} (shipspec {__version__})",
        read_timeout=60.0,
        connect_timeout=10.0,
        operations=tuple(operation_view(spec, op) for op in spec.operations),
        auth=auth_view(spec),
        webhooks=hooks,
        webhook_imports=tuple(webhook_imports),
        webhook_exports_import=exports_import,
        error_formats=tuple(
            ErrorFormatView(
                f.name,
                f"lambda: {lazy_type(f.shape)}" if f.shape else "None",
                f.message_field,
                f.messages_field,
                f.item_message,
                f.item_pointer,
                f.field_messages,
            )
            for f in spec.error_formats
        ),
        client_params=tuple(
            ClientParamView(
                p.python_name,
                annotation(p.shape) + ("" if p.required else " | None = None"),
            )
            for p in spec.client_params
        ),
        exports=exports,
        error_exports=error_exports,
        operation_names=tuple(op.name for op in spec.operations),
        envelope=spec.envelope,
        tests=(tests := _behaviour_tests(spec)),
        mock_tests=(mock_tests := mock_sections(spec)),
        mock_test_names=sorted(
            ["AsyncClient", "Client"]
            + (["APIStatusError"] if "rejections" in mock_tests else [])
            + (["ConflictError"] if "conflicts" in mock_tests else [])
            + (["NotFoundError"] if "deletions" in mock_tests else [])
            + (["PartialSuccessWarning", "partial_failures"] if "batches" in mock_tests else [])
            + (["AuthenticationError"] if "auth" in mock_tests else [])
            + (["response_status"] if "sandbox_cases" in mock_tests else []),
            key=naming.import_order,
        ),
        paging=spec.paging,
        paging_convention=spec.paging or Paging(),
        rate_limit=rate_limit.as_data(spec.rate_limit),
        server_variables=server_variables.as_data(spec.server_variables),
        client_abc_import="from collections.abc import "
        + ", ".join(
            (["AsyncIterator"] if paged else [])
            + ["Generator"]
            + (["Iterator"] if paged else [])
            + ["Mapping"]
        ),
        client_package_import="from . import "
        + ", ".join(
            ["_core", "_errors"]
            + (["_multipart"] if multipart.runtime_table(spec.operations) else [])
            + (["_paging"] if paged else [])
            + ["_retries"]
        ),
        paging_sample_headers=_paging_headers(spec),
        binary=binary,
        multipart=multipart.runtime_table(spec.operations),
        behaviour_imports=_behaviour_imports(spec.package, tests),
        webhook_test_imports=_webhook_test_imports(spec.package, tests),
        operations_with_body=sorted(op.name for op in spec.operations if op.body is not None),
        checks=checks,
        reference=reference_doc(spec, auth_summary=auth_summary(spec)),
        package_version=package_version,
    )
