"""A list inside one path segment, with its own separator and quoting.

    get_orders:
      path: /orders/{refs}
      params:
        refs: {in: path, type: [string, integer], list: {separator: ";", quote: '"'}}

The method takes `refs: list[str | int]`; `["ref", 1001, "Ref%3BWith"]`
is sent as `/orders/"ref";1001;"Ref%3BWith"` (a quote outside the
unreserved characters travels percent-encoded, as `%22`). Strings are quoted,
numbers are not; in a string, the separator, the quote character and
anything else outside the unreserved characters is percent-encoded, and a
`%XX` escape the caller already wrote is kept as it is (never `%253B`).
Each item is validated against the item type; the mock splits the segment
the same way. OpenAPI has no style for it: the export describes the
parameter as an array and says the rule under `x-shipspec-list`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator.spec import diagnostic_codes as codes
from generator.spec.diagnostic_codes import Code
from generator.spec.loader import child_pointer

WORD = "list"


def style(raw: dict[str, Any]) -> tuple[str, str] | None:
    """(separator, quote) of a list parameter, None for a plain one."""
    declared = raw.get(WORD)
    if declared is None:
        return None
    return (declared["separator"], declared.get("quote", ""))


def check(raw: dict[str, Any], pointer: str, error: Callable[[str, str, Code], None]) -> None:
    if WORD in raw and raw.get("in") != "path":
        error(
            child_pointer(pointer, WORD),
            "`list` is for path parameters (one segment)",
            codes.BAD_LIST_PARAMETER,
        )


def openapi(style_: tuple[str, str] | None, parameter: dict[str, Any]) -> None:
    if style_ is None:
        return
    separator, quote = style_
    parameter["x-shipspec-list"] = {"separator": separator, "quote": quote}
    words = f"A list in one segment, items separated by {separator!r}" + (
        f", strings quoted with {quote!r}." if quote else "."
    )
    text = parameter.get("description")
    parameter["description"] = f"{text} {words}" if text else words


def encode(values: list[Any], style_: tuple[str, str]) -> str:
    """The segment's text, as the client sends it (the generated _core does the same)."""
    import re
    from urllib.parse import quote as percent

    separator, quote = style_

    def one(value: Any) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if not isinstance(value, str):
            return str(value)
        parts = re.split(r"(%[0-9A-Fa-f]{2})", value)
        kept = "".join(
            p if re.fullmatch(r"%[0-9A-Fa-f]{2}", p) else percent(p, safe="") for p in parts
        )
        quoted = percent(quote, safe="")
        return f"{quoted}{kept}{quoted}"

    return separator.join(one(v) for v in values)
