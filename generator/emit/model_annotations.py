"""How a field's shape is spelt on a pydantic model: its type and Field(...) constraints.

A strict model (one only requests reach) spells enums as Literals and
checks lengths, ranges and patterns itself; a lenient one takes what the
provider sends (see models_emit).
"""

from __future__ import annotations

from typing import assert_never

from generator.concepts import formats
from generator.emit.jsonschema_emit import shape_schema
from generator.emit.model_imports import Uses
from generator.emit.pyliteral import flat
from generator.spec.model import Shape

PRIMITIVES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}
_FIELD_WORDS = (  # Constraints attribute -> pydantic Field keyword, by the kind they apply to
    ("string", "minLength", "min_length"),
    ("string", "maxLength", "max_length"),
    ("array", "minItems", "min_length"),
    ("array", "maxItems", "max_length"),
    ("number", "minimum", "ge"),
    ("number", "maximum", "le"),
    ("number", "exclusiveMinimum", "gt"),
    ("number", "exclusiveMaximum", "lt"),
)


def annotated(annotation: str, keywords: list[str], uses: Uses) -> str:
    return f"{uses.note('Annotated')}[{annotation}, {uses.note('Field')}({', '.join(keywords)})]"


def constraint_keywords(shape: Shape, strict: bool) -> list[str]:
    """Field(...) keywords for the constraints a strict model checks itself."""
    if not strict:
        return []
    kind = "number" if shape.kind in ("integer", "number") else shape.kind
    c = shape.constraints
    keywords = [
        f"{keyword_}={flat(getattr(c, word))}"
        for applies, word, keyword_ in _FIELD_WORDS
        if applies == kind and getattr(c, word) is not None
    ]
    pattern = shape_schema(shape).get("pattern") if kind == "string" else None
    if pattern is not None and not c.enum and not c.has_const:
        keywords.append(f"pattern={flat(pattern)}")
    return keywords


def literal(shape: Shape, strict: bool) -> list[object] | None:
    """The values a Literal names: a const always, an enum on a strict model."""
    c = shape.constraints
    # an open enum (`extensible`) takes names beyond the documented ones: no Literal
    closed = strict and not c.extensible
    values = [c.const] if c.has_const else [e.value for e in c.enum] if closed else []
    if not values or not all(isinstance(v, str | int | bool) for v in values):
        return None
    return values


def model_annotation(shape: Shape, strict: bool, uses: Uses) -> str:
    """The type of a value of `shape` on a model (items carry their own constraints)."""
    match shape.kind:
        case "ref":
            result = shape.ref or "Any"
        case "array":
            assert shape.items is not None
            result = f"list[{_item(shape.items, strict, uses)}]"
        case "map":
            assert shape.values is not None
            result = f"dict[str, {_item(shape.values, strict, uses)}]"
        case "union":
            result = " | ".join(PRIMITIVES[k] for k in shape.types)
        case "string" | "integer" | "number" | "boolean" | "any":
            result = _scalarmodel_annotation(shape, strict, uses)
        case _:
            assert_never(shape.kind)
    if shape.nullable and result != "Any":
        result += " | None"
    return result


def _scalarmodel_annotation(shape: Shape, strict: bool, uses: Uses) -> str:
    if (values := literal(shape, strict)) is not None:
        return f"{uses.note('Literal')}[{', '.join(flat(v) for v in values)}]"
    typed = formats.python_type(shape.constraints.format)
    if shape.kind == "string" and typed is not None:
        return uses.format_type(typed)
    return PRIMITIVES.get(shape.kind) or uses.note("Any")


def _item(shape: Shape, strict: bool, uses: Uses) -> str:
    """An array item or map value: a constrained one is the base type, annotated in place."""
    annotation = model_annotation(shape, strict, uses)
    keywords = constraint_keywords(shape, strict)
    return annotated(annotation, keywords, uses) if keywords else annotation
