"""Broken specs: every problem reported as file:line:col, exit code 2, no traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.cli import main

CASES = sorted((Path(__file__).parent / "invalid_specs").glob("*.yaml"))
# Syntax errors are worded by libyaml (which PyYAML's wheels carry); the pure
# Python parser words them differently, at the same places.
WORDED_BY_LIBYAML = {"yamlsyntax", "tabs", "deepnesting"}


@pytest.mark.parametrize("spec", CASES, ids=lambda p: p.stem)
def test_diagnostics_match_exactly(
    spec: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if spec.stem in WORDED_BY_LIBYAML and not yaml.__with_libyaml__:
        pytest.skip("PyYAML without libyaml words syntax errors differently")
    (tmp_path / "specs").mkdir()
    shutil.copy(spec, tmp_path / "specs" / spec.name)
    status = main(["--project", str(tmp_path), "generate"])
    captured = capsys.readouterr()
    expected = spec.with_suffix(".expected").read_text("utf-8")
    assert status == 2
    assert captured.err == expected
    assert "Traceback" not in captured.err
    assert not (tmp_path / "generated" / spec.stem).exists(), "a broken spec wrote output"


def test_every_line_has_a_place() -> None:
    for expected in Path(__file__).parent.joinpath("invalid_specs").glob("*.expected"):
        for line in expected.read_text("utf-8").splitlines():
            file, row, col, message = line.split(":", 3)
            assert file == f"specs/{expected.stem}.yaml"
            assert int(row) >= 1 and int(col) >= 1 and message.strip()


def test_broken_spec_as_a_process(tmp_path: Path) -> None:
    """The console entry point exits 2 with diagnostics on stderr only."""
    (tmp_path / "specs").mkdir()
    shutil.copy(CASES[0], tmp_path / "specs" / CASES[0].name)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--project", str(tmp_path), "generate"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"specs/{CASES[0].name}:")
    assert "Traceback" not in result.stderr
