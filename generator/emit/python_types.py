"""How a shape is spelt in the generated client: annotations and lazily built types.

Apart from the views because operations, client parameters and error
formats all spell their shapes the same way.
"""

from __future__ import annotations

from typing import assert_never

from generator.spec.model import Shape

_PRIMITIVE_ANNOTATIONS = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}


def lazy_type(shape: Shape) -> str:
    """An expression building the runtime type of `shape`, models resolved on first use."""
    match shape.kind:
        case "ref":
            result = f"_models().{shape.ref}"
        case "array":
            assert shape.items is not None
            result = f"_array({lazy_type(shape.items)})"
        case "map":
            assert shape.values is not None
            result = f"_map({lazy_type(shape.values)})"
        case "string" | "integer" | "number" | "boolean" | "union" | "any":
            result = annotation(Shape(kind=shape.kind, types=shape.types))
        case _:
            assert_never(shape.kind)
    return f"_nullable({result})" if shape.nullable else result


def annotation(shape: Shape | None, *, models: str = "models.") -> str:
    """The Python annotation of a parsed value of `shape`."""
    if shape is None:
        return "None"
    match shape.kind:
        case "ref":
            result = f"{models}{shape.ref}"
        case "array":
            result = f"list[{annotation(shape.items, models=models)}]"
        case "map":
            result = f"dict[str, {annotation(shape.values, models=models)}]"
        case "union":
            result = " | ".join(_PRIMITIVE_ANNOTATIONS[k] for k in shape.types)
        case "string" | "integer" | "number" | "boolean" | "any":
            result = _PRIMITIVE_ANNOTATIONS.get(shape.kind, "Any")
        case _:
            assert_never(shape.kind)
    return f"{result} | None" if shape.nullable else result


def body_annotation(shape: Shape) -> str:
    """A request body: the pydantic model or its TypedDict (so mypy checks a dict literal)."""
    match shape.kind:
        case "ref":
            result = f"models.{shape.ref} | models.{shape.ref}Dict"
        case "array":
            assert shape.items is not None
            result = f"list[{body_annotation(shape.items)}]"
        case "map":
            assert shape.values is not None
            result = f"dict[str, {body_annotation(shape.values)}]"
        case "string" | "integer" | "number" | "boolean" | "union" | "any":
            return annotation(shape)
        case _:
            assert_never(shape.kind)
    return f"{result} | None" if shape.nullable else result
