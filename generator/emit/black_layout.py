"""Template filters that lay out spec-dependent statements as black would.

A black-stable template (render._BLACK_STABLE) skips black; where a line's
layout depends on names from the spec (how many operations, how long their
names), these filters write black's layout for it, so the template stays
black-stable whatever the spec. A layout they cannot vouch for (a line still
too long) is left to formatting.format_rendered, which sends that chunk to
black; tests/test_formatting.py is the guarantor.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from generator.emit.codewriter import black_quotes
from generator.output.formatting import LINE_LENGTH, _width, format_python


def black_at(statement: str, indent: int) -> str:
    """A statement whose first line's length depends on spec values, at `indent` columns.

    Kept as the template wrote it when its first line fits (its other lines
    are fixed, and black keeps that layout), else formatted by black alone,
    nested as deep, so the rest of the template's chunk still skips black.
    """
    lines = [black_quotes(line) for line in statement.split("\n")]
    if indent + len(lines[0]) <= LINE_LENGTH and statement.isascii():
        return ("\n" + " " * indent).join(lines)
    levels = indent // 4
    nest = "".join("    " * level + "if _:\n" for level in range(levels))
    body = "\n".join("    " * levels + line for line in statement.split("\n"))
    formatted = format_python(nest + body + "\n").rstrip("\n").split("\n")[levels:]
    return "\n".join(formatted)[indent:]


def black_items(
    items: Sequence[str],
    prefix: str,
    indent: int = 0,
    brackets: str = "()",
    suffix: str = "",
    magic: bool = False,
) -> str:
    """`prefix` + a collection literal of `items` (source text) + `suffix`, as black lays it out.

    On one line when it fits (a one-tuple keeps its comma), else one item a
    line with a trailing comma: black's layout of a collection literal that
    ends a statement. The first line is not indented (the template indents it).
    """
    opening, closing = brackets[0], brackets[1]
    joined = ", ".join(items)
    if len(items) == 1 and brackets == "()":
        joined += ","
    line = f"{prefix}{opening}{joined}{closing}{suffix}"
    one_tuple = len(items) == 1 and brackets == "()"
    exploded = magic and not one_tuple
    if not items or (not exploded and indent + len(line) <= LINE_LENGTH):
        return line
    pad = " " * (indent + 4)
    comma = "" if len(items) == 1 and not one_tuple and not magic else ","  # see _laid_out
    lines = [prefix + opening, *(f"{pad}{item}{comma}" for item in items)]
    return "\n".join([*lines, " " * indent + closing + suffix])


def black_import(line: str) -> str:
    """`from module import a, b` as black lays it out: exploded one name a line when too long."""
    if len(line) <= LINE_LENGTH or " import " not in line or "(" in line:
        return line
    head, names = line.split(" import ", 1)
    exploded = [f"    {name.strip()}," for name in names.split(",") if name.strip()]
    return "\n".join([f"{head} import (", *exploded, ")"])


def py_items(value: Mapping[Any, Any] | Sequence[Any]) -> list[str]:
    """The items of a dict, list or tuple as source text in black's quotes, for black_items."""
    if isinstance(value, Mapping):
        return [black_quotes(f"{key!r}: {item!r}") for key, item in value.items()]
    return [black_quotes(repr(item)) for item in value]


def _flat(value: Any) -> str:
    """A literal on one line, in black's quotes (a one-tuple keeps its comma)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_flat(key)}: {_flat(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flat(item) for item in value) + "]"
    if isinstance(value, tuple):
        one = "," if len(value) == 1 else ""
        return "(" + ", ".join(_flat(item) for item in value) + one + ")"
    return black_quotes(repr(value))


def _laid_out(value: Any, head: str, indent: int, tail: str) -> list[str]:
    line = " " * indent + head + _flat(value) + tail
    if _width(line) <= LINE_LENGTH or not isinstance(value, (dict, list, tuple)) or not value:
        return [line]  # fits, or cannot be split (black leaves a long string as it is)
    brackets = "{}" if isinstance(value, dict) else "[]" if isinstance(value, list) else "()"
    entries = value.items() if isinstance(value, dict) else (("", item) for item in value)
    lines = [" " * indent + head + brackets[0]]
    # black adds the trailing comma when it splits items apart; a lone item is not
    # split apart, so it gets none (but a one-tuple keeps its own)
    comma = "," if len(value) > 1 or isinstance(value, tuple) else ""
    for key, item in entries:
        key_head = f"{_flat(key)}: " if isinstance(value, dict) else ""
        lines += _laid_out(item, key_head, indent + 4, comma)
    return [*lines, " " * indent + brackets[1] + tail]


def black_literal(value: Any, prefix: str, indent: int = 0) -> str:
    """`prefix` + a data literal (dicts, lists, tuples, scalars), laid out as black lays it out.

    A collection that does not fit its line is exploded one item a line with a
    trailing comma, recursively; a long string stays on its line, as black leaves it.
    """
    lines = _laid_out(value, prefix, indent, "")
    return "\n".join(lines)[indent:]


def black_def(params: Sequence[str], head: str, returns: str, indent: int = 0) -> str:
    """`head(params) -> returns:` as black lays out a def's first line(s).

    On one line when it fits; else the parameters on a line of their own
    (one parameter gets a trailing comma, which black then keeps exploded);
    else one parameter a line.
    """
    joined = ", ".join(params)
    line = f"{head}({joined}) -> {returns}:"
    if indent + len(line) <= LINE_LENGTH:
        return line
    pad, close = " " * (indent + 4), " " * indent + f") -> {returns}:"
    if len(params) > 1 and len(pad) + len(joined) <= LINE_LENGTH:
        return "\n".join([f"{head}(", pad + joined, close])
    return "\n".join([f"{head}(", *(f"{pad}{param}," for param in params), close])


def black_call(args: Sequence[str | Sequence[str]], head: str, indent: int = 0) -> str:
    """`head(args)` as black lays out a call that ends a statement (`return f(a, {...}, b)`).

    An argument is source text, or a dict display's entries (`"key": value`).
    On one line when it fits; else the arguments on a line of their own; else
    one argument a line with a trailing comma, a dict exploded one entry a
    line when its own line is still too long. The first line is not indented.
    """
    flat = [arg if isinstance(arg, str) else "{" + ", ".join(arg) + "}" for arg in args]
    line = f"{head}({', '.join(flat)})"
    if indent + len(line) <= LINE_LENGTH:
        return line
    pad = " " * (indent + 4)
    if len(pad) + len(", ".join(flat)) <= LINE_LENGTH:
        return "\n".join([f"{head}(", pad + ", ".join(flat), " " * indent + ")"])
    lines = [f"{head}("]
    for arg, text in zip(args, flat, strict=True):
        if isinstance(arg, str) or not arg or len(pad) + len(text) + 1 <= LINE_LENGTH:
            lines.append(f"{pad}{text},")
        else:
            lines += [pad + "{", *(f"{pad}    {entry}," for entry in arg), pad + "},"]
    return "\n".join([*lines, " " * indent + ")"])
