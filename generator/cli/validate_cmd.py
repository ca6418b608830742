"""`shipspec validate PROVIDER OPERATION FILE...`: judge payloads before they travel.

Every file is read before any is judged, so an unreadable one is a usage
error (exit 2) rather than a half-finished report. A file that is not
portable JSON (see payload_json) is invalid (exit 1) with its reasons.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from generator.cli.payload_json import parse_payload
from generator.output.pipeline import Project, load_checked
from generator.spec.diagnostics import SpecError
from generator.spec.model import Spec


def _read(name: str) -> bytes:
    return sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()


def _problem_json(problem: Any) -> dict[str, Any]:
    """A generated Problem as the report writes it (`field` only when set)."""
    out = {"pointer": problem.pointer, "message": problem.message, "rule": problem.rule}
    return out | ({"field": problem.field} if problem.field is not None else {})


def _param_problems(
    module: ModuleType, spec: Spec, operation: str, given: Any
) -> list[dict[str, Any]]:
    """Check a `--params` object: keys are wire names (`ORD_NO`) or Python names."""
    if not isinstance(given, dict):
        return [{"pointer": "", "message": "must be a JSON object of parameters", "rule": "type"}]
    params = next(op.params for op in spec.operations if op.name == operation)
    by_name = {p.wire_name: p.python_name for p in params}
    by_name |= {p.python_name: p.python_name for p in params}
    unknown = [
        {
            "pointer": "/" + key,
            "message": "unknown parameter: the document does not list it",
            "rule": "unknown_field",
        }
        for key in given
        if key not in by_name
    ]
    named = {by_name[k]: v for k, v in given.items() if k in by_name}
    return [_problem_json(p) for p in module.validate_params(operation, named)] + unknown


def _judge(checked: Any, operation: str, raw: bytes, *, is_params: bool) -> list[dict[str, Any]]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return [{"pointer": "", "message": "not valid UTF-8 text", "rule": "json"}]
    payload, problems = parse_payload(text)
    if problems:
        return [{"pointer": p.pointer, "message": p.message, "rule": "json"} for p in problems]
    try:
        if is_params:
            return _param_problems(checked.validation, checked.spec, operation, payload)
        return [_problem_json(p) for p in checked.validation.validate(operation, payload)]
    except RecursionError:
        return [{"pointer": "", "message": "nested too deeply to judge", "rule": "json"}]


def run_validate(
    args: argparse.Namespace,
    project: Project,
    fail: Callable[[str], int],
    report_spec_error: Callable[[SpecError], None],
) -> int:
    """The command's body; `fail` prints a usage error and returns 2."""
    if args.provider not in project.providers():
        have = ", ".join(project.providers()) or "none"
        return fail(f"unknown provider {args.provider!r} (have: {have})")
    names = [*args.files, *args.params]
    if not names:
        return fail("give at least one FILE or --params FILE")
    if names.count("-") > 1:
        return fail("standard input (-) can be given only once")
    contents: list[bytes] = []
    missing = [name for name in names if name != "-" and not Path(name).exists()]
    if missing:
        return fail(f"no such file: {', '.join(missing)}")
    for name in names:
        try:
            contents.append(_read(name))
        except OSError as exc:
            return fail(f"cannot read {name}: {exc.strerror}")
    try:
        checked = load_checked(project, args.provider)
    except SpecError as error:
        report_spec_error(error)
        return 2
    if args.operation not in {op.name for op in checked.spec.operations}:
        have = ", ".join(op.name for op in checked.spec.operations)
        return fail(f"{args.provider} has no operation {args.operation!r} (have: {have})")
    results = []
    kinds = [False] * len(args.files) + [True] * len(args.params)
    for name, raw, is_params in zip(names, contents, kinds, strict=True):
        errors = _judge(checked, args.operation, raw, is_params=is_params)
        results.append({"file": name, "valid": not errors, "errors": errors})
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
    else:
        for result in results:
            for problem in result["errors"]:
                print(f"{result['file']}: {problem['pointer']}: {problem['message']}")
    return 0 if all(r["valid"] for r in results) else 1
