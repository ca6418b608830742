"""load -> check -> build for one spec, every problem reported in one run; the heavy
modules are imported inside load_checked, on demand.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

from generator.output.project import Project
from generator.spec import diagnostic_codes as codes
from generator.spec.diagnostics import Diagnostic, SpecError, capped

if TYPE_CHECKING:
    from generator.emit.render_context import Context
    from generator.emit.response_checks import SplitChecks
    from generator.spec.loader import LoadedSpec
    from generator.spec.model import Spec


@dataclass(frozen=True)
class CheckedSpec:
    """A model whose examples passed, with the validators they were judged by."""

    spec: Spec
    checks: SplitChecks  # the compiled validators' source (requests, responses)
    validation: ModuleType  # those validators, executed (_response_checks: all of them)
    warnings: tuple[Diagnostic, ...] = ()  # problems that do not stop generation
    context: Context | None = None  # the render context, built once (render_package reuses it)


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
    from generator.emit.render_context import build_context
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
    context = build_context(spec, checks.requests)
    sources = render_validation(spec, checks, context)
    module = load_validation_module(sources, f"_shipspec_check_{provider}")
    problems += check_examples(spec, loaded.source, module)
    if _errors(problems):
        raise SpecError(capped(problems, shown))
    return CheckedSpec(spec, checks, module, tuple(sorted(set(problems))), context)


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
