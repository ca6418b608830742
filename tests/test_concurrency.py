"""Concurrent and interrupted `shipspec generate` runs, as real processes.

Two runs at once never trip over each other; a run killed (SIGKILL) or
interrupted (Ctrl-C) leaves no worker behind, every provider's tree whole,
and generated/ all old or all new, never a mix; the next run completes it.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.output.pipeline import differences_by_digest, input_hash
from generator.output.writer import read_manifest
from tests.paths import ROOT, SPECS

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads /proc for child processes"
)

PROVIDERS = ("kube", "provet")  # the two smallest specs: two workers, a few seconds cold


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A generated project and a warm format cache, made once for every test here."""
    root = tmp_path_factory.mktemp("baseline")
    project, cache = root / "project", root / "cache"
    (project / "specs").mkdir(parents=True)
    for provider in PROVIDERS:
        shutil.copy(SPECS / f"{provider}.yaml", project / "specs")
    assert _run(project, cache).returncode == 0
    return project, cache


def _copy(baseline: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """This test's own copy of the baseline project, and the shared warm cache."""
    project = tmp_path / "project"
    shutil.copytree(baseline[0], project)
    return project, baseline[1]


def _bump(project: Path, patch: int) -> dict[str, str]:
    """Give every spec a new version; the input hash each tree must now be made from."""
    expected = {}
    for provider in PROVIDERS:
        spec = project / "specs" / f"{provider}.yaml"
        lines = spec.read_text("utf-8").splitlines(keepends=True)
        lines = [f"version: 1.0.{patch}\n" if ln.startswith("version:") else ln for ln in lines]
        spec.write_text("".join(lines), "utf-8")
        expected[provider] = input_hash(spec.read_bytes())
    return expected


def _command(project: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "generator", "--project", str(project), "generate", *args]


def _env(cache: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "SHIPSPEC_CACHE_DIR": str(cache)}


def _run(project: Path, cache: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        _command(project, *args), env=_env(cache), capture_output=True, text=True, check=False
    )


def _start(project: Path, cache: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        _command(project, *args),
        env=_env(cache),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _trees(project: Path) -> dict[str, str]:
    """Each provider's input hash, after checking its tree is whole (what its manifest lists)."""
    made_from = {}
    for provider in PROVIDERS:
        tree = project / "generated" / provider
        manifest = read_manifest(tree)
        assert manifest is not None, f"{provider}: no manifest"
        files = manifest["files"]
        assert isinstance(files, dict)
        assert differences_by_digest(tree, files) == [], f"{provider}: tree is not whole"
        made_from[provider] = str(manifest["input"])
    return made_from


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of a live process, None once it is gone or a zombie."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    state, ppid = text.rsplit(")", 1)[1].split()[:2]
    return None if state in "ZX" else (state, int(ppid))


def _children(pid: int) -> list[int]:
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = _stat(int(entry.name))
            if stat is not None and stat[1] == pid:
                children.append(int(entry.name))
    return children


def _wait_for(condition: Callable[[], bool], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.01)


def test_two_runs_at_once_never_trip_over_each_other(
    baseline: tuple[Path, Path], tmp_path: Path
) -> None:
    project, cache = _copy(baseline, tmp_path)  # a warm format cache keeps rounds short
    waited = 0
    for patch in range(1, 7):
        expected = _bump(project, patch)
        runs = [_start(project, cache), _start(project, cache), _start(project, cache, "--check")]
        stderrs = [run.communicate(timeout=300)[1] for run in runs]
        assert not any("Traceback" in err for err in stderrs), stderrs
        codes = [run.returncode for run in runs]
        assert codes[:2] == [0, 0], stderrs
        assert codes[2] in (0, 1), stderrs  # --check ran before the writer (drift) or after it
        errors = stderrs[0] + stderrs[1]
        for provider in PROVIDERS:
            assert errors.count(f"{provider}: wrote ") == 1, "one writes, the other finds it done"
        waited += "waiting for another shipspec run" in errors
        assert _trees(project) == expected
        assert not (project / ".generated-staging").exists()
    assert waited, "the runs overlapped at least once, and one waited for the other"
    assert _run(project, cache, "--check").returncode == 0


@pytest.mark.parametrize("moment", ["computing", "staging", "ctrl-c"])
def test_an_interrupted_run_leaves_no_worker_and_no_mix(
    baseline: tuple[Path, Path], tmp_path: Path, moment: str
) -> None:
    project, warm = _copy(baseline, tmp_path)
    old = _trees(project)
    new = _bump(project, 1)
    run = _start(project, tmp_path / "cold")  # an empty format cache: the run takes seconds
    _wait_for(lambda: len(_children(run.pid)) >= 2, "two pool workers")
    workers = _children(run.pid)
    if moment == "staging":
        staging = project / ".generated-staging"
        _wait_for(lambda: staging.is_dir() and any(staging.iterdir()), "a staged tree")
    os.kill(run.pid, signal.SIGINT if moment == "ctrl-c" else signal.SIGKILL)
    _, err = run.communicate(timeout=60)
    if moment == "ctrl-c":
        assert (run.returncode, err.splitlines()[-1]) == (130, "shipspec: interrupted"), err
        assert "Traceback" not in err
    else:
        assert run.returncode == -signal.SIGKILL
    _wait_for(lambda: all(_stat(pid) is None for pid in workers), "the workers to die", 10)
    trees = _trees(project)
    assert trees in (old, new), f"generated/ mixes old and new providers: {trees}"
    if moment == "ctrl-c":
        assert not (project / ".generated-staging").exists(), "Ctrl-C cleans up after itself"

    finished = _run(project, warm)
    assert finished.returncode == 0 and "Traceback" not in finished.stderr
    assert _trees(project) == new
    assert not (project / ".generated-staging").exists(), "leftovers of the killed run are gone"
    assert _run(project, warm, "--check").returncode == 0
