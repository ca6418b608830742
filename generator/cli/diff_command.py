"""`shipspec diff`: what regenerating would change in each package, classified.

The baseline is the surface recorded in generated/<provider>/ by the last
generation (the default), or the spec as it was at a git ref (`--against
REF`, read with `git show` and built in-process by the current generator).
Each change is one line, `specs/x.yaml:LINE:COL: LEVEL: sentence`, placed in
the current spec (a removal at its parent section). Exit 1 when any change
is breaking, 0 otherwise (also when nothing changed), 2 on a broken spec or
a usage error.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass
from typing import Any, NamedTuple

from generator.cli.term import diagnostic_line, paint
from generator.output.pipeline import Project, load_checked
from generator.spec import diagnostic_codes as codes
from generator.spec.build import build_spec
from generator.spec.diagnostics import Diagnostic, SpecError
from generator.spec.loader import SourceMap, load_file, load_text
from generator.spec.metacheck import check_against_meta_schema
from generator.versions.change_record import BREAKING, FEATURE, LEVELS, Change
from generator.versions.changes import compare, worst
from generator.versions.surface import surface
from generator.versions.versioning import FIRST_VERSION, STATE, bump, read_recorded

_STYLE = {BREAKING: "red", FEATURE: "green"}


class UsageError(Exception):
    """A bad ref or no git: the user's request, not a spec, is at fault."""


@dataclass(frozen=True)
class Baseline:
    """What the current spec is compared with; `surface` None when there is nothing."""

    label: str
    surface: dict[str, Any] | None
    version: str | None


class Place(NamedTuple):
    """Where a change is in the spec (a change is not a problem: it has no diagnostic code)."""

    file: str
    line: int
    col: int


@dataclass(frozen=True)
class Report:
    provider: str
    baseline: Baseline
    changes: tuple[Change, ...]
    places: tuple[Place, ...]  # one per change: where it is

    @property
    def next_version(self) -> str | None:
        if self.baseline.surface is None:
            return FIRST_VERSION
        if self.baseline.version is None:
            return None
        return bump(self.baseline.version, worst(list(self.changes)))

    def as_json(self) -> dict[str, Any]:
        return {
            "baseline": self.baseline.label,
            "version": self.baseline.version,
            "next_version": self.next_version,
            "level": worst(list(self.changes)),
            "changes": [
                {
                    "level": change.level,
                    "file": place.file,
                    "line": place.line,
                    "col": place.col,
                    "pointer": change.pointer,
                    "message": change.message,
                }
                for change, place in zip(self.changes, self.places, strict=True)
            ],
        }


def _git(project: Project, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(project.root), *args], capture_output=True, check=False
        )
    except OSError as exc:
        raise UsageError(f"cannot run git: {exc.strerror}") from None


def _at_ref(project: Project, ref: str, path: str) -> bytes | None:
    """A file's content at `ref` (path relative to the project), None if it is not there."""
    result = _git(project, "show", f"{ref}:./{path}")
    return result.stdout if result.returncode == 0 else None


def check_ref(project: Project, ref: str) -> None:
    result = _git(project, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if result.returncode != 0:
        raise UsageError(f"{ref!r} is not a commit of the git repository at {project.root}")


def baseline_at_ref(project: Project, provider: str, ref: str) -> Baseline:
    """The spec as it was at `ref`, built by today's generator (SpecError if it was broken)."""
    label = f"{ref}:specs/{provider}.yaml"
    text = _at_ref(project, ref, f"specs/{provider}.yaml")
    if text is None:
        return Baseline(label, None, None)
    try:
        loaded = load_text(text.decode("utf-8"), label)
    except UnicodeDecodeError:
        raise SpecError(
            [Diagnostic(label, 1, 1, "spec is not valid UTF-8", code=codes.INVALID_UTF8)]
        ) from None
    problems = check_against_meta_schema(loaded)
    if problems:
        raise SpecError(problems)
    spec, _ = build_spec(loaded, label)
    return Baseline(label, surface(spec), _version_at_ref(project, provider, ref))


def _version_at_ref(project: Project, provider: str, ref: str) -> str | None:
    """The package version generated/ recorded at `ref`, when it recorded one."""
    text = _at_ref(project, ref, f"{project.display(project.out)}/{provider}/{STATE}")
    try:
        version = json.loads(text or b"null")["version"]
    except (ValueError, KeyError, TypeError):
        return None
    return version if isinstance(version, str) else None


def recorded_baseline(project: Project, provider: str) -> Baseline:
    tree = project.out / provider
    label = f"{project.display(tree)}/{STATE}"
    recorded = read_recorded(tree)
    if recorded is None:
        return Baseline(label, None, None)
    if recorded.surface is None:  # an older layout: versioning.py rebases it without changes
        return Baseline(label, surface(load_checked(project, provider).spec), recorded.version)
    return Baseline(label, recorded.surface, recorded.version)


def report(project: Project, provider: str, against: str | None) -> Report:
    """SpecError for a broken spec (current or at the ref), UsageError for a bad ref."""
    current = load_checked(project, provider).spec
    path = project.spec_path(provider)
    source: SourceMap = load_file(path, project.display(path)).source
    if against:
        base = baseline_at_ref(project, provider, against)
    else:
        base = recorded_baseline(project, provider)
    changes = tuple(compare(base.surface, surface(current))) if base.surface else ()
    places = tuple(Place(source.file, *source.position(c.pointer, key=True)) for c in changes)
    ordered = sorted(zip(places, changes, strict=True), key=lambda p: (p[0].line, p[0].col))
    return Report(
        provider,
        base,
        tuple(change for _, change in ordered),
        tuple(place for place, _ in ordered),
    )


def _counts(changes: tuple[Change, ...]) -> str:
    names = {BREAKING: "breaking", FEATURE: "feature", "fix": "fix"}
    parts = []
    for level in LEVELS:
        count = sum(1 for c in changes if c.level == level)
        if count:
            parts.append(f"{count} {names[level]}{'s' if count > 1 and level != BREAKING else ''}")
    return ", ".join(parts)


def print_text(result: Report) -> None:
    out = sys.stdout
    for change, place in zip(result.changes, result.places, strict=True):
        level = paint(f"{change.level}:", _STYLE.get(change.level, "bold"), out)
        print(f"{place.file}:{place.line}:{place.col}: {level} {change.message}")
    base = result.baseline
    if base.surface is None:
        note = f"nothing to compare with at {base.label}; the first generation is {FIRST_VERSION}"
    elif not result.changes:
        note = f"no changes since {base.label}" + (f" ({base.version})" if base.version else "")
    else:
        version = f"{base.version} -> {result.next_version}" if base.version else "no version"
        note = f"{_counts(result.changes)} since {base.label}; {version}"
    print(f"{result.provider}: {note}")


def run_diff(args: argparse.Namespace) -> int:
    project = Project(args.project, args.project / "generated")
    known = project.providers()
    unknown = [p for p in args.providers if p not in known]
    if unknown:
        return _usage(f"no spec for {', '.join(unknown)} (have: {', '.join(known) or 'none'})")
    try:
        if args.against:
            check_ref(project, args.against)
    except UsageError as error:
        return _usage(str(error))
    status, reports = 0, {}
    for provider in args.providers or known:
        try:
            result = report(project, provider, args.against)
        except SpecError as error:
            for diagnostic in error.diagnostics:
                print(diagnostic_line(diagnostic, sys.stderr), file=sys.stderr)
            status = 2
            continue
        except UsageError as error:
            return _usage(str(error))
        reports[provider] = result.as_json()
        if not args.json:
            print_text(result)
        if status != 2 and worst(list(result.changes)) == BREAKING:
            status = 1
    if args.json:
        print(json.dumps(reports, indent=2, ensure_ascii=False))
    return status


def _usage(message: str) -> int:
    print(f"{paint('shipspec:', 'red', sys.stderr)} {message}", file=sys.stderr)
    return 2
