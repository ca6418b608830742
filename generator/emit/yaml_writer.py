"""Block YAML for JSON-like data, byte for byte what PyYAML's `yaml.dump` writes.

PyYAML's pure-Python dump (representer, serializer, event-driven emitter)
was the largest single cost of regenerating after a spec edit, and
libyaml's emitter folds long double-quoted strings differently. This
writer walks the data once and repeats the emitter's decisions (indents,
`- ` and `key: ` indicators, `? ` for keys too long for a simple key, each
scalar's style from `yaml_scalars`, line folding at `width`) for what a
JSON document holds: dict, list, str, int, float, bool and None, exact
types. For anything else (another type, a container reached twice, which
PyYAML writes as an anchor, a root that is not a non-empty container) it
raises `Unsupported` and the caller dumps with PyYAML.

Settings are those of `openapi_text.yaml_text`: block style, indent 2,
`allow_unicode=True`, `sort_keys=False`. tests/test_yaml_writer.py compares
both writers byte for byte, on every export and on generated documents.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from generator.emit.yaml_scalars import Scalar, other_scalar, string_scalar

_BREAK = re.compile("[\n\x85\u2028\u2029]")
_TOKENS = re.compile("( +)|([\n\x85\u2028\u2029]+)|[^ \n\x85\u2028\u2029]+")
_ESCAPES = {
    "\0": "0", "\x07": "a", "\x08": "b", "\x09": "t", "\x0a": "n", "\x0b": "v", "\x0c": "f",
    "\x0d": "r", "\x1b": "e", '"': '"', "\\": "\\", "\x85": "N", "\xa0": "_",
    "\u2028": "L", "\u2029": "P",
}  # fmt: skip


class Unsupported(Exception):
    """The document holds something this writer does not write as PyYAML would."""


def block_yaml(document: Any, *, width: int, quoted: Callable[[str], object]) -> str:
    """`document` as `yaml.dump` writes it; `quoted(s)` asks for s in single quotes."""
    if type(document) not in (dict, list) or not document:
        raise Unsupported("the root is not a non-empty dict or list")
    writer = _Writer(width, quoted)
    writer.node(document, in_mapping=False)
    writer.indent = None
    writer.write_indent()
    return "".join(writer.parts)


class _Writer:
    """The emitter's state (column, indent, whitespace, indention) and its writes."""

    def __init__(self, width: int, quoted: Callable[[str], object]) -> None:
        self.parts: list[str] = []
        self.column = 0
        self.whitespace = True  # the last character written was a space or a break
        self.indention = True  # only indentation and indicators on this line so far
        self.indent: int | None = None
        self.width = width
        self.quoted = quoted
        self.seen: set[int] = set()
        self.scalars: dict[str, Scalar] = {}

    # -- structure -------------------------------------------------------------

    def node(self, value: Any, *, in_mapping: bool) -> None:
        kind = type(value)
        if kind is dict or kind is list:
            if id(value) in self.seen:
                raise Unsupported("a container reached twice (PyYAML writes an anchor)")
            self.seen.add(id(value))
            if not value:
                self.indicator("{}" if kind is dict else "[]", True)
            elif kind is dict:
                self.mapping(value)
            else:
                self.sequence(value, indentless=in_mapping and not self.indention)
        else:
            self.scalar(self.scalar_of(value), split=True)

    def mapping(self, value: dict[Any, Any]) -> None:
        outer = self.indent
        self.indent = 0 if outer is None else outer + 2
        for key, item in value.items():
            self.write_indent()
            scalar = self.scalar_of(key)
            if scalar.simple_key:
                self.scalar(scalar, split=False)
                self.indicator(":", False)
            else:
                self.indicator("?", True, indention=True)
                self.scalar(scalar, split=True)
                self.write_indent()
                self.indicator(":", True, indention=True)
            self.node(item, in_mapping=True)
        self.indent = outer

    def sequence(self, value: list[Any], *, indentless: bool) -> None:
        outer = self.indent
        if outer is None:
            self.indent = 0
        elif not indentless:
            self.indent = outer + 2
        for item in value:
            self.write_indent()
            self.indicator("-", True, indention=True)
            self.node(item, in_mapping=False)
        self.indent = outer

    def scalar_of(self, value: Any) -> Scalar:
        if type(value) is str:
            scalar = self.scalars.get(value)
            if scalar is None:
                scalar = self.scalars[value] = string_scalar(value, bool(self.quoted(value)))
            return scalar
        other = other_scalar(value)
        if other is None:
            raise Unsupported(f"{type(value).__name__} is not JSON-like")
        return other

    # -- the emitter's primitive writes ---------------------------------------

    def indicator(
        self, text: str, need_whitespace: bool, *, whitespace: bool = False, indention: bool = False
    ) -> None:
        if need_whitespace and not self.whitespace:
            text = " " + text
        self.whitespace = whitespace
        self.indention = self.indention and indention
        self.column += len(text)
        self.parts.append(text)

    def write_indent(self) -> None:
        indent = self.indent or 0
        if (
            not self.indention
            or self.column > indent
            or (self.column == indent and not self.whitespace)
        ):
            self.line_break("\n")
        if self.column < indent:
            self.whitespace = True
            self.parts.append(" " * (indent - self.column))
            self.column = indent

    def line_break(self, text: str) -> None:
        self.whitespace = True
        self.indention = True
        self.column = 0
        self.parts.append(text)

    def text(self, text: str) -> None:
        self.column += len(text)
        self.parts.append(text)

    # -- scalars ---------------------------------------------------------------

    def scalar(self, scalar: Scalar, *, split: bool) -> None:
        """A scalar at one indent deeper than its parent (the emitter's flow indent)."""
        outer = self.indent
        self.indent = 2 if outer is None else outer + 2
        text = scalar.text
        if scalar.style == "":
            self.plain(text, split)
        elif scalar.style == "'":
            self.single_quoted(text, split)
        else:
            self.double_quoted(text, split)
        self.indent = outer

    def plain(self, text: str, split: bool) -> None:
        if not self.whitespace:
            self.text(" ")
        self.whitespace = self.indention = False
        if not split or self.column + len(text) <= self.width or " " not in text:
            self.text(text)
            return
        for token in _TOKENS.finditer(text):  # no breaks: plain scalars are one line
            if token[1] is not None and len(token[1]) == 1 and self.column > self.width:
                self.write_indent()
                self.whitespace = self.indention = False
            else:
                self.text(token[0])

    def single_quoted(self, text: str, split: bool) -> None:
        self.indicator("'", True)
        escaped = text.replace("'", "''")
        fits = " " not in text or self.column + len(escaped) <= self.width
        if fits and _BREAK.search(text) is None:
            self.text(escaped)
        else:
            self.single_quoted_folded(text, split)
        self.indicator("'", False)

    def single_quoted_folded(self, text: str, split: bool) -> None:
        end = len(text)
        for token in _TOKENS.finditer(text):
            spaces, breaks = token[1], token[2]
            if spaces is not None:
                inner = token.start() != 0 and token.end() != end
                if len(spaces) == 1 and self.column > self.width and split and inner:
                    self.write_indent()
                else:
                    self.text(spaces)
            elif breaks is not None:
                if breaks[0] == "\n":
                    self.line_break("\n")
                for each in breaks:
                    self.line_break(each)
                self.write_indent()
            else:
                self.text(token[0].replace("'", "''"))

    def double_quoted(self, text: str, split: bool) -> None:
        """Emitter.write_double_quoted, character by character (rare: control characters)."""
        self.indicator('"', True)
        start = end = 0
        while end <= len(text):
            ch = text[end] if end < len(text) else None
            if ch is None or _escaped(ch):
                if start < end:
                    self.text(text[start:end])
                    start = end
                if ch is not None:
                    self.text(_escape(ch))
                    start = end + 1
            if (
                0 < end < len(text) - 1
                and (ch == " " or start >= end)
                and self.column + (end - start) > self.width
                and split
            ):
                self.text(text[start:end] + "\\")
                start = max(start, end)
                self.write_indent()
                self.whitespace = self.indention = False
                if text[start] == " ":
                    self.text("\\")
            end += 1
        self.indicator('"', False)


def _escaped(ch: str) -> bool:
    if ch in '"\\\x85\u2028\u2029\ufeff':
        return True
    return not ("\x20" <= ch <= "\x7e" or "\xa0" <= ch <= "\ud7ff" or "\ue000" <= ch <= "\ufffd")


def _escape(ch: str) -> str:
    if ch in _ESCAPES:
        return "\\" + _ESCAPES[ch]
    if ch <= "\xff":
        return f"\\x{ord(ch):02X}"
    if ch <= "\uffff":
        return f"\\u{ord(ch):04X}"
    return f"\\U{ord(ch):08X}"
