"""Template filters that lay out spec-dependent statements as black would.

A black-stable template (render._BLACK_STABLE) skips black; where a line's
layout depends on names from the spec (how many operations, how long their
names), these filters write black's layout for it, so the template stays
black-stable whatever the spec. A layout they cannot vouch for (a line still
too long) is left to formatting.format_rendered, which sends that chunk to
black; tests/test_formatting.py is the guarantor.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.emit.codewriter import black_quotes
from generator.output.formatting import LINE_LENGTH, format_python


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
    lines = [prefix + opening, *(f"{pad}{item}," for item in items)]
    return "\n".join([*lines, " " * indent + closing + suffix])


def black_import(line: str) -> str:
    """`from module import a, b` as black lays it out: exploded one name a line when too long."""
    if len(line) <= LINE_LENGTH or " import " not in line or "(" in line:
        return line
    head, names = line.split(" import ", 1)
    exploded = [f"    {name.strip()}," for name in names.split(",") if name.strip()]
    return "\n".join([f"{head} import (", *exploded, ")"])
