"""Which sections a generated package's own tests have, and the imports those need.

A test module imports exactly the names its sections use (ruff checks the
generated tests), so the sections are decided before the imports are.
"""

from __future__ import annotations

from generator.emit import naming
from generator.spec.model import Spec


def paging_headers(spec: Spec) -> dict[str, str]:
    """Headers of a first page of three (10 a page, 25 in all), for the paging test."""
    paging = spec.paging
    if paging is None:
        return {}
    values = {
        paging.page_number_header: str(paging.first_page),
        paging.page_size_header: "10",
        paging.total_pages_header: "3",
        paging.total_elements_header: "25",
        paging.link_header: '<https://example.com/list?page=2>; rel="next"',
    }
    return {name: value for name, value in values.items() if name}


def behaviour_tests(spec: Spec) -> frozenset[str]:
    """The behaviour tests the spec gives cases for."""
    ops = spec.operations
    present = {
        "errors": any(op.errors for op in ops),
        "warnings": any(r.warning for op in ops for r in op.responses),
        "envelope": spec.envelope is not None and any(op.enveloped for op in ops),
        "deprecated": any(op.deprecated for op in ops),
        "cached": any(op.cache_ttl for op in ops),
        "signed_webhooks": any(hook.signature for hook in spec.webhooks),
        "standard_webhooks": any(hook.header_signature for hook in spec.webhooks),
    }
    return frozenset(name for name, found in present.items() if found)


def behaviour_imports(package: str, tests: frozenset[str], form_answers: bool) -> tuple[str, ...]:
    """The import block of tests/test_behaviour.py for the sections it has (urlencode
    and json only where some answer is a form, or the cached test compares JSON)."""
    names = ["Client"]
    if "errors" in tests:
        names.append("APIStatusError")
    if "envelope" in tests:
        names.append("EnvelopeError")
    if "warnings" in tests:
        names += ["ResponseWarning", "response_status", "response_warning"]
    lines = ["import json"] if form_answers or "cached" in tests else []
    if "deprecated" in tests:
        lines.append("import re")
    lines += ["import warnings", "from typing import Any"]
    lines += [*(["from urllib.parse import urlencode"] if form_answers else []), ""]
    lines.append("import httpx")
    if tests & {"errors", "warnings", "envelope", "deprecated"}:
        lines.append("import pytest")
    lines += ["", f"from {package} import {', '.join(sorted(names, key=naming.import_order))}"]
    if "errors" in tests:
        lines.append(f"from {package}._errors import error_class")
    return tuple(lines)


def webhook_test_imports(package: str, tests: frozenset[str]) -> tuple[str, ...]:
    """The import block of tests/test_webhooks.py."""
    lines = ["import json", "from typing import Any", ""]
    if "standard_webhooks" in tests:
        lines.insert(1, "import time")
    if "signed_webhooks" in tests or "standard_webhooks" in tests:
        lines.append("import pytest")
        lines.append("")
    return (*lines, f"import {package} as package")


def mock_test_names(mock_tests: frozenset[str]) -> list[str]:
    """The package names tests/test_mock.py imports for the sections it has."""
    return sorted(
        ["AsyncClient", "Client"]
        + (["APIStatusError"] if "rejections" in mock_tests else [])
        + (["ConflictError"] if "conflicts" in mock_tests else [])
        + (["NotFoundError"] if "deletions" in mock_tests else [])
        + (["PartialSuccessWarning", "partial_failures"] if "batches" in mock_tests else [])
        + (["AuthenticationError"] if "auth" in mock_tests else [])
        + (["response_status"] if "sandbox_cases" in mock_tests else []),
        key=naming.import_order,
    )
