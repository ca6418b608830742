"""Each generated package: examples parse into its models, it type-checks and lints clean."""

from __future__ import annotations

import importlib
import subprocess
import sys
from typing import Any

import pytest

from tests.paths import GENERATED, PROVIDERS, generated_data


def _data(provider: str) -> dict[str, Any]:
    return generated_data(provider)  # packed on disk: webhook payloads may be patches


@pytest.mark.parametrize("provider", PROVIDERS)
def test_every_document_example_validates_and_parses(provider: str) -> None:
    package = importlib.import_module(f"{provider}_client")
    operations = importlib.import_module(f"{provider}_client._operations").BY_NAME
    validation = importlib.import_module(f"{provider}_client._response_checks")
    for example in _data(provider)["examples"]:
        op = operations[example["operation"]]
        if example["body"] is not None:
            assert package.validate(op.name, example["body"]) == []
        if example["response"] is not None and example["response_encoding"] == "json":
            assert (
                validation.validate_response(op.name, example["status"], example["response"]) == []
            )
            op.parse(example["response"])  # as the client parses an answer
    for hook in _data(provider)["webhooks"]:
        for payload in hook["examples"]:
            assert validation.validate_webhook(hook["name"], payload) == []


@pytest.mark.parametrize("provider", PROVIDERS)
def test_package_imports_without_the_generator(provider: str) -> None:
    code = (
        "import sys, importlib; sys.modules['generator'] = None; "
        f"m = importlib.import_module('{provider}_client'); print(m.Client.__name__)"
    )
    env_path = str(GENERATED / provider)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=env_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Client"


def test_mypy_strict_is_clean() -> None:
    packages = [str(GENERATED / p / f"{p}_client") for p in PROVIDERS]
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *packages],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_is_clean() -> None:
    for provider in PROVIDERS:
        result = subprocess.run(
            [sys.executable, "-m", "ruff", "check", "--no-cache", "."],
            capture_output=True,
            text=True,
            check=False,
            cwd=GENERATED / provider,
        )
        assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("provider", PROVIDERS)
def test_package_metadata_is_valid_toml_with_both_versions(provider: str) -> None:
    """pyproject.toml parses (one [tool.shipspec] table) and records both versions."""
    import tomllib

    meta = tomllib.loads((GENERATED / provider / "pyproject.toml").read_text("utf-8"))
    assert meta["project"]["version"]
    assert meta["tool"]["shipspec"]["api-version"]
    assert meta["tool"]["shipspec"]["generator"].startswith("shipspec ")
