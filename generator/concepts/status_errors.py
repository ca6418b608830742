"""Status -> error class: the one table, read by the runtime template and the reference docs.

templates/_errors.py.jinja renders its STATUS_ERRORS from this table (the
classes themselves, with their docstrings, live in the template), and
reference.py names the same classes in each package's README.
"""

from __future__ import annotations

STATUS_ERRORS: tuple[tuple[int, str], ...] = (
    (400, "BadRequestError"),
    (401, "AuthenticationError"),
    (403, "PermissionDeniedError"),
    (404, "NotFoundError"),
    (405, "MethodNotAllowedError"),
    (409, "ConflictError"),
    (415, "UnsupportedMediaTypeError"),
    (422, "UnprocessableEntityError"),
    (429, "RateLimitError"),
    (500, "InternalServerError"),
    (503, "ServiceUnavailableError"),
)


def error_class(status: int) -> str:
    """The exception a generated client raises for an error status (as _errors.error_class)."""
    named = dict(STATUS_ERRORS)
    if status in named:
        return named[status]
    return "InternalServerError" if status >= 500 else "APIStatusError"
