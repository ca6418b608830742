"""One small spec per construct (tests/specs/): generated, and its own tests run against its mock.

The generated tests talk HTTP to the generated mock served by uvicorn on
127.0.0.1, so each spec proves both sides play the construct: the client
sends the API key / token / Basic credentials / client-level parameters,
and the mock refuses a request without them.
"""

from __future__ import annotations

import importlib
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from generator.cli.main import main

SPECS = Path(__file__).parent / "specs"
# This harness's constructs (issue 14, part 1); the others in tests/specs/ have
# their own: test_spec_constructs.py (paging, unions, ...), test_carrier_specs.py.
_OWN = ("auth", "clientparams", "idempotencykey", "oauth2refresh", "ratelimit", "servervariables")
CONSTRUCTS = sorted(p.stem for p in SPECS.glob("*.yaml") if p.stem.startswith(_OWN))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("constructs")
    (root / "specs").mkdir()
    for name in CONSTRUCTS:
        shutil.copy(SPECS / f"{name}.yaml", root / "specs" / f"{name}.yaml")
    assert main(["--project", str(root), "generate"]) == 0
    return root


@pytest.mark.parametrize("construct", CONSTRUCTS)
def test_generated_tests_pass_against_the_generated_mock(project: Path, construct: str) -> None:
    package = project / "generated" / construct
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=package,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout


def test_construct_packages_are_mypy_strict_and_ruff_clean(project: Path) -> None:
    packages = [str(project / "generated" / c / f"{c}_client") for c in CONSTRUCTS]
    for command in (
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *packages],
        [sys.executable, "-m", "ruff", "check", "--no-cache", *packages],
    ):
        result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
        assert result.returncode == 0, result.stdout + result.stderr


def _load(project: Path, construct: str) -> Iterator[ModuleType]:
    folder = str(project / "generated" / construct)
    sys.path.insert(0, folder)
    try:
        yield importlib.import_module(f"{construct}_client")
    finally:
        sys.path.remove(folder)
        for name in [m for m in sys.modules if m.split(".")[0] == f"{construct}_client"]:
            del sys.modules[name]


@pytest.fixture
def clientparams(project: Path) -> Iterator[ModuleType]:
    yield from _load(project, "clientparams")


def _recording() -> tuple[list[httpx.Request], httpx.Client]:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            201 if request.method == "POST" else 200, json={"id": "o1", "reference": "r"}
        )

    return seen, httpx.Client(transport=httpx.MockTransport(answer))


def test_client_params_in_header_and_query_go_on_every_call(clientparams: ModuleType) -> None:
    seen, http = _recording()
    with clientparams.Client(channel_id="web-1", account=7, http_client=http) as client:
        client.create_order({"reference": "PO-1"})
        client.get_order("o1")
    assert len(seen) == 2
    for request in seen:
        assert request.headers["X-Channel-Id"] == "web-1"
        assert request.url.params["accountId"] == "7"


def test_an_optional_client_param_is_sent_only_when_given(clientparams: ModuleType) -> None:
    without, http = _recording()
    with clientparams.Client(channel_id="web-1", account=7, http_client=http) as client:
        client.get_order("o1")
    given, http = _recording()
    with clientparams.Client(
        channel_id="web-1", account=7, api_version="2025-06", http_client=http
    ) as client:
        client.get_order("o1")
    assert "X-Api-Version" not in without[0].headers
    assert given[0].headers["X-Api-Version"] == "2025-06"


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"channel_id": "w"}, "/X-Channel-Id: must be 3 to 12 characters (got 1)"),
        ({"channel_id": "a-very-long-channel"}, "3 to 12 characters (got 19)"),
        ({"channel_id": "Web_1"}, "pattern"),
        ({"account": 0}, "at least 1"),
        ({"account": 1_000_000}, "at most 999999"),
        ({"api_version": "1999-01"}, "2024-01"),
    ],
)
def test_client_params_are_validated_before_any_io(
    clientparams: ModuleType, kwargs: dict[str, Any], words: str
) -> None:
    seen, http = _recording()
    client = clientparams.Client(
        **{"channel_id": "web-1", "account": 7, **kwargs}, http_client=http
    )
    with client, pytest.raises(clientparams.ValidationError) as raised:
        client.get_order("o1")
    assert not seen
    assert words in str(raised.value)


@pytest.mark.parametrize(
    ("construct", "kwargs", "where", "name", "value"),
    [
        ("authapikeyheader", {"api_key": "k-12345"}, "header", "X-API-Key", "k-12345"),
        ("authapikeyquery", {"api_key": "k-12345"}, "query", "apikey", "k-12345"),
        (
            "authbearer",
            {"access_token": "pat-12345"},
            "header",
            "Authorization",
            "Bearer pat-12345",
        ),
        (
            "authbasic",
            {"username": "ann", "password": "pw-12345"},
            "header",
            "Authorization",
            "Basic YW5uOnB3LTEyMzQ1",
        ),
    ],
)
def test_static_credentials_on_every_call_and_never_shown(
    project: Path, construct: str, kwargs: dict[str, str], where: str, name: str, value: str
) -> None:
    for module in _load(project, construct):
        seen, http = _recording()
        with module.Client(**kwargs, http_client=http) as client:
            client.create_order({"reference": "PO-1"})
            client.get_order("o1")
            shown = repr(client) + repr(client._auth) + client._auth.redact(str(seen[0].url))
        for request in seen:
            carried = request.headers if where == "header" else request.url.params
            assert carried[name] == value
        secret = list(kwargs.values())[-1]
        assert secret not in shown


@pytest.mark.parametrize(
    ("construct", "headers", "expected"),
    [
        ("ratelimitepoch", {"X-RateLimit-Reset": "1000005"}, 5.0),
        ("ratelimitepoch", {"X-RateLimit-Reset": "999990"}, 0.0),  # already reset: no wait
        ("ratelimitepoch", {"Retry-After": "2", "X-RateLimit-Reset": "1000005"}, 2.0),
        ("ratelimitepoch", {"X-Retry-After": "7"}, None),  # not this provider's header
        ("ratelimitdelta", {"X-Retry-After": "3"}, 3.0),
        ("ratelimitdelta", {"X-RateLimit-Reset": "4"}, 4.0),
        ("ratelimitdelta", {"X-RateLimit-Reset": "soon"}, None),
        ("ratelimitdelta", {"X-RateLimit-Reset": "100000"}, 60.0),  # capped
    ],
)
def test_the_providers_wait_headers_are_read_as_declared(
    project: Path, construct: str, headers: dict[str, str], expected: float | None
) -> None:
    for _ in _load(project, construct):
        retries = importlib.import_module(f"{construct}_client._retries")
        assert retries.asked_delay(httpx.Headers(headers), now=1_000_000.0) == expected


@pytest.fixture
def idempotencykey(project: Path) -> Iterator[ModuleType]:
    yield from _load(project, "idempotencykey")


def test_one_idempotency_key_per_call_reused_on_its_retries(idempotencykey: ModuleType) -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if len(seen) == 1:
            return httpx.Response(500)  # may have been processed: replayed only with a key
        return httpx.Response(201, json={"id": "o1", "reference": "PO-1"})

    http = httpx.Client(transport=httpx.MockTransport(answer))
    with idempotencykey.Client(api_key="k-12345", http_client=http) as client:
        client.create_order({"reference": "PO-1"})
        client.create_order({"reference": "PO-2"})
        client.create_order({"reference": "PO-3"}, extra_headers={"Idempotency-Key": "mine"})
    keys = [request.headers["Idempotency-Key"] for request in seen]
    assert len(keys) == 4
    assert keys[0] == keys[1] and len(keys[0]) == 36  # the retry of one call: one UUID
    assert keys[2] not in (keys[0], "mine") and keys[3] == "mine"


@pytest.mark.parametrize("construct", ["authapikeyquery", "authbasic"])
def test_a_refusal_that_echoes_the_credential_never_shows_it(
    project: Path, construct: str, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "s3cr3t-value-12345"
    kwargs = (
        {"api_key": secret}
        if construct == "authapikeyquery"
        else {"username": "ann", "password": secret}
    )

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            401, json={"message": f"credential {secret} is not valid ({request.url})"}
        )

    for module in _load(project, construct):
        http = httpx.Client(transport=httpx.MockTransport(answer))
        caplog.set_level("DEBUG")
        client = module.Client(**kwargs, http_client=http)
        with client, pytest.raises(module.AuthenticationError) as raised:
            client.get_order("o1")
        shown = str(raised.value) + repr(raised.value) + caplog.text + repr(client)
        assert secret not in shown


def _openapi(project: Path, construct: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(
        (project / "generated" / construct / "openapi.json").read_text("utf-8")
    )
    return document


@pytest.mark.parametrize(
    ("construct", "scheme"),
    [
        ("authapikeyheader", {"type": "apiKey", "in": "header", "name": "X-API-Key"}),
        ("authapikeyquery", {"type": "apiKey", "in": "query", "name": "apikey"}),
        ("authbearer", {"type": "http", "scheme": "bearer"}),
        ("authbasic", {"type": "http", "scheme": "basic"}),
    ],
)
def test_openapi_security_scheme_of_static_credentials(
    project: Path, construct: str, scheme: dict[str, str]
) -> None:
    document = _openapi(project, construct)
    schemes = document["components"]["securitySchemes"]
    (found,) = schemes.values()
    assert {word: value for word, value in found.items() if word != "description"} == scheme
    assert found["description"] == "Document section: Authentication."  # auth/source
    assert document["security"] == [{name: []} for name in schemes]


def test_openapi_carries_server_variables_idempotency_keys_and_wait_headers(project: Path) -> None:
    live = _openapi(project, "servervariables")["servers"][0]
    assert live["variables"]["region"] == {
        "default": "eu",
        "enum": ["eu", "us"],
        "description": "The data centre your account lives in.",
    }
    create = _openapi(project, "idempotencykey")["paths"]["/orders"]["post"]
    assert {"name": "Idempotency-Key", "in": "header"}.items() <= create["parameters"][-1].items()
    answers = _openapi(project, "ratelimitdelta")["paths"]["/orders"]["post"]["responses"]
    name = answers["429"]["$ref"].removeprefix("#/components/responses/")  # shared, once
    shared = _openapi(project, "ratelimitdelta")["components"]["responses"][name]
    assert set(shared["headers"]) == {"X-Retry-After", "X-RateLimit-Reset"}
