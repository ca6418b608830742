"""What a generated package exports, and the import lines its client module needs.

Which names exist depends on the spec (paging, binary answers, batches,
webhooks), so `__init__.py` and `_client.py` take them ready-made, in
isort's order (ruff's too: case-insensitive within classes).
"""

from __future__ import annotations

from generator.concepts import multipart
from generator.emit import naming
from generator.emit.webhook_view import webhook_names
from generator.spec.model import Spec

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


def base_error(spec: Spec) -> str:
    """The provider's own root exception, e.g. `NovatechError`."""
    return f"{naming.pascal_case(spec.provider)}Error"


def error_exports(spec: Spec) -> list[str]:
    """Every error class, the provider's root among them, for `__init__.py` and `_errors.py`."""
    return sorted([*_ERROR_EXPORTS, base_error(spec)], key=naming.import_order)


def answers_binary(spec: Spec) -> bool:
    """Some operation answers bytes (then the package exports BinaryContent)."""
    return any(r.encoding == "binary" for op in spec.operations for r in op.responses)


def package_exports(spec: Spec) -> list[str]:
    """`__all__` of the package: the errors, the clients and what the spec adds."""
    batched = any(op.batch for op in spec.operations)
    return sorted(
        [
            *error_exports(spec),
            "AsyncClient",
            *(["BinaryContent"] if answers_binary(spec) else []),
            "Client",
            "OPERATIONS",
            *(["PageInfo"] if spec.paging else []),
            "Problem",
            "RawResponse",
            "RequestOptions",
            "ResponseWarning",
            *(["ItemFailure", "PartialSuccessWarning", "partial_failures"] if batched else []),
            "models",
            "response_status",
            "response_warning",
            "validate",
            "validate_params",
            *webhook_names(spec),
        ]
    )


def _paged(spec: Spec) -> bool:
    return any(op.paging for op in spec.operations)  # then the client needs _paging


def client_abc_import(spec: Spec) -> str:
    """The iterators only a client with paged operations uses."""
    paged = _paged(spec)
    return "from collections.abc import " + ", ".join(
        (["AsyncIterator"] if paged else [])
        + ["Callable", "Coroutine", "Generator"]
        + (["Iterator"] if paged else [])
        + ["Mapping"]
    )


def client_package_import(spec: Spec) -> str:
    """The runtime modules the client uses: multipart and paging only when needed."""
    return "from . import " + ", ".join(
        ["_core", "_errors"]
        + (["_multipart"] if multipart.runtime_table(spec.operations) else [])
        + (["_paging"] if _paged(spec) else [])
        + ["_retries"]
    )
