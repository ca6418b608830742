"""The error responses of one operation in the OpenAPI export.

Which statuses: the ones the spec's `errors` lists for the operation, plus
the ones the provider answers it with according to the spec's `mock`
section (how the provider rejects requests: a malformed request with the
`validation` status, a missing credential with `auth`, an unknown id with
`not_found`, a stale version with `conflict`). A document that names no
status for its error format (Active Ants' NOK envelope, Provet's bare
404) still gets its formats documented where the provider uses them.

Which examples: a document example is shown only under the status it was
written for, never reused for others. A JSON example's status is the one
the spec states (`example: {json: ..., status: 405}`, for an example whose
body does not say it: CartonCloud's "Request method 'PUT' not supported"
is a 405 Method Not Allowed); otherwise a top-level field holding it
(Novatech's `"code": 415`), or the one status its format is used for. A
plain text belongs to the status of a mock rule that answers with exactly
that text (Kube's "User not authenticated" under 401), and the other texts
to the statuses where some rejection is in the document's free wording
(Kube's 400). An example whose status cannot be told is left out rather
than shown under every status: give it `status` in the spec.
"""

from __future__ import annotations

import http
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from generator.concepts import auth as auth_concept
from generator.emit.jsonschema_emit import shape_schema
from generator.spec.mock_model import REJECTION_KINDS, MockRejection, RejectionKind
from generator.spec.model import ErrorFormat, Operation, Spec

_PREFIX = "#/components/schemas/"


def phrase(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def _rules(spec: Spec) -> dict[RejectionKind, MockRejection]:
    """The spec's mock rejection rules that answer with an error status."""
    found = {}
    known = {f.name for f in spec.error_formats}
    for kind in REJECTION_KINDS:
        rule = spec.mock.rejection(kind)
        if rule is None or rule.format not in known:
            continue  # only a rule with a format the spec declares can be exported
        if rule.status >= 400:
            found[kind] = rule
    return found


def _applies(spec: Spec, op: Operation, kind: str) -> bool:
    """Whether the provider can reject `op` this way (the mock's rules, per operation)."""
    if kind == "validation":
        return True
    if kind == "auth":
        return (
            op.auth and auth_concept.of(spec.auth).authenticates
        ) or op.name == spec.auth.operation
    action = op.mock.action if op.mock is not None else None
    if kind == "not_found":
        own_path_params = any(p.location == "path" and not p.from_client for p in op.params)
        return own_path_params or action in ("read", "update")
    return kind == "conflict" and action == "update"


def error_statuses(spec: Spec, op: Operation) -> list[tuple[int, tuple[str, ...]]]:
    """(status, error format names) of every error `op` can answer, sorted by status."""
    statuses = dict(op.errors)
    for kind, rule in _rules(spec).items():
        if _applies(spec, op, kind):
            statuses.setdefault(rule.status, (rule.format,))
    return sorted(statuses.items())


def _format_statuses(spec: Spec) -> dict[str, set[int]]:
    """Error format name -> every status any operation answers with it."""
    used: dict[str, set[int]] = {f.name: set() for f in spec.error_formats}
    for op in spec.operations:
        for status, names in error_statuses(spec, op):
            for name in names:
                used.setdefault(name, set()).add(status)
    return used


def stated_status_problems(spec: Spec) -> list[tuple[str, str]]:
    """(error format, message) for each example whose stated status no answer uses it for."""
    used = _format_statuses(spec)
    return [
        (f.name, f"no operation answers {f.example_status} with error format '{f.name}'"
         f" (it answers {', '.join(map(str, sorted(used[f.name]))) or 'nothing'} with it)")
        for f in spec.error_formats
        if f.example_status is not None and f.example_status not in used[f.name]
    ]  # fmt: skip


def _json_example_status(error_format: ErrorFormat, used: set[int]) -> int | None:
    """The status a JSON error format's document example was written for, if it can be told."""
    if error_format.example is None or error_format.text or error_format.shape is None:
        return None
    if error_format.example_status is not None:
        return error_format.example_status
    value = error_format.example.value
    if isinstance(value, dict):
        stated = {v for v in value.values() if isinstance(v, int) and not isinstance(v, bool)}
        if len(stated & used) == 1:
            return next(iter(stated & used))
    return next(iter(used)) if len(used) == 1 else None


def _text_statuses(
    spec: Spec, error_format: ErrorFormat, used: set[int]
) -> dict[str, frozenset[int]]:
    """Text key -> the statuses its text is shown under (see the module docstring)."""
    rules = [r for r in _rules(spec).values() if r.format == error_format.name]
    named: dict[str, set[int]] = {}
    free: set[int] = set()
    for rule in rules:
        if isinstance(rule.body, str):
            named.setdefault(rule.body, set()).add(rule.status)
        else:
            free.add(rule.status)
    free |= used - {s for statuses in named.values() for s in statuses}
    return {key: frozenset(named.get(text, free)) for key, text in error_format.texts}


@dataclass(frozen=True)
class ExamplePlaces:
    """Under which status each error format's document examples are shown, decided once."""

    json: Mapping[str, int]  # format name -> the status its JSON example was written for
    texts: Mapping[str, Mapping[str, frozenset[int]]]  # format -> text key -> statuses


def example_places(spec: Spec) -> ExamplePlaces:
    used = _format_statuses(spec)
    json_places = {}
    for f in spec.error_formats:
        status = _json_example_status(f, used[f.name])
        if status is not None:
            json_places[f.name] = status
    texts = {f.name: _text_statuses(spec, f, used[f.name]) for f in spec.error_formats if f.text}
    return ExamplePlaces(json_places, texts)


def example_key(error_format: str) -> str:
    return re.sub(r"[^A-Za-z0-9.\-_]", "_", f"{error_format}-error")


def error_examples(spec: Spec, places: ExamplePlaces) -> dict[str, Any]:
    """components/examples: each JSON error format's document example that a status shows."""
    return {
        example_key(f.name): {"summary": f"{f.name} error", "value": f.example.value}
        for f in spec.error_formats
        if f.example and f.name in places.json
    }


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower() or "example"


def _text_content(
    places: ExamplePlaces, status: int, formats: Iterable[ErrorFormat]
) -> dict[str, Any]:
    media: dict[str, Any] = {"schema": {"type": "string"}}
    examples = {
        _slug(key): {"summary": key, "value": text}
        for f in formats
        for key, text in f.texts
        if status in places.texts[f.name][key]
    }
    if examples:
        media["examples"] = examples
    return {"text/plain": media}


def error_response(
    spec: Spec, places: ExamplePlaces, status: int, names: tuple[str, ...]
) -> dict[str, Any]:
    """One error status: its JSON formats (tried in order) and its text formats."""
    formats = [f for name in names for f in spec.error_formats if f.name == name]
    content: dict[str, Any] = {}
    json_formats = [f for f in formats if not f.text and f.shape is not None]
    if json_formats:
        schemas = [shape_schema(f.shape, _PREFIX) for f in json_formats if f.shape]
        media: dict[str, Any] = {"schema": schemas[0] if len(schemas) == 1 else {"anyOf": schemas}}
        refs = {
            f.name: {"$ref": f"#/components/examples/{example_key(f.name)}"}
            for f in json_formats
            if places.json.get(f.name) == status
        }
        if refs:
            media["examples"] = refs
        content["application/json"] = media
    text_formats = [f for f in formats if f.text]
    if text_formats:
        content.update(_text_content(places, status, text_formats))
    description = f"{phrase(status)} (error format: {' or '.join(names)})"
    described = [f.description.strip() for f in formats if f.description.strip()]
    if described:  # what the document says the format carries
        description += ". " + " ".join(described)
    result: dict[str, Any] = {"description": description}
    if content:
        result["content"] = content
    return result
