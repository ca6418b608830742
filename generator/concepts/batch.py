"""Batch operations whose success carries per-item failures.

    create_orders:
      body: {type: array, items: Order}
      responses: {"200": BatchResult}
      batch:
        items: ""                    # the item array in the request ("" = the body itself)
        succeeded: /createdOrders    # the accepted items in the answer
        failed: /failedOrders        # the refused items in the answer
        failed_item: /order          # within a refused entry: the item as sent
        failed_errors: /errors       # within a refused entry: the provider's messages
        success_count: /successCount
        failure_count: /errorsCount

A 200 that refuses some items is a partial success: the client returns the
typed answer, emits a `PartialSuccessWarning` naming the first refusal, and
`partial_failures(result)` lists each refused item (its typed model) with the
provider's messages. The mock takes the batch item by item: valid items are
created (and stored, with `mock: {store, key}`), invalid ones are listed as
failed with the validation messages, the counts are filled in; a problem
outside the items still refuses the whole request.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator.concepts import leniency
from generator.spec import diagnostic_codes as codes
from generator.spec import pointer as json_pointer
from generator.spec.diagnostic_codes import Code
from generator.spec.loader import child_pointer
from generator.spec.model import Batch, Operation, Spec

_POINTER_WORDS = (
    "items",
    "succeeded",
    "failed",
    "failed_item",
    "failed_errors",
    "success_count",
    "failure_count",
)


def build(
    raw: dict[str, Any], pointer: str, error: Callable[[str, str, Code], None]
) -> Batch | None:
    """The operation's batch declaration, checked for what its words can say alone."""
    declared = raw.get("batch")
    if declared is None:
        return None
    here = child_pointer(pointer, "batch")
    if "body" not in raw:
        error(here, "a batch operation needs a body holding its items", codes.BAD_BATCH)
    for word in _POINTER_WORDS:
        value = declared.get(word)
        if value and not value.startswith("/"):
            error(
                child_pointer(here, word),
                f"'{value}' is not a JSON Pointer (start it with /)",
                codes.BAD_BATCH,
            )
    return Batch(**{word: declared.get(word) for word in _POINTER_WORDS})


def runtime_view(op: Operation) -> tuple[str, str, str] | None:
    """What the client needs: where refused entries are, and their item and messages."""
    if op.batch is None:
        return None
    return (op.batch.failed, op.batch.failed_item, op.batch.failed_errors)


def mock_view(op: Operation) -> dict[str, Any] | None:
    if op.batch is None:
        return None
    return {word: getattr(op.batch, word) for word in _POINTER_WORDS}


def mock_case(spec: Spec, op: Operation, example: dict[str, Any], broken: Any) -> dict[str, Any]:
    """A batch of the example's first item and a broken copy of it, sent past validation."""
    assert op.batch is not None
    items = json_pointer.get(example["body"], op.batch.items)
    bad_items = json_pointer.get(broken, op.batch.items)
    body = json_pointer.with_value(example["body"], op.batch.items, [items[0], bad_items[0]])
    return {
        "id": op.name,
        "example": {**example, "kwargs": {**example["kwargs"], "body": body}},
        "batch": mock_view(op),
    }


def broken_item_case(op: Operation, cases: list[Any]) -> Any | None:
    """A payload whose first item breaks a limit (a too-long reference), not its shape.

    The provider echoes a refused item in its answer, which is parsed on
    type and shape only (leniency.py): an item refused for a limit comes back
    whole, so that is the refusal the generated test plays.
    """
    if op.batch is None:
        return None
    prefix = op.batch.items + "/0/"
    return next(
        (
            c.payload
            for c in cases
            if (c.pointer + "/").startswith(prefix) and c.problem_rule in leniency.LIMIT_RULES
        ),
        None,
    )


def is_item_case(op: Operation, pointer: str) -> bool:
    """Whether a validation case breaks an item of a batch (refused alone, not with a 400)."""
    return op.batch is not None and (pointer + "/").startswith(op.batch.items + "/0/")
