"""The command line: help with examples, list, colour and progress for people only,
validate from stdin, and `new` scaffolding a spec that generates as it stands."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.cli.main import main
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
    assert result.stderr.startswith(
        "specs/unknownkeys.yaml:7:1: error SS020 unknown-key: unknown key 'colour'"
    )


def test_diagnostics_are_coloured_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _broken_project(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["--project", str(project), "generate"]) == 2
    first = terminal.getvalue().splitlines()[0]
    assert first == (
        "\x1b[1mspecs/unknownkeys.yaml:7:1:\x1b[0m"
        " \x1b[31merror SS020 unknown-key:\x1b[0m unknown key 'colour'"
    )

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
    after_progress = shown.rsplit("\r\x1b[K", 1)[1]
    results = r"kube: wrote \d+ changed file\(s\)\nprovet: wrote \d+ .*\n"
    assert re.fullmatch(results, after_progress), "progress is erased before the results"


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


def _shipspec_in(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )


NEEDS_SPECS = [
    ["generate"],
    ["generate", "--check"],
    ["list"],
    ["validate", "novatech", "place_order", "order.json"],
    ["docs"],
    ["mock", "novatech"],
]


@pytest.mark.parametrize("args", NEEDS_SPECS, ids=" ".join)
def test_every_command_refuses_outside_a_project(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / ".git").mkdir()  # a repository root: the search for specs/ stops here
    (tmp_path / "order.json").write_text("{}", "utf-8")
    result = _shipspec_in(tmp_path, *args)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        f"shipspec: {tmp_path} is not a shipspec project: no specs/ folder here or above"
        " (use --project DIR, run from the project root,"
        " or start one with: shipspec new PROVIDER)\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [".git", "order.json"], "wrote nothing"

    explicit = _shipspec_in(ROOT, "--project", str(tmp_path), *args)
    assert explicit.returncode == 2
    assert explicit.stderr.startswith(f"shipspec: {tmp_path} is not a shipspec project: no specs/")


def test_project_is_found_from_a_subfolder_and_empty_specs_is_refused(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "specs").mkdir(parents=True)
    empty = _shipspec_in(project / "specs", "generate")
    assert (empty.returncode, empty.stderr) == (
        2,
        "shipspec: no specs in specs/ (start one with: shipspec new PROVIDER)\n",
    )
    shutil.copy(SPECS / "kube.yaml", project / "specs")
    listed = _shipspec_in(project / "specs", "list", "kube")
    assert listed.returncode == 0 and listed.stdout.startswith("kube — ")
    broken = project / "specs" / "kube.yaml"
    broken.write_text(broken.read_text("utf-8").replace("provider: kube", "provider: 1"), "utf-8")
    diagnosed = _shipspec_in(project / "specs", "list", "kube")
    assert diagnosed.returncode == 2
    assert diagnosed.stderr.startswith("specs/kube.yaml:"), "places stay relative to the root"


def test_new_in_an_empty_folder_starts_a_project_that_generates_and_tests_green(
    tmp_path: Path,
) -> None:
    (tmp_path / ".git").mkdir()
    created = _shipspec_in(tmp_path, "new", "acmeeu")
    assert (created.returncode, created.stdout) == (0, "specs/acmeeu.yaml\n")
    text = (tmp_path / "specs" / "acmeeu.yaml").read_text("utf-8")
    for scheme in ("token_endpoint", "oauth2_client_credentials", "session_cookie", "none"):
        assert scheme in text, "the skeleton names every auth scheme"
    assert "# paging:" in text and "link_header" in text and "total_pages_header" in text
    for style_word in ("size_param", "total_field", "next_url_header", "cursor_field"):
        assert style_word in text, "the skeleton names every paging style"
    generated = _shipspec_in(tmp_path / "specs", "generate", "acmeeu")
    assert generated.returncode == 0, generated.stderr
    package = tmp_path / "generated" / "acmeeu"
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(package)],
        cwd=package,
        capture_output=True,
        text=True,
        check=False,
    )
    assert tests.returncode == 0, tests.stdout[-2000:]
    assert " passed" in tests.stdout


def test_new_refuses_a_name_the_spec_language_refuses(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    for name, suggestion in (("acme_eu", "acmeeu"), ("Acme-EU", "acmeeu"), ("9lives", "lives")):
        result = _shipspec_in(tmp_path, "new", name)
        assert result.returncode == 2
        assert result.stderr.startswith(
            f"shipspec: provider name {name!r} must be lower case letters and digits,"
        )
        assert f"(e.g. {suggestion})" in result.stderr
    assert not (tmp_path / "specs").exists()
