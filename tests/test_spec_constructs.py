"""Each construct of the spec language, played end to end by a small spec of its own.

tests/specs/ holds one spec per construct. Each is generated into a fresh
project, and the package's own generated tests run (in a subprocess) against
its generated mock, which plays the construct: it pages that way, signs
that way, answers with that error shape.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main

SPECS = sorted((Path(__file__).parent / "specs").glob("*.yaml"))


def generate(spec: Path, project: Path) -> Path:
    (project / "specs").mkdir(parents=True)
    shutil.copy(spec, project / "specs" / spec.name)
    assert main(["--project", str(project), "generate", spec.stem]) == 0
    return project / "generated" / spec.stem


def run_generated_tests(package: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args, str(package)],
        cwd=package,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_generated_tests_pass_against_the_generated_mock(spec: Path, tmp_path: Path) -> None:
    package = generate(spec, tmp_path)
    result = run_generated_tests(package)
    assert result.returncode == 0, result.stdout[-4000:]
    assert " passed" in result.stdout and " failed" not in result.stdout
