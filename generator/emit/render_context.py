"""The view of a Spec that templates lay out: every name, type and import decided.

Templates only place text; anything that needs a decision (an annotation,
an import, a docstring, which credentials a scheme takes) is made here or
in the view modules it gathers: operation_view, auth_view, webhook_view,
package_exports and package_tests.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from typing import Any

from generator import __version__
from generator.concepts import multipart, rate_limit, server_variables
from generator.concepts.servers import default_server
from generator.concepts.status_errors import STATUS_ERRORS
from generator.emit import package_exports, package_tests, runtime_parts
from generator.emit.auth_view import AuthView, auth_summary, auth_view
from generator.emit.jsonschema_files import types_ref_prefix
from generator.emit.mock_tests import mock_sections
from generator.emit.operation_view import (
    ArgView,
    OperationView,
    PagingView,
    operation_view,
    paging_view,
)
from generator.emit.python_types import annotation, body_annotation, lazy_type
from generator.emit.readme_reference import ReadmeReference, readme_reference
from generator.emit.webhook_view import (
    SignatureView,
    WebhookView,
    webhook_exports_import,
    webhook_imports,
    webhook_view,
)
from generator.spec.model import Paging, Spec

# The views were first written here; their names stay importable from here.
__all__ = [
    "ArgView",
    "AuthView",
    "ClientParamView",
    "Context",
    "ErrorFormatView",
    "OperationView",
    "PagingView",
    "SignatureView",
    "WebhookView",
    "annotation",
    "auth_summary",
    "auth_view",
    "body_annotation",
    "build_context",
    "lazy_type",
    "operation_view",
    "paging_view",
    "webhook_view",
]


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
    """Decided values are fields; the spec's own values are read through (properties)."""

    spec: Spec
    base_error: str
    servers: dict[str, str]
    default_server: str | None
    batched: bool  # some operation is a batch with per-item failures (batch.py)
    path_lists: bool  # some path parameter is a list in one segment (path_lists.py)
    user_agent: str
    operations: tuple[OperationView, ...]
    auth: AuthView
    webhooks: tuple[WebhookView, ...]
    webhook_imports: tuple[str, ...]
    webhook_exports_import: tuple[str, ...]
    error_formats: tuple[ErrorFormatView, ...]
    client_params: tuple[ClientParamView, ...]
    exports: list[str]
    error_exports: list[str]
    tests: frozenset[str]  # which behaviour tests the spec gives cases for
    mock_tests: frozenset[str]  # which integration tests against the mock it declares
    mock_test_names: list[str]
    rate_limit: dict[str, Any] | None  # rate_limit.as_data: the provider's own wait headers
    server_variables: dict[str, tuple[str, tuple[str, ...]]]  # name -> (default, allowed)
    client_abc_import: str
    client_package_import: str
    paging_sample_headers: dict[str, str]
    behaviour_imports: tuple[str, ...]
    webhook_test_imports: tuple[str, ...]
    reference: ReadmeReference  # the README's reference: types, shared errors, operations
    binary: bool = False  # some operation answers bytes (BinaryContent)
    # the error table most operations share: _operations' default, spelt once
    common_errors: dict[int, tuple[str, ...]] = dataclass_field(default_factory=dict)
    # operation -> its file parts (name, required, content types, max bytes): concepts/multipart
    multipart: dict[str, Any] = dataclass_field(default_factory=dict)
    checks: str = ""
    shipspec_version: str = __version__  # recorded in the package metadata and LICENSE
    package_version: str = "1.0.0"  # the package's own; `version` is the API document's
    status_errors: tuple[tuple[int, str], ...] = STATUS_ERRORS  # _errors.STATUS_ERRORS
    read_timeout: float = 60.0
    connect_timeout: float = 10.0

    @property
    def spec_path(self) -> str:
        return self.spec.spec_path

    @property
    def provider(self) -> str:
        return self.spec.provider

    @property
    def package(self) -> str:
        return self.spec.package

    @property
    def distribution(self) -> str:
        return f"{self.spec.provider}-client"

    @property
    def title(self) -> str:
        return self.spec.title

    @property
    def version(self) -> str:
        return self.spec.version

    @property
    def types_ref_prefix(self) -> str:
        """How the JSON Schemas `$ref` a type of schemas/types.json (the README shows it)."""
        return types_ref_prefix(self.spec)

    @property
    def description_line(self) -> str:
        return (
            f"Validated, typed Python client for the {self.spec.title}"
            f" (generated by shipspec {__version__})"
        )

    @property
    def headers(self) -> dict[str, str]:
        return dict(self.spec.headers)

    @property
    def operation_names(self) -> tuple[str, ...]:
        return tuple(op.name for op in self.spec.operations)

    @property
    def operations_with_body(self) -> list[str]:
        return sorted(op.name for op in self.spec.operations if op.body is not None)

    @property
    def envelope(self) -> Any:
        return self.spec.envelope

    @property
    def paging(self) -> Any:
        return self.spec.paging

    @property
    def paging_convention(self) -> Paging:
        return self.spec.paging or Paging()


def _error_formats(spec: Spec) -> tuple[ErrorFormatView, ...]:
    """Each error body format, its model built lazily (models import on first use)."""
    return tuple(
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
    )


def _common_errors(operations: tuple[OperationView, ...]) -> dict[int, tuple[str, ...]]:
    """The error table most operations share (the first of the most shared: deterministic)."""
    tables: list[tuple[tuple[int, tuple[str, ...]], ...]] = [
        tuple(op.errors.items()) for op in operations
    ]
    if not tables:
        return {}
    counts = Counter(tables)
    common = max(tables, key=counts.__getitem__)
    return dict(common)


def _client_params(spec: Spec) -> tuple[ClientParamView, ...]:
    """Parameters set once on the client; an optional one defaults to not sent."""
    return tuple(
        ClientParamView(
            p.python_name,
            annotation(p.shape) + ("" if p.required else " | None = None"),
        )
        for p in spec.client_params
    )


def build_context(spec: Spec, checks: str, *, package_version: str = "1.0.0") -> Context:
    """Every decision the templates need, made once per package."""
    tests = package_tests.behaviour_tests(spec)
    mock_tests = mock_sections(spec)
    operations = tuple(operation_view(spec, op) for op in spec.operations)
    return Context(
        spec=spec,
        base_error=package_exports.base_error(spec),
        servers={name: url.rstrip("/") for name, url in spec.servers},  # paths start with "/"
        default_server=default_server(spec),
        batched=any(op.batch for op in spec.operations),
        path_lists=any(p.list_style for op in spec.operations for p in op.params),
        user_agent=_user_agent(spec, package_version),
        operations=operations,
        auth=auth_view(spec),
        webhooks=tuple(webhook_view(spec, h) for h in spec.webhooks),
        webhook_imports=webhook_imports(spec),
        webhook_exports_import=webhook_exports_import(spec),
        error_formats=_error_formats(spec),
        client_params=_client_params(spec),
        exports=package_exports.package_exports(spec),
        error_exports=package_exports.error_exports(spec),
        tests=tests,
        mock_tests=mock_tests,
        mock_test_names=package_tests.mock_test_names(mock_tests),
        rate_limit=rate_limit.as_data(spec.rate_limit),
        server_variables=server_variables.as_data(spec.server_variables),
        client_abc_import=package_exports.client_abc_import(spec),
        client_package_import=package_exports.client_package_import(spec),
        paging_sample_headers=package_tests.paging_headers(spec),
        binary=package_exports.answers_binary(spec),
        common_errors=_common_errors(operations),
        multipart=multipart.runtime_table(spec.operations),
        behaviour_imports=package_tests.behaviour_imports(
            spec.package, tests, form_answers="form" in runtime_parts.answers(spec)
        ),
        webhook_test_imports=package_tests.webhook_test_imports(spec.package, tests),
        checks=checks,
        reference=readme_reference(spec),
        package_version=package_version,
    )


def _user_agent(spec: Spec, package_version: str) -> str:
    return f"{spec.provider}-client/{package_version} (shipspec {__version__})"


def for_package(context: Context, checks: str, *, package_version: str) -> Context:
    """`context` for another `checks` text and package version; nothing else is decided again.

    load_checked builds the context once (to render the validators that judge
    the examples) and render_package reuses it: building it is a large part
    of a cold build, and the version is only known after the spec is loaded.
    """
    return replace(
        context,
        checks=checks,
        package_version=package_version,
        user_agent=_user_agent(context.spec, package_version),
    )
