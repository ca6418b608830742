"""The diagnostic ids: one table, documented as it is, each id proven by a broken spec.

generator/spec/diagnostic_codes.py is the table; specs/README.md ("Diagnostics")
must list the same rows; every id must come out of at least one
tests/invalid_specs case (its `.expected` names it), or of the test named in
ELSEWHERE when no spec file in that folder can provoke it.
"""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path
from types import ModuleType

import pytest

from generator.cli.main import main
from generator.spec import diagnostic_codes
from generator.spec.diagnostic_codes import Code
from generator.spec.diagnostics import Diagnostic
from generator.spec.loader import SourceMap
from generator.spec.model import Spec

ROOT = Path(__file__).parent.parent
TESTS = Path(__file__).parent
SPECS = TESTS / "specs"

# Ids no file in tests/invalid_specs can provoke, and the test that does.
ELSEWHERE = {
    "SS001": "tests/test_diagnostic_codes.py::test_an_unreadable_spec_is_ss001",
    "SS002": "tests/test_loader_cli.py::test_a_50_mb_spec_is_refused_by_its_size",
    "SS014": "tests/test_loader_cli.py::test_a_flood_of_problems_is_cut_short",
}

ROW = re.compile(r"\| (SS\d{3}) \| ([a-z0-9-]+) \| (error|warning) \| (.+?) \|")


def documented_rows() -> list[tuple[str, str, str, str]]:
    text = (ROOT / "specs" / "README.md").read_text("utf-8")
    section = text.split("\n## Diagnostics\n", 1)[1].split("\n## ", 1)[0]
    return [(m[1], m[2], m[3], m[4]) for m in ROW.finditer(section)]


def test_the_documented_table_is_the_code_table() -> None:
    table = [(c.id, c.name, c.severity, c.meaning) for c in diagnostic_codes.ALL]
    assert documented_rows() == table


def test_ids_and_names_are_well_formed_and_unique() -> None:
    ids = [c.id for c in diagnostic_codes.ALL]
    names = [c.name for c in diagnostic_codes.ALL]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert len(set(names)) == len(names)
    for code in diagnostic_codes.ALL:
        assert re.fullmatch(r"SS\d{3}", code.id)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code.name)
        assert code.meaning and not code.meaning.endswith(".")


def _expected_ids() -> set[str]:
    found = set()
    for expected in (TESTS / "invalid_specs").glob("*.expected"):
        found |= {line.split()[1] for line in expected.read_text("utf-8").splitlines()}
    return found


def test_every_id_is_produced_by_a_broken_spec() -> None:
    unproven = {c.id for c in diagnostic_codes.ALL} - _expected_ids() - set(ELSEWHERE)
    assert not unproven, f"no tests/invalid_specs case produces {sorted(unproven)}"


@pytest.mark.parametrize("code_id", sorted(ELSEWHERE))
def test_ids_proven_elsewhere_name_a_test_that_checks_them(code_id: str) -> None:
    """The named test exists and asserts this id (so it cannot silently stop proving it)."""
    assert code_id not in _expected_ids(), "proven by an invalid spec: drop it from ELSEWHERE"
    path, name = ELSEWHERE[code_id].split("::")
    source = (ROOT / path).read_text("utf-8")
    functions = {
        node.name: ast.get_source_segment(source, node) or ""
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef)
    }
    assert code_id in functions[name]


def _code_strings(source: str) -> list[str]:
    """The string constants of a module, docstrings left out (they may cite an id)."""
    tree = ast.parse(source)
    documented = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, documented)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_creation_sites_name_constants_not_literal_ids() -> None:
    """Only the table spells an id; every constant in it is used by some check."""
    generator = ROOT / "generator"
    sources = {
        path.name: path.read_text("utf-8")
        for path in generator.rglob("*.py")
        if path.name != "diagnostic_codes.py"
    }
    for name, text in sources.items():
        spelt = [value for value in _code_strings(text) if re.search(r"\bSS\d{3}\b", value)]
        assert not spelt, f"{name} spells an id: {spelt}"
    used = "\n".join(sources.values())
    constants = [k for k, v in vars(diagnostic_codes).items() if isinstance(v, Code)]
    unused = [k for k in constants if f"codes.{k}" not in used]
    assert not unused, f"codes no check reports: {unused}"


def test_an_unreadable_spec_is_ss001(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A spec path that cannot be read (here a folder) is located at 1:1, exit 2."""
    (tmp_path / "specs" / "broken.yaml").mkdir(parents=True)
    assert main(["--project", str(tmp_path), "generate"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("specs/broken.yaml:1:1: error SS001 unreadable-spec: cannot read spec")


WARNING = Code("SS999", "test-warning", "warning", "a warning made up for this test")


def test_warnings_alone_do_not_stop_generate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A warning is printed with its place and id; the package is still written (exit 0)."""
    from generator.spec import examples

    judged = examples.check_examples

    def with_a_warning(spec: Spec, source: SourceMap, validation: ModuleType) -> list[Diagnostic]:
        found = judged(spec, source, validation)
        return [*found, Diagnostic("specs/authbearer.yaml", 3, 1, "take note", code=WARNING)]

    monkeypatch.setattr(examples, "check_examples", with_a_warning)
    (tmp_path / "specs").mkdir()
    shutil.copy(SPECS / "authbearer.yaml", tmp_path / "specs")
    assert main(["--project", str(tmp_path), "generate"]) == 0
    err = capsys.readouterr().err
    assert "specs/authbearer.yaml:3:1: warning SS999 test-warning: take note\n" in err
    assert (tmp_path / "generated" / "authbearer" / "pyproject.toml").exists()


def test_a_warning_beside_an_error_still_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.spec import examples

    def with_both(spec: Spec, source: SourceMap, validation: ModuleType) -> list[Diagnostic]:
        return [
            Diagnostic("specs/authbearer.yaml", 3, 1, "take note", code=WARNING),
            Diagnostic("specs/authbearer.yaml", 4, 1, "broken", code=diagnostic_codes.BAD_MOCK),
        ]

    monkeypatch.setattr(examples, "check_examples", with_both)
    (tmp_path / "specs").mkdir()
    shutil.copy(SPECS / "authbearer.yaml", tmp_path / "specs")
    assert main(["--project", str(tmp_path), "generate"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "specs/authbearer.yaml:3:1: warning SS999 test-warning: take note",
        "specs/authbearer.yaml:4:1: error SS049 bad-mock: broken",
    ]
    assert not (tmp_path / "generated" / "authbearer").exists()
