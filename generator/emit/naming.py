"""Every Python name the generator produces, and every text it quotes, is decided here.

Wire names stay exactly as the documents spell them; these functions give
their Python counterparts and keep them clear of keywords and of the names
the generated code itself relies on. Spec text (titles, summaries, wire
names, header values) reaches generated source only through `py_string`
(a quoted literal) or `docstring` (text inside triple quotes), so no
backslash, quote or brace in a spec can change the meaning of the code.
Names that would still collide are refused by names_check.py; the rules are
written down in specs/README.md ("Names in the generated package").
"""

from __future__ import annotations

import keyword
import re

RESERVED = (
    frozenset(keyword.kwlist)
    | frozenset(keyword.softkwlist)
    | {
        "self",
        "cls",
        "body",
        "timeout",
        "extra_headers",
        "max_retries",
        "options",  # the keyword arguments of _client.RequestOptions
        # what the client's method bodies use besides their arguments
        "ops",
        "flow",
    }
)

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NON_WORD = re.compile(r"[^0-9a-zA-Z]+")


def snake_case(name: str) -> str:
    """`PurchaseOrderNumber` -> `purchase_order_number`; `ORD_NO` -> `ord_no`."""
    spaced = _CAMEL_BOUNDARY.sub("_", name)
    words = [w for w in _NON_WORD.split(spaced) if w]
    result = "_".join(w.lower() for w in words) or "value"
    if result[0].isdigit():
        result = f"n_{result}"
    return result


def python_identifier(name: str) -> str:
    """A snake_case name that is safe as an argument or attribute."""
    result = snake_case(name)
    return f"{result}_" if result in RESERVED else result


def pascal_case(name: str) -> str:
    """`deliver_to` -> `DeliverTo`; already-Pascal names are kept."""
    words = [w for w in _NON_WORD.split(_CAMEL_BOUNDARY.sub("_", name)) if w]
    return "".join(w[:1].upper() + w[1:] for w in words)


def nested_type_name(parent: str, field: str) -> str:
    """Name for an object declared inline in a field of `parent`."""
    return f"{parent}{pascal_case(field)}"


def request_type_name(operation: str) -> str:
    return f"{pascal_case(operation)}Request"


def response_type_name(operation: str, status: int) -> str:
    return f"{pascal_case(operation)}Response{status}"


def constant_name(name: str) -> str:
    """An operation's module-level constant: its name, upper-cased (never merged)."""
    return name.upper()


def import_order(name: str) -> tuple[int, str]:
    """isort's (and ruff's) order of imported names: CONSTANTS, Classes, then the rest."""
    if name.isupper():
        return (0, name.lower())
    return (1 if name[:1].isupper() else 2, name.lower())


def path_placeholders(path: str) -> list[str]:
    return re.findall(r"\{([^}]+)\}", path)


def py_string(text: str) -> str:
    """A double-quoted string literal meaning exactly `text`.

    Valid Python, and valid JSON and TOML too for the text the specs carry:
    a backslash, a quote and every character that is not printable (line
    breaks, controls, lone surrogates) are escaped; printable Unicode stays.
    """
    out = ['"']
    for char in text:
        if char in ('"', "\\"):
            out.append("\\" + char)
        elif char.isprintable() and not 0xD800 <= ord(char) <= 0xDFFF:
            out.append(char)
        else:
            out.append(_escaped(char))
    out.append('"')
    return "".join(out)


def _escaped(char: str) -> str:
    code = ord(char)
    named = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
    if char in named:
        return named[char]
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def docstring(text: str) -> str:
    """`text` for the inside of a triple-double-quoted docstring, meaning exactly itself.

    Line breaks stay; backslashes and non-printable characters are escaped,
    and so is every quote beside another quote or at the end, so no three
    quotes in a row can form and the closing quotes stay the closing ones.
    """
    out = []
    last = len(text) - 1
    for index, char in enumerate(text):
        if char == "\\":
            out.append("\\\\")
        elif char == '"':
            beside = text[index - 1 : index] == '"' or text[index + 1 : index + 2] == '"'
            out.append('\\"' if beside or index == last else char)
        elif char == "\n" or (char.isprintable() and not 0xD800 <= ord(char) <= 0xDFFF):
            out.append(char)
        else:
            out.append(_escaped(char))
    return "".join(out)
