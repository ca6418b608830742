"""What `generate --check` and a regeneration rely on to be fast and right.

The fingerprint must cover every file the generator reads (subfolders too),
`--check` on a clean tree must stay a hash comparison (no heavy imports),
and unchanged files are linked into the new tree rather than rewritten.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from generator.output import assets, pipeline
from generator.output.writer import stage_tree, swap_in

ROOT = Path(__file__).resolve().parents[1]
HEAVY = (
    "yaml",
    "jinja2",
    "black",
    "generator.spec.build",
    "generator.spec.model",
)


def test_walk_finds_files_in_subfolders_and_skips_caches(tmp_path: Path) -> None:
    (tmp_path / "partials" / "deeper").mkdir(parents=True)
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "a.jinja").write_text("a")
    (tmp_path / "partials" / "b.jinja").write_text("b")
    (tmp_path / "partials" / "deeper" / "c.json").write_text("{}")
    (tmp_path / "__pycache__" / "x.pyc").write_bytes(b"")
    found = [name for name, _ in assets._walk(tmp_path, None)]
    assert found == ["a.jinja", "partials/b.jinja", "partials/deeper/c.json"]


def test_fingerprint_changes_with_a_template_in_a_subfolder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "partials").mkdir()
    nested = tmp_path / "partials" / "field.jinja"
    nested.write_text("one")
    monkeypatch.setattr(assets, "templates_root", lambda: tmp_path)
    fingerprint = pipeline.generator_fingerprint.__wrapped__  # not the cached value
    before = fingerprint()
    nested.write_text("two")
    assert fingerprint() != before


def test_tool_versions_are_read_as_importlib_reads_them() -> None:
    for tool in ("black", "jinja2", "PyYAML"):
        assert pipeline._tool_version(tool) == metadata.version(tool)


def test_check_on_a_clean_tree_imports_nothing_heavy(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    shutil.copytree(ROOT / "generated", tmp_path / "generated")
    code = (
        "import json, sys\n"
        "from generator.cli.main import main\n"
        f"status = main(['--project', {str(tmp_path)!r}, 'generate', '--check'])\n"
        f"print(json.dumps([status, [m for m in {HEAVY!r} if m in sys.modules]]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    status, heavy = json.loads(result.stdout.splitlines()[-1])
    assert status == 0, result.stdout  # generated/ is what the specs produce
    assert heavy == []


def test_unchanged_files_are_linked_not_rewritten(tmp_path: Path) -> None:
    target = tmp_path / "out" / "acme"
    stage = stage_tree(target, {"same.py": b"x = 1\n", "changes.py": b"y = 1\n"})
    swap_in(stage, target)
    before = {name: (target / name).stat().st_ino for name in ("same.py", "changes.py")}
    stage = stage_tree(target, {"same.py": b"x = 1\n", "changes.py": b"y = 2\n"})
    assert (stage / "same.py").stat().st_ino == before["same.py"]
    assert (stage / "changes.py").stat().st_ino != before["changes.py"]
    swap_in(stage, target)
    assert (target / "same.py").read_bytes() == b"x = 1\n"
    assert (target / "changes.py").read_bytes() == b"y = 2\n"
    assert os.stat(target / "same.py").st_nlink == 1  # the old tree is gone
