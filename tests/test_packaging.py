"""Wheels: a generated package and shipspec itself build with `python -m build`
(isolated, as a user's build would) and carry what they need at run time."""

from __future__ import annotations

import email.parser
import json
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml

from tests.paths import GENERATED, ROOT, SPECS

_SKIP = shutil.ignore_patterns("__pycache__", "*.egg-info", "build", "dist", ".*_cache")


def _build_wheel(source: Path, out: Path) -> Path:
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(source)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    [wheel] = out.glob("*.whl")
    return wheel


def _metadata(wheel: zipfile.ZipFile) -> email.message.Message:
    [name] = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    return email.parser.Parser().parsestr(wheel.read(name).decode())


@pytest.mark.slow
def test_generated_package_builds_a_typed_wheel(tmp_path: Path) -> None:
    source = tmp_path / "novatech"
    shutil.copytree(GENERATED / "novatech", source, ignore=_SKIP)
    spec = yaml.safe_load((SPECS / "novatech.yaml").read_text("utf-8"))
    project = tomllib.loads((source / "pyproject.toml").read_text("utf-8"))["project"]
    assert "Typing :: Typed" in project["classifiers"]
    wheel_path = _build_wheel(source, tmp_path / "dist")
    with zipfile.ZipFile(wheel_path) as wheel:
        names = set(wheel.namelist())
        metadata = _metadata(wheel)
    assert {
        "novatech_client/__init__.py",
        "novatech_client/py.typed",
        "novatech_client/models.py",
        "novatech_client/schemas/place_order.request.json",
    } <= names
    assert not any(n.startswith("tests/") for n in names)
    assert metadata["Name"] == "novatech-client"
    recorded = json.loads((GENERATED / "novatech" / ".shipspec-surface.json").read_text("utf-8"))
    assert metadata["Version"] == recorded["version"]  # the package's own, not the API's
    assert metadata["Summary"] and spec["title"] in metadata["Summary"]
    assert metadata["License-Expression"] == "MIT"
    assert metadata["Requires-Python"] == ">=3.11"
    assert "Typing :: Typed" in metadata.get_all("Classifier", [])
    assert {r.split(">")[0] for r in metadata.get_all("Requires-Dist", []) if ";" not in r} == {
        "httpx",
        "pydantic",
    }


@pytest.mark.slow
def test_shipspec_wheel_carries_templates_and_meta_schema(tmp_path: Path) -> None:
    source = tmp_path / "shipspec"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for folder in ("generator", "templates"):
        shutil.copytree(ROOT / folder, source / folder, ignore=_SKIP)
    wheel_path = _build_wheel(source, tmp_path / "dist")
    with zipfile.ZipFile(wheel_path) as wheel:
        names = set(wheel.namelist())
        entry_points = next(
            wheel.read(n).decode() for n in names if n.endswith("dist-info/entry_points.txt")
        )
        wheel.extractall(tmp_path / "unpacked")
    templates = {f"generator/templates/{p.name}" for p in (ROOT / "templates").glob("*.jinja")}
    assert templates <= names
    assert {"generator/metaschema.yaml", "generator/py.typed", "generator/cli.py"} <= names
    assert "shipspec = generator.cli:main" in entry_points

    # the unpacked wheel alone (no templates/ beside it) generates a package
    project = tmp_path / "project"
    (project / "specs").mkdir(parents=True)
    shutil.copy(SPECS / "kube.yaml", project / "specs" / "kube.yaml")
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import generator, generator.cli; "
        "assert generator.__file__.startswith(sys.argv[1]), generator.__file__; "
        "sys.exit(generator.cli.main(sys.argv[2:]))"
    )
    args = ["--project", str(project), "generate", "--out", str(tmp_path / "out")]
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "unpacked"), *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "kube" / "kube_client" / "_client.py").is_file()
