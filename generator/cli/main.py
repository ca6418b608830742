"""The `shipspec` command line: generate, validate, list, docs, new.

Exit codes: 0 success; 1 `--check` found drift, `diff` a breaking change or `validate` an
invalid payload; 2 a broken spec or a usage error (never a traceback).
Diagnostics go to stderr, coloured on a terminal; results go to stdout.
Each subcommand is one `_add_<name>` parser function (cli/parser.py) and one handler in
`_HANDLERS`, so adding a command touches nothing else.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from generator.cli.parser import build_parser
from generator.cli.project_root import NotAProject, find_project
from generator.cli.serve import run_mock
from generator.cli.term import Progress, diagnostic_line, paint
from generator.output.pipeline import Outcome, Project, generate, load_spec
from generator.spec.diagnostics import SpecError

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
    if not known:
        _fail(
            f"no specs in {project.display(project.specs)}/ (start one with: shipspec new PROVIDER)"
        )
        return None
    unknown = [p for p in wanted if p not in known]
    if unknown:
        _fail(f"no spec for {', '.join(unknown)} (have: {', '.join(known) or 'none'})")
        return None
    return wanted or known


# -- commands ----------------------------------------------------------------


def _report(project: Project, outcome: Outcome) -> int:
    """Print one provider's result; its exit status."""
    provider = outcome.provider
    for warning in outcome.warnings:
        print(diagnostic_line(warning, sys.stderr), file=sys.stderr)
    if outcome.status == "error":
        _print_diagnostics(SpecError(outcome.diagnostics))
        return 2
    if outcome.status == "differs":
        spec = project.display(project.spec_path(provider))
        print(f"{provider}: generated/{provider} is not what {spec} produces:")
        for name in outcome.changed:
            print(f"  {provider}/{name}")
        return 1
    if outcome.status == "written":
        written = f"{provider}: wrote {len(outcome.changed)} changed file(s)"
        print(paint(written, "green", sys.stderr), file=sys.stderr)
        if outcome.summary:
            print(outcome.summary)
    return 0


def _generate(args: argparse.Namespace) -> int:
    project = _project(args)
    providers = _chosen(project, args.providers)
    if providers is None:
        return 2
    verb = "checked" if args.check else "generated"
    progress = Progress(len(providers), sys.stderr)

    def waiting() -> None:
        progress.clear()
        out = project.display(project.out)
        print(f"shipspec: waiting for another shipspec run on {out}/ to finish", file=sys.stderr)

    progress.note(f"{'checking' if args.check else 'generating'} {', '.join(providers)}")
    outcomes = generate(
        project,
        providers,
        check=args.check,
        on_outcome=lambda outcome: progress.step(f"{verb} {outcome.provider}"),
        on_wait=waiting,
    )
    progress.clear()
    return max((_report(project, outcome) for outcome in outcomes), default=0)


def _diff(args: argparse.Namespace) -> int:
    from generator.cli.diff_command import (
        run_diff,  # imported on use: `generate --check` stays light
    )

    return run_diff(args)


def _validate(args: argparse.Namespace) -> int:
    from generator.cli.validate_cmd import run_validate

    return run_validate(args, _project(args), _fail, _print_diagnostics)


def _list(args: argparse.Namespace) -> int:
    from generator.cli.listing import listing_json, listing_text

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
    from generator.emit.docs_emit import docs_html, index_html

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
    from generator.cli.scaffold import ScaffoldError, write_skeleton

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
    "diff": _diff,
    "validate": _validate,
    "list": _list,
    "docs": _docs,
    "new": _new,
    "mock": run_mock,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        args.project = find_project(args.project, creating=args.command == "new")
    except NotAProject as refusal:
        return _fail(str(refusal))
    try:
        return _HANDLERS[args.command](args)
    except KeyboardInterrupt:
        print("shipspec: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
