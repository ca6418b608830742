"""What a regeneration changes: classified changes, the package's version and its changelog.

Each rule of the classification (specs/README.md, "Changes and versions") is
proved on a copy of a real spec and of its committed package: the edit is
made, `shipspec diff` must classify it (and exit 1 only for breaking), and
`shipspec generate` must raise the version accordingly and put the change in
CHANGELOG.md.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli.main import main
from generator.spec.loader import load_text
from generator.versions.changes import BREAKING, FEATURE, FIX
from generator.versions.versioning import CHANGELOG, STATE, bump
from tests.paths import GENERATED

Spec = dict[str, Any]


def _dump(data: Spec) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100_000)


@pytest.fixture
def project(make_project: Callable[..., Path]) -> Callable[[str], Path]:
    """A scratch project holding one real spec and the package generated from it."""

    def make(provider: str) -> Path:
        root = make_project(provider)
        shutil.copytree(GENERATED / provider, root / "generated" / provider)
        return root

    return make


def edit(root: Path, provider: str, change: Callable[[Spec], None]) -> None:
    """Rewrite the spec through its data (so the edit does not hang on its wording)."""
    path = root / "specs" / f"{provider}.yaml"
    data = load_text(path.read_text("utf-8"), path.name).data
    change(data)
    path.write_text(_dump(data), encoding="utf-8")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def diff_json(capsys: pytest.CaptureFixture[str], root: Path, provider: str) -> tuple[int, Any]:
    code, out, err = run(capsys, "--project", str(root), "diff", provider, "--json")
    assert code != 2, err
    return code, json.loads(out)[provider]


def renamed(mapping: Spec, old: str, new: str) -> None:
    """Rename a key in place, keeping its position."""
    items = [(new if key == old else key, value) for key, value in mapping.items()]
    mapping.clear()
    mapping.update(items)


def _ops(data: Spec) -> Spec:
    operations: Spec = data["operations"]
    return operations


def _fields(data: Spec, typename: str) -> Spec:
    fields: Spec = data["types"][typename]["fields"]
    return fields


def _add_otp(data: Spec) -> None:
    _fields(data, "ChangePasswordRequest")["otp"] = {"type": "string", "required": True}
    request = _ops(data)["change_password"]["examples"][0]["request"]
    request["json"] = request["json"].replace(" }", ', "otp":"123456" }')


def _add_rule(data: Spec) -> None:
    rule = {"require": ["cancel_code"], "when": {"field": "cancel", "in": [1]}}
    data["types"]["OrderEvent"]["rules"].append(rule)


def _add_ping(data: Spec) -> None:
    _ops(data)["ping"] = {
        "source": "Ping",
        "summary": "Is the API up?",
        "method": "GET",
        "path": "/ping",
        "responses": {"200": "Success"},
    }


def _enum(data: Spec, typename: str, field: str) -> Any:
    return _fields(data, typename)[field]["enum"]


def _reword_example(data: Spec) -> None:
    response = _ops(data)["change_password"]["examples"][0]["response"]
    response["json"] = '{"success": true}\n'


def _reword_erratum(data: Spec) -> None:
    [erratum] = [e for e in data["errata"] if e["id"] == "delivery-dates-required"]
    erratum["resolution"] += " (checked again)"


@dataclass(frozen=True)
class Rule:
    name: str
    provider: str
    change: Callable[[Spec], None]
    level: str
    message: str


RULES = [
    # -- breaking: removed or renamed, new required, stricter, changed type or auth
    Rule(
        "operation removed",
        "novatech",
        lambda d: _ops(d).pop("get_audit_log"),
        BREAKING,
        "operation get_audit_log removed",
    ),
    Rule(
        "operation renamed",
        "novatech",
        lambda d: renamed(_ops(d), "get_audit_log", "fetch_audit_log"),
        BREAKING,
        "operation get_audit_log renamed to fetch_audit_log",
    ),
    Rule(
        "parameter removed",
        "novatech",
        lambda d: (
            _ops(d)["list_orders"]["params"].pop("startDate"),
            _ops(d)["list_orders"]["mock"]["ranges"].pop("startDate"),
        ),
        BREAKING,
        "operation list_orders: parameter start_date removed",
    ),
    Rule(
        "parameter renamed",
        "novatech",
        lambda d: _ops(d)["list_orders"]["params"]["startDate"].update(python_name="since"),
        BREAKING,
        "operation list_orders: parameter start_date renamed to since",
    ),
    Rule(
        "field removed",
        "novatech",
        lambda d: _fields(d, "Notification").pop("tracking"),
        BREAKING,
        "field Notification.tracking removed",
    ),
    Rule(
        "field renamed",
        "novatech",
        lambda d: renamed(_fields(d, "Order"), "dispatch_info", "dispatch_details"),
        BREAKING,
        "field Order.dispatch_info renamed to dispatch_details",
    ),
    Rule(
        "webhook event removed",
        "novatech",
        lambda d: _enum(d, "Notification", "type").pop("COLLECTION_FAILED"),
        BREAKING,
        "webhook notification event COLLECTION_FAILED removed",
    ),
    Rule(
        "narrower enum on a request field",
        "kube",
        lambda d: _enum(d, "OrderEvent", "cancel_code").remove("Unable to deliver to address"),
        BREAKING,
        "field OrderEvent.cancel_code: enum value Unable to deliver to address removed",
    ),
    Rule(
        "new required request field",
        "novatech",
        _add_otp,
        BREAKING,
        "new required request field ChangePasswordRequest.otp",
    ),
    Rule(
        "new required parameter",
        "novatech",
        lambda d: _ops(d)["list_orders"]["params"].update(
            page_size={"in": "query", "type": "integer", "required": True}
        ),
        BREAKING,
        "operation list_orders: new required parameter page_size",
    ),
    Rule(
        "lower maxLength",
        "novatech",
        lambda d: _fields(d, "ChangePasswordRequest")["new_password"].update(maxLength=40),
        BREAKING,
        "field ChangePasswordRequest.new_password: maxLength lowered from 50 to 40",
    ),
    Rule(
        "new conditional rule",
        "kube",
        _add_rule,
        BREAKING,
        "type OrderEvent: new rule: cancel_code required when cancel is 1",
    ),
    Rule(
        "changed type",
        "novatech",
        lambda d: _ops(d)["get_audit_log"]["params"]["ROWS"].update(type="string"),
        BREAKING,
        "operation get_audit_log: parameter rows: type changed from integer to string",
    ),
    Rule(
        "changed auth scheme",
        "kube",
        lambda d: d["auth"].update(scheme="none"),
        BREAKING,
        "auth scheme changed from session_cookie to none",
    ),
    Rule(
        "changed path",
        "novatech",
        lambda d: _ops(d)["get_audit_log"].update(path="/audit-log"),
        BREAKING,
        "operation get_audit_log: now GET /audit-log (was GET /audit)",
    ),
    Rule(
        "response value may be absent",
        "novatech",
        lambda d: _fields(d, "Order")["vat"].pop("required"),
        BREAKING,
        "field Order.vat: now optional",
    ),
    # -- features: new things, relaxed rules, more in responses
    Rule("new operation", "novatech", _add_ping, FEATURE, "new operation ping"),
    Rule(
        "new optional request field",
        "novatech",
        lambda d: _fields(d, "ChangePasswordRequest").update(note={"type": "string"}),
        FEATURE,
        "new optional request field ChangePasswordRequest.note",
    ),
    Rule(
        "relaxed constraint",
        "novatech",
        lambda d: _fields(d, "ChangePasswordRequest")["new_password"].update(maxLength=64),
        FEATURE,
        "field ChangePasswordRequest.new_password: maxLength raised from 50 to 64",
    ),
    Rule(
        "new response field",
        "novatech",
        lambda d: _fields(d, "Order").update(carrier={"type": "string"}),
        FEATURE,
        "new response field Order.carrier",
    ),
    Rule(
        "new response enum value",
        "novatech",
        lambda d: _enum(d, "OrderLine", "status").update(X="Exchanged: the line was swapped."),
        FEATURE,
        "field OrderLine.status: new value X",
    ),
    Rule(
        "new webhook event",
        "novatech",
        lambda d: _enum(d, "Notification", "type").update(ORDER_RETURNED="Sent back."),
        FEATURE,
        "new webhook notification event ORDER_RETURNED",
    ),
    Rule(
        "deprecation",
        "novatech",
        lambda d: _ops(d)["get_audit_log"].update(deprecated={"replacement": "GET /audit/v2"}),
        FEATURE,
        "operation get_audit_log: deprecated (use GET /audit/v2)",
    ),
    # -- fixes: words, examples, errata, sources
    Rule(
        "description",
        "novatech",
        lambda d: _ops(d)["get_audit_log"].update(summary="Read the audit log"),
        FIX,
        "operation get_audit_log: summary changed",
    ),
    Rule(
        "example",
        "novatech",
        _reword_example,
        FIX,
        "operation change_password: examples changed",
    ),
    Rule("erratum", "kube", _reword_erratum, FIX, "erratum delivery-dates-required changed"),
    Rule(
        "stricter rule on a response value",
        "novatech",
        lambda d: _fields(d, "Order")["trade_code"].update(maxLength=40),
        FIX,
        "field Order.trade_code: now has maxLength 40",
    ),
    Rule(
        "retry hint",
        "novatech",
        lambda d: _ops(d)["place_order"].update(idempotent=True),
        FIX,
        "operation place_order: idempotent changed from false to true",
    ),
    Rule(
        "source",
        "novatech",
        lambda d: d["types"]["Order"].update(source="Orders"),
        FIX,
        "type Order: source changed",
    ),
]
NEXT = {BREAKING: "2.0.0", FEATURE: "1.1.0", FIX: "1.0.1"}


@pytest.mark.parametrize("rule", RULES, ids=[rule.name for rule in RULES])
def test_each_rule_is_classified_versioned_and_logged(
    rule: Rule, project: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(rule.provider)
    edit(root, rule.provider, rule.change)

    code, report = diff_json(capsys, root, rule.provider)
    assert (rule.level, rule.message) in [(c["level"], c["message"]) for c in report["changes"]]
    assert report["level"] == rule.level, report["changes"]
    assert code == (1 if rule.level == BREAKING else 0)
    assert (report["version"], report["next_version"]) == ("1.0.0", NEXT[rule.level])

    code, out, err = run(capsys, "--project", str(root), "generate", rule.provider)
    assert code == 0, err
    package = root / "generated" / rule.provider
    assert out.startswith(f"{rule.provider}: 1.0.0 -> {NEXT[rule.level]} ({rule.level}: ")
    changelog = (package / CHANGELOG).read_text("utf-8")
    newest = changelog.split("\n## ")[1]
    assert newest.startswith(f"{NEXT[rule.level]}\n")
    heading = {BREAKING: "Breaking", FEATURE: "Features", FIX: "Fixes"}[rule.level]
    assert f"### {heading}\n" in newest
    assert f"\n- {rule.message}\n" in newest
    pyproject = tomllib.loads((package / "pyproject.toml").read_text("utf-8"))
    assert pyproject["project"]["version"] == NEXT[rule.level]
    assert pyproject["tool"]["shipspec"]["api-version"] == "1.0.0"


def _line_col(text: str, needle: str, word: str) -> tuple[int, int]:
    lines = text.splitlines()
    line = next(n for n, row in enumerate(lines, 1) if needle in row)
    return line, lines[line - 1].index(word) + 1


def test_diff_places_each_change_in_the_current_spec(
    project: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A change at its key; a removal at the section that held it."""
    root = project("novatech")
    spec = root / "specs" / "novatech.yaml"
    text = spec.read_text("utf-8")
    start = text.index("  get_audit_log:\n")
    end = text.index("\nwebhooks:", start)
    text = text[:start] + text[end + 1 :]
    edited = re.sub(r"(new_password: \{[^}]*maxLength: )50", r"\g<1>40", text, count=1)
    assert edited != text
    spec.write_text(edited, encoding="utf-8")

    code, out, _ = run(capsys, "--project", str(root), "diff", "novatech")
    assert code == 1
    line, col = _line_col(edited, "new_password: {", "maxLength")
    lowered = "field ChangePasswordRequest.new_password: maxLength lowered from 50 to 40"
    assert f"specs/novatech.yaml:{line}:{col}: breaking: {lowered}\n" in out
    line, col = _line_col(edited, "operations:", "operations")
    assert f"specs/novatech.yaml:{line}:{col}: breaking: operation get_audit_log removed\n" in out
    summary = "novatech: 2 breaking since generated/novatech/.shipspec-surface.json; 1.0.0 -> 2.0.0"
    assert out.endswith(summary + "\n")


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_unchanged_regeneration_bumps_nothing(
    project: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Comments and layout are not the contract: the version and changelog stay byte for byte."""
    root = project("novatech")
    package = root / "generated" / "novatech"
    before = _tree(package)
    edit(root, "novatech", lambda data: None)  # the same data, laid out by another writer
    spec = root / "specs" / "novatech.yaml"
    spec.write_text("# reviewed, nothing to change\n" + spec.read_text("utf-8"), "utf-8")

    code, report = diff_json(capsys, root, "novatech")
    assert (code, report["changes"], report["next_version"]) == (0, [], "1.0.0")
    code, out, _ = run(capsys, "--project", str(root), "generate", "novatech")
    assert code == 0
    assert out == "novatech: 1.0.0 (no change to the package's surface)\n"
    after = _tree(package)
    assert {name for name in after if after[name] != before[name]} == {".shipspec-manifest.json"}
    code, out, _ = run(capsys, "--project", str(root), "generate", "novatech")
    assert (code, out) == (0, ""), "a second run must write nothing"


def test_versions_accumulate_and_check_stays_deterministic(
    project: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = project("novatech")
    package = root / "generated" / "novatech"
    edit(root, "novatech", lambda d: _ops(d).pop("get_audit_log"))
    code, out, _ = run(capsys, "--project", str(root), "generate", "--check", "novatech")
    assert code == 1
    for name in (CHANGELOG, STATE, "pyproject.toml", "novatech_client/__init__.py"):
        assert f"  novatech/{name}\n" in out

    code, out, _ = run(capsys, "--project", str(root), "generate", "novatech")
    assert (code, out) == (
        0,
        "novatech: 1.0.0 -> 2.0.0 (breaking: operation get_audit_log removed)\n",
    )
    edit(root, "novatech", _add_ping)
    code, out, _ = run(capsys, "--project", str(root), "generate", "novatech")
    assert (code, out) == (0, "novatech: 2.0.0 -> 2.1.0 (feature: new operation ping)\n")

    changelog = (package / CHANGELOG).read_text("utf-8")
    assert [line for line in changelog.splitlines() if line.startswith("## ")] == [
        "## 2.1.0",
        "## 2.0.0",
        "## 1.0.0",
    ]
    assert "## 2.0.0\n\n### Breaking\n\n- operation get_audit_log removed\n" in changelog
    init = (package / "novatech_client" / "__init__.py").read_text("utf-8")
    assert '__version__ = "2.1.0"' in init and '__api_version__ = "1.0.0"' in init
    assert "novatech-client/2.1.0 " in (package / "novatech_client" / "_core.py").read_text("utf-8")

    # a clean clone: generated/ alone records the state, so --check agrees and diff is quiet
    clone = root.parent / "clone"
    shutil.copytree(root, clone)
    assert main(["--project", str(clone), "generate", "--check"]) == 0
    code, report = diff_json(capsys, clone, "novatech")
    assert (code, report["changes"], report["version"]) == (0, [], "2.1.0")


def _git(root: Path, *args: str) -> None:
    command = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*command, *args], check=True, capture_output=True)


def test_diff_against_a_git_ref(
    project: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = project("kube")
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "kube")
    shutil.rmtree(root / "generated")  # the ref is the baseline; nothing recorded is needed
    edit(root, "kube", lambda d: d["auth"].update(scheme="none"))

    code, out, _ = run(capsys, "--project", str(root), "diff", "--against", "HEAD")
    assert code == 1
    assert ": breaking: auth scheme changed from session_cookie to none\n" in out
    assert out.endswith("kube: 1 breaking since HEAD:specs/kube.yaml; 1.0.0 -> 2.0.0\n")

    edit(root, "kube", lambda d: d["auth"].update(scheme="session_cookie"))
    code, out, _ = run(capsys, "--project", str(root), "diff", "kube", "--against", "HEAD")
    assert (code, out) == (0, "kube: no changes since HEAD:specs/kube.yaml (1.0.0)\n")

    code, _, err = run(capsys, "--project", str(root), "diff", "--against", "no-such-ref")
    assert code == 2 and "'no-such-ref' is not a commit" in err


def test_diff_reports_a_broken_spec_and_usage_errors(
    project: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = project("kube")
    spec = root / "specs" / "kube.yaml"
    spec.write_text(spec.read_text("utf-8").replace("  scheme: session_cookie", "  scheme: [", 1))
    code, out, err = run(capsys, "--project", str(root), "diff")
    assert code == 2 and out == ""
    assert re.match(r"specs/kube\.yaml:\d+:\d+: ", err), err
    assert "Traceback" not in err
    code, _, err = run(capsys, "--project", str(root), "diff", "acme")
    assert code == 2 and "no spec for acme" in err


def test_nothing_recorded_means_a_first_version(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project("provet")
    code, report = diff_json(capsys, root, "provet")
    assert (code, report["changes"], report["next_version"]) == (0, [], "1.0.0")
    code, out, _ = run(capsys, "--project", str(root), "generate", "provet")
    assert (code, out) == (0, "provet: 1.0.0 (first generated version)\n")
    changelog = (root / "generated" / "provet" / CHANGELOG).read_text("utf-8")
    assert changelog.endswith(
        "## 1.0.0\n\nFirst generated version, from Provet Dropship API 1.0.0.\n"
    )


@pytest.mark.parametrize(
    ("level", "expected"),
    [(BREAKING, "3.0.0"), (FEATURE, "2.5.0"), (FIX, "2.4.8"), (None, "2.4.7")],
)
def test_semver_bump(level: str | None, expected: str) -> None:
    assert bump("2.4.7", level) == expected
