"""Model -> JSON Schema 2020-12: one shape, one named type, the export's components.

jsonschema_files.py writes the package's schemas/ from these; models_emit
reads the same constraints, so schemas and models agree.
"""

from __future__ import annotations

from typing import Any, assert_never

from generator.concepts import formats
from generator.spec import conditions
from generator.spec.model import Rule, Shape, Spec, TypeDef
from generator.spec.reach import reached

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _ref(name: str, prefix: str) -> dict[str, Any]:
    return {"$ref": f"{prefix}{name}"}


def shape_schema(shape: Shape, prefix: str = "#/$defs/") -> dict[str, Any]:
    schema: dict[str, Any]
    match shape.kind:
        case "ref":
            assert shape.ref is not None
            schema = _ref(shape.ref, prefix)
            if shape.nullable:
                schema = {"anyOf": [schema, {"type": "null"}]}
        case "array":
            assert shape.items is not None
            schema = {"type": "array", "items": shape_schema(shape.items, prefix)}
        case "map":
            assert shape.values is not None
            values = shape_schema(shape.values, prefix)
            schema = {"type": "object", "additionalProperties": values or True}
        case "any":
            schema = {}
        case "union":
            kinds = list(shape.types)
            schema = {"type": kinds[0] if len(kinds) == 1 else kinds}
        case "string" | "integer" | "number" | "boolean":
            schema = {"type": shape.kind}
        case _:
            assert_never(shape.kind)
    if shape.kind not in ("ref", "any") and shape.nullable:
        current = schema.get("type")
        schema["type"] = [*(current if isinstance(current, list) else [current]), "null"]
    if shape.description:
        schema["description"] = shape.description
    _add_constraints(schema, shape)
    return schema


def _add_constraints(schema: dict[str, Any], shape: Shape) -> None:
    c = shape.constraints
    for word in (
        "minLength",
        "maxLength",
        "pattern",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
        "minItems",
        "maxItems",
    ):
        value = getattr(c, word)
        if value is not None:
            schema[word] = value
    if c.uniqueItems:
        schema["uniqueItems"] = True
    if c.uniqueBy:
        schema["x-shipspec-unique-by"] = c.uniqueBy
    known = formats.get(c.format) if c.format is not None else None
    if known is not None and known.standard:
        schema["format"] = known.name
    elif known is not None and known.pattern is not None:
        schema.setdefault("pattern", known.pattern)
        schema["x-shipspec-format"] = known.name
    if known is not None and known.schema_words is not None:
        words = f"({known.schema_words}; {formats.IMPOSSIBLE_DATES})"
        schema["description"] = (shape.description + " " if shape.description else "") + words
    if c.enum and c.extensible:
        # documented values, others allowed: the x-extensible-enum convention (Zalando)
        schema["x-extensible-enum"] = [e.value for e in c.enum]
        if any(e.meaning for e in c.enum):
            schema["x-enum-descriptions"] = [e.meaning for e in c.enum]
    elif c.enum:
        values = [e.value for e in c.enum]
        if shape.nullable:
            values.append(None)
        schema["enum"] = values
        if any(e.meaning for e in c.enum):
            # aligned with `enum`, as openapi-generator and datamodel-code-generator read it
            schema["x-enum-descriptions"] = [e.meaning for e in c.enum]
    if c.has_const:
        schema["const"] = c.const


def _rule_schema(rule: Rule) -> dict[str, Any] | None:
    """What JSON Schema can say of a rule (if/then, anyOf); compare rules cannot."""
    match rule.kind:
        case "require" | "forbid":
            if rule.when is None:
                return None
            condition = conditions.schema(rule)
            if rule.kind == "forbid":
                return {"if": condition, "then": {"properties": dict.fromkeys(rule.fields, False)}}
            return {"if": condition, "then": {"required": list(rule.fields)}}
        case "at_least_one_of":
            return {"anyOf": [{"required": [name]} for name in rule.fields]}
        case "exactly_one_of":
            return {"oneOf": [{"required": [name]} for name in rule.fields]}
        case "compare":
            return None
        case _:
            assert_never(rule.kind)


def discriminator_tags(spec: Spec, typedef: TypeDef) -> dict[str, str]:
    """Discriminator value -> member type name, from each member's const (or one-value enum)."""
    tags = {}
    for member in typedef.one_of:
        for field in spec.type(member).fields:
            c = field.shape.constraints
            if field.wire_name == typedef.discriminator and (c.has_const or len(c.enum) == 1):
                tags[str(c.const if c.has_const else c.enum[0].value)] = member
    return tags


def typedef_schema(
    typedef: TypeDef, prefix: str = "#/$defs/", tags: dict[str, str] | None = None
) -> dict[str, Any]:
    schema: dict[str, Any] = {"title": typedef.name}
    if typedef.description:
        schema["description"] = typedef.description
    if typedef.is_union:
        schema["oneOf"] = [_ref(member, prefix) for member in typedef.one_of]
        if typedef.discriminator:
            schema["discriminator"] = {"propertyName": typedef.discriminator}
            if tags:
                mapping = {tag: f"{prefix}{member}" for tag, member in sorted(tags.items())}
                schema["discriminator"]["mapping"] = mapping
        return schema
    schema["type"] = "object"
    schema["properties"] = {f.wire_name: shape_schema(f.shape, prefix) for f in typedef.fields}
    required = [f.wire_name for f in typedef.fields if f.required]
    if required:
        schema["required"] = required
    schema["additionalProperties"] = bool(typedef.additional)
    conditions = [s for s in (_rule_schema(r) for r in typedef.rules) if s]
    if conditions:
        schema["allOf"] = conditions
    rules = [
        {"compare": [r.fields[0], r.op, r.fields[1]], "message": r.message}
        for r in typedef.rules
        if r.kind == "compare"
    ]
    if rules:
        schema["x-shipspec-rules"] = rules
    return schema


def _reached(spec: Spec, roots: list[Shape | None]) -> set[str]:
    return set(reached({t.name: t for t in spec.types}, roots))


def request_types(spec: Spec) -> set[str]:
    """Named types a request body reaches (what the caller sends)."""
    return _reached(spec, [op.body for op in spec.operations])


def provider_types(spec: Spec) -> set[str]:
    """Named types the provider sends: responses, webhook payloads, error bodies."""
    roots = [r.shape for op in spec.operations for r in op.responses]
    roots += [Shape(kind="ref", ref=hook.payload) for hook in spec.webhooks]
    roots += [error.shape for error in spec.error_formats]
    return _reached(spec, roots)


def components(spec: Spec) -> dict[str, dict[str, Any]]:
    """Every named type as an OpenAPI component schema."""
    prefix = "#/components/schemas/"
    return {t.name: typedef_schema(t, prefix, discriminator_tags(spec, t)) for t in spec.types}
