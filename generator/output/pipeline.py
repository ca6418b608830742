"""load -> check -> build -> emit -> write, per provider, skipping unchanged ones.

A provider is regenerated only when the content hash of its inputs (spec
text, templates, the generator's own source, pinned tool versions) differs
from the one recorded in its manifest, or its files on disk were edited.
This module imports nothing heavy at the top (no YAML, no model, no black):
a no-op run or `--check` on a clean tree is a hash comparison.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

# Re-exported (`name as name`): the CLI and tests import these from the pipeline.
from generator.output.checked import CheckedSpec as CheckedSpec
from generator.output.checked import load_checked as load_checked
from generator.output.checked import load_spec as load_spec
from generator.output.fingerprint import _tool_version as _tool_version
from generator.output.fingerprint import differences_by_digest as differences_by_digest
from generator.output.fingerprint import generator_fingerprint as generator_fingerprint
from generator.output.fingerprint import input_hash as input_hash
from generator.output.fingerprint import is_current as is_current
from generator.output.project import Project as Project
from generator.output.run_guard import output_lock, signals_held, started_workers, stop, worker_init
from generator.output.writer import (
    MANIFEST,
    clean_staging,
    differences,
    manifest_bytes,
    stage_tree,
    swap_in,
)
from generator.spec import diagnostic_codes as codes
from generator.spec.diagnostics import Diagnostic, SpecError


def render_files(project: Project, provider: str, spec_text: bytes) -> dict[str, bytes]:
    return render_checked(project, provider, spec_text, load_checked(project, provider))


def render_checked(
    project: Project, provider: str, spec_text: bytes, checked: CheckedSpec
) -> dict[str, bytes]:
    from generator.emit.render import render_package
    from generator.versions.versioning import plan_release

    release = plan_release(checked.spec, project.out / provider)  # against what the tree records
    files = render_package(
        checked.spec, checked.checks, package_version=release.version, context=checked.context
    )
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


def _can_fork() -> bool:
    """Imports multiprocessing (~5 ms) only when there are workers to start."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def process_many(
    project: Project, providers: list[str], *, check: bool
) -> Iterator[tuple[str, Outcome]]:
    """Outcomes in the given order; stale providers are computed in parallel across cores.

    Workers die with this process (run_guard.worker_init) and are killed when
    the caller stops early (Ctrl-C, an error, or closing this iterator).
    """
    stale = [provider for provider in providers if _stale(project, provider)]
    workers = min(len(stale), os.cpu_count() or 1)
    if workers < 2 or not _can_fork():
        for provider in providers:  # each tree's hash is compared once, above
            outcome = process(project, provider, check=check) if provider in stale else None
            yield provider, outcome or Outcome(provider, "unchanged")
        return
    import multiprocessing
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
