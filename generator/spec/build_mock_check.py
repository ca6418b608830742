"""The mock's and the sandbox's declarations name things that exist.

Run after the operations and webhooks are built: a mock rule names
parameters, error formats, operations and webhooks, and a mock action
must fit the operation's success response.
"""

from __future__ import annotations

from generator.spec import diagnostic_codes as codes
from generator.spec.build_context import BuildContext
from generator.spec.build_sandbox_check import check_sandbox
from generator.spec.loader import child_pointer
from generator.spec.mock_model import MockOperation
from generator.spec.model import Operation, Webhook


def _check_provider_mock(ctx: BuildContext) -> None:
    """A rejection rule answers in a declared error format."""
    formats = set(ctx.raw.get("error_formats") or {})
    for name, rejection in (ctx.raw.get("mock") or {}).items():
        is_rule = isinstance(rejection, dict) and "status" in rejection
        if is_rule and rejection.get("format") not in formats:
            ctx.dangle(
                "/error_formats",
                f"/mock/{name}/format",
                f"unknown error format '{rejection.get('format')}'",
                codes.UNKNOWN_ERROR_FORMAT,
            )


def _check_params(ctx: BuildContext, op: Operation, mock: MockOperation, pointer: str) -> None:
    params = {p.key for p in op.params}
    for word, named in (("param", mock.param), ("version_param", mock.version_param)):
        if named is not None and named not in params:
            ctx.error(
                child_pointer(pointer, word),
                f"no parameter named '{named}'",
                codes.UNKNOWN_PARAMETER,
            )
    for word, keys in (("filters", mock.filters), ("ranges", mock.ranges)):
        for param, _ in keys:
            if param not in params:
                ctx.error(
                    child_pointer(pointer, word),
                    f"no parameter named '{param}'",
                    codes.UNKNOWN_PARAMETER,
                )


def _check_action(ctx: BuildContext, op: Operation, mock: MockOperation, pointer: str) -> None:
    """`batch` needs the operation's batch; `read` answers one entity, not a list."""
    successes = [r.shape for r in op.responses if r.status < 400]
    shape = successes[0] if successes else None
    if mock.action == "batch" and op.batch is None:
        ctx.error(
            child_pointer(pointer, "action"),
            "action 'batch' needs the operation's `batch` (where items and refusals are)",
            codes.BAD_MOCK,
        )
    listed = shape is not None and shape.kind == "array" and mock.entity is None
    if mock.action == "read" and listed:
        ctx.error(
            child_pointer(pointer, "action"),
            "action 'read' answers one entity, but the success response is an"
            " array: use action 'list' (or `entity` to place the one entity)",
            codes.BAD_MOCK,
        )


def _check_operation_mock(
    ctx: BuildContext, op: Operation, operations: dict[str, Operation], hooks: set[str]
) -> None:
    mock = op.mock
    if mock is None:
        return
    pointer = child_pointer(child_pointer("/operations", op.name), "mock")
    _check_params(ctx, op, mock, pointer)
    source = mock.lookup.operation if mock.lookup is not None else None
    if source is not None and source not in operations:
        where = child_pointer(child_pointer(pointer, "totals"), "lookup")
        message = f"no operation named '{source}'"
        ctx.error(child_pointer(where, "operation"), message, codes.UNKNOWN_OPERATION)
    _check_action(ctx, op, mock, pointer)
    hook = mock.webhook.name if mock.webhook is not None else None
    if hook is not None and hook not in hooks:
        message = f"no webhook named '{hook}'"
        ctx.error(child_pointer(pointer, "webhook"), message, codes.UNKNOWN_WEBHOOK)


def check_mock(
    ctx: BuildContext, operations: dict[str, Operation], webhooks: tuple[Webhook, ...]
) -> None:
    """The mock's declarations name parameters, formats and operations that exist."""
    _check_provider_mock(ctx)
    hooks = {hook.name for hook in webhooks}
    for op in operations.values():
        _check_operation_mock(ctx, op, operations, hooks)
    for index, rule in enumerate(ctx.raw.get("sandbox") or ()):
        if rule.get("operation") and rule["operation"] not in operations:
            ctx.dangle(
                "/operations",
                f"/sandbox/{index}/operation",
                f"no operation named '{rule['operation']}'",
                codes.UNKNOWN_OPERATION,
            )
    check_sandbox(ctx, operations)
