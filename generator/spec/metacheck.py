"""Check a loaded spec against the meta-schema, as located diagnostics.

jsonschema reports raw keyword failures; this module turns each into a
message a spec author can act on ("unknown key 'mehtod' (did you mean
'method'?)") placed at the line and column of the offending key or value.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import json
from collections.abc import Iterator
from importlib import resources
from typing import Any

import jsonschema
import yaml
from jsonschema.exceptions import ValidationError, best_match

from generator.spec import diagnostic_codes as codes
from generator.spec import pointer as json_pointer
from generator.spec.diagnostics import MAX_REPORTED, Diagnostic
from generator.spec.loader import LoadedSpec


@functools.cache
def meta_schema() -> dict[str, Any]:
    text = resources.files("generator.spec").joinpath("metaschema.yaml").read_text("utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml where built: ~10x faster
    schema: dict[str, Any] = yaml.load(text, Loader=loader)
    return schema


@functools.cache
def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(meta_schema())


def near_miss(key: str, allowed: list[str]) -> str | None:
    """The allowed key that `key` nearly spells, if one does."""
    hint = difflib.get_close_matches(key, allowed, n=1)
    return hint[0] if hint else None


def _missing_key(error: ValidationError) -> str | None:
    """The property a `required` error is about (jsonschema reports one per property)."""
    required: Any = error.validator_value
    for key in required:
        absent = isinstance(error.instance, dict) and key not in error.instance
        if absent and error.message.startswith(repr(key)):
            return str(key)
    return None


def misspelt(error: ValidationError) -> bool:
    """A missing key that an unknown key nearly spells: the unknown key's report says it all."""
    missing = _missing_key(error)
    schema = error.schema if isinstance(error.schema, dict) else {}
    allowed = sorted(schema.get("properties", {}))
    if missing is None or not isinstance(error.instance, dict):
        return False
    unknown = [key for key in error.instance if key not in allowed]
    return any(near_miss(key, allowed) == missing for key in unknown)


def _leaf_errors(error: ValidationError) -> Iterator[ValidationError]:
    """For oneOf/anyOf, descend into the branch that came closest."""
    while error.context:
        closest = best_match(error.context)
        if closest is None:
            break
        error = closest
    yield error


def _describe(error: ValidationError, spec: LoadedSpec) -> list[Diagnostic]:
    pointer = json_pointer.from_tokens(error.absolute_path)
    source = spec.source
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        schema = error.schema if isinstance(error.schema, dict) else {}
        allowed = sorted(schema.get("properties", {}))
        problems = []
        for key in sorted(set(error.instance) - set(allowed))[: MAX_REPORTED + 1]:
            hint = near_miss(key, allowed)
            suggestion = f" (did you mean '{hint}'?)" if hint else ""
            problems.append(
                source.diagnostic(
                    json_pointer.join(pointer, key),
                    f"unknown key '{key}'{suggestion}",
                    codes.UNKNOWN_KEY,
                    key=True,
                )
            )
        if problems:
            return problems
    where = _where(list(error.absolute_path))
    if error.validator == "required":
        if misspelt(error):
            return []
        return [source.diagnostic(pointer, f"{where}: {error.message}", codes.MISSING_KEY)]
    if "propertyNames" in error.schema_path and isinstance(error.instance, str):
        name = json_pointer.join(pointer, error.instance)
        return [source.diagnostic(name, f"bad name {_message(error)}", codes.BAD_NAME, key=True)]
    code = codes.WRONG_TYPE if error.validator == "type" else codes.INVALID_VALUE
    return [source.diagnostic(pointer, f"{where}: {_message(error)}", code)]


def _where(path: list[Any]) -> str:
    if not path:
        return "the spec"
    if isinstance(path[-1], int) and len(path) > 1:
        return f"item {path[-1]} of '{path[-2]}'"
    return f"'{path[-1]}'"


_ARTICLES = {"object": "an object", "array": "an array", "integer": "an integer", "null": "null"}
_SHOWN_AT_MOST = 60


def json_type(value: Any) -> str:
    """The JSON name of a loaded value's type."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    for kind, name in ((int, "integer"), (float, "number"), (str, "string"), (list, "array")):
        if isinstance(value, kind):
            return name
    return "object"


def _message(error: ValidationError) -> str:
    """jsonschema's message in JSON words, with a long value cut short."""
    if error.validator == "type":
        wanted: Any = error.validator_value
        kinds = wanted if isinstance(wanted, list) else [wanted]
        expected = " or ".join(_ARTICLES.get(k, f"a {k}") for k in kinds)
        got = json_type(error.instance)
        text = json.dumps(error.instance, default=str)
        if error.instance is not None and len(text) <= _SHOWN_AT_MOST:
            got = f"{got} {text}"
        return f"must be {expected} (got {got})"
    message = error.message
    shown = repr(error.instance)
    if len(shown) > _SHOWN_AT_MOST and message.startswith(shown):
        message = f"this {json_type(error.instance)}{message[len(shown) :]}"
    return message


@functools.cache
def sections_validator() -> jsonschema.Draft202012Validator:
    """The meta-schema without its required keys: for checking some sections again."""
    return jsonschema.Draft202012Validator({**meta_schema(), "required": []})


def meta_errors(data: Any) -> list[ValidationError]:
    """The meta-schema's errors, at most MAX_REPORTED + 1 (more only says there are more)."""
    return list(itertools.islice(validator().iter_errors(data), MAX_REPORTED + 1))


def check_against_meta_schema(
    spec: LoadedSpec, errors: list[ValidationError] | None = None
) -> list[Diagnostic]:
    """Every meta-schema problem, located; `errors` are meta_errors(spec.data) if known."""
    problems: list[Diagnostic] = []
    for error in meta_errors(spec.data) if errors is None else errors:
        for leaf in _leaf_errors(error):
            problems.extend(_describe(leaf, spec))
    return sorted(set(problems))
