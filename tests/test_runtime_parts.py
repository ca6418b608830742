"""Each package carries only the runtime parts its spec uses (generator/emit/runtime_parts.py).

The flags are read off the mock's data and the model; these tests hold them
to what the five providers use, and prove that every combination the
construct specs make renders a runtime that lints and type-checks (a part
left out must take its imports and its callers with it).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli.main import main
from generator.emit.mock_data import mock_data
from generator.emit.runtime_parts import RuntimeParts, runtime_parts
from generator.output.checked import load_spec
from generator.output.project import Project
from tests.paths import GENERATED

ROOT = Path(__file__).resolve().parents[1]
CONSTRUCTS = sorted((ROOT / "tests" / "specs").glob("*.yaml"))


def _parts(provider: str) -> RuntimeParts:
    spec = load_spec(Project(ROOT, GENERATED), provider)
    return runtime_parts(spec, mock_data(spec))


def test_each_provider_gets_the_parts_of_its_own_concepts() -> None:
    kube, novatech, provet = _parts("kube"), _parts("novatech"), _parts("provet")
    assert kube.session_cookie and not kube.token and not kube.bearer
    assert kube.uses("rules") and kube.uses("records") and kube.rules
    assert novatech.token and novatech.expires_at and novatech.paging and novatech.deliveries
    assert novatech.signed_webhooks and not novatech.standard_webhooks
    assert novatech.rules and not novatech.uses("records")
    assert provet.progressions and provet.path_mismatch and not provet.token
    assert _parts("cartoncloud").sandbox_when and _parts("cartoncloud").client_credentials
    activeants = _parts("activeants")
    assert "mark" in activeants.actions and not activeants.keeps and activeants.deprecated
    assert kube.keeps and novatech.signing and not kube.signing and not kube.deprecated


@pytest.mark.parametrize(
    ("provider", "absent"),
    [
        ("kube", ["def _page(", "def _issue_token(", "def _deliver(", "_sign_standard"]),
        ("provet", ["def _authorised(self, request: Request) -> bool:\n        header"]),
        ("activeants", ["def _create(", "_response_checks", "def _batch("]),
        ("novatech", ["cookie_parser", "def _batch(", "def _once_per_key("]),
    ],
)
def test_a_mock_leaves_out_what_its_spec_never_reaches(provider: str, absent: list[str]) -> None:
    source = (GENERATED / provider / f"{provider}_client" / "testing.py").read_text("utf-8")
    for text in absent:
        assert text not in source, f"{provider}: {text!r} is rendered but unreachable"


_OPTIONAL_PARTS = (
    "def _page(",
    "def _batch(",
    "def _deliver(",
    "def _sign_standard(",
    "def _once_per_key(",
    "def _refresh(",
    "def _split_list(",
    "def _query_list(",
    "def _delete(",
)  # (mark and the session cookie: Active Ants and Kube, linted by test_generated_packages)


def test_every_construct_combination_lints_and_type_checks(tmp_path: Path) -> None:
    """The construct specs combine the parts in many ways; each package stays clean."""
    (tmp_path / "specs").mkdir()
    for spec in CONSTRUCTS:
        provider = next(
            line.split(":", 1)[1].strip()
            for line in spec.read_text("utf-8").splitlines()
            if line.startswith("provider:")
        )
        shutil.copy(spec, tmp_path / "specs" / f"{provider}.yaml")
    assert main(["--project", str(tmp_path), "generate"]) == 0
    packages = sorted((tmp_path / "generated").glob("*/*_client"))
    assert len(packages) == len(CONSTRUCTS)
    mocks = "".join((package / "testing.py").read_text("utf-8") for package in packages)
    for part in _OPTIONAL_PARTS:  # each rendered (so linted and type-checked) somewhere
        assert part in mocks, f"no construct spec renders {part}"
    for package in packages:
        ruff = subprocess.run(
            [sys.executable, "-m", "ruff", "check", "--no-cache", "."],
            cwd=package.parent,
            capture_output=True,
            text=True,
            check=False,
        )
        assert ruff.returncode == 0, f"{package.name}:\n{ruff.stdout}"
    mypy = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *map(str, packages)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert mypy.returncode == 0, mypy.stdout[-4000:]
