"""Pydantic v2 models from the spec's JSON Schemas, via datamodel-code-generator.

One library call per provider: the named types go in as OpenAPI
components, so the output has exactly one class per type and no
synthetic root model.
"""

from __future__ import annotations

import keyword
import warnings
from typing import Any

from . import leniency, naming
from .jsonschema_emit import components, request_types
from .model import Spec


def emit_models(spec: Spec, header: str, *, base_class: str) -> str:
    # Imported here: datamodel-code-generator is heavy and only needed when
    # something actually has to be regenerated.
    from datamodel_code_generator import generate
    from datamodel_code_generator.enums import DataModelType, InputFileType
    from datamodel_code_generator.format import PythonVersion
    from datamodel_code_generator.parser import LiteralType

    schemas = _tolerant(components(spec), request_types(spec))
    if not schemas:
        # A spec of primitives and text answers only: datamodel-code-generator
        # refuses an empty input ("Models not found"), so the module is empty.
        return f"{header}\n\nfrom __future__ import annotations\n"
    document: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": spec.title, "version": spec.version},
        "paths": {},
        "components": {"schemas": schemas},
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        output = generate(
            document,
            input_file_type=InputFileType.OpenAPI,
            output_model_type=DataModelType.PydanticV2BaseModel,
            target_python_version=PythonVersion.PY_311,
            disable_timestamp=True,
            use_annotated=True,
            field_constraints=True,
            use_standard_collections=True,
            use_union_operator=True,
            snake_case_field=True,
            extra_fields="allow",
            allow_population_by_field_name=True,
            collapse_root_models=True,
            keep_model_order=True,
            use_double_quotes=True,
            use_field_description=True,
            use_schema_description=True,
            enum_field_as_literal=LiteralType.All,
            formatters=[],
            custom_file_header=header,
            base_class=base_class,
            aliases=_renamed(spec),
        )
    assert isinstance(output, str)
    return _sort_imports(output, first_party=spec.package)


# BaseModel members a field must not shadow (datamodel-code-generator adds "_" to them too).
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


def _renamed(spec: Spec) -> dict[str, str]:
    """The pinned names that differ from the wire name, for datamodel-code-generator."""
    wires = {f"{t.name}.{f.wire_name}": f.wire_name for t in spec.types for f in t.fields}
    return {key: name for key, name in pinned_field_names(spec).items() if wires[key] != name}


# Keywords whose value maps names to schemas: a field called "pattern" is not a limit.
_NAMED_SCHEMAS = frozenset({"properties", "$defs", "definitions", "patternProperties"})


def _tolerant(schemas: dict[str, Any], request_side: set[str]) -> dict[str, Any]:
    """Models check types and shape; value limits belong to pre-send validation.

    A model parses what the provider sends, and a provider echoes what it
    refused: a 200 listing a failed order whose name is too long must reach
    the caller with the provider's own per-item error, not as an
    APIResponseValidationError about a request-side `maxLength`. So lengths,
    patterns, ranges, `multipleOf`, item counts and enumerations (a status
    value the provider adds later) are left out of every model; they stay in
    the JSON Schemas, the OpenAPI export and pre-send validation, which
    judges every request before it is sent. `const` stays: it is shape (a
    union's discriminator), and so does a one-value enum of a type requests
    reach (a member's tag, typed as that Literal for the caller).
    """
    return {
        name: _without_limits(schema, tags=name in request_side) for name, schema in schemas.items()
    }


def _without_limits(schema: Any, *, tags: bool) -> Any:
    if isinstance(schema, list):
        return [_without_limits(item, tags=tags) for item in schema]
    if not isinstance(schema, dict):
        return schema
    tag = tags and _one_value(schema.get("enum"))
    kept: dict[str, Any] = {}
    for key, value in schema.items():
        if key in leniency.LIMIT_KEYWORDS and not (tag and key in ("enum", "x-enum-descriptions")):
            continue
        if key in _NAMED_SCHEMAS and isinstance(value, dict):
            kept[key] = {name: _without_limits(sub, tags=tags) for name, sub in value.items()}
        else:
            kept[key] = _without_limits(value, tags=tags)
    return kept


def _one_value(values: Any) -> bool:
    """One value (and perhaps null): a tag, not a list of choices."""
    return isinstance(values, list) and len([v for v in values if v is not None]) == 1


def _sort_imports(source: str, *, first_party: str) -> str:
    """isort in-process, knowing the package itself is first-party (as ruff does)."""
    import isort

    return isort.code(source, profile="black", line_length=100, known_first_party=[first_party])
