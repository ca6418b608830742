"""Check every document example against its own schema, at generation time.

The checks are the generated `_validation.py` itself, executed in-process,
so the spec's examples are judged by exactly the code that ships.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from generator.concepts import leniency
from generator.spec import diagnostic_codes as codes
from generator.spec.diagnostics import Diagnostic
from generator.spec.loader import SourceMap, child_pointer
from generator.spec.model import Spec


def load_validation_module(sources: dict[str, str], name: str) -> types.ModuleType:
    """Execute the package's validation modules (module name -> source) as a throwaway package.

    Returns the last module, `_response_checks` (every check: requests re-exported from
    `_validation`, responses, webhooks, error bodies); relative imports resolve inside the package.
    """
    package = types.ModuleType(name)
    package.__path__ = []
    sys.modules[name] = package
    loaded: list[str] = [name]
    try:
        for module_name, source in sources.items():
            qualified = f"{name}.{module_name}"
            module = types.ModuleType(qualified)
            module.__package__ = name
            sys.modules[qualified] = module  # NamedTuple machinery looks the module up
            loaded.append(qualified)
            exec(compile(source, f"<{qualified}>", "exec"), module.__dict__)
            setattr(package, module_name, module)
    finally:
        for qualified in loaded:
            sys.modules.pop(qualified, None)
    result: types.ModuleType = getattr(package, list(sources)[-1])
    return result


def _report(source: SourceMap, pointer: str, what: str, problems: list[Any]) -> list[Diagnostic]:
    return [
        source.diagnostic(
            pointer,
            f"{what} breaks its schema at {p.pointer or '(root)'}: {p.message}",
            codes.EXAMPLE_BREAKS_SCHEMA,
        )
        for p in problems
    ]


def check_examples(spec: Spec, source: SourceMap, validation: types.ModuleType) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for op in spec.operations:
        statuses = {r.status for r in op.responses if r.shape is not None}
        base = child_pointer(child_pointer("/operations", op.name), "examples")
        for index, example in enumerate(op.examples):
            here = child_pointer(base, index)
            label = f"example '{example.title}'"
            if example.request is not None:
                problems = validation.validate(op.name, example.request.value)
                found += _report(
                    source, child_pointer(here, "request"), f"{label} request", problems
                )
            if example.response is not None:
                status = example.status
                pointer = child_pointer(here, "response")
                if status not in statuses:
                    found.append(
                        source.diagnostic(
                            pointer,
                            f"{label}: no response {status} is declared",
                            codes.EXAMPLE_UNDECLARED_STATUS,
                        )
                    )
                    continue
                problems = leniency.shape_problems(
                    validation.validate_response(op.name, status, example.response.value)
                )
                found += _report(source, pointer, f"{label} response", problems)
    for error in spec.error_formats:
        if error.example is not None and error.shape is not None:
            error_problems: list[Any] = []
            validation.ERROR_CHECKS[error.name](error.example.value, "", error_problems)
            pointer = child_pointer(child_pointer("/error_formats", error.name), "example")
            found += _report(
                source, pointer, f"error format '{error.name}' example", error_problems
            )
    for hook in spec.webhooks:
        base = child_pointer(child_pointer("/webhooks", hook.name), "examples")
        for index, hook_example in enumerate(hook.examples):
            problems = validation.validate_webhook(hook.name, hook_example.payload.value)
            pointer = child_pointer(child_pointer(base, index), "payload")
            found += _report(source, pointer, f"example '{hook_example.title}'", problems)
    return found
