"""The Python names the generator decides for model fields itself.

Kept apart from models_emit because the client reads a paged response's
items field by the same name (operation_view), so both ask here.
"""

from __future__ import annotations

import dataclasses
import keyword

from generator.emit import naming
from generator.spec.model import Field, Spec, TypeDef

# BaseModel members a field must not shadow.
_MODEL_MEMBERS = frozenset(
    {"construct", "copy", "dict", "from_orm", "json", "parse_file", "parse_obj", "parse_raw"}
    | {"schema", "schema_json", "update_forward_refs", "validate"}
)


def pinned_field_names(spec: Spec) -> dict[str, str]:
    """Python names the generator decides for some fields, as `Type.wire` -> name.

    Models accept a field by its wire name and by its Python name; a type
    with fields `id` and `Id` would give `Id` the Python name `id`, and a
    payload's `id` would then fill both. Such a field is numbered instead
    (`id_1`). The items field of a paged response is pinned too, because
    the client reads it by name (`raw.parsed.<name>`).
    """
    read_by_name = {
        (op.success.shape.ref, op.paging.items_field)
        for op in spec.operations
        if op.paging and op.paging.items_field and op.success.shape and op.success.shape.ref
    }
    pinned: dict[str, str] = {}
    for typedef in spec.types:
        wires = {f.wire_name for f in typedef.fields}
        taken = set(wires)
        for field in typedef.fields:
            usual = naming.snake_case(field.wire_name)
            usual = f"{usual}_" if keyword.iskeyword(usual) else usual
            ambiguous = usual != field.wire_name and usual in wires
            if not ambiguous and (typedef.name, field.wire_name) not in read_by_name:
                continue
            name = usual
            if ambiguous:
                number = 1
                while f"{usual}_{number}" in taken:
                    number += 1
                name = f"{usual}_{number}"
            if name.startswith("model_") or name in _MODEL_MEMBERS:
                name += "_"
            pinned[f"{typedef.name}.{field.wire_name}"] = name
            taken.add(name)
    return pinned


def with_pinned_names(spec: Spec) -> Spec:
    """The spec with every field the generator names itself under that name."""
    pinned = pinned_field_names(spec)
    if not pinned:
        return spec

    def field_named(typedef: TypeDef, field: Field) -> Field:
        name = pinned.get(f"{typedef.name}.{field.wire_name}", field.python_name)
        return field if name == field.python_name else dataclasses.replace(field, python_name=name)

    types = tuple(
        dataclasses.replace(t, fields=tuple(field_named(t, f) for f in t.fields))
        for t in spec.types
    )
    return dataclasses.replace(spec, types=types)
