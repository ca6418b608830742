"""What the pruning (prune.py) may cut from a spec, and what it puts in its place.

The meta-schema says which keys are required; walking it alongside the
data tells, for any node, whether it may be left out, and whether it is a
named entry (a type, an operation, a field) that others refer to and that
should keep its name under a neutral stand-in.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.spec.metacheck import meta_schema, validator

LOOSENING = frozenset(
    [
        "minLength",
        "maxLength",
        "pattern",
        "format",
        "enum",
        "const",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "minItems",
        "maxItems",
        "uniqueItems",
        "required",
        "items",
        "values",
        "rules",
        "messages",
        "description",
        "python_name",
        "default",
    ]
)
ANY_SHAPE = {"type": "any"}
TEXT = "-"
ROOT_STAND_INS: dict[str, Any] = {
    "shipspec": 1,
    "title": TEXT,
    "version": "0.0.0",
    "servers": {"live": "https://example.invalid"},
    "auth": {"scheme": "none"},
    "operations": {},
}


def _param_stand_in(key: str | int, raw: Any, owner: Any) -> dict[str, Any]:
    """A string parameter under the same name, in the path when the path names it."""
    kept: dict[str, Any] = {"in": "query", "type": "string"}
    wire = key
    if isinstance(raw, dict):
        if raw.get("in") in ("path", "query", "header"):
            kept["in"] = raw["in"]
        if isinstance(raw.get("name"), str):
            kept["name"] = wire = raw["name"]
    path = owner.get("path") if isinstance(owner, dict) else None
    if isinstance(path, str) and f"{{{wire}}}" in path:
        kept["in"] = "path"
    return kept


def stand_in(container: str, name: str | int, original: Any, owner: Any = None) -> Any:
    """A neutral, well-formed value for the malformed entry `name` of `container`, or None.

    `owner` is the value holding `container` (the operation, for `params`).
    """
    if container == "types":
        return {"source": TEXT, "additional": True}
    if container == "operations":  # a path of its own: no clash with another operation
        path = f"/{name}" if isinstance(name, str) and name.isidentifier() else "/"
        return {"source": TEXT, "method": "GET", "path": path, "responses": {"200": {}}}
    if container == "error_formats":
        return {"text": True}
    if container in ("fields", "responses"):
        return dict(ANY_SHAPE)
    if container in ("params", "client_params"):
        return _param_stand_in(name, original, owner)
    if container == "errata" and isinstance(original, dict):
        erratum_id = original.get("id")
        if isinstance(erratum_id, str) and validator().is_valid(
            {**ROOT_STAND_INS, "provider": "x", "errata": [_erratum(erratum_id)]}
        ):
            return _erratum(erratum_id)
    return None


def _erratum(erratum_id: str) -> dict[str, str]:
    return {"id": erratum_id, "where": TEXT, "says": TEXT, "resolution": TEXT}


# -- the meta-schema as a map from data paths to (resolved) schemas ------------------------


def _lookup(ref: str) -> dict[str, Any]:
    node: Any = meta_schema()
    for token in ref.removeprefix("#/").split("/"):
        node = node[token]
    result: dict[str, Any] = node
    return result


_JSON_TYPES = {dict: "object", list: "array", str: "string", bool: "boolean"}


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return _JSON_TYPES.get(type(value), "null")


def _fits(schema: dict[str, Any], value: Any) -> bool:
    declared = schema.get("type")
    if declared is None:
        return True
    kinds = declared if isinstance(declared, list) else [declared]
    kind = _json_type(value)
    return kind in kinds or (kind == "number" and "integer" in kinds)


def _resolve(schema: Any, value: Any) -> dict[str, Any]:
    """Follow $ref and pick the oneOf branch that fits the value's JSON type."""
    while isinstance(schema, dict):
        if "$ref" in schema:
            schema = _lookup(schema["$ref"])
            continue
        branches = schema.get("oneOf")
        if branches and "properties" not in schema:
            resolved = [_resolve(branch, value) for branch in branches]
            schema = next((b for b in resolved if _fits(b, value)), resolved[-1])
        result: dict[str, Any] = schema
        return result
    return {}


def _child_schema(schema: dict[str, Any], token: str | int) -> Any:
    if isinstance(token, int):
        return schema.get("items", {})
    properties = schema.get("properties", {})
    if token in properties:
        return properties[token]
    extra = schema.get("additionalProperties", {})
    return extra if isinstance(extra, dict) else {}


def schemas_along(data: Any, path: list[str | int]) -> Iterator[tuple[dict[str, Any], Any]]:
    """(resolved schema, value) of the root and of every node down the path."""
    schema, value = _resolve(meta_schema(), data), data
    yield schema, value
    for token in path:
        try:
            value = value[token]
        except (KeyError, IndexError, TypeError):
            return
        schema = _resolve(_child_schema(schema, token), value)
        yield schema, value


def takes_any_type(parent_schema: dict[str, Any]) -> bool:
    """The parent is a shape (or an error format) whose `type` may be 'any'."""
    declared = parent_schema.get("properties", {}).get("type")
    return declared is not None and "const" not in declared and "enum" not in declared


def is_named_entry(parent_schema: dict[str, Any], token: str | int) -> bool:
    """An item of an array, or an entry of a map keyed by names the author chose."""
    if isinstance(token, int):
        return True
    extra = parent_schema.get("additionalProperties")
    return isinstance(extra, dict) and token not in parent_schema.get("properties", {})
