"""Check a loaded spec against the meta-schema, as located diagnostics.

jsonschema reports raw keyword failures; this module turns each into a
message a spec author can act on ("unknown key 'mehtod' (did you mean
'method'?)") placed at the line and column of the offending key or value.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterator
from importlib import resources
from typing import Any

import jsonschema
import yaml
from jsonschema.exceptions import ValidationError, best_match

from .diagnostics import Diagnostic
from .loader import LoadedSpec, child_pointer


@functools.cache
def meta_schema() -> dict[str, Any]:
    text = resources.files("generator").joinpath("metaschema.yaml").read_text("utf-8")
    schema: dict[str, Any] = yaml.safe_load(text)
    return schema


@functools.cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(meta_schema())


def _pointer(path: Any) -> str:
    pointer = ""
    for token in path:
        pointer = child_pointer(pointer, token)
    return pointer


def _leaf_errors(error: ValidationError) -> Iterator[ValidationError]:
    """For oneOf/anyOf, descend into the branch that came closest."""
    while error.context:
        closest = best_match(error.context)
        if closest is None:
            break
        error = closest
    yield error


def _describe(error: ValidationError, spec: LoadedSpec) -> list[Diagnostic]:
    pointer = _pointer(error.absolute_path)
    source = spec.source
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        schema = error.schema if isinstance(error.schema, dict) else {}
        allowed = sorted(schema.get("properties", {}))
        problems = []
        for key in sorted(set(error.instance) - set(allowed)):
            hint = difflib.get_close_matches(key, allowed, n=1)
            suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
            problems.append(
                source.diagnostic(
                    child_pointer(pointer, key), f"unknown key '{key}'{suggestion}", key=True
                )
            )
        if problems:
            return problems
    where = f"'{pointer.rsplit('/', 1)[-1]}'" if pointer else "the spec"
    if error.validator == "required":
        return [source.diagnostic(pointer, f"{where}: {error.message}")]
    if error.validator == "propertyNames":
        return [source.diagnostic(pointer, f"{where}: bad name {error.message}", key=True)]
    return [source.diagnostic(pointer, f"{where}: {error.message}")]


def check_against_meta_schema(spec: LoadedSpec) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    for error in _validator().iter_errors(spec.data):
        for leaf in _leaf_errors(error):
            problems.extend(_describe(leaf, spec))
    return sorted(set(problems))
