"""`shipspec validate PROVIDER OPERATION FILE... [--json]`: the contract other checks rely on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from tests.paths import ROOT
from tests.payloads import NOVATECH_ORDER

VALID_ORDER = NOVATECH_ORDER


def _write(tmp_path: Path, name: str, payload: Any) -> str:
    path = tmp_path / name
    path.write_text(payload if isinstance(payload, str) else json.dumps(payload), "utf-8")
    return str(path)


def _run(*args: str) -> tuple[int, str, str]:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--project", str(ROOT), "validate", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.returncode, result.stdout, result.stderr


def test_valid_file_exits_0(tmp_path: Path) -> None:
    code, out, err = _run("novatech", "place_order", _write(tmp_path, "ok.json", VALID_ORDER))
    assert (code, out, err) == (0, "", "")


def test_json_report_lists_every_problem_with_its_pointer(tmp_path: Path) -> None:
    bad = json.loads(json.dumps(VALID_ORDER))
    bad["deliver_to"]["name"] = "Joe"
    bad["deliver_to"]["address_lines"] = ["a", "b", "c", "d", "e"]
    bad["order_lines"][0]["quantity"] = "1"
    del bad["order_number"]
    ok = _write(tmp_path, "ok.json", VALID_ORDER)
    wrong = _write(tmp_path, "bad.json", bad)
    code, out, _ = _run("novatech", "place_order", ok, wrong, "--json")
    assert code == 1
    report = json.loads(out)
    assert [r["file"] for r in report] == [ok, wrong]
    assert report[0] == {"file": ok, "valid": True, "errors": []}
    assert report[1]["valid"] is False
    pointers = {e["pointer"]: e["message"] for e in report[1]["errors"]}
    assert set(pointers) == {
        "",
        "/deliver_to/name",
        "/deliver_to/address_lines",
        "/order_lines/0/quantity",
    }
    assert "order_number" in pointers[""]
    assert pointers["/deliver_to/name"] == "must be 5 to 30 characters (got 3)"
    assert pointers["/deliver_to/address_lines"] == "must have 2 to 4 items (got 5)"
    assert pointers["/order_lines/0/quantity"] == "must be an integer (got string)"


def test_text_report_is_one_line_per_problem(tmp_path: Path) -> None:
    bad = dict(VALID_ORDER, order_number="X" * 15, order_lines=[])
    path = _write(tmp_path, "bad.json", bad)
    code, out, _ = _run("novatech", "place_order", path)
    assert code == 1
    assert out.splitlines() == [
        f"{path}: /order_number: must be at most 14 characters (got 15)",
        f"{path}: /order_lines: must have at least 1 item (got 0)",
    ]


def test_not_json_is_invalid_with_a_clear_message(tmp_path: Path) -> None:
    path = _write(tmp_path, "broken.json", '{"order_number": ')
    code, out, _ = _run("novatech", "place_order", path, "--json")
    assert code == 1
    [report] = json.loads(out)
    assert report["valid"] is False
    assert report["errors"][0]["message"].startswith("not valid JSON")


@pytest.mark.parametrize(
    "args",
    [
        ("nosuchprovider", "place_order"),
        ("novatech", "no_such_operation"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: tuple[str, str]) -> None:
    code, out, err = _run(*args, _write(tmp_path, "ok.json", VALID_ORDER))
    assert code == 2 and out == "" and err.startswith("shipspec:")


def test_missing_file_exits_2(tmp_path: Path) -> None:
    code, _, err = _run("novatech", "place_order", str(tmp_path / "absent.json"))
    assert code == 2 and "no such file" in err


def test_in_process_entry_point(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "ok.json", VALID_ORDER)
    assert (
        main(["--project", str(ROOT), "validate", "novatech", "place_order", path, "--json"]) == 0
    )
    assert json.loads(capsys.readouterr().out)[0]["valid"] is True
