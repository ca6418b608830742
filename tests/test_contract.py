"""Contract tests with Schemathesis: each provider's mock against its exported OpenAPI.

A bounded run per operation, valid and invalid requests alike, over loopback
HTTP: no server error, no response that breaks its schema, and no request
that breaks the schema accepted.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import negative_data_rejection, response_schema_conformance

from tests.paths import GENERATED, PROVIDERS
from tests.serving import Served

CHECKS = [not_a_server_error, response_schema_conformance, negative_data_rejection]
Mocks = dict[str, tuple[object, str, dict[str, str]]]
EXAMPLES = 8


def _operations() -> Iterator[tuple[str, str]]:
    for provider in PROVIDERS:
        schema = schemathesis.openapi.from_path(GENERATED / provider / "openapi.yaml")
        for operation in schema.get_all_operations():
            yield provider, operation.ok().label


@pytest.fixture(scope="module")
def mocks() -> Iterator[Mocks]:
    running: Mocks = {}
    servers = []
    for provider in PROVIDERS:
        sys.path.insert(0, str(GENERATED / provider))
        testing = importlib.import_module(f"{provider}_client.testing")
        mock = testing.MockProvider()
        served = Served(mock.app).__enter__()
        servers.append(served)
        auth = testing.AUTH
        headers: dict[str, str] = {}
        if auth["documented_token"]:
            headers = {"Authorization": f"Bearer {auth['documented_token']}"}
        elif auth["scheme"] == "session_cookie":
            headers = {"Cookie": f"{auth['cookie']}={next(iter(mock.credentials.values()))}"}
        running[provider] = (mock, served.url, headers)
    yield running
    for served in servers:
        served.__exit__()


@pytest.mark.parametrize(
    "mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=lambda m: m.value
)
@pytest.mark.parametrize(("provider", "label"), list(_operations()), ids=lambda v: str(v))
def test_mock_honours_its_contract(
    provider: str,
    label: str,
    mode: GenerationMode,
    mocks: dict[str, tuple[Any, str, dict[str, str]]],
) -> None:
    _, url, headers = mocks[provider]
    schema = schemathesis.openapi.from_path(GENERATED / provider / "openapi.yaml")
    operation = next(o.ok() for o in schema.get_all_operations() if o.ok().label == label)
    # Valid requests carry credentials; invalid ones may also lack them, as the mutation decides.
    sent_headers = headers if mode is GenerationMode.POSITIVE else None

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def exercise(case: Any) -> None:
        case.call_and_validate(base_url=url, headers=sent_headers, checks=CHECKS)

    try:
        exercise()
    except Unsatisfiable:
        # Nothing about this operation can be made invalid (no parameters, no body).
        assert mode is GenerationMode.NEGATIVE
