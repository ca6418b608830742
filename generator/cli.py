"""The `shipspec` command line: generate, check and validate.

Exit codes: 0 success; 1 `--check` found drift or `validate` found an
invalid payload; 2 a broken spec or a usage error (never a traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .diagnostics import SpecError
from .pipeline import Project, load_spec, process

EPILOG_GENERATE = """examples:
  shipspec generate                 regenerate every provider under generated/
  shipspec generate novatech        just one
  shipspec generate --check         exit 1 and list files if generated/ is stale
"""
EPILOG_VALIDATE = """examples:
  shipspec validate novatech place_order order.json
  shipspec validate novatech place_order a.json b.json --json
exit: 0 all valid, 1 any invalid, 2 usage error
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="shipspec",
        description="Generate validated, typed Python clients from hand-written API specs.",
    )
    parser.add_argument("--version", action="version", version=f"shipspec {__version__}")
    parser.add_argument(
        "--project", type=Path, default=Path("."), help="project root holding specs/ (default: .)"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    generate = commands.add_parser(
        "generate",
        help="write generated/<provider>/ from specs/<provider>.yaml",
        epilog=EPILOG_GENERATE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    generate.add_argument("providers", nargs="*", metavar="PROVIDER", help="default: every spec")
    generate.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if any file differs"
    )
    generate.add_argument(
        "--out", type=Path, default=None, help="output folder (default: PROJECT/generated)"
    )

    validate = commands.add_parser(
        "validate",
        help="validate JSON request bodies against an operation",
        epilog=EPILOG_VALIDATE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    validate.add_argument("provider")
    validate.add_argument("operation")
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.add_argument("--json", action="store_true", help="one JSON array on stdout")
    return parser


def _print_diagnostics(error: SpecError) -> None:
    for diagnostic in error.diagnostics:
        print(diagnostic, file=sys.stderr)


def _generate(args: argparse.Namespace) -> int:
    project = Project(args.project, args.out or args.project / "generated")
    known = project.providers()
    unknown = [p for p in args.providers if p not in known]
    if unknown:
        print(
            f"shipspec: no spec for {', '.join(unknown)} (have: {', '.join(known) or 'none'})",
            file=sys.stderr,
        )
        return 2
    status = 0
    for provider in args.providers or known:
        outcome = process(project, provider, check=args.check)
        if outcome.status == "error":
            _print_diagnostics(SpecError(outcome.diagnostics))
            status = 2
        elif outcome.status == "differs":
            spec = project.display(project.spec_path(provider))
            print(f"{provider}: generated/{provider} is not what {spec} produces:")
            for name in outcome.changed:
                print(f"  {provider}/{name}")
            status = max(status, 1)
        elif outcome.status == "written":
            print(f"{provider}: wrote {len(outcome.changed)} changed file(s)", file=sys.stderr)
    return status


def _read_payload(path: str) -> tuple[Any, str | None]:
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text("utf-8")
    except UnicodeDecodeError:
        return None, "not valid UTF-8 text"
    try:
        return json.loads(text), None
    except json.JSONDecodeError as exc:
        return None, f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"


def _validate(args: argparse.Namespace) -> int:
    from .examples import load_validation_module
    from .render import render_validation
    from .validator_emit import emit_validators

    project = Project(args.project, args.project / "generated")
    if args.provider not in project.providers():
        known = ", ".join(project.providers())
        print(
            f"shipspec: unknown provider {args.provider!r} (have: {known})",
            file=sys.stderr,
        )
        return 2
    missing = [f for f in args.files if f != "-" and not Path(f).is_file()]
    if missing:
        print(f"shipspec: no such file: {', '.join(missing)}", file=sys.stderr)
        return 2
    try:
        spec = load_spec(project, args.provider)
    except SpecError as error:
        _print_diagnostics(error)
        return 2
    if args.operation not in {op.name for op in spec.operations}:
        names = ", ".join(op.name for op in spec.operations)
        print(
            f"shipspec: {args.provider} has no operation {args.operation!r} (have: {names})",
            file=sys.stderr,
        )
        return 2
    module = load_validation_module(
        render_validation(spec, emit_validators(spec)), f"_shipspec_cli_{spec.provider}"
    )
    results = []
    for name in args.files:
        payload, unreadable = _read_payload(name)
        if unreadable:
            errors = [{"pointer": "", "message": unreadable}]
        else:
            errors = [
                {"pointer": p.pointer, "message": p.message}
                for p in module.validate(args.operation, payload)
            ]
        results.append({"file": name, "valid": not errors, "errors": errors})
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
    else:
        for result in results:
            for problem in result["errors"]:
                print(f"{result['file']}: {problem['pointer']}: {problem['message']}")
    return 0 if all(r["valid"] for r in results) else 1


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "generate":
            return _generate(args)
        return _validate(args)
    except KeyboardInterrupt:
        print("shipspec: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
