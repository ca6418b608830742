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

from .diagnostics import SpecError
from .payload_json import parse_payload
from .pipeline import Project, load_checked


def _read(name: str) -> bytes:
    return sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()


def _judge(module: ModuleType, operation: str, raw: bytes) -> list[dict[str, str]]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return [{"pointer": "", "message": "not valid UTF-8 text"}]
    payload, problems = parse_payload(text)
    if problems:
        return [{"pointer": p.pointer, "message": p.message} for p in problems]
    try:
        return [
            {"pointer": p.pointer, "message": p.message}
            for p in module.validate(operation, payload)
        ]
    except RecursionError:
        return [{"pointer": "", "message": "nested too deeply to judge"}]


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
    if args.files.count("-") > 1:
        return fail("standard input (-) can be given only once")
    contents: list[bytes] = []
    missing = [name for name in args.files if name != "-" and not Path(name).exists()]
    if missing:
        return fail(f"no such file: {', '.join(missing)}")
    for name in args.files:
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
        names = ", ".join(op.name for op in checked.spec.operations)
        return fail(f"{args.provider} has no operation {args.operation!r} (have: {names})")
    results = []
    for name, raw in zip(args.files, contents, strict=True):
        errors = _judge(checked.validation, args.operation, raw)
        results.append({"file": name, "valid": not errors, "errors": errors})
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
    else:
        for result in results:
            for problem in result["errors"]:
                print(f"{result['file']}: {problem['pointer']}: {problem['message']}")
    return 0 if all(r["valid"] for r in results) else 1
