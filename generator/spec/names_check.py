"""Names and values that a spec may spell but generated code could not carry.

The meta-schema accepts any text as a parameter name, any number as a
bound; this pass refuses, with the place in the spec, whatever would
otherwise generate a package that does not import, type-check or behave:
two names that become one Python name, a name the client already uses for
itself, a number Python or pydantic cannot hold, a union whose members
cannot be told apart. The rules are written down in specs/README.md
("Names in the generated package").
"""

from __future__ import annotations

import functools
import keyword
import math
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from generator.concepts import auth as auth_concept
from generator.emit import naming
from generator.output.assets import templates_root
from generator.spec import diagnostic_codes as codes
from generator.spec.diagnostic_codes import Code
from generator.spec.diagnostics import Diagnostic
from generator.spec.loader import SourceMap, child_pointer
from generator.spec.model import Operation, Param, Spec, TypeDef

# Keyword arguments of Client(...) besides the credentials and client params.
CLIENT_ARGUMENTS = frozenset(
    {"self", "server", "base_url", "timeout", "headers", "validate", "max_retries", "http_client"}
    | {"http"}  # what the clients hand to their shared base
)
# Auth keeps each credential as `self._<name>` beside these.
AUTH_ATTRIBUTES = frozenset({"token", "expires_at"})
# Members of Client/AsyncClient when the template cannot be read.
_KNOWN_CLIENT_MEMBERS = frozenset(
    {"base_url", "timeout", "validate", "max_retries", "with_raw_response", "clear_cache"}
    | {"close", "aclose"}
)
# Module-level names an operation's constant (its name upper-cased) sits beside.
MODULE_CONSTANTS = frozenset(
    {"T", "TYPE_CHECKING", "ERROR_FORMATS", "BY_NAME", "REFRESH_MARGIN_SECONDS"}
)
# Names models.py imports or defines besides the spec's types.
MODEL_MODULE_NAMES = frozenset(
    {
        "Annotated",
        "Any",
        "AnyUrl",
        "AwareDatetime",
        "BaseModel",
        "ConfigDict",
        "EmailStr",
        "Enum",
        "Field",
        "JsonValue",
        "Literal",
        "Model",
        "NaiveDatetime",
        "Optional",
        "RootModel",
        "UUID",
        "Union",
    }
)
# Names the paging iterators (iter_<operation>) use besides their arguments.
_PAGING_LOCALS = frozenset(
    {"page", "raw", "items", "item", "list", "_seen", "_first_size", "_previous", "_before"}
)
MAX_COUNT = 2**63 - 1  # the largest length or count pydantic can hold
_TOKEN = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")  # RFC 9110 token (header, cookie names)
_HEADER_VALUE = re.compile(r"^[\t\x20-\x7e]*$")
_URL = re.compile(r"^[\x21-\x7e]+$")
_FILE_WORD = re.compile(r"^[A-Za-z0-9_-]+$")
_SURROGATE = re.compile("[\ud800-\udfff]")
_COUNT_WORDS = ("minLength", "maxLength", "minItems", "maxItems")


@functools.cache
def client_members() -> frozenset[str]:
    """Public members of the generated clients, read off the client template."""
    try:
        text = templates_root().joinpath("_client.py.jinja").read_text("utf-8")
    except OSError:
        return _KNOWN_CLIENT_MEMBERS
    body = text[text.find("class _BaseClient") :]
    found = set(re.findall(r"^\s+(?:async )?def ([a-z]\w*)\(", body, re.M))
    found |= set(re.findall(r"\bself\.([a-z]\w*)\s*[:=][^=]", body))
    return frozenset(found) | _KNOWN_CLIENT_MEMBERS


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
        members = client_members()
        seen_pascal: dict[str, str] = {}
        names = {op.name for op in self.spec.operations}
        for op in self.spec.operations:
            here = child_pointer("/operations", op.name)
            if keyword.iskeyword(op.name):
                self.error(
                    here,
                    f"operation '{op.name}' is a Python keyword: no method can have that name",
                    codes.NAME_CLASH,
                    key=True,
                )
            elif op.name in members:
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
            if op.paging and param.python_name in _PAGING_LOCALS:
                page_param = op.paging.page_param
                if page_param not in (param.key, param.wire_name):
                    self.error(
                        pointer,
                        f"parameter '{param.key}' becomes '{param.python_name}', a name"
                        f" iter_{op.name} uses for itself; give it a `python_name`",
                        codes.NAME_CLASH,
                        key=True,
                    )

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

    # -- auth --------------------------------------------------------------
    def auth(self) -> None:
        auth = self.spec.auth
        for message in auth_concept.credential_problems(auth):
            self.error("/auth", message, codes.BAD_AUTH)
        if auth.cookie is not None and not _TOKEN.match(auth.cookie):
            self.error(
                "/auth/cookie",
                f"cookie name {auth.cookie!r} is not a valid cookie name",
                codes.BAD_AUTH,
            )

    # -- headers and servers ---------------------------------------------------
    def headers(self) -> None:
        """Header names are tokens, constant values visible ASCII: httpx sends nothing else."""
        constant = [("/auth/header", name, value, False) for name, value in self.spec.auth.headers]
        constant += [
            (child_pointer("/headers", name), name, value, True)
            for name, value in self.spec.headers
        ]
        for pointer, name, value, key in constant:
            if not _TOKEN.match(name):
                self.error(
                    pointer,
                    f"header name {name!r} is not a valid HTTP header name",
                    codes.BAD_HEADER,
                    key=key,
                )
            if not _HEADER_VALUE.match(value):
                self.error(
                    pointer,
                    f"header {name!r} value {value!r} must be printable ASCII (no line breaks)",
                    codes.BAD_HEADER,
                )
        params = [(child_pointer("/client_params", p.key), p) for p in self.spec.client_params]
        for op in self.spec.operations:
            here = child_pointer(child_pointer("/operations", op.name), "params")
            params += [(child_pointer(here, p.key), p) for p in op.params if not p.from_client]
        for where, param in params:
            if param.location == "header" and not _TOKEN.match(param.wire_name):
                self.error(
                    where,
                    f"header name {param.wire_name!r} is not a valid HTTP header name",
                    codes.BAD_HEADER,
                )

    def servers(self) -> None:
        for name, url in self.spec.servers:
            try:
                parts = urlsplit(url)
                usable = bool(parts.hostname) and not parts.query and not parts.fragment
            except ValueError:  # e.g. an unclosed IPv6 bracket
                usable = False
            if not usable or not _URL.match(url):
                self.error(
                    child_pointer("/servers", name),
                    f"server {url!r} is not a usable base URL (a host; no spaces, query or #)",
                    codes.BAD_SERVER,
                )

    def error_formats(self) -> None:
        for error in self.spec.error_formats:
            if not _FILE_WORD.match(error.name):
                self.error(
                    child_pointer("/error_formats", error.name),
                    f"error format name {error.name!r} names a file (schemas/error.<name>.json):"
                    " use letters, digits, '_' and '-'",
                    codes.BAD_NAME,
                    key=True,
                )

    # -- types -------------------------------------------------------------
    def types(self) -> None:
        declared = self.raw.get("types") or {}
        hoisted_at = {  # an inline object is named <Parent><Field>: found at its field
            f.shape.ref: f.pointer for t in self.spec.types for f in t.fields if f.shape.ref
        }
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

    # -- numbers -----------------------------------------------------------
    def numbers(self) -> None:
        for pointer, word, value in _scalars(self.raw, ""):
            if isinstance(value, str):
                if _SURROGATE.search(value):
                    self.error(
                        pointer,
                        "text holds a lone surrogate (\\ud800-\\udfff), which no file can carry",
                        codes.UNREPRESENTABLE_VALUE,
                    )
            elif isinstance(value, float) and not math.isfinite(value):
                self.error(
                    pointer, f"{word} {value!r} is not a JSON number", codes.UNREPRESENTABLE_VALUE
                )
            elif word in _COUNT_WORDS and isinstance(value, int) and value > MAX_COUNT:
                self.error(
                    pointer,
                    f"{word} {value} is larger than any payload can be (at most 2**63-1)",
                    codes.UNREPRESENTABLE_VALUE,
                )
            elif (
                isinstance(value, int)
                and not isinstance(value, bool)
                and abs(value) > 1.7976931348623157e308
            ):
                self.error(
                    pointer,
                    f"{word} {_shown(value)} is beyond what a 64-bit float can hold",
                    codes.UNREPRESENTABLE_VALUE,
                )


def _shown(value: int) -> str:
    text = str(value)
    return text if len(text) <= 24 else f"{text[:12]}... ({len(text.lstrip('-'))} digits)"


def _scalars(value: Any, pointer: str, word: str = "") -> Iterator[tuple[str, str, Any]]:
    """Every number and text in the spec (keys too), with its pointer and the key it sits under."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield pointer, "key", str(key)
            yield from _scalars(item, child_pointer(pointer, key), str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _scalars(item, child_pointer(pointer, index), word)
    elif isinstance(value, str) or (isinstance(value, int | float) and not isinstance(value, bool)):
        yield pointer, word or "value", value


def check_names(spec: Spec, raw: dict[str, Any], source: SourceMap) -> list[Diagnostic]:
    """Every name collision and unusable value of an otherwise well-formed spec."""
    checker = _Checker(spec, raw, source)
    checker.numbers()
    checker.operations()
    checker.client_arguments()
    checker.auth()
    checker.headers()
    checker.error_formats()
    checker.servers()
    checker.types()
    return checker.problems
