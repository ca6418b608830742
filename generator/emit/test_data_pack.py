"""tests/data.json stored lean: each example once, each case a small patch.

The test data (test_data.py) names the same example in many places (an
error case, a deprecation case, a mock round trip all start from an
operation's first example) and each broken payload is a whole copy of the
example it breaks. Written out as is, CartonCloud's data was 3.6 MB. Packed:

- an example test that appears anywhere but in `examples` is written as
  `{"$example": "<id>"}`, a variant of one (a mock case that changes a
  field) as `{"$example": "<id>", "patch": [...]}`;
- a case's `payload` is written as `"patch"`: RFC 6902 operations (`add`,
  `remove`, `replace`) against `payloads[<operation>]`, the operation's
  first example body, stored once; a long run of one character (a
  `maxLength` case's string) is written `"repeat": [char, count]` in place
  of `"value"`;
- cases are grouped by operation, `cases[<operation>]`; a case's `kwargs`
  (the path and query arguments) are left out when they are the
  operation's usual ones, `case_kwargs[<operation>]`, and so are
  `batch_item: false` and `field: null`; its id, when it is the usual
  `<operation>:<pointer>:<check>`, is written as `check`;
- an error case's body and expected messages are its error format's,
  `error_samples[<format>]` (the format is the end of the case's id).

The generated conftest undoes both when it loads the file (`unpack`, a few
lines of the same logic), so every test sees the full data. `pack` checks
its own work: unpacking what it wrote must give back the data exactly, or
generation fails (a bug, not a spec problem).
"""

from __future__ import annotations

import copy
import json
from typing import Any

EXAMPLE_REF = "$example"
_CASE_DEFAULTS = {"batch_item": False, "field": None}  # left out of a case that has them
_SAMPLE = ("json", "text", "problems", "field_problems")  # an error case's body, by format
_EXPANDED = 2  # containers nested deeper than this are written on one line
_LONG = 64  # a run of one character longer than this is written as "repeat"


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _same(a: Any, b: Any) -> bool:
    """JSON equality: 1, 1.0 and True are different values here."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def diff(base: Any, target: Any, path: str = "") -> list[dict[str, Any]]:
    """RFC 6902 operations that turn `base` into `target` (small when they are alike)."""
    if isinstance(base, dict) and isinstance(target, dict):
        ops: list[dict[str, Any]] = []
        for key in base:
            if key not in target:
                ops.append({"op": "remove", "path": f"{path}/{_escape(key)}"})
        for key, value in target.items():
            where = f"{path}/{_escape(key)}"
            if key in base:
                ops += diff(base[key], value, where)
            else:
                ops.append(_operation("add", where, value))
        return ops
    if isinstance(base, list) and isinstance(target, list):
        ops = []
        for index in range(min(len(base), len(target))):
            ops += diff(base[index], target[index], f"{path}/{index}")
        for index in range(len(base) - 1, len(target) - 1, -1):
            ops.append({"op": "remove", "path": f"{path}/{index}"})
        for index in range(len(base), len(target)):
            ops.append(_operation("add", f"{path}/{index}", target[index]))
        return ops
    if _same(base, target):
        return []
    return [_operation("replace", path, target)]


def _operation(op: str, path: str, value: Any) -> dict[str, Any]:
    if isinstance(value, str) and len(value) > _LONG and value == value[0] * len(value):
        return {"op": op, "path": path, "repeat": [value[0], len(value)]}
    return {"op": op, "path": path, "value": value}


def _value(operation: dict[str, Any]) -> Any:
    if "repeat" in operation:
        char, count = operation["repeat"]
        return char * count
    return copy.deepcopy(operation["value"])


def apply(document: Any, patch: list[dict[str, Any]]) -> Any:
    """`document` with the patch applied (a copy; the subset of RFC 6902 `diff` writes).

    The copy goes through JSON, as the file does: a deep copy would keep
    two names for one object (an example's `body` is its `kwargs["body"]`)
    and a patch to one would change both.
    """
    result = json.loads(json.dumps(document))
    for operation in patch:
        tokens = [t.replace("~1", "/").replace("~0", "~") for t in operation["path"].split("/")[1:]]
        if not tokens:
            result = _value(operation)
            continue
        parent = result
        for token in tokens[:-1]:
            parent = parent[int(token) if isinstance(parent, list) else token]
        last: Any = int(tokens[-1]) if isinstance(parent, list) else tokens[-1]
        if operation["op"] == "remove":
            del parent[last]
        elif operation["op"] == "add" and isinstance(parent, list):
            parent.insert(last, _value(operation))
        else:
            parent[last] = _value(operation)
    return result


def _refer_examples(value: Any, examples: dict[str, dict[str, Any]]) -> Any:
    """`value` with every embedded example test (or a variant of one) written as a reference.

    A variant (a mock case that sends an example with one field changed) is
    the reference plus the patch that makes it.
    """
    if isinstance(value, dict):
        found = examples.get(value["id"]) if isinstance(value.get("id"), str) else None
        if found is not None and found["operation"] == value.get("operation"):
            patch = diff(found, value)
            return {EXAMPLE_REF: found["id"], **({"patch": patch} if patch else {})}
        return {k: _refer_examples(v, examples) for k, v in value.items()}
    if isinstance(value, list):
        return [_refer_examples(v, examples) for v in value]
    return value


def _resolve_examples(value: Any, examples: dict[str, dict[str, Any]]) -> Any:
    if isinstance(value, dict):
        if EXAMPLE_REF in value:
            return apply(examples[value[EXAMPLE_REF]], value.get("patch", []))
        return {k: _resolve_examples(v, examples) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve_examples(v, examples) for v in value]
    return value


def _base_payloads(data: dict[str, Any]) -> dict[str, Any]:
    """The first example body of each operation that has cases: what its cases patch."""
    wanted = {c["operation"] for c in data["cases"]}
    bases: dict[str, Any] = {}
    for example in data["examples"]:
        if example["operation"] in wanted and example["body"] is not None:
            bases.setdefault(example["operation"], example["body"])
    return bases


def pack(data: dict[str, Any]) -> dict[str, Any]:
    """The lean form of `data` (see the module docstring); verified by unpacking it."""
    examples = data["examples"]
    payloads = _base_payloads(data)
    kwargs = _usual_kwargs(data["cases"])
    packed: dict[str, Any] = {"examples": examples, "payloads": payloads, "case_kwargs": kwargs}
    packed["error_samples"] = _error_samples(data["error_cases"])
    for key, value in data.items():
        if key == "cases":
            packed[key] = _pack_cases(value, payloads, kwargs)
        elif key == "error_cases":
            cases = _pack_error_cases(value, packed["error_samples"])
            packed[key] = _refer_examples(cases, {e["id"]: e for e in examples})
        elif key not in packed:
            packed[key] = _refer_examples(value, {e["id"]: e for e in examples})
    if not _same(unpack(copy.deepcopy(packed)), data):
        raise AssertionError("packed test data does not unpack to the original")
    return packed


def _error_samples(cases: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The error body (and the messages to extract) of each error format, stored once."""
    samples: dict[str, dict[str, Any]] = {}
    for case in cases:
        if all(k in case for k in _SAMPLE):
            samples.setdefault(case["id"].rsplit(":", 1)[-1], {k: case[k] for k in _SAMPLE})
    return samples


def _pack_error_cases(
    cases: list[dict[str, Any]], samples: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """Each case names its format's sample (the end of its id) instead of repeating it."""
    packed = []
    for case in cases:
        sample = samples.get(case["id"].rsplit(":", 1)[-1])
        if sample is not None and _same({k: case.get(k) for k in _SAMPLE}, sample):
            case = {k: v for k, v in case.items() if k not in _SAMPLE}
        packed.append(case)
    return packed


def _usual_kwargs(cases: list[dict[str, Any]]) -> dict[str, Any]:
    usual: dict[str, Any] = {}
    for case in cases:
        usual.setdefault(case["operation"], case["kwargs"])
    return usual


def _pack_cases(
    cases: list[dict[str, Any]], payloads: dict[str, Any], kwargs: dict[str, Any]
) -> dict[str, list[dict[str, Any]]]:
    """Cases by operation (in order), each without what its operation or a default says."""
    by_operation: dict[str, list[dict[str, Any]]] = {}
    for case in cases:
        operation = case["operation"]
        packed = {k: v for k, v in case.items() if k not in ("payload", "operation")}
        if _same(case["kwargs"], kwargs[operation]):
            del packed["kwargs"]
        for key, default in _CASE_DEFAULTS.items():
            if key in packed and _same(packed[key], default):
                del packed[key]
        prefix = f"{operation}:{case['pointer'] or '(root)'}:"
        if case["id"].startswith(prefix):  # the usual id: operation, pointer, check
            packed["check"] = case["id"].removeprefix(prefix)
            del packed["id"]
        packed["patch"] = diff(payloads.get(operation), case["payload"])
        by_operation.setdefault(operation, []).append(packed)
    return by_operation


def unpack(packed: dict[str, Any]) -> dict[str, Any]:
    """The full test data from its lean form (the generated conftest does the same)."""
    examples = {e["id"]: e for e in packed["examples"]}
    payloads = packed["payloads"]
    data: dict[str, Any] = {}
    for key, value in packed.items():
        if key in ("payloads", "case_kwargs", "error_samples"):
            continue
        if key == "error_cases":
            samples = packed["error_samples"]
            value = [{**samples.get(case["id"].rsplit(":", 1)[-1], {}), **case} for case in value]
        if key == "cases":
            data[key] = [
                _unpack_case(operation, case, payloads, packed["case_kwargs"])
                for operation, cases in value.items()
                for case in cases
            ]
        elif key == "examples":
            data[key] = value
        else:
            data[key] = _resolve_examples(value, examples)
    return data


def _unpack_case(
    operation: str, case: dict[str, Any], payloads: dict[str, Any], kwargs: dict[str, Any]
) -> dict[str, Any]:
    unpacked = {k: v for k, v in case.items() if k not in ("patch", "check")}
    unpacked["operation"] = operation
    if "check" in case:
        unpacked["id"] = f"{operation}:{case['pointer'] or '(root)'}:{case['check']}"
    for key, default in _CASE_DEFAULTS.items():
        unpacked.setdefault(key, default)
    unpacked.setdefault("kwargs", kwargs[operation])
    unpacked["payload"] = apply(payloads.get(operation), case["patch"])
    return unpacked


def json_text(data: dict[str, Any]) -> str:
    """The file's text: one line per section entry (a case, an example), so a diff shows cases."""
    return _layout(data, 0) + "\n"


def _layout(value: Any, depth: int, expanded: int = _EXPANDED) -> str:
    if depth >= expanded or not isinstance(value, dict | list) or not value:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    pad = " " * (depth + 1)
    if isinstance(value, dict):
        # cases are grouped by operation: one more level, still one line per case
        items = [
            f"{pad}{json.dumps(k)}: {_layout(v, depth + 1, expanded + (k == 'cases'))}"
            for k, v in value.items()
        ]
        return "{\n" + ",\n".join(items) + "\n" + " " * depth + "}"
    lines = [pad + _layout(v, depth + 1, expanded) for v in value]
    return "[\n" + ",\n".join(lines) + "\n" + " " * depth + "]"
