"""The generator under stress: a broken spec exits 2 without a traceback, and a
generation killed at any moment leaves the output folder as it was before or
after. (The fuzzers of broken specs are in test_loader_fuzz.py.)"""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.paths import SPECS
from tests.test_functional import SPEC


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
