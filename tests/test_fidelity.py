"""Issue 15, "Fidelity, second pass": each documented rule, broken on purpose.

Payloads go through `<provider>_client.validate(...)` and must be reported
at the documented place (`pointer`) for the documented reason (`rule`);
the command line's `--json` and `--params` are checked the same way.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.paths import ROOT
from tests.payloads import NOVATECH_ORDER


def _run(*args: str) -> tuple[int, str, str]:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--project", str(ROOT), "validate", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.returncode, result.stdout, result.stderr


def _write(tmp_path: Path, name: str, payload: Any) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(payload), "utf-8")
    return str(path)


def _found(problems: list[Any]) -> set[tuple[str, str]]:
    return {(p.pointer, p.rule) for p in problems}


# -- problems a program can read --------------------------------------------


def test_cli_json_is_one_compact_document_with_rule_and_field(tmp_path: Path) -> None:
    bad = {k: v for k, v in NOVATECH_ORDER.items() if k != "order_number"}
    bad["deliver_to"] = dict(bad["deliver_to"], name="Joe")
    code, out, _ = _run("novatech", "place_order", _write(tmp_path, "bad.json", bad), "--json")
    assert code == 1
    assert out.count("\n") == 1, "one line: a compact document"
    [report] = json.loads(out)
    errors = {(e["pointer"], e["rule"]): e for e in report["errors"]}
    assert errors[("", "required")]["field"] == "order_number"
    assert "field" not in errors[("/deliver_to/name", "minLength")]


def test_cli_params_checks_path_query_and_header_parameters(tmp_path: Path) -> None:
    good = _write(tmp_path, "good.json", {"ORD_NO": "6010361"})
    bad = _write(tmp_path, "bad.json", {"ORD_NO": True, "bogus": 1})
    empty = _write(tmp_path, "empty.json", {})
    code, out, _ = _run("novatech", "get_order", "--params", good, "--json")
    assert (code, json.loads(out)[0]["valid"]) == (0, True)
    code, out, _ = _run("novatech", "get_order", "--params", bad, "--params", empty, "--json")
    assert code == 1
    wrong, missing = json.loads(out)
    assert {(e["pointer"], e["rule"]) for e in wrong["errors"]} == {
        ("/ORD_NO", "type"),
        ("/bogus", "unknown_field"),
    }
    assert [(e["rule"], e["field"]) for e in missing["errors"]] == [("required", "ORD_NO")]


def test_cli_needs_a_file_or_params() -> None:
    code, _, err = _run("novatech", "get_order")
    assert code == 2 and "--params" in err
