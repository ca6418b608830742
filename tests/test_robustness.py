"""The generator under stress: mutated specs never crash it, and a generation
killed at any moment leaves the output folder as it was before or after."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.diagnostics import SpecError
from generator.pipeline import Project, load_spec
from generator.render import render_package
from tests.paths import SPECS
from tests.test_functional import SPEC

LINES = SPEC.splitlines()
NOISE = st.sampled_from(
    [
        "",
        " ",
        "  x: 1",
        "- ",
        ":",
        "{",
        "[",
        "'",
        "type: Unknown",
        "required: maybe",
        "minLength: -1",
        "path: no-slash",
        "&a",
        "*a",
        "!!python/object:os.system",
        "\t",
        "~",
        "{}",
    ]
)


@st.composite
def mutated_specs(draw: st.DrawFn) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        index = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        action = draw(
            st.sampled_from(["delete", "duplicate", "replace", "insert", "indent", "cut"])
        )
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "replace":
            lines[index] = draw(NOISE)
        elif action == "insert":
            lines.insert(index, draw(NOISE) if draw(st.booleans()) else draw(st.text(max_size=12)))
        elif action == "indent":
            lines[index] = " " * draw(st.integers(min_value=0, max_value=8)) + lines[index].lstrip()
        else:
            cut = draw(st.integers(min_value=0, max_value=max(len(lines[index]) - 1, 0)))
            lines[index] = lines[index][:cut]
        if not lines:
            lines = [""]
    return "\n".join(lines) + "\n"


RENDERED = [0]
RENDER_AT_MOST = 10  # rendering costs about a second; loading is what mutations stress


def _check(text: str, folder: Path) -> None:
    (folder / "specs").mkdir(parents=True, exist_ok=True)
    (folder / "specs" / "mini.yaml").write_text(text, encoding="utf-8")
    try:
        spec = load_spec(Project(folder, folder / "generated"), "mini")
    except SpecError as error:
        assert error.diagnostics
        for diagnostic in error.diagnostics:
            assert diagnostic.file == "specs/mini.yaml"
            assert diagnostic.line >= 1 and diagnostic.col >= 1 and diagnostic.message
        return
    if RENDERED[0] < RENDER_AT_MOST:
        RENDERED[0] += 1
        assert render_package(spec)


FUZZ_EXAMPLES = int(os.environ.get("SHIPSPEC_FUZZ_EXAMPLES", "2000"))


@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=mutated_specs())
def test_mutated_specs_load_or_are_rejected_with_places(text: str, tmp_path: Path) -> None:
    _check(text, tmp_path)


@pytest.mark.long
@settings(
    max_examples=20_000,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=mutated_specs())
def test_mutated_specs_long_run(text: str, tmp_path: Path) -> None:
    _check(text, tmp_path)


def test_a_mutated_spec_exits_2_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "mini.yaml").write_text(
        SPEC.replace("method: POST", "method: [", 1), "utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--project", str(tmp_path), "generate"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("specs/mini.yaml:") and "Traceback" not in result.stderr


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_generation_killed_at_random_points_leaves_before_or_after(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "specs").mkdir(parents=True)
    spec = project / "specs" / "novatech.yaml"
    shutil.copy(SPECS / "novatech.yaml", spec)
    command = [sys.executable, "-m", "generator", "--project", str(project), "generate"]
    subprocess.run(command, check=True, capture_output=True)
    before = _tree(project / "generated")
    spec.write_text(spec.read_text("utf-8").replace("maxLength: 14,", "maxLength: 13,", 1), "utf-8")
    after_dir = tmp_path / "after"
    # "after" is the update of "before" (its version bump and changelog entry), not a first
    # generation: a run that finishes before the kill must leave exactly this tree
    shutil.copytree(project / "generated", after_dir)
    subprocess.run([*command, "--out", str(after_dir)], check=True, capture_output=True)
    after = _tree(after_dir)
    assert before != after
    rng = random.Random(20261123)
    outcomes = set()
    for _ in range(6):
        shutil.rmtree(project / "generated")
        (project / "generated").mkdir()
        for name, content in before.items():
            path = project / "generated" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 2.5))
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = _tree(project / "generated")
        assert now in (before, after), "a killed generation left a mixed tree"
        outcomes.add("after" if now == after else "before")
    subprocess.run(command, check=True, capture_output=True)
    assert _tree(project / "generated") == after
