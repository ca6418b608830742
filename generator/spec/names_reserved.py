"""Names the generated package keeps for itself, and how a name check reports.

A spec name that would become one of these collides with the generated
code; kept apart so every check reads one list (the rules are written
down in specs/README.md, "Names in the generated package").
"""

from __future__ import annotations

import functools
import re
from typing import Protocol

from generator.output.assets import templates_root
from generator.spec.diagnostic_codes import Code


class Report(Protocol):
    """Where a check sends one problem (`key`: point at the key, not its value)."""

    def __call__(self, pointer: str, message: str, code: Code, *, key: bool = False) -> None: ...


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
        "ClosedModel",
        "ClosedRequestModel",
        "ConfigDict",
        "EmailStr",
        "Enum",
        "Field",
        "JsonValue",
        "Literal",
        "Model",
        "NaiveDatetime",
        "NotRequired",
        "Optional",
        "RootModel",
        "TypeAlias",
        "TypedDict",
        "UUID",
        "Union",
        "date",
    }
)
TOKEN = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")  # RFC 9110 token (header, cookie names)


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
