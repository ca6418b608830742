"""Responses are judged on type and shape, never on request-side limits.

A provider's answer is what it is: a 200 that echoes a refused order (its
reference too long, a status value added since the document) must reach the
caller with the provider's own per-item errors, not as a validation error
about a limit written for requests. So value limits -- lengths, patterns,
ranges, `multipleOf`, item counts, uniqueness, enumerations -- are enforced
by pre-send validation only. Types, required fields, `const` and formats
(a date is a date) still hold in responses.

This module is the one list of those limits, by their JSON Schema keywords
(models_emit leaves them out of the pydantic models) and by their problem
rule ids (examples.py does not hold them against documented responses).
"""

from __future__ import annotations

from typing import Any

LIMIT_KEYWORDS = frozenset(
    {
        "enum",
        "x-enum-descriptions",
        "x-extensible-enum",
        "minLength",
        "maxLength",
        "pattern",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
        "minItems",
        "maxItems",
        "uniqueItems",
    }
)

LIMIT_RULES = frozenset(
    {
        "minLength",
        "maxLength",
        "pattern",
        "enum",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
        "minItems",
        "maxItems",
        "unique",
    }
)


def shape_problems(problems: list[Any]) -> list[Any]:
    """The problems a response may not have: those of type and shape, not of limits."""
    return [p for p in problems if p.rule not in LIMIT_RULES]
