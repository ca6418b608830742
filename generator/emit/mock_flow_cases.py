"""How each mock-test case is built from the spec's `mock` and `sandbox` declarations.

A case is the data one generated integration test runs: the example calls
of a store's flow (create, read, update, delete, list, mark) or a sandbox
trigger, and what the mock must answer. mock_tests gathers them by kind.
"""

from __future__ import annotations

import copy
from typing import Any

from generator.concepts import standard_webhooks
from generator.emit.mock_data import mock_param
from generator.spec.mock_model import MockOperation, MockWebhook, SandboxRule
from generator.spec.model import Operation, Spec

Cases = dict[str, list[dict[str, Any]]]


def _pointer_set(document: Any, pointer: str, value: Any) -> Any:
    """Set every value at `pointer`, where "*" stands for each array item."""
    result = copy.deepcopy(document)
    tokens = [t for t in pointer.split("/") if t]
    targets = [result]
    for token in tokens[:-1]:
        following: list[Any] = []
        for target in targets:
            if token == "*" and isinstance(target, list):
                following.extend(target)
            elif isinstance(target, dict) and isinstance(target.get(token), dict | list):
                following.append(target[token])
        targets = following
    for target in targets:
        if isinstance(target, list) and tokens[-1] == "*":
            target[:] = [value for _ in target]
        elif isinstance(target, dict):
            target[tokens[-1]] = value
    return result


def _by_action(spec: Spec, store: str, action: str) -> Operation | None:
    return next(
        (
            op
            for op in spec.operations
            if op.mock is not None and op.mock.store == store and op.mock.action == action
        ),
        None,
    )


def create_cases(
    spec: Spec,
    op: Operation,
    mock: MockOperation,
    examples: dict[str, dict[str, Any]],
    cases: Cases,
) -> None:
    """A create's flows: read back, updated with a stale version, deleted, delivered."""
    read = _by_action(spec, mock.store, "read")
    param = mock_param(read) if read is not None else None
    if read is not None and param is not None:
        case = {
            "id": f"{op.name}->{read.name}",
            "create": examples[op.name],
            "read": read.name,
            "param": param.python_name,
            "key": mock.key,
            "read_example": examples[read.name],
        }
        cases["round_trips"].append(case)
        conflict = _conflict_case(spec, op, case, examples)
        if conflict is not None:
            cases["conflicts"].append(conflict)
    deletion = _deletion(spec, op, examples)
    if deletion is not None:
        cases["deletions"].append(deletion)
    if mock.webhook is not None:
        cases["deliveries"].append(
            {"id": op.name, "create": examples[op.name], "webhook": mock.webhook.name}
            | _standard_delivery(spec, mock.webhook)
        )


def _conflict_case(
    spec: Spec, create: Operation, case: dict[str, Any], examples: dict[str, dict[str, Any]]
) -> dict[str, Any] | None:
    """A round trip, then an update with a stale version: the mock's 409."""
    mock = create.mock
    assert mock is not None
    update = _by_action(spec, mock.store, "update")
    version = mock_param(update, "version_param") if update is not None else None
    if update is None or version is None:
        return None
    return {
        **case,
        "id": f"{create.name}->{update.name}",
        "update": update.name,
        "version_param": version.python_name,
        "version": mock.version,
        "update_example": examples[update.name],
    }


def sync_case(
    spec: Spec, op: Operation, mock: MockOperation, examples: dict[str, dict[str, Any]]
) -> dict[str, Any] | None:
    """Marked entities leave the store's listing (a sync flag)."""
    listing = _by_action(spec, mock.store, "list")
    if listing is None:
        return None
    return {
        "id": op.name,
        "mark": examples[op.name],
        "list": examples[listing.name],
        "items": listing.mock.items if listing.mock else "",
        "key": listing.mock.key if listing.mock else "",
        "ids": mock.ids,
    }


def sandbox_cases(
    spec: Spec, rule: SandboxRule, examples: dict[str, dict[str, Any]], cases: Cases
) -> None:
    """A sandbox trigger's case, and its status progression if it declares one."""
    target = _op(spec, rule.operation or "")
    if target is None or target.name not in examples:
        return
    example = examples[target.name]
    if rule.when_pointer is not None and (rule.then or rule.respond):
        body = _pointer_set(example["body"], rule.when_pointer, rule.trigger)
        cases["sandbox_cases"].append(
            {
                "id": f"{target.name}:{rule.when_pointer}",
                "example": {**example, "kwargs": {**example["kwargs"], "body": body}},
                "then": dict(rule.then or {}),
                "respond": rule.respond,
            }
        )
    if rule.sequence:
        progression = _progression(spec, target, rule, example)
        if progression is not None:
            cases["progressions"].append(progression)


def _progression(
    spec: Spec, op: Operation, rule: SandboxRule, example: dict[str, Any]
) -> dict[str, Any] | None:
    if op.mock is None:
        return None
    read = _by_action(spec, op.mock.store, "read")
    param = mock_param(read) if read is not None else None
    if read is None or param is None:
        return None
    return {
        "id": op.name,
        "create": example,
        "read": read.name,
        "param": param.python_name,
        "key": op.mock.key,
        "field": rule.field,
        "sequence": list(rule.sequence),
        "every": rule.every_seconds,
    }


def _standard_delivery(spec: Spec, webhook: MockWebhook) -> dict[str, Any]:
    """For a delivery signed in headers: the whsec_ secret, and the event type to expect."""
    hook = next((h for h in spec.webhooks if h.name == webhook.name), None)
    if hook is None or hook.header_signature is None:
        return {}
    event = (webhook.event or hook.name) if hook.event_header else None
    return {"standard": True, "secret": standard_webhooks.TEST_SECRET, "event": event}


def _paging_run(
    op: Operation, mock: MockOperation, create: dict[str, Any], examples: dict[str, Any]
) -> dict[str, Any]:
    """Five entities created, then listed two a page by the operation's own paging style."""
    required = {p.python_name for p in op.params if p.required}
    kwargs = examples[op.name]["kwargs"]
    return {
        "id": op.name,
        "create": create,
        "iterate": f"iter_{op.name}",
        "kwargs": {k: v for k, v in kwargs.items() if k in required},
        "key": mock.key,
        "created": 5,
        "page_size": 2,
        # a list sorted newest first (`sort: descending`) shows the last created first
        "newest_first": mock.newest_first,
    }


def _op(spec: Spec, name: str) -> Operation | None:
    return next((op for op in spec.operations if op.name == name), None)


def paging_case(
    spec: Spec, op: Operation, mock: MockOperation, examples: dict[str, dict[str, Any]]
) -> dict[str, Any] | None:
    """A paged list of the entities its store's create makes."""
    create = _by_action(spec, mock.store, "create")
    if create is None:
        return None
    entity = (create.mock.entity if create.mock else None) or ""
    case = _paging_run(op, mock, examples[create.name], examples)
    return {**case, "created_key": entity + mock.key}


def _deletion(
    spec: Spec, create: Operation, examples: dict[str, dict[str, Any]]
) -> dict[str, Any] | None:
    """Create, delete, then read (a 404) and list (left out): the `delete` action's case."""
    if create.mock is None:
        return None
    store = create.mock.store
    delete, read = _by_action(spec, store, "delete"), _by_action(spec, store, "read")
    delete_param = mock_param(delete) if delete is not None else None
    read_param = mock_param(read) if read is not None else None
    if delete is None or delete_param is None:
        return None
    listing = _by_action(spec, store, "list")
    listing = listing if listing is not None and listing.paging is None else None
    return {
        "id": f"{create.name}->{delete.name}",
        "create": examples[create.name],
        "key": create.mock.key,
        "delete": delete.name,
        "delete_param": delete_param.python_name,
        "delete_example": examples[delete.name],
        "read": read.name if read is not None and read_param is not None else None,
        "read_param": read_param.python_name if read_param is not None else None,
        "read_example": examples[read.name] if read is not None else None,
        "list": listing.name if listing is not None else None,
        "list_example": examples[listing.name] if listing is not None else None,
        "items": listing.mock.items if listing is not None and listing.mock else "",
        "list_key": listing.mock.key if listing is not None and listing.mock else "",
    }
