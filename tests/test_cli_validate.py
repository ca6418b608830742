"""`shipspec validate PROVIDER OPERATION FILE... [--json]`: the contract other checks rely on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.cli.main import main
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


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        (
            '{"order_number": NaN}',
            [("/order_number", "NaN is not a JSON number (JSON has no NaN or Infinity)")],
        ),
        (
            '{"order_lines": [{"quantity": Infinity}, {"quantity": -Infinity}]}',
            [
                ("/order_lines/0/quantity", "Infinity is not a JSON number"),
                ("/order_lines/1/quantity", "-Infinity is not a JSON number"),
            ],
        ),
        ('{"order_number": 1e400}', [("/order_number", "number 1e400 is out of range")]),
        (
            '{"order_number": ' + "7" * 5000 + "}",
            [("/order_number", "integer of 5000 digits is too large to judge")],
        ),
        ('{"order_number": "A", "order_number": "B"}', [("/order_number", "duplicate key")]),
        ("[" * 100_000 + "]" * 100_000, [("", "nested too deeply to judge")]),
        ("order_number: A\n", [("", "not valid JSON: Expecting value at line 1 column 1")]),
    ],
    ids=["nan", "infinity", "overflow", "huge-int", "duplicate-key", "deep", "yaml"],
)
def test_what_python_accepts_but_json_does_not_is_invalid(
    tmp_path: Path, text: str, problems: list[tuple[str, str]]
) -> None:
    path = _write(tmp_path, "payload.json", text)
    code, out, err = _run("novatech", "place_order", path, "--json")
    assert (code, err) == (1, ""), "a problem line, not a traceback"
    [report] = json.loads(out)
    assert report["valid"] is False
    got = [(e["pointer"], e["message"]) for e in report["errors"]]
    assert len(got) == len(problems), got
    for (pointer, message), (want_pointer, want_message) in zip(got, problems, strict=True):
        assert pointer == want_pointer and message.startswith(want_message), got


def test_not_utf8_and_unreadable_files(tmp_path: Path) -> None:
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe{}")
    code, out, _ = _run("novatech", "place_order", str(binary))
    assert (code, out) == (1, f"{binary}: : not valid UTF-8 text\n")
    code, out, err = _run("novatech", "place_order", str(tmp_path))
    assert (code, out) == (2, "")
    assert err == f"shipspec: cannot read {tmp_path}: Is a directory\n"


def test_numbers_json_does_carry_are_judged_normally(tmp_path: Path) -> None:
    """Big but representable numbers are values, judged by the operation's rules."""
    order = json.loads(json.dumps(VALID_ORDER))
    order["order_lines"][0]["quantity"] = 7
    text = json.dumps(order).replace('"quantity": 7', '"quantity": ' + "7" * 4300)
    code, out, err = _run("novatech", "place_order", _write(tmp_path, "big.json", text))
    assert (code, out, err) == (0, "", ""), "4300 digits: a valid quantity (no maximum)"


def test_deep_but_parseable_nesting_is_judged_normally(tmp_path: Path) -> None:
    order = json.dumps(VALID_ORDER).replace(
        '"order_number": ', '"extra": ' + "[" * 900 + "]" * 900 + ', "order_number": ', 1
    )
    code, out, _ = _run("novatech", "place_order", _write(tmp_path, "deep.json", order))
    assert (code, out.split(": ", 1)[1]) == (
        1,
        "/extra: unknown field: the document does not list it\n",
    )
