"""The build fingerprint covers every file the output depends on, subfolders included.

Calls generator.output.assets.fingerprint_files and the uncached
generator.output.pipeline.generator_fingerprint on a copy of generator/ and
templates/, so an edit can be made without touching the checkout.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.output import assets, pipeline

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """generator/ and templates/ copied under tmp_path, and the fingerprint reading the copy."""
    skip = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "generator", tmp_path / "generator", ignore=skip)
    shutil.copytree(ROOT / "templates", tmp_path / "templates", ignore=skip)
    (tmp_path / "templates" / "partials").mkdir()
    (tmp_path / "templates" / "partials" / "_header.jinja").write_text("# header\n", "utf-8")
    files = {"generator": tmp_path / "generator"}
    monkeypatch.setattr(assets, "resources", SimpleNamespace(files=files.__getitem__))
    monkeypatch.setattr(assets, "templates_root", lambda: tmp_path / "templates")
    return tmp_path


def fingerprint() -> str:
    uncached: Callable[[], str] = pipeline.generator_fingerprint.__wrapped__
    return uncached()


def test_every_file_is_listed_by_its_place(copy: Path) -> None:
    names = [name for name, _ in assets.fingerprint_files()]
    assert names == sorted(set(names)), "unstable order or a file listed twice"
    assert {
        "generator/output/pipeline.py",
        "generator/spec/metaschema.yaml",
        "generator/concepts/paging.py",
        "templates/_client.py.jinja",
        "templates/partials/_header.jinja",
    } <= set(names)
    assert not [name for name in names if "__pycache__" in name]


@pytest.mark.parametrize(
    "edited", ["generator/concepts/paging.py", "templates/partials/_header.jinja"]
)
def test_an_edit_in_a_subfolder_changes_the_fingerprint(copy: Path, edited: str) -> None:
    before = fingerprint()
    assert fingerprint() == before, "the fingerprint is not deterministic"
    path = copy / edited
    path.write_text(path.read_text("utf-8") + "\n# edited\n", "utf-8")
    assert fingerprint() != before


def test_a_new_file_in_a_new_subpackage_changes_the_fingerprint(copy: Path) -> None:
    before = fingerprint()
    (copy / "generator" / "later").mkdir()
    (copy / "generator" / "later" / "__init__.py").write_text("", "utf-8")
    assert fingerprint() != before


def test_moving_a_file_between_folders_changes_the_fingerprint(copy: Path) -> None:
    before = fingerprint()
    moved = copy / "generator" / "elsewhere" / "paging.py"
    moved.parent.mkdir()
    (copy / "generator" / "concepts" / "paging.py").rename(moved)
    assert fingerprint() != before


def test_caches_do_not_change_the_fingerprint(copy: Path) -> None:
    before = fingerprint()
    cache = copy / "generator" / "concepts" / "__pycache__"
    cache.mkdir()
    (cache / "paging.cpython-311.pyc").write_bytes(b"\0compiled")
    assert fingerprint() == before
