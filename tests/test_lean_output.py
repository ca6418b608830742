"""generated/ stays lean without losing a case.

tests/data.json stores each example once and each broken payload as a
patch (generator/emit/test_data_pack.py); these tests hold the case counts
recorded before the packing, the patch round trip, and a size budget.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.emit.case_rows import unshare
from generator.emit.json_patch import apply, diff
from generator.emit.test_data_pack import pack, unpack
from tests.paths import GENERATED, PROVIDERS, ROOT, generated_data

# Cases per provider and section when data.json still held full copies
# (before packing); sections not named had none. A count may grow, never drop,
# except where a case was wrong: CartonCloud's 26 null/type/format cases of
# response-only fields the request leaves out broke two rules each and went
# (cases.py, "no case for a response-only field").
CASES_BEFORE_PACKING: dict[str, dict[str, int]] = {
    "activeants": {
        "examples": 28,
        "envelope_cases": 26,
        "deprecated_cases": 16,
        "cached_cases": 1,
        "cases": 356,
        "mock.syncs": 3,
    },
    "cartoncloud": {
        "examples": 12,
        "error_cases": 120,
        "warning_cases": 1,
        "cases": 924,
        "webhooks": 3,
        "mock.round_trips": 3,
        "mock.sandbox_cases": 1,
        "mock.conflicts": 3,
        "webhook_examples": 3,
    },
    "kube": {"examples": 2, "error_cases": 2, "cases": 50},
    "novatech": {
        "examples": 15,
        "error_cases": 90,
        "cases": 137,
        "webhooks": 1,
        "mock.round_trips": 1,
        "mock.deliveries": 2,
        "mock.pagings": 1,
        "webhook_examples": 2,
    },
    "provet": {
        "examples": 3,
        "error_cases": 1,
        "cases": 46,
        "mock.round_trips": 1,
        "mock.sandbox_cases": 2,
        "mock.progressions": 1,
    },
}

# generated/ in bytes (the sum of its files' sizes). Issue 13 asks for 1.5 MB. Packing
# data.json into rows, compact JSON, the compact surface record, shared components in
# the export, one types.json per package, types said once in the READMEs, one-call
# field checks, one-line client methods and a runtime rendered only where its spec
# uses a concept took it from 8.76 MB to 2.41 MB without dropping a case, a check or a
# word. What remains is content, not copies: the OpenAPI document in YAML and JSON
# (0.63 MB, both required by issue 17, their component schemas the same definitions
# as schemas/types.json because each export stands alone), each package's own
# runtime (~0.4 MB: issue 17 has every package stand alone, so five copies), the
# per-spec code and data. The budget is a ratchet at today's size; the issue's target
# is recorded below as a known gap.
SIZE_BUDGET = 2_450_000
ISSUE_TARGET = 1_500_000
_CACHES = {"__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache"}


def _counts(data: dict[str, Any]) -> dict[str, int]:
    counts = {key: len(value) for key, value in data.items() if isinstance(value, list)}
    counts.update({f"mock.{key}": len(value) for key, value in data["mock"].items()})
    counts["webhook_examples"] = sum(len(hook["examples"]) for hook in data["webhooks"])
    return counts


@pytest.mark.parametrize("provider", PROVIDERS)
def test_no_case_was_lost(provider: str) -> None:
    counts = _counts(generated_data(provider))
    for section, before in CASES_BEFORE_PACKING[provider].items():
        assert counts.get(section, 0) >= before, (section, counts.get(section, 0), before)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_examples_are_stored_once(provider: str) -> None:
    """Outside `examples`, no example body is repeated and no case carries its payload."""
    packed = json.loads((GENERATED / provider / "tests" / "data.json").read_text("utf-8"))
    stored = ("examples", "client_kwargs")  # credentials may be a token body
    rest = {k: v for k, v in packed.items() if k not in stored}
    text = json.dumps(rest, ensure_ascii=False, separators=(",", ":"))
    for example in packed["examples"]:
        body = json.dumps(example["body"], ensure_ascii=False, separators=(",", ":"))
        if len(body) > 40:
            assert body not in text, example["id"]
    for lines in unshare(packed["cases"]).values():  # a row is a list; a case object a dict
        assert not [line for line in lines if isinstance(line, dict) and "payload" in line]


@pytest.mark.parametrize("provider", PROVIDERS)
def test_the_packed_cases_break_what_they_did(provider: str) -> None:
    data = generated_data(provider)
    bases = {e["operation"]: e["body"] for e in reversed(data["examples"]) if e["body"]}
    for case in data["cases"]:
        assert case["payload"] != bases.get(case["operation"]), case["id"]


def test_diff_and_apply_round_trip() -> None:
    base = {"a": 1, "b": [1, 2, 3], "c": {"d/e": "x", "f~": True}, "g": None}
    targets = [
        {"a": True, "b": [1, 2], "c": {"d/e": "y"}, "g": None},
        {"a": 1.0, "b": [1, 2, 3, {"z": 1}], "c": {"d/e": "x", "f~": True, "n": 1}},
        {"b": [], "c": {}, "g": "x" * 500},
        [1, 2],
        None,
    ]
    for target in targets:
        patch = diff(base, target)
        result = apply(base, patch)
        assert json.dumps(result, sort_keys=True) == json.dumps(target, sort_keys=True)
    assert diff(base, base) == []
    assert diff(base, {**base, "a": 2}) == [{"op": "replace", "path": "/a", "value": 2}]
    assert diff({"s": ""}, {"s": "x" * 100}) == [
        {"op": "replace", "path": "/s", "repeat": ["x", 100]}
    ]


_PLAIN = {"batch_item": False, "field": None, "kwargs": {}}


def _case(id_: str, pointer: str, payload: Any, **extra: Any) -> dict[str, Any]:
    return {
        "id": id_,
        "operation": "op",
        "pointer": pointer,
        "rule": "type",
        **_PLAIN,
        **extra,
        "payload": payload,
    }


def test_pack_writes_cases_as_rows_and_refers_to_examples() -> None:
    body = {"a": 1, "b": {"c": 2}}
    example = {"id": "op[0]", "operation": "op", "kwargs": {"body": body}, "body": body}
    data = {
        "examples": [example],
        "cases": [
            _case("c", "/a", {"a": "1", "b": {"c": 2}}),
            _case("op:/a:type", "/a", {"a": "1", "b": {"c": 2}}),
            _case("op:/b/c:null", "/b/c", {"a": 1, "b": {}}),
            _case("op:/b:required:c", "/b", {"a": 1, "b": {}}, rule="required", field="c"),
            _case("op:/b:both", "/b", {"a": 2, "b": {"c": 3}}),
        ],
        "error_cases": [{"id": "e", "example": example}],
        "deprecated_cases": [{"id": "op", "example": example, "replacement": "v2"}],
    }
    packed = pack(data)
    assert packed["error_cases"] == [{"id": "e", "example": {"$example": "op[0]"}}]
    assert packed["examples"] == [{**example, "kwargs": {}}]  # the body once
    assert packed["deprecated_cases"] == {"op": {"replacement": "v2"}}
    custom, *lines = packed["cases"]["op"]
    assert custom == {
        "id": "c",
        "pointer": "/a",
        "rule": "type",
        "patch": [{"op": "replace", "path": "/a", "value": "1"}],
    }
    assert lines == [  # a line per pointer, its checks after it
        ["/a", ["type", "type", "replace", "1"]],
        ["/b/c", ["type", "null", "remove"]],
        [
            "/b",
            ["required", "required:c", "remove", "c"],
            [
                "type",
                "both",
                [
                    {"op": "replace", "path": "/a", "value": 2},
                    {"op": "replace", "path": "/b/c", "value": 3},
                ],
            ],
        ],
    ]
    unpacked = unpack(packed)
    assert [c["payload"] for c in unpacked["cases"]] == [c["payload"] for c in data["cases"]]
    assert [c["id"] for c in unpacked["cases"]] == [c["id"] for c in data["cases"]]
    assert unpacked["cases"][3]["field"] == "c"


def test_error_cases_are_status_pairs_by_operation() -> None:
    examples = [
        {"id": f"{op}[0]", "operation": op, "kwargs": {}, "body": None} for op in ("a", "b")
    ]
    sample = {"json": {"m": "x"}, "text": None, "problems": ["x"], "field_problems": []}
    statuses = {
        "a": [(400, "general"), (404, "general")],
        "b": [(400, "general"), (404, "general"), (422, "v")],
    }
    errors = [
        {"id": f"{op}:{status}:{fmt}", "example": examples[op == "b"], "status": status, **sample}
        for op, pairs in statuses.items()
        for status, fmt in pairs
    ]
    packed = pack({"examples": examples, "cases": [], "error_cases": errors})
    assert packed["error_cases"] == {
        "*": [[400, "general"], [404, "general"]],  # what every operation starts with
        "a": [],
        "b": [[422, "v"]],
    }
    assert unpack(packed)["error_cases"] == errors


def test_a_webhook_payload_close_to_a_response_is_a_patch_of_it() -> None:
    order = {"id": "o-1", "status": "NEW", "lines": [{"sku": "A-1", "quantity": 2}] * 8}
    example = {"id": "get[0]", "operation": "get", "kwargs": {}, "body": None, "response": order}
    other = {"id": "x", "kind": "unrelated"}
    hook = {"name": "status", "examples": [{**order, "status": "SHIPPED"}, other]}
    data = {"examples": [example], "cases": [], "error_cases": [], "webhooks": [hook]}
    packed = pack(data)
    assert packed["webhooks"][0]["examples"] == [
        {
            "$response": "get[0]",
            "patch": [{"op": "replace", "path": "/status", "value": "SHIPPED"}],
        },
        other,
    ]
    assert unpack(packed)["webhooks"] == [hook]


def test_an_operation_with_anothers_cases_is_written_as_a_patch_of_them() -> None:
    examples = [
        {"id": f"{op}[0]", "operation": op, "kwargs": {"body": body}, "body": body}
        for op in ("create", "update")
        if (body := {f"k{i}": i for i in range(12)})
    ]
    cases = [
        {
            **_case(f"{op}:/k{i}:null", f"/k{i}", {**examples[0]["body"], f"k{i}": None}),
            "operation": op,
        }
        for op in ("create", "update")
        for i in range(12 if op == "create" else 11)
    ]
    packed = pack({"examples": examples, "cases": cases, "error_cases": []})
    assert packed["cases"]["update"] == {
        "$cases": "create",
        "patch": [{"op": "remove", "path": "/11"}],
    }
    assert unpack(packed)["cases"] == cases


def _tree_size() -> tuple[int, list[tuple[str, int]]]:
    sizes = {
        str(path.relative_to(GENERATED)): path.stat().st_size
        for path in GENERATED.rglob("*")
        if path.is_file() and not _CACHES.intersection(path.parts)
    }
    return sum(sizes.values()), sorted(sizes.items(), key=lambda item: -item[1])[:5]


def test_generated_tree_is_within_budget() -> None:
    total, largest = _tree_size()
    assert total < SIZE_BUDGET, (total, largest)


@pytest.mark.xfail(strict=True, reason="known gap: generated/ is 2.41 MB; see SIZE_BUDGET")
def test_generated_tree_meets_the_issue_target() -> None:
    total, largest = _tree_size()
    assert total < ISSUE_TARGET, (total, largest)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_the_client_never_loads_the_response_checks(provider: str) -> None:
    """A client that validates what it sends loads _validation, never _response_checks."""
    code = (
        "import sys, importlib\n"
        f"package = importlib.import_module('{provider}_client')\n"
        "importlib.import_module(package.__name__ + '._client')\n"
        "from importlib import import_module\n"
        "validation = import_module(package.__name__ + '._validation')\n"
        "name = validation.OPERATIONS[0]\n"
        "package.validate(name, {})\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(package.__name__))\n"
        "assert package.__name__ + '._validation' in loaded, loaded\n"
        "assert package.__name__ + '._response_checks' not in loaded, loaded\n"
        "testing = import_module(package.__name__ + '.testing')\n"
        # the mock loads them where it keeps what a request sent (only while the answer stays valid)
        "uses = '_response_checks.validate' in open(testing.__file__).read()\n"
        "assert (package.__name__ + '._response_checks' in sys.modules) == uses\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        cwd=GENERATED / provider,
    )
    assert result.returncode == 0, result.stderr


_GOLDEN = ROOT / "tests" / "kitchen_sink" / "golden"
_PACKAGES = [GENERATED / p for p in PROVIDERS] + sorted(p for p in _GOLDEN.iterdir() if p.is_dir())


@pytest.mark.parametrize("package", _PACKAGES, ids=lambda p: p.name)
def test_the_generated_conftest_unpacks_as_the_generator_does(
    package: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The package's own loader (tests/conftest.py `_unpack`) and test_data_pack.unpack agree.

    The five providers and the kitchen-sink records, which use every concept.
    """
    monkeypatch.syspath_prepend(str(package))  # the conftest imports its package
    path = package / "tests" / "conftest.py"
    spec = importlib.util.spec_from_file_location(f"_lean_conftest_{package.name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    packed = json.loads((package / "tests" / "data.json").read_text("utf-8"))
    expected = unpack(copy.deepcopy(packed))
    loaded = module._unpack(packed)
    assert loaded.keys() == expected.keys()
    for key, value in expected.items():
        assert json.dumps(loaded[key], sort_keys=True) == json.dumps(value, sort_keys=True), key


def test_pack_refuses_data_its_file_cannot_hold() -> None:
    """pack verifies what the file gives back: a tuple or a number as a key would not survive."""
    for kwargs in ({"ids": (1, 2)}, {"by_status": {200: "ok"}}):
        example = {"id": "op[0]", "operation": "op", "kwargs": kwargs, "body": None}
        with pytest.raises(AssertionError, match="does not unpack"):
            pack({"examples": [example], "cases": [], "error_cases": []})
    example = {"id": "op[0]", "operation": "op", "kwargs": {"ids": [1, 2]}, "body": None}
    assert unpack(pack({"examples": [example], "cases": [], "error_cases": []}))["examples"] == [
        example
    ]
