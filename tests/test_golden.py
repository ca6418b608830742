"""generated/ is exactly what the specs produce, and producing it is deterministic."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli.main import main
from generator.output.writer import differences
from generator.versions.versioning import STATE
from tests.paths import GENERATED, PROVIDERS, ROOT


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts and ".pytest_cache" not in p.parts
    }


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Regenerated from the specs and the recorded state (the package version and changelog)."""
    out = tmp_path_factory.mktemp("regenerated")
    for provider in PROVIDERS:
        (out / provider).mkdir()
        shutil.copy(GENERATED / provider / STATE, out / provider / STATE)
    assert main(["--project", str(ROOT), "generate", "--out", str(out)]) == 0
    return out


@pytest.mark.parametrize("provider", PROVIDERS)
def test_committed_output_is_what_the_spec_produces(regenerated: Path, provider: str) -> None:
    fresh = _tree(regenerated / provider)
    assert fresh, "nothing was generated"
    assert differences(GENERATED / provider, fresh) == []


def test_no_generated_tree_without_a_spec() -> None:
    trees = sorted(p.name for p in GENERATED.iterdir() if p.is_dir() and not p.name.startswith("."))
    assert trees == PROVIDERS


def test_deterministic_across_hash_seeds(tmp_path: Path) -> None:
    trees = []
    for seed in ("1", "4242"):
        out = tmp_path / f"seed{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [
                sys.executable,
                "-m",
                "generator",
                "--project",
                str(ROOT),
                "generate",
                "--out",
                str(out),
            ],
            check=True,
            env=env,
            capture_output=True,
        )
        trees.append(_tree(out))
    assert trees[0] == trees[1]
    assert set(trees[0]) >= {f"{p}/README.md" for p in PROVIDERS}


def test_second_run_changes_nothing(make_project: Callable[..., Path]) -> None:
    project = make_project("novatech")
    assert main(["--project", str(project), "generate"]) == 0
    before = _tree(project / "generated")
    mtimes = {p: p.stat().st_mtime_ns for p in (project / "generated").rglob("*") if p.is_file()}
    assert main(["--project", str(project), "generate"]) == 0
    assert _tree(project / "generated") == before
    assert {p: p.stat().st_mtime_ns for p in mtimes} == mtimes, "an unchanged tree was rewritten"


def test_check_reports_drift_and_writes_nothing(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project("novatech")
    shutil.copytree(GENERATED / "novatech", project / "generated" / "novatech")
    assert main(["--project", str(project), "generate", "--check"]) == 0

    edited = project / "generated" / "novatech" / "novatech_client" / "_client.py"
    edited.write_text(edited.read_text("utf-8") + "# hand edit\n", encoding="utf-8")
    stray = project / "generated" / "novatech" / "stray.txt"
    stray.write_text("not generated", encoding="utf-8")
    capsys.readouterr()
    assert main(["--project", str(project), "generate", "--check"]) == 1
    out = capsys.readouterr().out
    assert "novatech/novatech_client/_client.py" in out
    assert "novatech/stray.txt" in out
    assert edited.read_text("utf-8").endswith("# hand edit\n"), "--check must write nothing"
    assert stray.exists()

    assert main(["--project", str(project), "generate"]) == 0
    assert not stray.exists()
    assert main(["--project", str(project), "generate", "--check"]) == 0


def test_spec_edit_is_seen_by_check(make_project: Callable[..., Path]) -> None:
    project = make_project("novatech")
    shutil.copytree(GENERATED / "novatech", project / "generated" / "novatech")
    spec = project / "specs" / "novatech.yaml"
    spec.write_text(spec.read_text("utf-8").replace("maxLength: 14,", "maxLength: 15,", 1), "utf-8")
    assert main(["--project", str(project), "generate", "--check"]) == 1


def test_the_fingerprint_covers_subpackages() -> None:
    """An edit under generator/concepts/ must make every provider stale (input hash)."""
    from generator.output.assets import fingerprint_files

    names = {name.rsplit("/", 1)[-1] for name, _ in fingerprint_files()}
    assert {"paging.py", "unions.py", "pipeline.py", "metaschema.yaml"} <= names
