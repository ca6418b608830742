"""The command line: help with examples, list, colour and progress for people only,
validate from stdin, and `new` scaffolding a spec that generates as it stands."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from tests.paths import ROOT, SPECS

COMMANDS = ["generate", "diff", "validate", "list", "docs", "new", "mock"]
BROKEN = Path(__file__).parent / "invalid_specs" / "unknownkeys.yaml"


class _Terminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def _shipspec(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


def _broken_project(tmp_path: Path) -> Path:
    (tmp_path / "specs").mkdir()
    shutil.copy(BROKEN, tmp_path / "specs" / BROKEN.name)
    return tmp_path


def test_main_help_lists_commands_and_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in COMMANDS:
        assert f"    {command} " in out
    assert "examples:" in out and "shipspec generate --check" in out


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_examples(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: shipspec {command}")
    assert "examples:" in out and f"shipspec {command}" in out.split("examples:")[1]


def test_list_shows_every_operation_with_method_and_path(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--project", str(ROOT), "list"]) == 0
    out = capsys.readouterr().out
    for spec_file in sorted(SPECS.glob("*.yaml")):
        spec = yaml.safe_load(spec_file.read_text("utf-8"))
        assert f"{spec['provider']} — {spec['title']}" in out
        for name, raw in spec["operations"].items():
            assert any(
                line.split()[:3] == [name, raw["method"], raw["path"]] for line in out.splitlines()
            ), name


def test_list_json_and_unknown_provider(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--project", str(ROOT), "list", "novatech", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["novatech"]
    place_order = next(o for o in data["novatech"]["operations"] if o["name"] == "place_order")
    assert (place_order["method"], place_order["path"]) == ("POST", "/order")
    assert main(["--project", str(ROOT), "list", "nosuch"]) == 2
    assert capsys.readouterr().err.startswith("shipspec: no spec for nosuch")


def test_diagnostics_are_plain_when_piped(tmp_path: Path) -> None:
    result = _shipspec("--project", str(_broken_project(tmp_path)), "generate")
    assert result.returncode == 2
    assert "\x1b[" not in result.stderr
    assert result.stderr.startswith("specs/unknownkeys.yaml:7:1: unknown key 'colour'")


def test_diagnostics_are_coloured_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _broken_project(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["--project", str(project), "generate"]) == 2
    first = terminal.getvalue().splitlines()[0]
    assert first == "\x1b[1mspecs/unknownkeys.yaml:7:1:\x1b[0m \x1b[31munknown key 'colour'\x1b[0m"

    monkeypatch.setenv("NO_COLOR", "1")
    plain = _Terminal()
    monkeypatch.setattr(sys, "stderr", plain)
    assert main(["--project", str(project), "generate"]) == 2
    assert "\x1b[" not in plain.getvalue()


def test_progress_shows_on_a_terminal_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "two"
    (project / "specs").mkdir(parents=True)
    for provider in ("kube", "provet"):
        shutil.copy(SPECS / f"{provider}.yaml", project / "specs")
    monkeypatch.setenv("NO_COLOR", "1")
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["--project", str(project), "list"]) == 0
    assert "[1/2] loading kube" in terminal.getvalue()
    assert "[2/2] loading provet" in terminal.getvalue()

    piped = _shipspec("--project", str(project), "list")
    assert piped.returncode == 0 and piped.stderr == ""

    generating = _Terminal()
    monkeypatch.setattr(sys, "stderr", generating)
    assert main(["--project", str(project), "generate", "--out", str(tmp_path / "out")]) == 0
    shown = generating.getvalue()
    assert "[0/2] generating kube, provet" in shown and "[2/2] generated " in shown
    assert shown.endswith("\r\x1b[K"), "the progress line is erased at the end"


def test_validate_reads_stdin(tmp_path: Path) -> None:
    order = {
        "order_number": "MONZ0001",
        "deliver_to": {
            "name": "Joe",
            "address_lines": ["1 Hamilton Road", "Portsmouth"],
            "postal_code": "PO6 4PU",
            "email_address": "customer@company.com",
            "phone_number": "07171071071",
        },
        "order_lines": [{"sku": "TEST-SKU01", "quantity": 1}],
    }
    result = _shipspec(
        "--project", str(ROOT), "validate", "novatech", "place_order", "-", stdin=json.dumps(order)
    )
    assert result.returncode == 1
    assert result.stdout == "-: /deliver_to/name: must be 5 to 30 characters (got 3)\n"
    order["deliver_to"]["name"] = "Joe Smith"  # type: ignore[index]
    ok = _shipspec(
        "--project", str(ROOT), "validate", "novatech", "place_order", "-", stdin=json.dumps(order)
    )
    assert (ok.returncode, ok.stdout, ok.stderr) == (0, "", "")


def test_new_scaffolds_a_spec_that_generates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    assert main(["--project", str(project), "new", "acme"]) == 0
    spec = project / "specs" / "acme.yaml"
    text = spec.read_text("utf-8")
    assert text.startswith("# Acme API") and "provider: acme" in text
    capsys.readouterr()
    out = tmp_path / "out"
    assert main(["--project", str(project), "generate", "acme", "--out", str(out)]) == 0
    assert capsys.readouterr().err.startswith("acme: wrote ")
    assert (out / "acme" / "acme_client" / "__init__.py").is_file()
    assert (out / "acme" / "openapi.yaml").is_file()


def test_new_refuses_to_overwrite_or_a_bad_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--project", str(tmp_path), "new", "acme"]) == 0
    spec = tmp_path / "specs" / "acme.yaml"
    spec.write_text("# mine\n", "utf-8")
    capsys.readouterr()
    assert main(["--project", str(tmp_path), "new", "acme"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert spec.read_text("utf-8") == "# mine\n"
    assert main(["--project", str(tmp_path), "new", "Acme-EU"]) == 2
    assert not (tmp_path / "specs" / "Acme-EU.yaml").exists()


def test_readme_shows_the_real_help() -> None:
    """The CLI section of README.md is the actual output, not a paraphrase."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--help"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    readme = (ROOT / "README.md").read_text("utf-8")
    assert f"$ shipspec --help\n{result.stdout.rstrip()}\n```" in readme
