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

import re

from generator.emit.codewriter import LINE_LENGTH
from generator.emit.jsonschema_emit import (
    discriminator_tags,
    provider_types,
    request_types,
    shape_schema,
)
from generator.emit.model_annotations import annotated, constraint_keywords, model_annotation
from generator.emit.model_imports import Uses, import_block
from generator.emit.model_names import pinned_field_names, with_pinned_names
from generator.emit.pyliteral import flat
from generator.emit.typed_dicts import dict_class
from generator.spec.model import Field, Shape, Spec, TypeDef

# What models.py holds, said once rather than on each class.
MODULE_DOC = '''"""The spec's types: one pydantic model each, and for each request type a TypedDict,
<Type>Dict: the same body as the dict that travels, keyed as the document spells it, so
mypy checks a dict literal as it checks a model.

A model's base says what becomes of a field the spec does not declare: Model keeps it,
ClosedRequestModel refuses it, ClosedModel refuses it when built by the caller and keeps
it when parsed from the provider's answer. Each field is filled by its Python name or by
the document's (its alias)."""'''

# pinned_field_names was first written here; it stays importable from here.
__all__ = ["emit_models", "pinned_field_names"]


def emit_models(spec: Spec, header: str, *, base_module: str) -> str:
    spec = with_pinned_names(spec)
    requests = request_types(spec)
    provided = provider_types(spec)
    uses = Uses(set(), frozenset(f.python_name for t in spec.types for f in t.fields))
    classes = [
        _model_class(spec, typedef, typedef.name in requests, typedef.name in provided, uses)
        for typedef in _class_order(spec)
    ]
    dicts = [
        dict_class(spec.type(name), uses)
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
    head = f"{header}\n{MODULE_DOC}\n\n{import_block(uses, base_module)}"
    if not body:  # a spec of primitives only: an empty module
        return f"{head}\n"
    return f"{head}\n\n\n{body}\n"


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


def _docstring(text: str, indent: str) -> str:
    """A docstring on one line, as black leaves it (stripped, a space beside an end quote)."""
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    if "\n" in text:
        return f'{indent}"""\n{indent}{text}\n{indent}"""'
    text = text.strip()
    text = (" " if text.startswith('"') else "") + text + (" " if text.endswith('"') else "")
    return f'{indent}"""{text}"""'


def _model_class(spec: Spec, typedef: TypeDef, request: bool, provided: bool, uses: Uses) -> str:
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
    # the base says what happens to an undeclared field (_base): kept, or refused
    if typedef.additional or not request:
        base = uses.note("Model")
    elif strict:
        base = uses.note("ClosedRequestModel")
    else:
        base = uses.note("ClosedModel")
    # pydantic's default (Rust) regex engine refuses look-around and backreferences
    python_re = strict and any(_python_re_only(f.shape) for f in typedef.fields)
    lines = [f"class {typedef.name}({base}):", *([doc.rstrip("\n")] if doc else [])]
    if doc and (typedef.fields or python_re):
        lines.append("")  # black's blank line after a class docstring
    if python_re:
        lines.append(f'    model_config = {uses.note("ConfigDict")}(regex_engine="python-re")')
    elif not doc and not typedef.fields:
        lines.append("    pass")
    tag_fields = {u.discriminator for u in spec.types if typedef.name in u.one_of}
    for declared in typedef.fields:
        # a union's tag stays a Literal on either side: it is how a member is chosen
        lines.append(_model_field(declared, strict or declared.wire_name in tag_fields, uses))
        description = shape_schema(declared.shape).get("description")
        if description:
            lines.append(_docstring(description, "    "))
    return "\n".join(lines)


_PYTHON_RE_ONLY = re.compile(r"\(\?<?[=!]|\(\?P=|\\[1-9]")


def _python_re_only(shape: Shape | None) -> bool:
    """A pattern (of the value, its items or map values) only Python's `re` compiles."""
    if shape is None:
        return False
    pattern = shape_schema(shape).get("pattern")
    if isinstance(pattern, str) and _PYTHON_RE_ONLY.search(pattern):
        return True
    return _python_re_only(shape.items) or _python_re_only(shape.values)


def _model_field(field: Field, strict: bool, uses: Uses) -> str:
    annotation = model_annotation(field.shape, strict, uses)
    if not field.required and not annotation.endswith("| None") and annotation != "Any":
        annotation += " | None"  # None stands for absent: it is not sent
    keywords = constraint_keywords(field.shape, strict)
    if field.python_name != field.wire_name:
        keywords.insert(0, f"alias={flat(field.wire_name)}")
    if keywords:
        annotation = annotated(annotation, keywords, uses)
    if field.required:
        return _annotated_field(field.python_name, annotation)
    return f"    {field.python_name}: {annotation} = None"


def _annotated_field(name: str, annotation: str) -> str:
    """`name: annotation`, a long `Annotated[...]` split inside its brackets as black
    splits it when the inside then fits (so a one-field edit needs no black run);
    anything else too long is left to black (formatting.format_emitted)."""
    line = f"    {name}: {annotation}"
    head, bracket, inside = annotation.partition("[")
    if len(line) <= LINE_LENGTH or not bracket or not head.isidentifier():
        return line
    inside = inside.removesuffix("]")
    if len(inside) + 8 > LINE_LENGTH or not _one_bracket(inside):
        return line
    return f"    {name}: {head}[\n        {inside}\n    ]"


def _one_bracket(inside: str) -> bool:
    """The text between `X[` and its last `]` closes every bracket it opens, in order."""
    depth = 0
    for char in inside:
        depth += (char in "([{") - (char in ")]}")
        if depth < 0:
            return False
    return depth == 0
