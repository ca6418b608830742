"""The OpenAPI exports as the rest of the ecosystem reads them.

A YAML 1.2 reader (ruamel.yaml), Spectral (`spectral:oas`), Redocly
(`recommended`) and a Prism mock driven by the generated clients. The
Node tools are installed once, at pinned versions, into a cache outside
the repository (~/.cache/shipspec-npm, or $SHIPSPEC_NPM_CACHE) and run
with `npm exec` (npx); without node/npm those tests skip, saying so.
"""

from __future__ import annotations

import fcntl
import importlib
import json
import os
import shutil
import socket
import subprocess
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from ruamel.yaml import YAML

from generator.cli.main import main
from generator.emit.openapi_text import yaml_text
from tests.paths import GENERATED, PROVIDERS, generated_data

NPM_CACHE = Path(os.environ.get("SHIPSPEC_NPM_CACHE", Path.home() / ".cache" / "shipspec-npm"))
TOOLS = {
    "@stoplight/spectral-cli": "6.16.3",
    "@redocly/cli": "2.77.0",
    # the last release for Node 20 (5.15+ need Node 24); later ones serialise
    # responses the same way (no form serialiser: generator/emit/openapi_form.py)
    "@stoplight/prism-cli": "5.14.2",
}

# Warnings the exports keep, each with its reason (errors: none allowed).
SPECTRAL_WARNINGS = {
    # the provider documents name no contact for their APIs; inventing one would mislead
    "info-contact": set(PROVIDERS),
}
REDOCLY_WARNINGS = {
    # the documents state no licence for the APIs they describe (the generated
    # package's own MIT licence is not the API's)
    "info-license": set(PROVIDERS),
    # Active Ants' status/get: the document gives it no error answer and the
    # provider answers failures with a NOK envelope on HTTP 200
    "operation-4xx-response": {"activeants"},
}

# Prism's check of its own mock answers ("sl-violations"), where it disagrees, and why.
PRISM_VIOLATIONS = {
    "activeants": {
        # Prism reads each field of a form-encoded answer as text and never decodes an
        # array field's JSON (get_return_items' `result`, JSON text on the wire as the
        # client and the mock write it): the decoded-fields branch of the body's anyOf
        # fails on that field, and Prism reports the branches it tried
        "get_return_items": {
            ("response/body", "type"),
            ("response/body/result", "type"),
            ("response/body", "anyOf"),
        },
    },
}


def _export(provider: str) -> Path:
    return GENERATED / provider / "openapi.yaml"


# -- YAML 1.1 and 1.2 ---------------------------------------------------------


@pytest.mark.parametrize("provider", PROVIDERS)
def test_export_reads_the_same_under_yaml_1_1_and_1_2_and_as_json(provider: str) -> None:
    text = _export(provider).read_text("utf-8")
    as_1_1 = yaml.safe_load(text)
    reader = YAML(typ="safe", pure=True)
    reader.version = (1, 2)
    as_1_2 = reader.load(text)
    as_json = json.loads((GENERATED / provider / "openapi.json").read_text("utf-8"))
    assert as_1_1 == as_json
    assert as_1_2 == as_json


def test_strings_that_yaml_1_2_reads_otherwise_are_quoted() -> None:
    values = [
        "00123246586", "0412345678", "1e5", "-2.5E3", "0o17", "0x1F", ".inf", "-.Inf",
        ".NaN", "Null", "~", "TRUE", "false", "", "yes", "2018-10-09", "12:30", "1_000",
        "+1", "plain text", "0.1.2",
    ]  # fmt: skip
    document = {"values": values, "keys": dict.fromkeys(values, 1)}
    text = yaml_text(document)
    reader = YAML(typ="safe", pure=True)
    reader.version = (1, 2)
    assert yaml.safe_load(text) == document
    assert reader.load(text) == document
    assert "plain text" in text and "'plain text'" not in text  # only what needs it is quoted


# -- Node tools ----------------------------------------------------------------


def _installed(package: str) -> str | None:
    manifest = NPM_CACHE / "node_modules" / package / "package.json"
    if not manifest.is_file():
        return None
    version: str = json.loads(manifest.read_text("utf-8"))["version"]
    return version


@pytest.fixture(scope="session")
def npm_exec() -> list[str]:
    """`npm exec` in the tool cache, after installing the pinned tools there once."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node and npm are not installed: Spectral, Redocly and Prism need them")
    NPM_CACHE.mkdir(parents=True, exist_ok=True)
    with (NPM_CACHE / ".install.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one installer at a time across test runs
        if any(_installed(name) != version for name, version in TOOLS.items()):
            pinned = [f"{name}@{version}" for name, version in TOOLS.items()]
            command = ["npm", "install", "--prefix", str(NPM_CACHE), "--no-audit", "--no-fund"]
            result = subprocess.run(
                [*command, *pinned], capture_output=True, text=True, check=False, timeout=600
            )
            assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return ["npm", "exec", "--prefix", str(NPM_CACHE), "--no", "--"]


def _tool_env() -> dict[str, str]:
    return {
        **os.environ,
        "REDOCLY_TELEMETRY": "off",
        "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true",
        "NO_UPDATE_NOTIFIER": "1",
    }


def _json_values(text: str) -> list[Any]:
    """Every JSON value in `text`, one after another (Redocly prints one per file)."""
    decoder, values, index = json.JSONDecoder(), [], 0
    while (index := text.find("{", index)) != -1:
        value, index = decoder.raw_decode(text, index)
        values.append(value)
    return values


def _provider_of(path: str) -> str:
    return Path(path).parent.name


@pytest.mark.slow
def test_spectral_finds_no_errors(npm_exec: list[str], tmp_path: Path) -> None:
    ruleset = tmp_path / ".spectral.yaml"
    ruleset.write_text('extends: ["spectral:oas"]\n', encoding="utf-8")
    files = [str(_export(p)) for p in PROVIDERS]
    result = subprocess.run(
        [*npm_exec, "spectral", "lint", "--ruleset", str(ruleset), "--format", "json", *files],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env=_tool_env(),
        cwd=tmp_path,
    )
    assert result.returncode in (0, 1), result.stderr  # 1: warnings were found
    problems = json.loads(result.stdout)
    errors = [p for p in problems if p["severity"] == 0]
    assert errors == []
    found: dict[str, set[str]] = {}
    for problem in problems:
        found.setdefault(problem["code"], set()).add(_provider_of(problem["source"]))
    unexplained = {
        code: ps for code, ps in found.items() if not ps <= SPECTRAL_WARNINGS.get(code, set())
    }
    assert unexplained == {}, [p for p in problems if p["code"] in unexplained]


@pytest.mark.slow
def test_redocly_finds_no_errors(npm_exec: list[str], tmp_path: Path) -> None:
    files = [str(_export(p)) for p in PROVIDERS]
    result = subprocess.run(
        [*npm_exec, "redocly", "lint", "--extends", "recommended", "--format", "json", *files],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env=_tool_env(),
        cwd=tmp_path,
    )
    reports = _json_values(result.stdout)
    assert len(reports) == len(files), result.stdout[-2000:] + result.stderr[-2000:]
    assert result.returncode == 0, result.stderr
    assert sum(report["totals"]["errors"] for report in reports) == 0
    found: dict[str, set[str]] = {}
    problems = [problem for report in reports for problem in report["problems"]]
    for problem in problems:
        source = problem["location"][0]["source"]["ref"]
        found.setdefault(problem["ruleId"], set()).add(_provider_of(source))
    unexplained = {
        rule: ps for rule, ps in found.items() if not ps <= REDOCLY_WARNINGS.get(rule, set())
    }
    assert unexplained == {}, [p for p in problems if p["ruleId"] in unexplained]


@pytest.mark.slow
def test_a_multipart_export_passes_spectral_and_redocly(
    npm_exec: list[str], tmp_path: Path
) -> None:
    """multipart/form-data bodies (tests/specs/multipartupload.yaml): no errors from either tool."""
    spec = Path(__file__).parent / "specs" / "multipartupload.yaml"
    (tmp_path / "specs").mkdir()
    shutil.copy(spec, tmp_path / "specs" / spec.name)
    assert main(["--project", str(tmp_path), "generate"]) == 0
    export = str(tmp_path / "generated" / "multipartupload" / "openapi.yaml")
    (tmp_path / ".spectral.yaml").write_text('extends: ["spectral:oas"]\n', encoding="utf-8")
    lints = {
        "spectral": ["spectral", "lint", "--ruleset", ".spectral.yaml", "--format", "json"],
        "redocly": ["redocly", "lint", "--extends", "recommended", "--format", "json"],
    }
    for tool, command in lints.items():
        result = subprocess.run(
            [*npm_exec, *command, export],
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
            env=_tool_env(),
            cwd=tmp_path,
        )
        assert result.returncode in (0, 1), tool + result.stderr  # spectral: 1 on warnings
        if tool == "redocly":
            report = _json_values(result.stdout)[0]
            assert result.returncode == 0 and report["totals"]["errors"] == 0, result.stdout
        else:
            assert [p for p in json.loads(result.stdout) if p["severity"] == 0] == []


# -- Prism ---------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"prism exited: {log.read_text('utf-8', 'replace')[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"prism did not listen on {port}: {log.read_text('utf-8', 'replace')[-2000:]}")


@pytest.fixture(scope="module")
def prism_mocks(
    npm_exec: list[str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, int]]:
    """One Prism mock per export (the YAML one), started together: provider -> port."""
    folder = tmp_path_factory.mktemp("prism")
    started: list[tuple[subprocess.Popen[bytes], Any]] = []
    ports = {provider: _free_port() for provider in PROVIDERS}
    try:
        for provider, port in ports.items():
            log = (folder / f"{provider}.log").open("wb")
            command = [
                *npm_exec,
                "prism",
                "mock",
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
                str(_export(provider)),
            ]
            process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, env=_tool_env(), cwd=folder,
                start_new_session=True,
            )  # fmt: skip
            started.append((process, log))
        for (process, _), provider in zip(started, ports, strict=True):
            _wait_for_port(ports[provider], process, folder / f"{provider}.log")
        yield ports
    finally:
        for process, log in started:
            if process.poll() is None:
                os.killpg(process.pid, 15)  # npm exec and the prism it started, by group id
                process.wait(timeout=30)
            log.close()


def _documented_calls(provider: str) -> dict[str, dict[str, Any]]:
    """Per operation, its first document example answered with a success status."""
    data = generated_data(provider)
    calls: dict[str, dict[str, Any]] = {}
    for example in data["examples"]:
        if example["status"] < 300:
            calls.setdefault(example["operation"], example)
    return calls


@pytest.mark.slow
@pytest.mark.parametrize("provider", PROVIDERS)
def test_the_client_works_against_a_prism_mock_of_the_export(
    provider: str, prism_mocks: dict[str, int]
) -> None:
    """Every operation with a documented example answers the generated client without error."""
    package = importlib.import_module(f"{provider}_client")  # on sys.path: conftest.py
    operations = importlib.import_module(f"{provider}_client._operations")
    data = generated_data(provider)
    calls = _documented_calls(provider)
    assert calls
    failures, answers, violations = {}, {}, {}
    base_url = f"http://127.0.0.1:{prism_mocks[provider]}"
    kwargs = {**data["client_kwargs"], "base_url": base_url}  # a document with no host has one
    with package.Client(**kwargs, max_retries=0) as client:
        for name, example in calls.items():
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                try:
                    raw = getattr(client.with_raw_response, name)(**example["kwargs"])
                    answers[name] = raw.parsed
                    if raw.headers.get("sl-violations"):  # Prism's check of its own answer
                        violations[name] = raw.headers["sl-violations"]
                except Exception as error:  # every failure is listed, not just the first
                    body = getattr(error, "body", None)
                    failures[name] = f"{type(error).__name__}: {error} {body!r}"
            deprecated = operations.BY_NAME[name].deprecated
            assert [str(w.message) for w in caught] == (
                [f"{name} is deprecated: {deprecated}"] if deprecated else []
            )
    assert failures == {}
    # the answer Prism made from the export passes its own check, but where listed below
    found = {
        name: {("/".join(v["location"]), v["code"]) for v in json.loads(text)}
        for name, text in violations.items()
    }
    assert found == PRISM_VIOLATIONS.get(provider, {})
    # the form-encoded answers (Active Ants' add_rma, get_return_items) included: the
    # export gives their examples as form text (generator/emit/openapi_form.py), which Prism
    # sends as it is and the client reads back into the document's example
    for name, example in calls.items():
        if example["response_encoding"] == "form":
            answer = answers[name].model_dump(by_alias=True, exclude_none=True)
            assert answer == example["response"], name


# -- JSON Schemas ----------------------------------------------------------------


@pytest.mark.parametrize("provider", PROVIDERS)
def test_json_schemas_have_unique_ids_that_tools_can_register_them_by(provider: str) -> None:
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    folder = GENERATED / provider / f"{provider}_client" / "schemas"
    schemas = {p.name: json.loads(p.read_text("utf-8")) for p in sorted(folder.glob("*.json"))}
    version = yaml.safe_load(_export(provider).read_text("utf-8"))["info"]["version"]
    ids = {name: schema["$id"] for name, schema in schemas.items()}
    assert ids == {
        name: f"urn:shipspec:{provider}-client:{version}:schemas/{name}" for name in schemas
    }
    registry: Registry[Any] = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in schemas.values()
    )
    data = generated_data(provider)
    checked = 0
    for example in data["examples"]:
        name = f"{example['operation']}.request.json"
        if example["body_encoding"] == "json" and name in schemas:
            by_id = {"$ref": schemas[name]["$id"]}
            assert (
                list(Draft202012Validator(by_id, registry=registry).iter_errors(example["body"]))
                == []
            )
            checked += 1
    assert checked or not any(n.endswith(".request.json") for n in schemas)
