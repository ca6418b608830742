"""What the export would repeat, given once under `components` and referenced.

Every operation of a provider answers its errors with the same few response
objects (the same description, schema and document example per status), and
many operations take the same path parameter. Written out per operation they
were most of the document; here each identical object is written once, under
`components/responses` or `components/parameters` (and a long example value
under `components/examples`, see share_examples), and every place that
uses it holds a `$ref` to it. A tool that resolves references (all of them:
validators, linters, mock servers, generators) reads the very same
document, so no information is lost, only repetition.

Names are stable and deterministic: an error response is named by its error
formats and status (`GeneralError400`, `ValidationOrGeneralError422`), a
parameter by its wire name (`tenantId`); a second, different object that
would take a name already given gets a number (`tenantId2`), in document
order. Only identical objects share a component, so an operation whose
answer differs (an example written for its status alone) keeps its own.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

from generator.emit import naming
from generator.emit.openapi_errors import phrase


class Components:
    """One kind of reusable component (`responses`, ...), filled as the document is built."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.items: dict[str, Any] = {}

    def ref(self, name: str, value: dict[str, Any]) -> dict[str, str]:
        """A `$ref` to `value` under `name` (`name2`, ... when `name` holds another object)."""
        key, number = name, 2
        while key in self.items and self.items[key] != value:
            key, number = f"{name}{number}", number + 1
        self.items[key] = value
        return {"$ref": f"#/components/{self.kind}/{key}"}


def component_key(name: str) -> str:
    """`name` as a component name: a character OpenAPI does not allow there becomes `_`."""
    return re.sub(r"[^A-Za-z0-9.\-_]", "_", name)


def error_response_name(status: int, formats: tuple[str, ...]) -> str:
    """`GeneralError400`, `ValidationOrGeneralError422`; with no format, the status phrase."""
    if not formats:
        return f"{naming.pascal_case(phrase(status))}{status}"
    return f"{'Or'.join(naming.pascal_case(name) for name in formats)}Error{status}"


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _operations(roots: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [operation for root in roots for item in root.values() for operation in item.values()]


def share_parameters(paths: dict[str, Any], parameters: Components) -> None:
    """Replace each parameter that two or more operations declare identically with a `$ref`."""
    lists = [
        operation["parameters"] for operation in _operations([paths]) if "parameters" in operation
    ]
    seen = Counter(_canonical(p) for params in lists for p in params if "$ref" not in p)
    for params in lists:
        for index, parameter in enumerate(params):
            if "$ref" not in parameter and seen[_canonical(parameter)] > 1:
                params[index] = parameters.ref(component_key(parameter["name"]), parameter)


# A value this short is kept in place: its reference would be about as long.
_SHORTEST_SHARED_EXAMPLE = 80
_PLAIN = {"summary", "value"}


def _example_maps(operation: dict[str, Any]) -> list[dict[str, Any]]:
    """The `examples` maps of an operation: its parameters', its body's, its answers'."""
    holders = [p for p in operation.get("parameters", []) if "$ref" not in p]
    bodies = [operation.get("requestBody", {})]
    bodies += [r for r in operation.get("responses", {}).values() if "$ref" not in r]
    holders += [media for body in bodies for media in body.get("content", {}).values()]
    return [holder["examples"] for holder in holders if "examples" in holder]


def share_examples(roots: list[dict[str, Any]], examples: Components) -> None:
    """Give each example value two places show once, under `components/examples`.

    The component is named by the key of its first place and carries that
    place's summary; a place with another title says so in its reference
    (`summary` beside `$ref`, which OpenAPI 3.1 lets override the one of the
    component), so every place keeps its own title. Only an example of a
    title and a value is shared (a reference can override nothing else).
    """
    maps = [found for operation in _operations(roots) for found in _example_maps(operation)]
    places = [(found, key) for found in maps for key, ex in found.items() if set(ex) == _PLAIN]
    seen = Counter(_canonical(found[key]["value"]) for found, key in places)
    first: dict[str, tuple[dict[str, str], str]] = {}  # value -> (its reference, its summary)
    for found, key in places:
        example, value = found[key], _canonical(found[key]["value"])
        if seen[value] < 2 or len(value) < _SHORTEST_SHARED_EXAMPLE:
            continue
        if value not in first:
            first[value] = (examples.ref(key, example), example["summary"])
        reference, summary = first[value]
        found[key] = dict(reference)
        if example["summary"] != summary:
            found[key]["summary"] = example["summary"]
