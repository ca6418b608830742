"""load -> check -> build -> emit -> write, per provider, skipping unchanged ones.

A provider is regenerated only when the content hash of its inputs (spec
text, templates, the generator's own source, pinned tool versions) differs
from the one recorded in its manifest, or its files on disk were edited.
This module imports nothing heavy at the top (no YAML, no model, no black):
a no-op run or `--check` on a clean tree is a hash comparison.
"""

from __future__ import annotations

import functools
import hashlib
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from generator import __version__
from generator.output.assets import fingerprint_files
from generator.output.run_guard import output_lock, signals_held, started_workers, stop, worker_init
from generator.output.writer import (
    MANIFEST,
    clean_staging,
    differences,
    digest,
    manifest_bytes,
    read_manifest,
    stage_tree,
    swap_in,
    tree_files,
)
from generator.spec import diagnostic_codes as codes
from generator.spec.diagnostics import Diagnostic, SpecError, capped

if TYPE_CHECKING:
    from generator.emit.response_checks import SplitChecks
    from generator.spec.loader import LoadedSpec
    from generator.spec.model import Spec


@dataclass(frozen=True)
class Project:
    root: Path
    out: Path

    @property
    def specs(self) -> Path:
        return self.root / "specs"

    def spec_path(self, provider: str) -> Path:
        return self.specs / f"{provider}.yaml"

    def providers(self) -> list[str]:
        return sorted(p.stem for p in self.specs.glob("*.yaml"))

    def display(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


@functools.cache
def generator_fingerprint() -> str:
    """Hash of everything besides the spec that shapes the output."""
    sha = hashlib.sha256(f"shipspec {__version__}\n".encode())
    for name, entry in fingerprint_files():
        sha.update(name.encode() + b"\0" + entry.read_bytes() + b"\0")
    sha.update(f"black=={_tool_version('black')}\n".encode())
    return sha.hexdigest()


def _tool_version(name: str) -> str:
    """An installed distribution's version, read from its .dist-info folder's name.

    One directory listing per sys.path entry instead of importlib.metadata's
    scan per call (~10 ms each): `--check` is meant to cost little more than
    starting Python. Falls back to importlib.metadata where the name is unusual.
    """
    prefix = name.replace("-", "_").lower() + "-"
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for folder in names:
            if folder.endswith(".dist-info") and folder.lower().startswith(prefix):
                return folder[len(prefix) : -len(".dist-info")]
    from importlib import metadata

    return metadata.version(name)


def input_hash(spec_text: bytes) -> str:
    return hashlib.sha256(generator_fingerprint().encode() + b"\0" + spec_text).hexdigest()


def is_current(target: Path, expected_input: str) -> bool:
    """The tree was made from these inputs and nobody has edited it since."""
    manifest = read_manifest(target)
    if manifest is None or manifest.get("input") != expected_input:
        return False
    recorded = manifest.get("files")
    if not isinstance(recorded, dict):
        return False
    return not differences_by_digest(target, recorded)


def differences_by_digest(target: Path, recorded: dict[str, str]) -> list[str]:
    """Files that are missing, extra, or whose content no longer has the recorded digest."""
    on_disk = tree_files(target)
    changed = sorted(on_disk ^ (set(recorded) | {MANIFEST}))
    changed += [
        name
        for name in sorted(on_disk & set(recorded))
        if digest((target / name).read_bytes()) != recorded[name]
    ]
    return changed


@dataclass(frozen=True)
class CheckedSpec:
    """A model whose examples passed, with the validators they were judged by."""

    spec: Spec
    checks: SplitChecks  # the compiled validators' source (requests, responses)
    validation: ModuleType  # those validators, executed (_response_checks: all of them)
    warnings: tuple[Diagnostic, ...] = ()  # problems that do not stop generation


def load_spec(project: Project, provider: str) -> Spec:
    """A checked model, or SpecError with every diagnostic (examples included)."""
    return load_checked(project, provider).spec


def load_checked(project: Project, provider: str) -> CheckedSpec:
    """As load_spec, keeping the compiled validators so nothing emits them twice.

    Every problem is reported in one run: meta-schema problems do not stop
    the semantic checks of the well-formed part (prune.py), and semantic
    problems do not stop the examples of the sound part being judged
    (checkable.py).
    """
    from generator.emit.render import render_validation
    from generator.emit.response_checks import split_checks
    from generator.spec.build import build_with_problems
    from generator.spec.checkable import checkable_part
    from generator.spec.examples import check_examples, load_validation_module
    from generator.spec.loader import load_file
    from generator.spec.metacheck import check_against_meta_schema, meta_errors
    from generator.spec.prune import well_formed_part

    path = project.spec_path(provider)
    shown = project.display(path)
    loaded = load_file(path, shown)
    errors = meta_errors(loaded.data)
    problems = [*check_against_meta_schema(loaded, errors), *_provider_mismatch(loaded, provider)]
    edited: frozenset[str] = frozenset()
    if problems:
        pruned = well_formed_part(loaded, provider, errors)
        if pruned is None:
            raise SpecError(capped(problems, shown))
        loaded, edited = pruned.loaded, pruned.edited
    built = build_with_problems(loaded, shown)
    spec = built.spec
    problems += [d for section, d in built.dangling if section not in edited]
    problems += [*built.hard, *built.soft]
    if _errors(problems):
        spec = checkable_part(spec, [d.pointer for d in built.hard] + list(edited))
        if not _has_examples(spec):
            raise SpecError(capped(problems, shown))
    checks = split_checks(spec)
    module = load_validation_module(render_validation(spec, checks), f"_shipspec_check_{provider}")
    problems += check_examples(spec, loaded.source, module)
    if _errors(problems):
        raise SpecError(capped(problems, shown))
    return CheckedSpec(spec, checks, module, tuple(sorted(set(problems))))


def _errors(problems: list[Diagnostic]) -> bool:
    """Problems that stop generation: warnings alone do not (they are printed)."""
    return any(problem.is_error for problem in problems)


def _has_examples(spec: Spec) -> bool:
    return (
        any(op.examples for op in spec.operations)
        or any(f.example is not None for f in spec.error_formats)
        or any(hook.examples for hook in spec.webhooks)
    )


def _provider_mismatch(loaded: LoadedSpec, provider: str) -> list[Diagnostic]:
    declared = loaded.data.get("provider") if isinstance(loaded.data, dict) else None
    if not isinstance(declared, str) or declared == provider:
        return []
    message = f"provider '{declared}' must match the file name '{provider}'"
    return [loaded.source.diagnostic("/provider", message, codes.PROVIDER_MISMATCH)]


def render_files(project: Project, provider: str, spec_text: bytes) -> dict[str, bytes]:
    return render_checked(project, provider, spec_text, load_checked(project, provider))


def render_checked(
    project: Project, provider: str, spec_text: bytes, checked: CheckedSpec
) -> dict[str, bytes]:
    from generator.emit.render import render_package
    from generator.versions.versioning import plan_release

    release = plan_release(checked.spec, project.out / provider)  # against what the tree records
    files = render_package(checked.spec, checked.checks, package_version=release.version)
    files.update(release.files(checked.spec))
    files[MANIFEST] = manifest_bytes(input_hash(spec_text), files)
    return files


@dataclass(frozen=True)
class Outcome:
    provider: str
    status: str  # unchanged | written | differs | error
    changed: tuple[str, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    files: dict[str, bytes] | None = None  # the new tree, until the parent has staged it
    summary: str = ""  # the version change, e.g. "novatech: 1.4.0 -> 2.0.0 (breaking: ...)"
    warnings: tuple[Diagnostic, ...] = ()  # printed; shown when the tree is (re)computed only


def process(project: Project, provider: str, *, check: bool) -> Outcome:
    """What one provider's tree should become; reads the disk, never writes it.

    Runs in pool workers: only the parent process writes (see `generate`).
    """
    path = project.spec_path(provider)
    target = project.out / provider
    try:
        spec_text = path.read_bytes()
    except OSError as exc:
        message = f"cannot read spec: {exc.strerror}"
        diagnostic = Diagnostic(project.display(path), 1, 1, message, code=codes.UNREADABLE_SPEC)
        return Outcome(provider, "error", diagnostics=(diagnostic,))
    if is_current(target, input_hash(spec_text)):
        return Outcome(provider, "unchanged")
    try:
        checked = load_checked(project, provider)
        files = render_checked(project, provider, spec_text, checked)
    except SpecError as error:
        return Outcome(provider, "error", diagnostics=error.diagnostics)
    warnings = checked.warnings
    changed = tuple(differences(target, files))
    if not changed:
        return Outcome(provider, "unchanged", warnings=warnings)
    from generator.versions.versioning import summary_line

    summary = summary_line(provider, target, files)
    if check:
        return Outcome(provider, "differs", changed, summary=summary, warnings=warnings)
    return Outcome(provider, "written", changed, files=files, summary=summary, warnings=warnings)


def _stale(project: Project, provider: str) -> bool:
    try:
        text = project.spec_path(provider).read_bytes()
    except OSError:
        return True
    return not is_current(project.out / provider, input_hash(text))


_PRELOADED = (
    "black",
    "generator.emit.render",
    "generator.emit.models_emit",
    "generator.spec.examples",
    "generator.spec.metacheck",
    "generator.spec.build",
)


def _preload() -> None:
    """Import what every worker needs before forking them: imported once here, the
    modules (black, Jinja, the generator's own) are shared by
    all workers instead of each importing its own."""
    import importlib

    for name in _PRELOADED:
        try:
            importlib.import_module(name)
        except ImportError:  # a module that moved in another version: workers import theirs
            continue


def process_many(
    project: Project, providers: list[str], *, check: bool
) -> Iterator[tuple[str, Outcome]]:
    """Outcomes in the given order; stale providers are computed in parallel across cores.

    Workers die with this process (run_guard.worker_init) and are killed when
    the caller stops early (Ctrl-C, an error, or closing this iterator).
    """
    stale = [provider for provider in providers if _stale(project, provider)]
    workers = min(len(stale), os.cpu_count() or 1)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for provider in providers:  # each tree's hash is compared once, above
            outcome = process(project, provider, check=check) if provider in stale else None
            yield provider, outcome or Outcome(provider, "unchanged")
        return
    from concurrent.futures import ProcessPoolExecutor

    _preload()
    context = multiprocessing.get_context("fork")  # children inherit the loaded generator
    before = set(multiprocessing.active_children())
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=worker_init, initargs=(os.getpid(),)
    )
    finished = False
    try:
        futures = {
            provider: pool.submit(process, project, provider, check=check) for provider in stale
        }
        for provider in providers:
            future = futures.get(provider)
            yield provider, future.result() if future else Outcome(provider, "unchanged")
        finished = True
    finally:
        if not finished:
            stop(started_workers(before))
        pool.shutdown(wait=finished, cancel_futures=True)


def generate(
    project: Project,
    providers: list[str],
    *,
    check: bool,
    on_outcome: Callable[[Outcome], None],
    on_wait: Callable[[], None],
) -> list[Outcome]:
    """Generate (or check) providers as one run: every changed tree is staged
    first, then all are swapped in together with signals held.

    So an interrupted run leaves generated/ all old (interrupted while
    computing or staging) or all new; only a SIGKILL in the swap phase (one
    rename per provider) can leave some providers new and others old, each
    tree whole, and the next run regenerates the stale ones. A provider whose
    spec is broken keeps its old tree while the others are written.
    """
    with output_lock(project.out, shared=check, on_wait=on_wait):
        if not check:
            clean_staging(project.out)
        staged: dict[str, Path] = {}
        outcomes: list[Outcome] = []
        try:
            for provider, outcome in process_many(project, providers, check=check):
                if outcome.files is not None:
                    staged[provider] = stage_tree(project.out / provider, outcome.files)
                    outcome = replace(outcome, files=None)
                outcomes.append(outcome)
                on_outcome(outcome)
            with signals_held():
                for provider, staging in staged.items():
                    swap_in(staging, project.out / provider)
        finally:
            if not check:
                clean_staging(project.out)  # whatever was staged but not swapped in
    return outcomes
