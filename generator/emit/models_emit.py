"""models.py: one pydantic v2 class per spec type, and a TypedDict per request type.

Written straight from the spec's model, not through datamodel-code-generator.
Its round trip through a synthesised OpenAPI document could not be driven to
models that read like the spec: it invents classes the spec never declares (a
constrained array item became `AddressLine(RootModel[str])`, so
`DeliverTo(...).address_lines[0] == "a b"` was False and reprs showed
`AddressLine(root=...)`), it puts one `extra` policy on every class (so closed
request types allowed anything), and it cost ~2 s of every generation. The
model already decides every name, alias and constraint; this module only
spells them.

What each class enforces depends on who fills it:

- a type only requests reach (the caller builds it) is strict: its enums are
  `Literal`s, its lengths, ranges and patterns are checked, and when the spec
  marks it closed an undeclared field is refused (`extra="forbid"`);
- a type the provider sends (responses, webhooks, error bodies) is lenient:
  unknown fields are kept, values the document did not list and lengths it
  did not expect do not break parsing (pre-send validation still holds
  requests to the documented values);
- a closed type on both sides derives from `ClosedModel`: building one with
  an undeclared field fails, parsing a provider's answer that carries one
  keeps it.
"""

from __future__ import annotations

import dataclasses
import keyword
from dataclasses import dataclass
from typing import assert_never

from generator.concepts import formats
from generator.emit import naming
from generator.emit.jsonschema_emit import (
    discriminator_tags,
    provider_types,
    request_types,
    shape_schema,
)
from generator.emit.pyliteral import flat
from generator.spec.model import Field, Shape, Spec, TypeDef

_PRIMITIVES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}
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


@dataclass
class _Uses:
    """What the emitted source refers to, so that it imports exactly that.

    `shadowed` holds field names: a format type a field shares its name with
    (a field `date` of format date) is imported under a private alias, as a
    class body would otherwise read the field for the type.
    """

    names: set[str]
    shadowed: frozenset[str] = frozenset()

    def note(self, name: str) -> str:
        self.names.add(name)
        return name

    def format_type(self, name: str) -> str:
        self.names.add(name)
        return f"_{name}" if name in self.shadowed else name


def emit_models(spec: Spec, header: str, *, base_module: str) -> str:
    spec = _with_pinned_names(spec)
    requests = request_types(spec)
    provided = provider_types(spec)
    uses = _Uses(set(), frozenset(f.python_name for t in spec.types for f in t.fields))
    classes = [
        _model_class(spec, typedef, typedef.name in requests, typedef.name in provided, uses)
        for typedef in _class_order(spec)
    ]
    dicts = [
        _dict_class(spec.type(name), uses)
        for name in sorted(requests)
        if not spec.type(name).is_union
    ]
    aliases = [
        f"{name}Dict: TypeAlias = " + " | ".join(f"{m}Dict" for m in spec.type(name).one_of)
        for name in sorted(requests)
        if spec.type(name).is_union
    ]
    if aliases:
        uses.note("TypeAlias")
    body = "\n\n\n".join(classes + dicts)
    if aliases:
        body += "\n\n\n" + "\n".join(aliases)
    if not body:  # a spec of primitives only: an empty module
        return f"{header}\n\n{_imports(uses, base_module)}\n"
    return f"{header}\n\n{_imports(uses, base_module)}\n\n\n{body}\n"


def _class_order(spec: Spec) -> list[TypeDef]:
    """Objects by name, then unions, each after the unions it names.

    A union is a RootModel whose members are evaluated when its class
    statement runs; an object's fields are resolved later, by pydantic.
    """
    ordered = [t for t in sorted(spec.types, key=lambda t: t.name) if not t.is_union]
    pending = sorted((t for t in spec.types if t.is_union), key=lambda t: t.name)
    placed = {t.name for t in ordered}
    while pending:
        ready = next(
            (t for t in pending if all(spec.type(m).name in placed for m in t.one_of)),
            pending[0],  # a cycle of unions: the spec's check refuses it before this
        )
        ordered.append(ready)
        placed.add(ready.name)
        pending.remove(ready)
    return ordered


def _imports(uses: _Uses, base_module: str) -> str:
    names = uses.names
    stdlib = sorted(
        formats.PYTHON_TYPE_IMPORTS[n] + (f" as _{n}" if n in uses.shadowed else "")
        for n in names
        if n in ("date", "UUID")
    )
    typing = sorted(
        (
            n
            for n in names
            if n in ("Annotated", "Any", "Literal", "NotRequired", "TypeAlias", "TypedDict")
        ),
        key=str.lower,
    )
    if typing:
        stdlib.append(f"from typing import {', '.join(typing)}")
    pydantic = sorted(
        (
            f"{n} as _{n}" if n in uses.shadowed else n
            for n in names
            if n in ("AwareDatetime", "ConfigDict", "Field", "RootModel")
        ),
        key=lambda n: (not n[:1].isupper(), n),
    )
    groups = [["from __future__ import annotations"], sorted(stdlib, key=_module_order)]
    if pydantic:
        groups.append([f"from pydantic import {', '.join(pydantic)}"])
    bases = sorted(n for n in names if n in ("ClosedModel", "Model"))
    if bases:  # a spec of primitives only declares no model
        groups.append([f"from {base_module} import {', '.join(bases)}"])
    return "\n\n".join("\n".join(group) for group in groups if group)


def _module_order(line: str) -> str:
    return line.split()[1]


def _docstring(text: str, indent: str) -> str:
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    return f'{indent}"""\n{indent}{text}\n{indent}"""'


def _model_class(spec: Spec, typedef: TypeDef, request: bool, provided: bool, uses: _Uses) -> str:
    strict = request and not provided
    doc = _docstring(typedef.description, "    ") + "\n" if typedef.description else ""
    if typedef.is_union:
        members = " | ".join(typedef.one_of)
        tags = discriminator_tags(spec, typedef)
        field = ""
        if typedef.discriminator and len(tags) == len(typedef.one_of):
            field = f", {uses.note('Field')}(discriminator={flat(typedef.discriminator)})"
            members_type = f"{uses.note('Annotated')}[{members}{field}]"
        else:
            members_type = members
        uses.note("RootModel")
        gap = "\n" if doc else ""  # black's blank line after a class docstring
        return f"class {typedef.name}(RootModel[{members}]):\n{doc}{gap}    root: {members_type}"
    if typedef.additional or not request:
        base, extra = uses.note("Model"), "allow"
    elif strict:
        base, extra = uses.note("Model"), "forbid"
    else:
        base, extra = uses.note("ClosedModel"), "allow"
    uses.note("ConfigDict")
    lines = [
        f"class {typedef.name}({base}):",
        *([doc.rstrip("\n"), ""] if doc else []),  # black's blank line after a class docstring
        f'    model_config = ConfigDict(extra="{extra}", populate_by_name=True)',
    ]
    tag_fields = {u.discriminator for u in spec.types if typedef.name in u.one_of}
    for declared in typedef.fields:
        # a union's tag stays a Literal on either side: it is how a member is chosen
        lines.append(_model_field(declared, strict or declared.wire_name in tag_fields, uses))
        description = shape_schema(declared.shape).get("description")
        if description:
            lines.append(_docstring(description, "    "))
    return "\n".join(lines)


def _model_field(field: Field, strict: bool, uses: _Uses) -> str:
    annotation = _annotation(field.shape, strict, uses)
    if not field.required and not annotation.endswith("| None") and annotation != "Any":
        annotation += " | None"  # None stands for absent: it is not sent
    keywords = _constraint_keywords(field.shape, strict)
    if field.python_name != field.wire_name:
        keywords.insert(0, f"alias={flat(field.wire_name)}")
    if keywords:
        annotation = _annotated(annotation, keywords, uses)
    default = "" if field.required else " = None"
    return f"    {field.python_name}: {annotation}{default}"


def _annotated(annotation: str, keywords: list[str], uses: _Uses) -> str:
    return f"{uses.note('Annotated')}[{annotation}, {uses.note('Field')}({', '.join(keywords)})]"


def _constraint_keywords(shape: Shape, strict: bool) -> list[str]:
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


def _literal(shape: Shape, strict: bool) -> list[object] | None:
    """The values a Literal names: a const always, an enum on a strict model."""
    c = shape.constraints
    # an open enum (`extensible`) takes names beyond the documented ones: no Literal
    closed = strict and not c.extensible
    values = [c.const] if c.has_const else [e.value for e in c.enum] if closed else []
    if not values or not all(isinstance(v, str | int | bool) for v in values):
        return None
    return values


def _annotation(shape: Shape, strict: bool, uses: _Uses) -> str:
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
            result = " | ".join(_PRIMITIVES[k] for k in shape.types)
        case "string" | "integer" | "number" | "boolean" | "any":
            result = _scalar_annotation(shape, strict, uses)
        case _:
            assert_never(shape.kind)
    if shape.nullable and result != "Any":
        result += " | None"
    return result


def _scalar_annotation(shape: Shape, strict: bool, uses: _Uses) -> str:
    if (values := _literal(shape, strict)) is not None:
        return f"{uses.note('Literal')}[{', '.join(flat(v) for v in values)}]"
    typed = formats.python_type(shape.constraints.format)
    if shape.kind == "string" and typed is not None:
        return uses.format_type(typed)
    return _PRIMITIVES.get(shape.kind) or uses.note("Any")


def _item(shape: Shape, strict: bool, uses: _Uses) -> str:
    """An array item or map value: a constrained one is the base type, annotated in place."""
    annotation = _annotation(shape, strict, uses)
    keywords = _constraint_keywords(shape, strict)
    return _annotated(annotation, keywords, uses) if keywords else annotation


# -- TypedDicts: the request bodies as dict literals mypy can check ------------------


def _dict_class(typedef: TypeDef, uses: _Uses) -> str:
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
    doc = f'    """{typedef.name} as a dict, as it travels: keys spelt as the document does."""'
    if all(w.isidentifier() and not keyword.iskeyword(w) for w, _, _ in entries):
        lines = [f"class {name}(TypedDict):", doc, *([""] if entries else [])]
        lines += [f"    {wire}: {value}" for wire, value, _ in entries]
        return "\n".join(lines)
    # keys that are not identifiers: the functional syntax
    items = ", ".join(f"{flat(wire)}: {spelt}" for wire, _, spelt in entries)
    return f"{name} = TypedDict({flat(name)}, {{{items}}})"


def _dict_type(shape: Shape, uses: _Uses) -> str:
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
            result = " | ".join(_PRIMITIVES[k] for k in shape.types)
        case "string" | "integer" | "number" | "boolean" | "any":
            if (values := _literal(shape, True)) is not None:
                result = f"{uses.note('Literal')}[{', '.join(flat(v) for v in values)}]"
            else:
                result = _PRIMITIVES.get(shape.kind) or uses.note("Any")
        case _:
            assert_never(shape.kind)
    if shape.nullable and result != "Any":
        result += " | None"
    return result


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


def _with_pinned_names(spec: Spec) -> Spec:
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
