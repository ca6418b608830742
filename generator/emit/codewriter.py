"""A tiny indentation-aware line buffer for emitting Python source."""

from __future__ import annotations

import keyword
import re
from collections.abc import Iterator
from contextlib import contextmanager


class CodeWriter:
    def __init__(self) -> None:
        self._lines: list[str] = []
        self._depth = 0
        self._used: set[str] = set()
        self._reserved: frozenset[str] = frozenset()

    def __call__(self, line: str = "") -> None:
        self._lines.append(("    " * self._depth + line) if line else "")

    @contextmanager
    def block(self, header: str) -> Iterator[None]:
        self(header)
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1

    def scope(self, reserved: frozenset[str] = frozenset()) -> None:
        """A new function body: its names start afresh, `reserved` ones are never handed out."""
        self._used = set()
        self._reserved = reserved

    def fresh(self, stem: str) -> str:
        """`stem`, or `stem_2`, `stem_3`, ...: a local name not yet used in this scope."""
        if not stem.isidentifier() or stem.startswith("_") or keyword.iskeyword(stem):
            stem = "field"
        if stem in self._reserved:
            stem += "_"  # PEP 8's way not to shadow a builtin: id_, type_
        name, number = stem, 1
        while name in self._used or name in self._reserved:
            number += 1
            name = f"{stem}_{number}"
        self._used.add(name)
        return name

    def text(self) -> str:
        return "\n".join(self._lines) + "\n"


# -- black's style, written directly ------------------------------------------
#
# The compiled validators are most of a generated package's lines; running
# black over them cost seconds per provider. So they are written the way
# black would write them (double quotes, its splits of a long call), and
# formatting.format_emitted sends through black only a top-level chunk with a
# line this writer cannot vouch for. tests/test_formatting.py runs black over
# every generated file and asserts it changes nothing.

LINE_LENGTH = 100

_TOKEN = re.compile(
    r"""(?P<string>(?:\b[rRbBuUfF]{1,2})?(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"))"""
    r"""|(?P<word>\w+)|.""",
    re.DOTALL,
)
_ESCAPED_DOUBLE = re.compile(r'([^\\]|^)\\((?:\\\\)*)"')
_ESCAPED_SINGLE = re.compile(r"([^\\]|^)\\((?:\\\\)*)'")
_UNESCAPED_DOUBLE = re.compile(r'(([^\\]|^)(\\\\)*)"')


def _twice(pattern: re.Pattern[str], replacement: str, text: str) -> str:
    """Substitute twice: the patterns overlap at their first character."""
    return pattern.sub(replacement, pattern.sub(replacement, text))


def black_string(literal: str) -> str:
    """A plain single-quoted literal in black's quotes: double, unless that adds escapes.

    The same rule as black's normalize_string_quotes; prefixed and
    double-quoted literals are returned unchanged.
    """
    if not literal.startswith("'"):
        return literal
    body = literal[1:-1]
    new_body = _twice(_ESCAPED_DOUBLE, r'\1\2"', body)
    if new_body != body:
        body = new_body
    new_body = _twice(_ESCAPED_SINGLE, r"\1\2'", new_body)
    new_body = _twice(_UNESCAPED_DOUBLE, r'\1\\"', new_body)
    if new_body.count("\\") > body.count("\\"):
        return "'" + body + "'"
    return '"' + new_body + '"'


def black_quotes(code: str) -> str:
    """Every plain string literal in `code` (one logical line) in black's quotes."""
    if "'" not in code:
        return code
    return "".join(
        black_string(match.group()) if match.group("string") else match.group()
        for match in _TOKEN.finditer(code)
    )


class BlackWriter(CodeWriter):
    """A CodeWriter whose lines come out as black would leave them (see above)."""

    def __call__(self, line: str = "") -> None:
        super().__call__(black_quotes(line))

    def call(self, callees: list[str], args: list[str]) -> None:
        """`f(args)` or `f(g(args))` for callees [f] or [f, g], split as black splits it.

        One line if it fits; else (for two callees) the inner call on its own
        line; else the arguments on one line; else one argument a line with a
        trailing comma, an argument too long even so split before each `+`.
        """
        args = [black_quotes(arg) for arg in args]
        joined = ", ".join(args)
        pad = "    " * self._depth
        opening = "".join(f"{callee}(" for callee in callees)
        closing = ")" * len(callees)
        if len(pad) + len(opening) + len(joined) + len(closing) <= LINE_LENGTH:
            self._lines.append(f"{pad}{opening}{joined}{closing}")
            return
        self._lines.append(f"{pad}{callees[0]}(")
        if len(callees) == 2:
            inner = f"{callees[1]}({joined})"
            if len(pad) + 4 + len(inner) <= LINE_LENGTH:
                self._lines.append(f"{pad}    {inner}")
                self._lines.append(f"{pad})")
                return
            self._lines.append(f"{pad}    {callees[1]}(")
        inside = pad + "    " * len(callees)
        if len(inside) + len(joined) <= LINE_LENGTH:
            self._lines.append(inside + joined)
        else:
            for arg in args:
                self._lines.extend(_split_sum(inside, arg + ","))
        if len(callees) == 2:
            self._lines.append(f"{pad}    )")
        self._lines.append(f"{pad})")

    def assign_conditional(self, name: str, value: str, test: str, other: str) -> None:
        """`name = value if test else other`, split as black splits it.

        One line if it fits; else the right-hand side in parentheses on its own
        line; else one part a line in them (a conditional expression has two
        delimiters, so black keeps the parentheses it adds). Longer parts stay
        on one line, for format_emitted to leave to black.
        """
        pad = "    " * self._depth
        parts = [black_quotes(value), f"if {black_quotes(test)}", f"else {black_quotes(other)}"]
        inner = " ".join(parts)
        line = f"{pad}{name} = {inner}"
        if len(line) <= LINE_LENGTH:
            self._lines.append(line)
        elif len(pad) + 4 + len(inner) <= LINE_LENGTH:
            self._lines += [f"{pad}{name} = (", f"{pad}    {inner}", f"{pad})"]
        elif all(len(pad) + 4 + len(part) <= LINE_LENGTH for part in parts):
            self._lines += [f"{pad}{name} = (", *(f"{pad}    {part}" for part in parts), f"{pad})"]
        else:
            self._lines.append(line)


_OPERATOR_WORDS = {"if", "else", "and", "or", "not", "in", "is", "lambda", "for", "await"}


def _split_sum(pad: str, item: str) -> list[str]:
    """`item` (an argument and its comma) on a line; if too long, split before each
    top-level `+` as black does, when `+` is its only top-level operator."""
    if len(pad) + len(item) <= LINE_LENGTH:
        return [pad + item]
    parts, current, depth = [], "", 0
    for match in _TOKEN.finditer(item):
        token = match.group()
        if token in "([{":
            depth += 1
        elif token in ")]}":
            depth -= 1
        elif depth == 0 and not match.group("string"):
            if token == "+":
                parts.append(current.strip())
                current = "+"
                continue
            if token in _OPERATOR_WORDS or (len(token) == 1 and token in "-*/%<>=|&^~@:"):
                return [pad + item]  # another operator: left to black
        current += token
    parts.append(current.strip())
    return [pad + part for part in parts] if len(parts) > 1 else [pad + item]


def _items(inside: str) -> list[str] | None:
    """The comma-separated items of a tuple's inside, or None for a one-item tuple."""
    items, current, depth = [], "", 0
    for match in _TOKEN.finditer(inside):
        token = match.group()
        if token in "([{":
            depth += 1
        elif token in ")]}":
            depth -= 1
        elif token == "," and depth == 0:
            items.append(current.strip())
            current = ""
            continue
        current += token
    if current.strip():
        items.append(current.strip())
    return items if len(items) > 1 and not inside.rstrip().endswith(",") else None


def black_constant(name: str, expression: str) -> str:
    """`name = expression` (a tuple, or frozenset of one) laid out as black would.

    A tuple too long for a line is exploded one item a line; anything else
    too long is returned on one line, for format_emitted to leave to black.
    """
    line = black_quotes(f"{name} = {expression}")
    if len(line) <= LINE_LENGTH:
        return line
    expression = line[len(name) + 3 :]
    callee = "frozenset(" if expression.startswith("frozenset((") else ""
    tuple_text = expression[len(callee) : len(expression) - (1 if callee else 0)]
    if not (tuple_text.startswith("(") and tuple_text.endswith(")")):
        return line
    items = _items(tuple_text[1:-1])
    if items is None:
        return line
    if not callee:
        return "\n".join([f"{name} = (", *(f"    {item}," for item in items), ")"])
    if 4 + len(tuple_text) <= LINE_LENGTH:
        return f"{name} = frozenset(\n    {tuple_text}\n)"
    exploded = [f"        {item}," for item in items]
    return "\n".join([f"{name} = frozenset(", "    (", *exploded, "    )", ")"])
