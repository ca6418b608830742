"""Contract tests: each provider's mock held to its own OpenAPI export by independent tools.

Schemathesis (the `st run` command line, its default checks, ten examples an
operation, a fixed seed) against every mock served by uvicorn on 127.0.0.1
must find nothing. The generated tests' documented traffic, sent by the
generated client through Prism's validating proxy in front of the mock, must
show no violation. Zero tolerated failures; every check turned off below says
which documented behaviour makes it inapplicable.
"""

from __future__ import annotations

import base64
import importlib
import json
import os
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from schemathesis.core.warnings import SchemathesisWarning

from tests.paths import GENERATED, PROVIDERS, ROOT, generated_data
from tests.serving import Served
from tests.test_export_tools import _free_port, _tool_env, _wait_for_port, npm_exec

__all__ = ["npm_exec"]  # the pinned-Prism fixture, shared with the export tool tests

MAX_EXAMPLES = 10
SEED = 1

# Schema-valid requests the provider documents refusing, which OpenAPI cannot state:
# for these operations Schemathesis' positive_data_acceptance check does not apply.
SERVER_SIDE_RULES: dict[str, dict[str, str]] = {
    "novatech": {
        # "Either collection_ref ... or asset_tag ...": one of two parameters is required,
        # a rule between parameters that OpenAPI parameters cannot express.
        "/collection/search": "collection_ref or asset_tag is required",
        # "an error such as an invalid SKU": a well-formed order or group update naming a
        # SKU the provider does not know is refused.
        "/order": "an unknown SKU is refused",
        "/portal/groups/stock/{PRODUCT_GROUP_ID}": "an unknown SKU is refused",
    },
    "kube": {
        # The document's order_event rejections come from the provider's state and dates:
        # unknown supplier or delivery service, wrong mode, no such order, items already
        # despatched or cancelled, a despatch dated before the order was placed, "Earliest
        # Delivery Date must be the same date or after the Despatch Date" -- all on
        # schema-valid bodies.
        "/rest/order_event.api": "rejections from the provider's state and date rules",
    },
}


_WARNINGS_BUT_MISMATCH = [
    warning.value
    for warning in SchemathesisWarning
    if warning not in (SchemathesisWarning.VALIDATION_MISMATCH, SchemathesisWarning.LOW_VALID_RATE)
]


def _testing(provider: str) -> Any:
    sys.path.insert(0, str(GENERATED / provider))
    return importlib.import_module(f"{provider}_client.testing")


def _config(provider: str, mock: Any, folder: Path) -> Path:
    """A schemathesis.toml for this mock: the headers it printed, per-operation settings."""
    testing = _testing(provider)
    headers = mock.client_headers()
    # Constant headers (CartonCloud's Accept-Version) are parameters of the export
    # with their one value: Schemathesis sends them, or breaks them, by itself. The
    # session cookie is a parameter too, given as a value, so a case that leaves it
    # out (to see it refused) really is sent without it, which -H would not allow.
    for name in testing.DATA["headers"]:
        headers.pop(name)
    parameters = {}
    cookie = headers.pop("Cookie", None)
    if cookie is not None:
        name, value = cookie.split("=", 1)
        assert name == testing.AUTH["cookie"]
        parameters[f"cookie.{name}"] = value
    lines = ["[parameters]"] + [f"{json.dumps(k)} = {json.dumps(v)}" for k, v in parameters.items()]
    if testing.AUTH["scheme"] == "oauth2_client_credentials":
        # the token request carries the client's id and secret (HTTP Basic), not a token
        token_path = next(
            op["path"]
            for op in testing.DATA["operations"]
            if op["name"] == testing.AUTH["token_operation"]
        )
        pair = ":".join(mock.credentials[name] for name in list(testing.AUTH["credentials"])[:2])
        basic = "Basic " + base64.b64encode(pair.encode()).decode()
        lines += ["[[operations]]", f"include-path = {json.dumps(token_path)}"]
        lines += [f"headers = {{ Authorization = {json.dumps(basic)} }}"]
    for path in SERVER_SIDE_RULES.get(provider, {}):
        lines += [
            "[[operations]]",
            f"include-path = {json.dumps(path)}",
            "checks.positive_data_acceptance.enabled = false",
        ]
    # the client's headers for every request, where an operation's own may replace them
    inline = ", ".join(
        f"{json.dumps(name)} = {json.dumps(value)}" for name, value in headers.items()
    )
    config = folder / "schemathesis.toml"
    top = [f"headers = {{ {inline} }}"]
    if provider in SERVER_SIDE_RULES:
        # the same rules refuse most generated bodies, which Schemathesis reports as a
        # warning ("mostly rejected generated data"), not a failure; every other shows
        top.append(f"warnings = {{ display = {json.dumps(_WARNINGS_BUT_MISMATCH)} }}")
    config.write_text("\n".join(top + lines) + "\n", "utf-8")
    return config


@pytest.mark.slow
@pytest.mark.parametrize("provider", PROVIDERS)
def test_schemathesis_finds_nothing_against_the_mock(provider: str, tmp_path: Path) -> None:
    mock = _testing(provider).MockProvider()
    config = _config(provider, mock, tmp_path)
    with Served(mock.app) as served:
        result = subprocess.run(
            [
                *(sys.executable, "-m", "schemathesis.cli", "--config-file", str(config), "run"),
                *(str(GENERATED / provider / "openapi.yaml"), "--url", served.url),
                *("--max-examples", str(MAX_EXAMPLES), "--seed", str(SEED), "--workers", "1"),
                "--no-color",
            ],
            capture_output=True,
            text=True,
            check=False,
            cwd=tmp_path,
            env={
                **os.environ,
                "PYTHONPATH": str(ROOT),
                "SCHEMATHESIS_HOOKS": "tests.contract_hooks",
            },
            timeout=300,
        )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "No issues found" in result.stdout, result.stdout[-3000:]


# -- Prism's validating proxy --------------------------------------------------


@pytest.fixture
def proxied(
    request: pytest.FixtureRequest, npm_exec: list[str], tmp_path: Path
) -> Iterator[tuple[str, Any, str, Path]]:
    """The mock behind uvicorn, Prism's proxy in front of it: (provider, mock, proxy URL, log)."""
    provider: str = request.param
    data = generated_data(provider)
    testing = _testing(provider)
    credentials = {name: data["client_kwargs"][name] for name in testing.AUTH["credentials"]}
    port = _free_port()
    log_path = tmp_path / "prism.log"
    mock = testing.MockProvider(credentials=credentials)
    with Served(mock.app) as served, log_path.open("wb") as log:
        command = [*npm_exec, "prism", "proxy", "-h", "127.0.0.1", "-p", str(port)]
        process = subprocess.Popen(
            [*command, str(GENERATED / provider / "openapi.yaml"), served.url],
            stdout=log, stderr=subprocess.STDOUT, env=_tool_env(), cwd=tmp_path,
            start_new_session=True,
        )  # fmt: skip
        try:
            _wait_for_port(port, process, log_path)
            yield provider, mock, f"http://127.0.0.1:{port}", log_path
        finally:
            os.killpg(process.pid, 15)  # npm exec and the prism it started, by group id
            process.wait(timeout=30)


@pytest.mark.slow
@pytest.mark.parametrize("proxied", PROVIDERS, indirect=True)
def test_the_generated_tests_traffic_passes_prisms_validating_proxy(
    proxied: tuple[str, Any, str, Path],
) -> None:
    provider, mock, url, log = proxied
    package = importlib.import_module(f"{provider}_client")
    data = generated_data(provider)
    sent = 0
    with package.Client(**{**data["client_kwargs"], "base_url": url}, max_retries=0) as client:
        for example in data["examples"]:
            # Prism 5 reads a form-encoded answer's values as strings and does not apply the
            # OpenAPI encoding (JSON for an array property): Active Ants' documented
            # form-encoded answers (add_rma, get_return_items) cannot be checked by it.
            if example["status"] >= 300 or example["response_encoding"] == "form":
                continue
            mock.recorded.clear()  # as the generated tests: each example meets the documented state
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                getattr(client, example["operation"])(**example["kwargs"])
            sent += 1
    assert sent
    text = log.read_text("utf-8", "replace")
    assert text.count("Received forward response") >= sent, text[-3000:]
    violations = [line for line in text.splitlines() if "Violation" in line or "✖" in line]
    assert violations == [], "\n".join(violations)
