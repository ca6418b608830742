"""The cases a package's integration tests run against its provider mock.

Derived from the spec's `mock` and `sandbox` declarations, so every
declared behaviour (a create read back, a sandbox trigger, a version
conflict, a sync flag, a webhook delivery) has a test that exercises it.
"""

from __future__ import annotations

import copy
from typing import Any

from generator.concepts import auth as auth_concept
from generator.concepts import batch, standard_webhooks
from generator.emit.cases import operation_cases
from generator.emit.mock_data import mock_param
from generator.spec.mock_model import MockOperation, MockWebhook, SandboxRule
from generator.spec.model import Operation, Spec


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


def mock_cases(spec: Spec, examples: dict[str, dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Case lists by kind; `examples` maps an operation to its first example test."""
    cases: dict[str, list[dict[str, Any]]] = {
        "round_trips": [],
        "sandbox_cases": [],
        "progressions": [],
        "conflicts": [],
        "syncs": [],
        "deliveries": [],
        "pagings": [],
        "deletions": [],
        "batches": [],
    }
    for op in spec.operations:
        mock = op.mock
        if mock is None:
            continue
        store, action = mock.store, mock.action
        if action == "create" and store:
            read = _by_action(spec, store, "read")
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
                update = _by_action(spec, store, "update")
                version = mock_param(update, "version_param") if update is not None else None
                if update is not None and version is not None:
                    cases["conflicts"].append(
                        {
                            **case,
                            "id": f"{op.name}->{update.name}",
                            "update": update.name,
                            "version_param": version.python_name,
                            "version": mock.version,
                            "update_example": examples[update.name],
                        }
                    )
            deletion = _deletion(spec, op, examples)
            if deletion is not None:
                cases["deletions"].append(deletion)
            if mock.webhook is not None:
                cases["deliveries"].append(
                    {"id": op.name, "create": examples[op.name], "webhook": mock.webhook.name}
                    | _standard_delivery(spec, mock.webhook)
                )
        if action == "list" and store and op.paging is not None:
            create = _by_action(spec, store, "create")
            if create is not None:
                entity = (create.mock.entity if create.mock else None) or ""
                case = _paging_case(op, mock, examples[create.name], examples)
                cases["pagings"].append({**case, "created_key": entity + mock.key})
        if action == "mark" and store:
            listing = _by_action(spec, store, "list")
            if listing is not None:
                cases["syncs"].append(
                    {
                        "id": op.name,
                        "mark": examples[op.name],
                        "list": examples[listing.name],
                        "items": listing.mock.items if listing.mock else "",
                        "key": listing.mock.key if listing.mock else "",
                        "ids": mock.ids,
                    }
                )
    for op in spec.operations:
        broken = batch.broken_item_case(op, operation_cases(spec, op))
        if broken is not None and examples[op.name].get("body") is not None:
            cases["batches"].append(batch.mock_case(spec, op, examples[op.name], broken))
    for rule in spec.sandbox:
        target = _op(spec, rule.operation or "")
        if target is None or target.name not in examples:
            continue
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
    return cases


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


def _paging_case(
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


def mock_sections(spec: Spec) -> frozenset[str]:
    """Which integration tests the spec declares behaviour for."""
    examples: dict[str, dict[str, Any]] = {
        op.name: {"body": None, "kwargs": {}} for op in spec.operations
    }
    found = {name for name, cases in mock_cases(spec, examples).items() if cases}
    if auth_concept.of(spec.auth).authenticates:
        found.add("auth")
    if spec.mock.rejection("validation") is not None:
        found.add("rejections")
    if spec.headers:
        found.add("headers")
    if spec.rate_limit is not None:
        found.add("rate_limit")
    if spec.auth.refresh_token:
        found.add("refresh_tokens")
    if any(op.idempotency_key for op in spec.operations):
        found.add("idempotency_keys")
    return frozenset(found)


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
