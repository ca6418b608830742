"""YAML as the spec is read: the 1.2 core schema, within bounds.

PyYAML implements YAML 1.1, whose implicit types surprise spec authors
(`010` is 8, `yes` is True, `2023-11-23` is a date, `1e3` is a string).
A spec is read by the YAML 1.2 core schema instead: null, true/false,
decimal/`0o`/`0x` integers and 1.2 floats, everything else a string.
Explicit tags are limited to that schema (`!!str`, `!!int`, `!!float`,
`!!bool`, `!!null`, `!!map`, `!!seq`); anything else is refused.

The composer here also refuses nesting deeper than MAX_DEPTH and wraps
every alias use in an `AliasUse`, so the tree builder can bound how much
aliases expand (an alias bomb of a few kilobytes otherwise expands to
gigabytes before any check runs).
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml

from generator.spec import diagnostic_codes as codes
from generator.spec.diagnostic_codes import Code

MAX_DEPTH = 64  # deepest nesting of collections; real specs stay under 15
MAX_ALIAS_NODES = 10_000  # nodes a spec may build through aliases, all uses together
MAX_SPEC_BYTES = 4 * 1024 * 1024  # the largest real spec is ~125 KB

CORE = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (CORE + kind for kind in ("str", "int", "float", "bool", "null"))
MAP, SEQ = CORE + "map", CORE + "seq"

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)


class AliasUse(yaml.Node):
    """`*name` where it is used: the anchored node, and the place of the use."""

    id = "alias"

    def __init__(self, target: yaml.Node, start_mark: Any, end_mark: Any) -> None:
        super().__init__(target.tag, target.value, start_mark, end_mark)
        self.target = target


class TooDeep(yaml.composer.ComposerError):
    """Nesting deeper than MAX_DEPTH: a problem of its own kind (SS012), not of syntax."""


class _BoundedComposer(yaml.composer.Composer):
    """PyYAML's composer, refusing deep nesting and marking each alias use."""

    def __init__(self) -> None:
        super().__init__()
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event: Any = self.peek_event()  # type: ignore[attr-defined]
        if isinstance(event, yaml.AliasEvent):
            target = super().compose_node(parent, index)
            assert target is not None  # an alias always names a composed node
            return AliasUse(target, event.start_mark, event.end_mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise TooDeep(
                    None, None, f"nesting deeper than {MAX_DEPTH} levels", event.start_mark
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class CoreResolver(yaml.resolver.BaseResolver):
    """Plain scalars resolved by the YAML 1.2 core schema."""


CoreResolver.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    (NULL, _NULL, ["~", "n", "N", ""]),
    (BOOL, _BOOL, list("tTfF")),
    (INT, _INT, list("-+0123456789")),
    (FLOAT, _FLOAT, list("-+.0123456789")),
):
    CoreResolver.add_implicit_resolver(_tag, _pattern, _first)


class PurePythonLoader(
    yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, _BoundedComposer, CoreResolver
):
    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        _BoundedComposer.__init__(self)
        CoreResolver.__init__(self)


SpecLoader: type = PurePythonLoader
if yaml.__with_libyaml__:  # PyYAML's wheels carry libyaml: scanning and parsing 10x faster
    from yaml._yaml import CParser

    class LibyamlLoader(_BoundedComposer, CParser, CoreResolver):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _BoundedComposer.__init__(self)
            CoreResolver.__init__(self)

    SpecLoader = LibyamlLoader


class ScalarProblem(ValueError):
    """A scalar that the core schema cannot read; the message says why, `code` what kind."""

    def __init__(self, message: str, code: Code = codes.BAD_SCALAR) -> None:
        super().__init__(message)
        self.code = code


def scalar_value(node: yaml.ScalarNode) -> Any:
    """The value of a resolved scalar, or ScalarProblem."""
    text, tag = node.value, node.tag
    if tag == STR:
        return text
    if tag == NULL and _NULL.match(text):
        return None
    if tag == BOOL and _BOOL.match(text):
        return text.lower() == "true"
    if tag == INT and _INT.match(text):
        return _integer(text)
    if tag == FLOAT and _FLOAT.match(text):
        return _float(text)
    if tag in (NULL, BOOL, INT, FLOAT):
        kind = tag.rsplit(":", 1)[-1]
        raise ScalarProblem(f"{text!r} is not a YAML 1.2 {kind}")
    raise ScalarProblem(
        f"unsupported tag {short_tag(tag)} (a spec uses YAML 1.2 core types)",
        codes.UNSUPPORTED_TAG,
    )


def short_tag(tag: str) -> str:
    """`!!binary` rather than `tag:yaml.org,2002:binary`, quoted for a message."""
    return f"'!!{tag.removeprefix(CORE)}'" if tag.startswith(CORE) else f"'{tag}'"


def _integer(text: str) -> int:
    try:
        if text.startswith("0o"):
            return int(text[2:], 8)
        if text.startswith("0x"):
            return int(text[2:], 16)
        return int(text, 10)
    except ValueError:  # more digits than Python converts
        raise ScalarProblem(f"integer {text[:20]}... is too long") from None


def _float(text: str) -> float:
    if text.lstrip("+-").lower() in (".inf", ".nan") or not math.isfinite(float(text)):
        raise ScalarProblem(f"{text!r} has no JSON value (infinite or not a number)")
    return float(text)
