"""tests/data.json stored lean: each example once, each case a short row.

The test data (test_data.py) names the same example in many places (an
error case, a deprecation case, a mock round trip all start from an
operation's first example) and each broken payload is a whole copy of the
example it breaks. Written out as is, CartonCloud's data was 3.6 MB. Packed:

- `examples` holds each example test once, its `body` not repeated in its
  `kwargs`; an operation's first example body is what its broken payloads
  patch;
- `cases[<operation>]` holds its broken payloads, a line per pointer with
  its checks (`[pointer, [rule, check, op, value], ...]`, case_rows.py), an
  operation whose lines are mostly another's as `{"$cases": <operation>,
  "patch": [...]}`;
  a case's path and query arguments are the operation's usual ones,
  `case_kwargs[<operation>]`;
- error, warning, envelope, deprecation and caching cases are tables by
  operation (behaviour_rows.py); an error format's body and messages are
  stored once, `error_samples[<format>]`;
- elsewhere an example test is written `{"$example": "<id>"}`, a variant
  of one (a mock case that changes a field) `{"$example": "<id>",
  "patch": [...]}` (RFC 6902, json_patch.py);
- a webhook's documented payload that is an example's response with a
  field or two changed (a status event sends the entity a read shows) is
  written `{"$response": "<id>", "patch": [...]}`;
- a documented curl whose body is a placeholder (`-d "{JSON AS BELOW}"`)
  names it as `example_body`: it is filled with the operation's first
  example body, written as JSON.

The generated conftest undoes all of it when it loads the file (`_unpack`
and its helpers: `unpack` here and its helpers, function for function, to be
kept in step; tests/test_lean_output.py compares them), so every test sees
the full data. `pack` checks its own
work: unpacking what it wrote must give back the data exactly, or
generation fails (a bug, not a spec problem); it reads back the file's text,
so a value JSON cannot hold (a tuple, a number as a key) fails too.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from generator.emit.behaviour_rows import SECTIONS, is_table, pack_section, unpack_section
from generator.emit.case_rows import expand, group, pack_case, share, ungroup, unshare
from generator.emit.example_tests import first_by_operation
from generator.emit.json_patch import apply, diff, same

__all__ = ["json_text", "pack", "unpack"]

EXAMPLE_REF = "$example"
RESPONSE_REF = "$response"
_CLOSE = 4  # a webhook payload refers to a response when the patch is under a quarter of it
COMMENT = "packed: tests/conftest.py (_unpack) expands it to the cases the tests run"
_SAMPLE = ("json", "text", "problems", "field_problems")  # an error case's body, by format
_STORED = ("$comment", "examples", "case_kwargs", "error_samples")
_EXPANDED = 2  # containers nested deeper than this are written on one line


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


def _like_a_response(payload: Any, examples: list[dict[str, Any]]) -> Any:
    """A webhook payload as an example's response and a small patch, where one is close.

    A status webhook often sends the entity a read answers, one field
    changed: `{"$response": "<example id>", "patch": [...]}`.
    """
    best: tuple[int, str, list[dict[str, Any]]] | None = None
    for example in examples:
        if isinstance(example["response"], dict):
            patch = diff(example["response"], payload)
            cost = len(json.dumps(patch))
            if best is None or cost < best[0]:
                best = (cost, example["id"], patch)
    if best is None or best[0] * _CLOSE > len(json.dumps(payload)):
        return payload
    return {RESPONSE_REF: best[1], "patch": best[2]}


def _resolve_examples(value: Any, examples: dict[str, dict[str, Any]]) -> Any:
    if isinstance(value, dict):
        if EXAMPLE_REF in value:
            return apply(examples[value[EXAMPLE_REF]], value.get("patch", []))
        if RESPONSE_REF in value:
            return apply(examples[value[RESPONSE_REF]]["response"], value.get("patch", []))
        return {k: _resolve_examples(v, examples) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve_examples(v, examples) for v in value]
    return value


def _pack_example(example: dict[str, Any]) -> dict[str, Any]:
    """The example test, its body once: `kwargs["body"]` is the `body` sent."""
    kwargs = example["kwargs"]
    if example["body"] is None or not same(kwargs.get("body"), example["body"]):
        return example
    return {**example, "kwargs": {k: v for k, v in kwargs.items() if k != "body"}}


def _unpack_example(example: dict[str, Any]) -> dict[str, Any]:
    if example["body"] is None or "body" in example["kwargs"]:
        return example
    return {**example, "kwargs": {**example["kwargs"], "body": copy.deepcopy(example["body"])}}


def _bases(examples: list[dict[str, Any]]) -> dict[str, Any]:
    """Each operation's first example body: what its cases patch."""
    bases: dict[str, Any] = {}
    for example in examples:
        if example["body"] is not None:
            bases.setdefault(example["operation"], example["body"])
    return bases


def pack(data: dict[str, Any]) -> dict[str, Any]:
    """The lean form of `data` (see the module docstring); verified by unpacking it."""
    examples = data["examples"]
    first, refs = first_by_operation(examples), {e["id"]: e for e in examples}
    kwargs = _usual_kwargs(data["cases"])
    samples = _error_samples(data["error_cases"])
    packed: dict[str, Any] = {"$comment": COMMENT, "examples": [_pack_example(e) for e in examples]}
    packed["case_kwargs"] = kwargs
    packed["error_samples"] = samples
    for key, value in data.items():
        if key == "cases":
            packed[key] = _pack_cases(value, _bases(examples), kwargs)
        elif key in SECTIONS:
            table = pack_section(key, value, first, samples)
            packed[key] = table if table is not None else _refer_examples(value, refs)
        elif key == "curls":
            packed[key] = [_pack_curl(case, first) for case in value]
        elif key == "webhooks":
            packed[key] = [
                {**hook, "examples": [_like_a_response(p, examples) for p in hook["examples"]]}
                for hook in value
            ]
        elif key not in packed:
            packed[key] = _refer_examples(value, refs)
    # read back as the file gives it (JSON: no tuples, no int keys), then unpacked
    if not same(unpack(json.loads(json_text(packed))), data):
        raise AssertionError("packed test data does not unpack to the original")
    return packed


def _error_samples(cases: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The error body (and the messages to extract) of each error format, stored once."""
    samples: dict[str, dict[str, Any]] = {}
    for case in cases:
        if all(k in case for k in _SAMPLE):
            samples.setdefault(case["id"].rsplit(":", 1)[-1], {k: case[k] for k in _SAMPLE})
    return samples


def _usual_kwargs(cases: list[dict[str, Any]]) -> dict[str, Any]:
    usual: dict[str, Any] = {}
    for case in cases:
        usual.setdefault(case["operation"], case["kwargs"])
    return usual


def _pack_cases(
    cases: list[dict[str, Any]], bases: dict[str, Any], kwargs: dict[str, Any]
) -> dict[str, Any]:
    """Cases by operation (in order), each a row where a row can say it."""
    rows: dict[str, list[Any]] = {}
    for case in cases:
        operation = case["operation"]
        patch = diff(bases.get(operation), case["payload"])
        rows.setdefault(operation, []).append(pack_case(case, patch, kwargs[operation]))
    return share({operation: group(own) for operation, own in rows.items()})


def _pack_curl(case: dict[str, Any], first: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A curl case, a body placeholder's fill left to the operation's example."""
    example = first.get(case["operation"])
    body = json.dumps(example["body"], ensure_ascii=False) if example else None
    placeholder = next((k for k, v in case["fills"].items() if v == body), None)
    if placeholder is None:
        return case
    fills = {k: v for k, v in case["fills"].items() if k != placeholder}
    return {**case, "fills": fills, "example_body": placeholder}


def _unpack_curl(case: dict[str, Any], first: dict[str, dict[str, Any]]) -> dict[str, Any]:
    if "example_body" not in case:
        return case
    unpacked = {k: v for k, v in case.items() if k != "example_body"}
    body = json.dumps(first[case["operation"]]["body"], ensure_ascii=False)
    return {**unpacked, "fills": {**case["fills"], case["example_body"]: body}}


def unpack(packed: dict[str, Any]) -> dict[str, Any]:
    """The full test data from its lean form (the generated conftest does the same)."""
    examples = [_unpack_example(e) for e in packed["examples"]]
    first, bases = first_by_operation(examples), _bases(examples)
    refs = {e["id"]: e for e in examples}
    data: dict[str, Any] = {}
    for key, value in packed.items():
        if key in _STORED and key != "examples":
            continue
        if key == "cases":
            data[key] = [
                expand(operation, row, bases.get(operation), packed["case_kwargs"][operation])
                for operation, lines in unshare(value).items()
                for row in ungroup(lines)
            ]
        elif is_table(key, value):
            data[key] = unpack_section(value, first, packed["error_samples"])
        elif key == "curls":
            data[key] = [_unpack_curl(case, first) for case in value]
        else:
            data[key] = examples if key == "examples" else _resolve_examples(value, refs)
    return data


def json_text(data: dict[str, Any]) -> str:
    """The file's text: one line per section entry (a case, an example), so a diff shows cases."""
    return _layout(data, 0) + "\n"


def _layout(value: Any, depth: int, expanded: int = _EXPANDED) -> str:
    if depth >= expanded or not isinstance(value, dict | list) or not value:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    pad = " " * (depth + 1)
    if isinstance(value, dict):
        # cases are grouped by operation: one more level, still one line per case (and
        # per operation of a patch that makes one operation's rows from another's)
        items = [
            f"{pad}{json.dumps(k)}: {_layout(v, depth + 1, expanded + (k in ('cases', 'patch')))}"
            for k, v in value.items()
        ]
        return "{\n" + ",\n".join(items) + "\n" + " " * depth + "}"
    lines = [pad + _layout(v, depth + 1, expanded) for v in value]
    return "[\n" + ",\n".join(lines) + "\n" + " " * depth + "]"
