"""Per-operation behaviour cases for the generated tests: error and warning statuses,
failed envelopes, deprecations and caching.
"""

from __future__ import annotations

from typing import Any

from generator.concepts import (
    error_formats,
)
from generator.emit.cases import sample
from generator.emit.example_tests import first_by_operation
from generator.spec.model import Envelope, ErrorFormat, Operation, Spec


def _error_sample(spec: Spec, fmt: ErrorFormat) -> dict[str, Any]:
    """A body in this error format and the messages the client must extract from it."""
    if error_formats.kind(fmt) == "text":
        text = fmt.texts[0][1] if fmt.texts else "The request could not be processed"
        return {"json": None, "text": text, "problems": [text], "field_problems": []}
    assert fmt.shape is not None
    body = fmt.example.value if fmt.example else sample(spec, fmt.shape)
    problems, fields = error_formats.expected_messages(fmt, body)
    return {"json": body, "text": None, "problems": problems, "field_problems": fields}


def behaviour_cases(spec: Spec, examples: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Error and warning statuses, failed envelopes, deprecations and caching, by operation."""
    first = first_by_operation(examples)
    formats = {f.name: f for f in spec.error_formats}
    cases: dict[str, list[dict[str, Any]]] = {
        "error_cases": [],
        "warning_cases": [],
        "envelope_cases": [],
        "deprecated_cases": [],
        "cached_cases": [],
    }
    for op in spec.operations:
        example = first[op.name]
        cases["error_cases"] += _error_cases(spec, op, example, formats)
        cases["warning_cases"] += _warning_cases(spec, op, example)
        if op.enveloped and spec.envelope is not None:
            cases["envelope_cases"].append(_envelope_case(spec.envelope, op, example))
        if op.deprecated:
            cases["deprecated_cases"].append(
                {"id": op.name, "example": example, "replacement": op.deprecated.replacement}
            )
        if op.cache_ttl:
            cases["cached_cases"].append({"id": op.name, "example": example})
    return cases


def _error_cases(
    spec: Spec, op: Operation, example: dict[str, Any], formats: dict[str, ErrorFormat]
) -> list[dict[str, Any]]:
    """One case per documented error status, in the status's first error format."""
    cases = []
    for status, names in op.errors:
        fmt = formats[names[0]]
        cases.append(
            {
                "id": f"{op.name}:{status}:{fmt.name}",
                "example": example,
                "status": status,
                **_error_sample(spec, fmt),
            }
        )
    return cases


def _warning_cases(spec: Spec, op: Operation, example: dict[str, Any]) -> list[dict[str, Any]]:
    """One case per warning status, answered with the example's body where it is that status."""
    cases = []
    for response in op.responses:
        if response.warning:
            body = (
                example["response"]
                if example["status"] == response.status
                else (sample(spec, response.shape) if response.shape else None)
            )
            cases.append(
                {
                    "id": f"{op.name}:{response.status}",
                    "example": example,
                    "status": response.status,
                    "warning": response.warning,
                    "response": body,
                }
            )
    return cases


def _envelope_case(env: Envelope, op: Operation, example: dict[str, Any]) -> dict[str, Any]:
    """A failed envelope: the first failure verdict (or anything but ok), no result."""
    verdict = env.failures[0] if env.failures else "NOT-" + env.ok[0]
    body = {env.status_field: verdict, env.result_field: None}
    problems = []
    if env.message_field:
        body[env.message_field] = "The request could not be processed"
        problems = ["The request could not be processed"]
    return {"id": op.name, "example": example, "response": body, "problems": problems}
