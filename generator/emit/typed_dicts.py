"""`<Type>Dict`: the request bodies as TypedDicts, so mypy checks a dict literal.

A caller may pass a body as a plain dict keyed by the document's own field
names; the TypedDict makes that as checked as building the model.
"""

from __future__ import annotations

import keyword
from typing import assert_never

from generator.emit.model_annotations import PRIMITIVES, literal
from generator.emit.model_imports import Uses
from generator.emit.pyliteral import flat
from generator.spec.model import Shape, TypeDef


def dict_class(typedef: TypeDef, uses: Uses) -> str:
    """`<Type>Dict`: the wire form of a request type, keyed by the spec's own field names."""
    uses.note("TypedDict")
    entries = []  # (key, annotation, functional-syntax value)
    for field in typedef.fields:
        value = _dict_type(field.shape, uses)
        spelt = flat(value)  # a forward reference: the functional syntax evaluates its values
        if not field.required:
            spelt = f"{uses.note('NotRequired')}[{spelt}]"  # outside the string: seen at run time
            value = f"NotRequired[{value}]"
        entries.append((field.wire_name, value, spelt))
    name = f"{typedef.name}Dict"
    # what every <Type>Dict is, the models module's docstring says once (models_emit.MODULE_DOC)
    if all(w.isidentifier() and not keyword.iskeyword(w) for w, _, _ in entries):
        lines = [f"class {name}(TypedDict):"]
        lines += [f"    {wire}: {value}" for wire, value, _ in entries] or ["    pass"]
        return "\n".join(lines)
    # keys that are not identifiers: the functional syntax
    items = ", ".join(f"{flat(wire)}: {spelt}" for wire, _, spelt in entries)
    return f"{name} = TypedDict({flat(name)}, {{{items}}})"


def _dict_type(shape: Shape, uses: Uses) -> str:
    match shape.kind:
        case "ref":
            result = f"{shape.ref or ''}Dict"
        case "array":
            assert shape.items is not None
            result = f"list[{_dict_type(shape.items, uses)}]"
        case "map":
            assert shape.values is not None
            result = f"dict[str, {_dict_type(shape.values, uses)}]"
        case "union":
            result = " | ".join(PRIMITIVES[k] for k in shape.types)
        case "string" | "integer" | "number" | "boolean" | "any":
            if (values := literal(shape, True)) is not None:
                result = f"{uses.note('Literal')}[{', '.join(flat(v) for v in values)}]"
            else:
                result = PRIMITIVES.get(shape.kind) or uses.note("Any")
        case _:
            assert_never(shape.kind)
    if shape.nullable and result != "Any":
        result += " | None"
    return result
