"""Names and values that a spec may spell but generated code could not carry.

The meta-schema accepts any text as a parameter name, any number as a
bound; this pass refuses, with the place in the spec, whatever would
otherwise generate a package that does not import, type-check or behave:
two names that become one Python name, a name the client already uses for
itself, a union whose members cannot be told apart. Values on the wire
are checked in names_wire, numbers and text in names_values. The rules
are written down in specs/README.md ("Names in the generated package").
"""

from __future__ import annotations

import keyword
from typing import Any

from generator.emit import naming
from generator.spec import diagnostic_codes as codes
from generator.spec import names_wire
from generator.spec.diagnostic_codes import Code
from generator.spec.diagnostics import Diagnostic
from generator.spec.loader import SourceMap, child_pointer
from generator.spec.model import Operation, Param, Spec, TypeDef
from generator.spec.names_reserved import (
    AUTH_ATTRIBUTES,
    CLIENT_ARGUMENTS,
    MODEL_MODULE_NAMES,
    MODULE_CONSTANTS,
    client_members,
)
from generator.spec.names_values import check_values


class _Checker:
    def __init__(self, spec: Spec, raw: dict[str, Any], source: SourceMap) -> None:
        self.spec = spec
        self.raw = raw
        self.source = source
        self.problems: list[Diagnostic] = []

    def error(self, pointer: str, message: str, code: Code, *, key: bool = False) -> None:
        self.problems.append(self.source.diagnostic(pointer, message, code, key=key))

    # -- operations ------------------------------------------------------
    def operations(self) -> None:
        seen_pascal: dict[str, str] = {}
        names = {op.name for op in self.spec.operations}
        for op in self.spec.operations:
            here = child_pointer("/operations", op.name)
            self.method_name(op, here, names)
            pascal = naming.pascal_case(op.name)
            if pascal in seen_pascal:
                self.error(
                    here,
                    f"operations '{seen_pascal[pascal]}' and '{op.name}' differ only in"
                    f" underscores: both name their types {pascal}...",
                    codes.NAME_CLASH,
                    key=True,
                )
            seen_pascal.setdefault(pascal, op.name)
            self.parameters(op, here)
            self.path(op, here)

    def method_name(self, op: Operation, here: str, names: set[str]) -> None:
        """The operation's name is a client method and a module constant: both must be free."""
        if keyword.iskeyword(op.name):
            self.error(
                here,
                f"operation '{op.name}' is a Python keyword: no method can have that name",
                codes.NAME_CLASH,
                key=True,
            )
        elif op.name in client_members():
            self.error(
                here,
                f"operation '{op.name}' would hide the client's own '{op.name}'; name it"
                " differently (the path and method stay as they are)",
                codes.NAME_CLASH,
                key=True,
            )
        elif naming.constant_name(op.name) in MODULE_CONSTANTS:
            self.error(
                here,
                f"operation '{op.name}' would become {naming.constant_name(op.name)},"
                " a name the generated package already uses",
                codes.NAME_CLASH,
                key=True,
            )
        if op.paging and f"iter_{op.name}" in names:
            self.error(
                here,
                f"paged operation '{op.name}' gives the client iter_{op.name}, which is"
                " also an operation",
                codes.NAME_CLASH,
                key=True,
            )

    def parameters(self, op: Operation, here: str) -> None:
        taken: dict[str, str] = {}
        if op.body is not None:
            taken["body"] = "the body"
        for param in op.params:
            if param.from_client:  # filled in by the client, under the same name
                taken.setdefault(param.python_name, f"client parameter {param.key!r}")
                continue
            pointer = child_pointer(child_pointer(here, "params"), param.key)
            if not self.python_name(param, pointer):
                continue
            other = taken.get(param.python_name)
            if other is not None:
                self.error(
                    pointer,
                    f"parameter {param.key!r} and {other} both become the Python argument"
                    f" '{param.python_name}'; give one a `python_name`",
                    codes.NAME_CLASH,
                    key=True,
                )
            taken.setdefault(param.python_name, f"parameter {param.key!r}")

    def python_name(self, param: Param, pointer: str) -> bool:
        name = param.python_name
        if not name.isidentifier() or keyword.iskeyword(name):
            self.error(
                pointer, f"python_name '{name}' is not a usable Python name", codes.BAD_PYTHON_NAME
            )
            return False
        if name in naming.RESERVED or name.startswith("_"):
            self.error(
                pointer,
                f"python_name '{name}' is taken by the generated code (reserved names and a"
                " leading underscore are kept for it)",
                codes.BAD_PYTHON_NAME,
            )
            return False
        return True

    def path(self, op: Operation, here: str) -> None:
        placeholders = naming.path_placeholders(op.path)
        for name in sorted({p for p in placeholders if placeholders.count(p) > 1}):
            self.error(
                child_pointer(here, "path"),
                f"path placeholder '{{{name}}}' appears more than once in '{op.path}'",
                codes.PATH_PARAMETER_MISMATCH,
            )

    # -- client arguments --------------------------------------------------
    def client_arguments(self) -> None:
        taken: dict[str, str] = {}
        for index, credential in enumerate(self.spec.auth.credentials):
            key = list(self.raw["auth"].get("credentials") or {})[index]
            pointer = child_pointer("/auth/credentials", key)
            name = credential.python_name
            if name in CLIENT_ARGUMENTS or name in naming.RESERVED or keyword.iskeyword(name):
                self.error(
                    pointer,
                    f"credential '{key}' would be the client argument '{name}', which the client"
                    " already has; name it differently (`field` keeps the wire name)",
                    codes.NAME_CLASH,
                    key=True,
                )
            elif name in AUTH_ATTRIBUTES:
                self.error(
                    pointer,
                    f"credential '{key}' would clash with the client's own {name}",
                    codes.NAME_CLASH,
                    key=True,
                )
            elif name in taken:
                self.error(
                    pointer,
                    f"credential '{key}' and {taken[name]} both become the argument '{name}'",
                    codes.NAME_CLASH,
                    key=True,
                )
            taken.setdefault(name, f"credential '{key}'")
        for param in self.spec.client_params:
            pointer = child_pointer("/client_params", param.key)
            if not self.python_name(param, pointer):
                continue
            if param.python_name in CLIENT_ARGUMENTS or param.python_name in taken:
                clash = taken.get(param.python_name, "the client's own argument")
                self.error(
                    pointer,
                    f"client parameter '{param.key}' becomes the argument"
                    f" '{param.python_name}', as does {clash}; give it a `python_name`",
                    codes.NAME_CLASH,
                    key=True,
                )
            taken.setdefault(param.python_name, f"client parameter '{param.key}'")

    # -- types -------------------------------------------------------------
    def types(self) -> None:
        declared = self.raw.get("types") or {}
        hoisted_at = {  # an inline object is named <Parent><Field>: found at its field
            f.shape.ref: f.pointer for t in self.spec.types for f in t.fields if f.shape.ref
        }
        names = {typedef.name for typedef in self.spec.types}
        for typedef in self.spec.types:
            pointer = child_pointer("/types", typedef.name)
            if keyword.iskeyword(typedef.name) or typedef.name in MODEL_MODULE_NAMES:
                inline = typedef.name not in declared
                self.error(
                    hoisted_at.get(typedef.name, "/types") if inline else pointer,
                    f"type name '{typedef.name}'{' (an inline object)' if inline else ''} is"
                    " taken in the generated models module (a Python keyword or a name"
                    " models.py imports)",
                    codes.NAME_CLASH,
                    key=True,
                )
            elif typedef.name.endswith("Dict") and typedef.name[: -len("Dict")] in names:
                self.error(
                    pointer,
                    f"type name '{typedef.name}' is taken in the generated models module by"
                    f" the TypedDict of type '{typedef.name[: -len('Dict')]}'",
                    codes.NAME_CLASH,
                    key=True,
                )
            if typedef.is_union:
                self.union(typedef, pointer)

    def union(self, typedef: TypeDef, pointer: str) -> None:
        field = typedef.discriminator
        if field is None:
            return
        seen: dict[Any, str] = {}
        types = {t.name: t for t in self.spec.types}
        for member in typedef.one_of:
            member_type = types.get(member)
            if member_type is None:
                continue
            tag: Any = member
            for f in member_type.fields:
                if f.wire_name == field:
                    c = f.shape.constraints
                    tag = c.const if c.has_const else c.enum[0].value if c.enum else member
            if not isinstance(tag, str | int | float | bool) or tag is None:
                self.error(
                    child_pointer("/types", member),
                    f"discriminator '{field}' of {member} must be a string, number or boolean"
                    f" (got {tag!r})",
                    codes.BAD_UNION,
                    key=True,
                )
                continue
            key = (type(tag) is bool, tag)
            if key in seen:
                self.error(
                    child_pointer(pointer, "one_of"),
                    f"members {seen[key]} and {member} of {typedef.name} both have"
                    f" {field} = {tag!r}: {member} could never be chosen",
                    codes.BAD_UNION,
                )
            seen.setdefault(key, member)


def check_names(spec: Spec, raw: dict[str, Any], source: SourceMap) -> list[Diagnostic]:
    """Every name collision and unusable value of an otherwise well-formed spec."""
    checker = _Checker(spec, raw, source)
    check_values(raw, checker.error)
    checker.operations()
    checker.client_arguments()
    names_wire.auth(spec, checker.error)
    names_wire.headers(spec, checker.error)
    names_wire.error_formats(spec, checker.error)
    names_wire.servers(spec, checker.error)
    checker.types()
    return checker.problems
