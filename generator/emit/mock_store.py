"""What a provider mock keeps in memory for an operation: the entity parameter it looks
up, seeded list answers, item fields and catalogues, from the operation's mock
block.
"""

from __future__ import annotations

from typing import Any

from generator.emit.cases import sample
from generator.spec import pointer as json_pointer
from generator.spec.mock_model import MockLookup, MockOperation
from generator.spec.model import Operation, Param, Spec


def mock_param(op: Operation, word: str = "param") -> Param | None:
    """The parameter an operation's mock block names under `word` (param, version_param).

    Without a `param`, a read or update takes its last path parameter (REST
    paths name the entity last); with none, there is none, and the mock
    answers the documented example instead of looking anything up.
    """
    named = {"param": op.mock.param, "version_param": op.mock.version_param} if op.mock else {}
    if named.get(word) is not None:
        return _named(op, str(named[word]))
    if word != "param":
        return None
    in_path = [p for p in op.params if p.location == "path"]
    return in_path[-1] if in_path else None


def _named(op: Operation, name: str) -> Param | None:
    return next((p for p in op.params if name in (p.key, p.wire_name)), None)


def item_fields(spec: Spec, op: Operation, items: str | None) -> list[str] | None:
    """The fields a list item has, so stored entities can be shown in its shape."""
    shape = op.success.shape
    for token in json_pointer.parse(items or ""):
        if shape is None or shape.kind != "ref":
            return None
        field = next((f for f in spec.type(shape.ref or "").fields if f.wire_name == token), None)
        shape = field.shape if field else None
    if shape is None or shape.kind != "array" or shape.items is None or shape.items.kind != "ref":
        return None
    return [f.wire_name for f in spec.type(shape.items.ref or "").fields]


def seeded_response(spec: Spec, op: Operation, mock: MockOperation, response: Any) -> Any:
    """A list answer with at least one item, so the mock has something to keep."""
    items_pointer = json_pointer.parse(mock.items)
    target = response
    for token in items_pointer[:-1]:
        target = target.get(token) if isinstance(target, dict) else None
    if not isinstance(target, dict) or not items_pointer:
        return response
    items = target.get(items_pointer[-1])
    if items:
        return response
    shape = op.success.shape
    for token in items_pointer:
        typedef = spec.type(shape.ref or "") if shape is not None and shape.kind == "ref" else None
        field = next((f for f in typedef.fields if f.wire_name == token), None) if typedef else None
        shape = field.shape if field else None
    if shape is None or shape.items is None:
        return response
    item = sample(spec, shape.items)
    key = json_pointer.parse(mock.key)
    if isinstance(item, dict) and len(key) == 1:
        item[key[0]] = 1
    target[items_pointer[-1]] = [item]
    return response


def _catalogue(spec: Spec, lookup: MockLookup) -> dict[str, dict[str, Any]]:
    """Key -> fields, from an operation's documented answer (the provider's stock list)."""
    source = next((op for op in spec.operations if op.name == lookup.operation), None)
    example = next((e for e in source.examples if e.response is not None), None) if source else None
    found: Any = example.response.value if example and example.response else None
    for token in json_pointer.parse(lookup.items):
        found = found.get(token) if isinstance(found, dict) else None
    return {
        str(entry[lookup.key]): {name: entry[name] for name in lookup.fields if name in entry}
        for entry in found or []
        if isinstance(entry, dict) and lookup.key in entry
    }


def mock_view(spec: Spec, op: Operation) -> dict[str, Any]:
    """The operation's mock declaration for the runtime, parameters by Python name."""
    declared = op.mock
    if declared is None:
        return {}
    mock = dict(declared.declared or {})
    if declared.action in ("read", "update", "delete"):
        named, version = mock_param(op), mock_param(op, "version_param")
        mock["param_name"] = named.python_name if named else None
        mock["version_param_name"] = version.python_name if version else None
    if declared.filters:
        # by Python name; a filter naming no parameter filters nothing
        mock["filters"] = {
            param.python_name: pointer
            for name, pointer in declared.filters
            if (param := _named(op, name)) is not None
        }
    if declared.lookup is not None:
        mock["catalogue"] = _catalogue(spec, declared.lookup)
    if declared.ranges:
        # by Python name, as filters
        mock["ranges"] = {
            param.python_name: dict(bound)
            for name, bound in declared.ranges
            if (param := _named(op, name)) is not None
        }
    return mock
