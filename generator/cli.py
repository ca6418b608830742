"""The `shipspec` command line: generate, validate, list, docs, new.

Exit codes: 0 success; 1 `--check` found drift, `diff` a breaking change or `validate` an
invalid payload; 2 a broken spec or a usage error (never a traceback).
Diagnostics go to stderr, coloured on a terminal; results go to stdout.
Each subcommand is one `_add_<name>` parser function and one handler in
`_HANDLERS`, so adding a command touches nothing else.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .diagnostics import SpecError
from .diff_command import run_diff
from .pipeline import Project, load_checked, load_spec, process_many
from .serve import add_mock_command, run_mock
from .term import Progress, diagnostic_line, paint

_Formatter = argparse.RawDescriptionHelpFormatter

EPILOG_MAIN = """examples:
  shipspec new acme                     start specs/acme.yaml from a commented skeleton
  shipspec generate                     regenerate every provider under generated/
  shipspec generate --check             CI: exit 1 if generated/ is stale
  shipspec diff                         what regenerating would change, and the next version
  shipspec list                         providers and their operations
  shipspec validate novatech place_order order.json
  shipspec docs --out build/docs        one HTML reference page per provider
  shipspec mock novatech                serve a local mock of the provider

exit status: 0 ok, 1 drift, an invalid payload or a breaking change,
2 a broken spec or a usage error.
Run `shipspec COMMAND --help` for a command's options.
"""
EPILOG_GENERATE = """examples:
  shipspec generate                 regenerate every provider under generated/
  shipspec generate novatech        just one
  shipspec generate --check         exit 1 and list files if generated/ is stale
  shipspec generate acme --out /tmp/out   try a spec without touching generated/

A provider whose spec, templates and tools are unchanged is skipped. Problems
are reported as specs/x.yaml:LINE:COL: message, and nothing is written.
exit: 0 ok, 1 --check found drift, 2 broken spec or unknown provider
"""
EPILOG_DIFF = """examples:
  shipspec diff                     every provider against what generated/ records
  shipspec diff novatech --against HEAD~3
  shipspec diff --json              machine-readable

Each change is printed as specs/x.yaml:LINE:COL: LEVEL: sentence, LEVEL being
breaking (next major version), feature (minor) or fix (patch); the rules are
in specs/README.md, "Changes and versions".
exit: 0 no breaking change, 1 a breaking change, 2 broken spec or usage error
"""
EPILOG_VALIDATE = """examples:
  shipspec validate novatech place_order order.json
  shipspec validate novatech place_order a.json b.json --json
  cat order.json | shipspec validate novatech place_order -

Each problem is printed as FILE: /json/pointer: message.
exit: 0 all valid, 1 any invalid, 2 usage error
"""
EPILOG_LIST = """examples:
  shipspec list                     every provider with its operations
  shipspec list novatech --json     machine-readable
"""
EPILOG_DOCS = """examples:
  shipspec docs                     build/docs/<provider>.html for every provider
  shipspec docs novatech --out site

Each page is self-contained (inline CSS, no scripts or external assets) and
works offline; index.html links them.
"""
EPILOG_NEW = """examples:
  shipspec new acme                 writes specs/acme.yaml, then edit it and run
  shipspec generate acme            to see its diagnostics or its package

Never overwrites an existing spec. The skeleton is a valid spec as it stands.
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="shipspec",
        description="Generate validated, typed Python clients from hand-written API specs.",
        epilog=EPILOG_MAIN,
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"shipspec {__version__}")
    parser.add_argument(
        "--project",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="project root holding specs/ (default: .)",
    )
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", title="commands"
    )
    for add in (_add_generate, _add_diff, _add_validate, _add_list, _add_docs, _add_new):
        add(commands)
    add_mock_command(commands, _Formatter)
    return parser


def _add_generate(commands: Any) -> None:
    generate = commands.add_parser(
        "generate",
        help="write generated/<provider>/ from specs/<provider>.yaml",
        description="Generate (or check) the client package of each provider.",
        epilog=EPILOG_GENERATE,
        formatter_class=_Formatter,
    )
    generate.add_argument("providers", nargs="*", metavar="PROVIDER", help="default: every spec")
    generate.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if any file differs"
    )
    generate.add_argument(
        "--out", type=Path, default=None, metavar="DIR", help="output folder (default: generated/)"
    )


def _add_diff(commands: Any) -> None:
    diff = commands.add_parser(
        "diff",
        help="classify each spec change: breaking, feature or fix",
        description="Compare the specs with the last generation (or a git ref), change by change.",
        epilog=EPILOG_DIFF,
        formatter_class=_Formatter,
    )
    diff.add_argument("providers", nargs="*", metavar="PROVIDER", help="default: every spec")
    diff.add_argument(
        "--against",
        metavar="REF",
        default=None,
        help="compare with specs/<provider>.yaml at this git ref (default: generated/'s record)",
    )
    diff.add_argument("--json", action="store_true", help="one JSON object on stdout")


def _add_validate(commands: Any) -> None:
    validate = commands.add_parser(
        "validate",
        help="validate JSON request bodies against an operation",
        description="Check JSON payloads with the same rules the client applies before sending.",
        epilog=EPILOG_VALIDATE,
        formatter_class=_Formatter,
    )
    validate.add_argument("provider", metavar="PROVIDER", help="a spec in specs/, e.g. novatech")
    validate.add_argument(
        "operation", metavar="OPERATION", help="one of its operations (see: shipspec list)"
    )
    validate.add_argument(
        "files", nargs="+", metavar="FILE", help="JSON files; - reads standard input"
    )
    validate.add_argument("--json", action="store_true", help="one JSON array on stdout")


def _add_list(commands: Any) -> None:
    listing = commands.add_parser(
        "list",
        help="show providers and their operations (method, path)",
        description="List each provider's operations as METHOD PATH.",
        epilog=EPILOG_LIST,
        formatter_class=_Formatter,
    )
    listing.add_argument("providers", nargs="*", metavar="PROVIDER", help="default: every spec")
    listing.add_argument("--json", action="store_true", help="one JSON object on stdout")


def _add_docs(commands: Any) -> None:
    docs = commands.add_parser(
        "docs",
        help="write one static HTML reference page per provider",
        description="Write self-contained HTML reference documentation.",
        epilog=EPILOG_DOCS,
        formatter_class=_Formatter,
    )
    docs.add_argument("providers", nargs="*", metavar="PROVIDER", help="default: every spec")
    docs.add_argument(
        "--out", type=Path, default=None, metavar="DIR", help="output folder (default: build/docs)"
    )


def _add_new(commands: Any) -> None:
    new = commands.add_parser(
        "new",
        help="start specs/<provider>.yaml from a commented skeleton",
        description="Scaffold a new provider spec.",
        epilog=EPILOG_NEW,
        formatter_class=_Formatter,
    )
    new.add_argument("provider", metavar="PROVIDER", help="lower case, e.g. acme or acme_eu")


# -- shared helpers ----------------------------------------------------------


def _fail(message: str) -> int:
    """A usage error: one line on stderr, exit status 2."""
    print(f"{paint('shipspec:', 'red', sys.stderr)} {message}", file=sys.stderr)
    return 2


def _print_diagnostics(error: SpecError) -> None:
    for diagnostic in error.diagnostics:
        print(diagnostic_line(diagnostic, sys.stderr), file=sys.stderr)


def _project(args: argparse.Namespace) -> Project:
    return Project(args.project, getattr(args, "out", None) or args.project / "generated")


def _chosen(project: Project, wanted: list[str]) -> list[str] | None:
    """The providers asked for (default: all), or None after reporting unknown ones."""
    known = project.providers()
    unknown = [p for p in wanted if p not in known]
    if unknown:
        _fail(f"no spec for {', '.join(unknown)} (have: {', '.join(known) or 'none'})")
        return None
    return wanted or known


# -- commands ----------------------------------------------------------------


def _generate(args: argparse.Namespace) -> int:
    project = _project(args)
    providers = _chosen(project, args.providers)
    if providers is None:
        return 2
    status = 0
    progress = Progress(len(providers), sys.stderr)
    progress.note(f"{'checking' if args.check else 'generating'} {', '.join(providers)}")
    for provider, outcome in process_many(project, providers, check=args.check):
        progress.clear()
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
            written = f"{provider}: wrote {len(outcome.changed)} changed file(s)"
            print(paint(written, "green", sys.stderr), file=sys.stderr)
            print(outcome.summary)
        progress.step(f"{'checked' if args.check else 'generated'} {provider}")
    progress.clear()
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

    project = Project(args.project, args.project / "generated")
    if args.provider not in project.providers():
        return _fail(f"unknown provider {args.provider!r} (have: {', '.join(project.providers())})")
    missing = [f for f in args.files if f != "-" and not Path(f).is_file()]
    if missing:
        return _fail(f"no such file: {', '.join(missing)}")
    if args.files.count("-") > 1:
        return _fail("standard input (-) can be given only once")
    try:
        checked = load_checked(project, args.provider)
    except SpecError as error:
        _print_diagnostics(error)
        return 2
    spec, module = checked.spec, checked.validation
    if args.operation not in {op.name for op in spec.operations}:
        names = ", ".join(op.name for op in spec.operations)
        return _fail(f"{args.provider} has no operation {args.operation!r} (have: {names})")
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


def _list(args: argparse.Namespace) -> int:
    from .listing import listing_json, listing_text

    project = _project(args)
    providers = _chosen(project, args.providers)
    if providers is None:
        return 2
    specs, status = [], 0
    progress = Progress(len(providers), sys.stderr)
    for provider in providers:
        progress.step(f"loading {provider}")
        try:
            specs.append(load_spec(project, provider))
        except SpecError as error:
            progress.clear()
            _print_diagnostics(error)
            status = 2
    progress.clear()
    print(listing_json(specs) if args.json else listing_text(specs), end="")
    return status


def _docs(args: argparse.Namespace) -> int:
    from .docs_emit import docs_html, index_html

    project = Project(args.project, args.project / "generated")
    providers = _chosen(project, args.providers)
    if providers is None:
        return 2
    out: Path = args.out or args.project / "build" / "docs"
    out.mkdir(parents=True, exist_ok=True)
    pages, status = [], 0
    progress = Progress(len(providers), sys.stderr)
    for provider in providers:
        progress.step(f"documenting {provider}")
        try:
            spec = load_spec(project, provider)
        except SpecError as error:
            progress.clear()
            _print_diagnostics(error)
            status = 2
            continue
        page = out / f"{provider}.html"
        page.write_text(docs_html(spec), encoding="utf-8")
        pages.append((page.name, spec.title, provider))
    progress.clear()
    if pages:
        (out / "index.html").write_text(index_html(pages), encoding="utf-8")
    for name, _, _ in pages:
        print(out / name)
    return status


def _new(args: argparse.Namespace) -> int:
    from .scaffold import ScaffoldError, write_skeleton

    try:
        path = write_skeleton(args.project / "specs", args.provider)
    except ScaffoldError as error:
        return _fail(str(error))
    print(path)
    print(
        f"next: edit it, then `shipspec generate {args.provider}`"
        " (the language is described in specs/README.md)",
        file=sys.stderr,
    )
    return 0


_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "generate": _generate,
    "diff": run_diff,
    "validate": _validate,
    "list": _list,
    "docs": _docs,
    "new": _new,
    "mock": run_mock,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _HANDLERS[args.command](args)
    except KeyboardInterrupt:
        print("shipspec: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
