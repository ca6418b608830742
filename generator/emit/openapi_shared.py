"""What the export would repeat, given once under `components` and referenced.

Every operation of a provider answers its errors with the same few response
objects (the same description, schema and document example per status), and
many operations take the same path parameter. Written out per operation they
were most of the document; here each identical object is written once, under
`components/responses` or `components/parameters`, and every place that
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
from typing import Any

from generator.emit.openapi_errors import phrase


class Components:
    """One kind of reusable component (`responses`, `parameters`), filled as the document is built."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.items: dict[str, Any] = {}

    def ref(self, name: str, value: dict[str, Any]) -> dict[str, str]:
        """A `$ref` to `value` under `name`, or under `name2`, ... when `name` holds another object."""
        key, number = name, 2
        while key in self.items and self.items[key] != value:
            key, number = f"{name}{number}", number + 1
        self.items[key] = value
        return {"$ref": f"#/components/{self.kind}/{key}"}


def _camel(words: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", words))


def error_response_name(status: int, formats: tuple[str, ...]) -> str:
    """`GeneralError400`, `ValidationOrGeneralError422`; with no format, the status phrase."""
    if not formats:
        return f"{_camel(phrase(status))}{status}"
    return f"{'Or'.join(_camel(name) for name in formats)}Error{status}"


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _parameter_lists(paths: dict[str, Any]) -> list[list[Any]]:
    return [
        operation["parameters"]
        for item in paths.values()
        for operation in item.values()
        if "parameters" in operation
    ]


def share_parameters(paths: dict[str, Any], parameters: Components) -> None:
    """Replace each parameter that two or more operations declare identically with a `$ref`."""
    lists = _parameter_lists(paths)
    seen: dict[str, int] = {}
    for parameter in (p for params in lists for p in params if "$ref" not in p):
        seen[_canonical(parameter)] = seen.get(_canonical(parameter), 0) + 1
    for params in lists:
        for index, parameter in enumerate(params):
            if "$ref" not in parameter and seen[_canonical(parameter)] > 1:
                params[index] = parameters.ref(_key(parameter["name"]), parameter)


def _key(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9.\-_]", "_", name)
