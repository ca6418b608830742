"""The cases a package's integration tests run against its provider mock.

Derived from the spec's `mock` and `sandbox` declarations, so every
declared behaviour (a create read back, a sandbox trigger, a version
conflict, a sync flag, a webhook delivery) has a test that exercises it.
"""

from __future__ import annotations

from typing import Any

from generator.concepts import auth as auth_concept
from generator.concepts import batch
from generator.emit.cases import operation_cases
from generator.emit.mock_flow_cases import (
    Cases,
    create_cases,
    paging_case,
    sandbox_cases,
    sync_case,
)
from generator.spec.model import Spec

_KINDS = (
    "round_trips",
    "sandbox_cases",
    "progressions",
    "conflicts",
    "syncs",
    "deliveries",
    "pagings",
    "deletions",
    "batches",
)


def mock_cases(spec: Spec, examples: dict[str, dict[str, Any]]) -> Cases:
    """Case lists by kind; `examples` maps an operation to its first example test."""
    cases: Cases = {kind: [] for kind in _KINDS}
    for op in spec.operations:
        mock = op.mock
        if mock is None or not mock.store:
            continue
        if mock.action == "create":
            create_cases(spec, op, mock, examples, cases)
        if mock.action == "list" and op.paging is not None:
            paging = paging_case(spec, op, mock, examples)
            if paging is not None:
                cases["pagings"].append(paging)
        if mock.action == "mark":
            sync = sync_case(spec, op, mock, examples)
            if sync is not None:
                cases["syncs"].append(sync)
    for op in spec.operations:
        broken = batch.broken_item_case(op, operation_cases(spec, op))
        if broken is not None and examples[op.name].get("body") is not None:
            cases["batches"].append(batch.mock_case(spec, op, examples[op.name], broken))
    for rule in spec.sandbox:
        sandbox_cases(spec, rule, examples, cases)
    return cases


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
