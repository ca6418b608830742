"""JSON values as readable Python source, for the examples in documentation.

black is not used here: documentation is built on every spec load, and a
few lines of layout in black's exploded style are all an example needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.emit import naming

WIDTH = 88


@dataclass(frozen=True)
class Name:
    """A variable of an example, shown as its bare name."""

    name: str


@dataclass(frozen=True)
class Spread:
    """`{**name, key: value, ...}`: another example's dict with some keys added."""

    name: str
    extra: dict[str, Any]


def flat(value: Any) -> str:
    """One-line Python literal of a JSON value (True/False/None, double quotes)."""
    if isinstance(value, Name):
        return value.name
    if isinstance(value, dict | Spread):
        items = [*_spread(value), *(f"{flat(k)}: {flat(v)}" for k, v in _pairs(value).items())]
        return "{" + ", ".join(items) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flat(item) for item in value) + "]"
    if isinstance(value, tuple):  # a file argument: (filename, content, content_type)
        return "(" + ", ".join(flat(item) for item in value) + ")"
    if isinstance(value, str):
        return naming.py_string(value)
    return repr(value)


def _spread(value: dict[str, Any] | Spread) -> list[str]:
    """`**name` for a Spread, which a dict literal starts with; nothing for a plain dict."""
    return [f"**{value.name}"] if isinstance(value, Spread) else []


def _pairs(value: dict[str, Any] | Spread) -> dict[str, Any]:
    return value.extra if isinstance(value, Spread) else value


def literal(value: Any, indent: int, used: int = 0) -> str:
    """The literal on one line when it fits, else one item per line, trailing commas.

    `indent` is the line's indentation, `used` what already stands on the line
    before the literal (a key, `name=`); one more column is kept for a comma.
    """
    one_line = flat(value)
    fits = indent + used + len(one_line) + 1 <= WIDTH
    if fits or not isinstance(value, dict | list | Spread) or not value:
        return one_line
    pad = " " * (indent + 4)
    if isinstance(value, dict | Spread):
        items = [f"{pad}{spread}," for spread in _spread(value)]
        for key, item in _pairs(value).items():
            shown = f"{flat(key)}: "
            items.append(f"{pad}{shown}{literal(item, indent + 4, len(shown))},")
        return "{\n" + "\n".join(items) + "\n" + " " * indent + "}"
    items = [f"{pad}{literal(item, indent + 4)}," for item in value]
    return "[\n" + "\n".join(items) + "\n" + " " * indent + "]"


def _argument(name: str | None, value: Any, indent: int) -> str:
    prefix = f"{name}=" if name else ""
    return prefix + literal(value, indent, len(prefix))


def method_call(method: str, args: list[tuple[str | None, Any]], indent: int = 0) -> str:
    """`result = client.method(...)` at `indent`, on one line when it fits."""
    pad = " " * indent
    head = f"{pad}result = client.{method}("
    one_line = head + ", ".join(_argument(n, v, 0) for n, v in args) + ")"
    if len(one_line) <= WIDTH and "\n" not in one_line:
        return one_line
    inner = indent + 4
    lines = [f"{' ' * inner}{_argument(name, value, inner)}," for name, value in args]
    return head + "\n" + "\n".join(lines) + f"\n{pad})"


def call_code(
    package: str,
    client_args: list[tuple[str, str]],
    method: str,
    args: list[tuple[str | None, Any]],
) -> str:
    """`with Client(...) as client: result = client.method(...)`, ready to paste."""
    client = ", ".join(f"{name}={value}" for name, value in client_args)
    return "\n".join(
        [
            f"from {package} import Client",
            "",
            f"with Client({client}) as client:",
            method_call(method, args, 4),
            "    print(result)",
        ]
    )
