"""Every Python name the generator produces is decided here, once.

Wire names stay exactly as the documents spell them; these functions give
their Python counterparts and keep them clear of keywords and builtins
that would shadow something a reader relies on.
"""

from __future__ import annotations

import keyword
import re

_RESERVED = (
    frozenset(keyword.kwlist)
    | frozenset(keyword.softkwlist)
    | {
        "self",
        "cls",
        "body",
        "timeout",
        "extra_headers",
        "max_retries",
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
    return f"{result}_" if result in _RESERVED else result


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
    return snake_case(name).upper()


def import_order(name: str) -> tuple[int, str]:
    """isort's (and ruff's) order of imported names: CONSTANTS, Classes, then the rest."""
    if name.isupper():
        return (0, name.lower())
    return (1 if name[:1].isupper() else 2, name.lower())


def path_placeholders(path: str) -> list[str]:
    return re.findall(r"\{([^}]+)\}", path)
