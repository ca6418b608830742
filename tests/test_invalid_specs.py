"""Broken specs: every problem reported at its place with its id, exit code 2, no traceback.

Each `invalid_specs/NAME.yaml` has a `NAME.expected`: one line per problem,
`LINE:COL ID name` (e.g. `17:26 SS030 unknown-type`). The comparison is on
places and ids, never on prose, so a message can be reworded without
touching these files; what a message says is tested where it matters
(test_loader_cli.py, test_yaml12.py, test_hostile_specs.py, ...).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from generator.cli.main import main
from generator.spec import diagnostic_codes

CASES = sorted((Path(__file__).parent / "invalid_specs").glob("*.yaml"))
# libyaml stops flow nesting at its own depth limit, further along the line than
# the composer's limit that the pure-Python parser meets first: same id, other column.
PLACED_BY_LIBYAML = {"deepnesting"}

# `FILE:LINE:COL: SEVERITY ID NAME: message`, as specs/README.md ("Diagnostics") documents it.
PRINTED = re.compile(
    r"(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning)"
    r" (?P<id>SS\d{3}) (?P<name>[a-z0-9]+(?:-[a-z0-9]+)*): (?P<message>\S.*)"
)
EXPECTED = re.compile(r"(?P<line>\d+):(?P<col>\d+) (?P<id>SS\d{3}) (?P<name>[a-z0-9-]+)")


def printed_problems(err: str, spec: str) -> Counter[tuple[int, int, str]]:
    """(line, col, id) of every printed diagnostic; each line must be well-formed."""
    found: Counter[tuple[int, int, str]] = Counter()
    for line in err.splitlines():
        match = PRINTED.fullmatch(line)
        assert match, f"not a diagnostic line: {line!r}"
        assert match["file"] == spec
        code = diagnostic_codes.BY_ID[match["id"]]
        assert (match["severity"], match["name"]) == (code.severity, code.name), line
        found[(int(match["line"]), int(match["col"]), match["id"])] += 1
    return found


def expected_problems(expected: Path) -> Counter[tuple[int, int, str]]:
    found: Counter[tuple[int, int, str]] = Counter()
    for line in expected.read_text("utf-8").splitlines():
        match = EXPECTED.fullmatch(line)
        assert match, f"{expected.name}: not `LINE:COL ID name`: {line!r}"
        assert diagnostic_codes.BY_ID[match["id"]].name == match["name"], line
        found[(int(match["line"]), int(match["col"]), match["id"])] += 1
    return found


@pytest.mark.parametrize("spec", CASES, ids=lambda p: p.stem)
def test_diagnostics_match_exactly(
    spec: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if spec.stem in PLACED_BY_LIBYAML and not yaml.__with_libyaml__:
        pytest.skip("PyYAML without libyaml places this problem elsewhere on the line")
    (tmp_path / "specs").mkdir()
    shutil.copy(spec, tmp_path / "specs" / spec.name)
    status = main(["--project", str(tmp_path), "generate"])
    captured = capsys.readouterr()
    assert status == 2
    assert "Traceback" not in captured.err
    printed = printed_problems(captured.err, f"specs/{spec.name}")
    assert printed == expected_problems(spec.with_suffix(".expected"))
    assert not (tmp_path / "generated" / spec.stem).exists(), "a broken spec wrote output"


def test_every_case_has_its_expectations() -> None:
    folder = Path(__file__).parent / "invalid_specs"
    assert {p.stem for p in folder.glob("*.expected")} == {p.stem for p in CASES}
    for case in CASES:
        assert expected_problems(case.with_suffix(".expected")), f"{case.name} expects nothing"


def test_broken_spec_as_a_process(tmp_path: Path) -> None:
    """The console entry point exits 2 with diagnostics on stderr only."""
    (tmp_path / "specs").mkdir()
    shutil.copy(CASES[0], tmp_path / "specs" / CASES[0].name)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--project", str(tmp_path), "generate"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"specs/{CASES[0].name}:")
    assert printed_problems(result.stderr, f"specs/{CASES[0].name}")
    assert "Traceback" not in result.stderr
