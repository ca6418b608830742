"""Shared by the hostile-spec tests: a small valid spec, and ways to judge what it becomes."""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import yaml

from generator.cli.main import main

PROVIDER = "hz"
LOCATED = re.compile(rf"^specs/{PROVIDER}\.yaml:\d+:\d+: error SS\d{{3}} [a-z0-9-]+: \S")


def base_spec() -> dict[str, Any]:
    """A small valid spec as data; tests change parts of it and dump it as YAML."""
    return {
        "shipspec": 1,
        "provider": PROVIDER,
        "title": "Hz API",
        "version": "0.1.0",
        "servers": {"live": "https://hz.example.com"},
        "auth": {"scheme": "none"},
        "types": {
            "Order": {
                "source": "Orders",
                "description": "An order.",
                "fields": {
                    "id": {"type": "string", "required": True},
                    "qty": {"type": "integer", "minimum": 1, "maximum": 10},
                },
            }
        },
        "operations": {
            "get_order": {
                "source": "Orders",
                "summary": "Look up an order",
                "method": "GET",
                "path": "/orders/{id}",
                "params": {"id": {"in": "path", "type": "string"}},
                "responses": {"200": "Order"},
                "examples": [
                    {
                        "title": "one",
                        "params": {"id": "1"},
                        "response": {"status": 200, "json": '{"id": "1", "qty": 2}'},
                    }
                ],
            }
        },
    }


def write_spec(project: Path, spec: dict[str, Any] | str) -> None:
    (project / "specs").mkdir(parents=True, exist_ok=True)
    text = spec if isinstance(spec, str) else yaml.safe_dump(spec, allow_unicode=True)
    (project / "specs" / f"{PROVIDER}.yaml").write_text(text, "utf-8")


def refused(project: Path, spec: dict[str, Any] | str) -> list[str]:
    """The diagnostics `shipspec generate` prints (exit 2, each located); [] if it generated."""
    write_spec(project, spec)
    errors = io.StringIO()
    with contextlib.redirect_stderr(errors), contextlib.redirect_stdout(io.StringIO()):
        status = main(["--project", str(project), "generate", PROVIDER])
    if status == 0:
        return []
    assert status == 2, errors.getvalue()
    lines = errors.getvalue().splitlines()
    assert lines and all(LOCATED.match(line) for line in lines), lines
    return lines


def run(args: list[str], cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, check=False, timeout=timeout, env=env
    )


def generated_package_works(
    project: Path, *, mypy: bool = False, script: str = "", tests: bool = True
) -> None:
    """The generated package imports, its own tests pass (and mypy --strict, and `script`)."""
    root = project / "generated" / PROVIDER
    imported = run([sys.executable, "-c", f"import {PROVIDER}_client"], root)
    assert imported.returncode == 0, imported.stderr
    if tests:
        ran = run(
            [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "tests"], root
        )
        assert ran.returncode == 0, ran.stdout[-4000:]
    if script:
        ran = run([sys.executable, "-c", textwrap.dedent(script)], root)
        assert ran.returncode == 0, ran.stderr[-4000:]
    if mypy:
        checked = run(
            [sys.executable, "-m", "mypy", "--strict", "--no-incremental", f"{PROVIDER}_client"],
            root,
            timeout=600,
        )
        assert checked.returncode == 0, checked.stdout[-4000:]


def generate(project: Path, spec: dict[str, Any] | str) -> None:
    write_spec(project, spec)
    assert main(["--project", str(project), "generate", PROVIDER]) == 0


def op_of(spec: dict[str, Any]) -> dict[str, Any]:
    op: dict[str, Any] = spec["operations"]["get_order"]
    return op


def token_spec(scheme: str, credentials: dict[str, Any], token: bool = True) -> dict[str, Any]:
    spec = base_spec()
    spec["types"]["TokReq"] = {
        "source": "T",
        "fields": {name: {"type": "string"} for name in ("a", "b", "grant_type")},
    }
    spec["types"]["Tok"] = {
        "source": "T",
        "fields": {"access_token": {"type": "string", "required": True}},
    }
    spec["operations"]["get_token"] = {
        "source": "T",
        "method": "POST",
        "path": "/token",
        "auth": False,
        "body": "TokReq",
        "body_encoding": "form",
        "responses": {"200": "Tok"},
    }
    spec["auth"] = {
        "scheme": scheme,
        "operation": "get_token",
        "credentials": credentials,
        "header": {"Authorization": "Bearer {token}"},
    }
    if token:
        spec["auth"]["token"] = {"field": "access_token"}
    return spec


HOSTILE_TEXTS = [
    "Look up C:\\Users\\orders",
    "a \\x and a \\N and a \\u",
    'triple """ quotes',
    'ends with a quote "',
    "{braces} and {{double}} and %s",
    "line one\nline two\ttab",
    "ünïcödé ☃ 𝄞",
]
