"""The kitchen sink: one small spec using every concept; its generated package is a golden record.

`specs/kitchen.yaml` is a made-up provider that uses each concept of the
spec language once (see the spec's header); `specs/kitchentoken.yaml` holds
what a provider can have only one of and kitchen.yaml spends otherwise (a
token endpoint, an envelope, provider-level paging). Its generated package is
committed under `golden/kitchen/`, so a template or generator change shows
up here as a small, readable diff, beside the five providers' multi-file
diffs under generated/ (tests/test_golden.py).

The tree is always generated as a first version (no recorded surface), so
the package version and CHANGELOG never drift with the record. The
manifest (.shipspec-manifest.json) is left out of the record: it holds a
hash of the generator's own source, so it would change with every refactor
that changes no output, and this record is about output.

To accept a deliberate change, rewrite the record and review the diff:

    SHIPSPEC_UPDATE_GOLDEN=1 python -m pytest tests/kitchen_sink -q
    git diff tests/kitchen_sink/golden
"""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli.main import main
from generator.output.writer import MANIFEST

HERE = Path(__file__).resolve().parent
PROVIDERS = sorted(p.stem for p in (HERE / "specs").glob("*.yaml"))
GOLDEN = HERE / "golden"
UPDATE = os.environ.get("SHIPSPEC_UPDATE_GOLDEN") == "1"
_DIFF_LINES = 400  # enough to read a template change; a flood is cut short


# what tools run over the record (pytest, ruff, mypy) leave behind; never part of it
_TOOL_CACHES = {"__pycache__", ".pytest_cache", ".ruff_cache", ".mypy_cache"}


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
        and p.name != MANIFEST
        and not set(p.parts) & _TOOL_CACHES
    }


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The kitchen sink generated afresh; with SHIPSPEC_UPDATE_GOLDEN=1 it becomes the record."""
    out = tmp_path_factory.mktemp("kitchen")
    assert main(["--project", str(HERE), "generate", "--out", str(out)]) == 0
    if UPDATE:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        ignored = shutil.ignore_patterns(*_TOOL_CACHES, MANIFEST)
        shutil.copytree(out, GOLDEN, ignore=ignored)
    return out


def _unified(name: str, old: bytes, new: bytes) -> list[str]:
    try:
        before, after = old.decode("utf-8"), new.decode("utf-8")
    except UnicodeDecodeError:
        return [f"--- golden/{name}\n+++ regenerated/{name}\n(binary files differ)\n"]
    return list(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            f"golden/{name}",
            f"regenerated/{name}",
        )
    )


def golden_diff(golden: dict[str, bytes], fresh: dict[str, bytes]) -> str:
    """A unified diff of two trees, file by file: empty when they are equal."""
    lines: list[str] = []
    for name in sorted(golden.keys() - fresh.keys()):
        lines.append(f"only in golden: {name}\n")
    for name in sorted(fresh.keys() - golden.keys()):
        lines.append(f"only in regenerated: {name}\n")
    for name in sorted(golden.keys() & fresh.keys()):
        if golden[name] != fresh[name]:
            lines.extend(_unified(name, golden[name], fresh[name]))
    if len(lines) > _DIFF_LINES:
        lines = [*lines[:_DIFF_LINES], f"... {len(lines) - _DIFF_LINES} more diff lines\n"]
    return "".join(lines)


def test_the_golden_record_is_what_the_spec_produces(regenerated: Path) -> None:
    fresh = _tree(regenerated)
    for provider in PROVIDERS:
        assert f"{provider}/{provider}_client/_client.py" in fresh, f"{provider}: nothing generated"
    diff = golden_diff(_tree(GOLDEN), fresh)
    assert not diff, (
        "the kitchen sink's generated package changed; if that is intended, run\n"
        "SHIPSPEC_UPDATE_GOLDEN=1 python -m pytest tests/kitchen_sink -q and review\n"
        "git diff tests/kitchen_sink/golden\n\n" + diff
    )


def test_the_golden_record_stays_small() -> None:
    """Its point is a readable diff: a record of megabytes would defeat it."""
    size = sum(len(content) for content in _tree(GOLDEN).values())
    assert 0 < size < 1_500_000, f"the golden record is {size} bytes"


def test_the_diff_shows_a_one_line_change_as_one_line() -> None:
    golden = {"a.py": b"x = 1\ny = 2\n", "gone.txt": b"", "same": b"s"}
    fresh = {"a.py": b"x = 1\ny = 3\n", "new.txt": b"", "same": b"s"}
    diff = golden_diff(golden, fresh)
    assert "only in golden: gone.txt" in diff
    assert "only in regenerated: new.txt" in diff
    assert "-y = 2\n+y = 3\n" in diff
    assert "same" not in diff
    assert golden_diff(golden, dict(golden)) == ""


@pytest.mark.parametrize("provider", PROVIDERS)
def test_the_kitchen_package_passes_its_own_tests(regenerated: Path, provider: str) -> None:
    """Its generated tests, client against its mock over loopback HTTP (uvicorn)."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=regenerated / provider,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "skipped" not in result.stdout


def test_the_kitchen_packages_are_mypy_strict_and_ruff_clean(regenerated: Path) -> None:
    packages = [str(regenerated / p / f"{p}_client") for p in PROVIDERS]
    for command in (
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *packages],
        [sys.executable, "-m", "ruff", "check", "--no-cache", *packages],
    ):
        result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
        assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
