"""Server variables: a region or a version inside the base URL, with a default.

    servers: {live: "https://{region}.api.example.com/{version}"}
    server_variables:
      region: {default: eu, enum: [eu, us], description: Data centre.}
      version: {default: v2}

The client fills each `{name}` from `Client(server_variables={...})`, the
default where not given; a value outside `enum`, or a name the spec does
not declare, is a ValueError when the client is made, before any I/O. The
OpenAPI export carries them as the server's `variables`. A placeholder in
a server URL that no variable declares, a variable no server uses, or a
default outside its own enum is refused with a located diagnostic.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from generator.spec import diagnostic_codes as codes
from generator.spec.diagnostic_codes import Code

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class ServerVariable:
    name: str
    default: str
    enum: tuple[str, ...] = ()
    description: str = ""


def build_server_variables(
    raw: Mapping[str, Any], error: Callable[[str, str, Code], None]
) -> tuple[ServerVariable, ...]:
    """The declared variables, checked against the server URLs that use them."""
    declared = raw.get("server_variables") or {}
    used: set[str] = set()
    for server, url in (raw.get("servers") or {}).items():
        for name in _PLACEHOLDER.findall(str(url)):
            used.add(name)
            if name not in declared:
                error(
                    f"/servers/{server}",
                    f"'{{{name}}}' in the server URL is not declared in server_variables",
                    codes.BAD_SERVER,
                )
    result = []
    for name, item in declared.items():
        pointer = f"/server_variables/{name}"
        enum = tuple(str(v) for v in item.get("enum") or ())
        default = str(item["default"])
        if name not in used:
            error(pointer, f"server variable '{name}' appears in no server URL", codes.BAD_SERVER)
        if enum and default not in enum:
            error(
                pointer + "/default",
                f"default '{default}' is not one of {list(enum)}",
                codes.BAD_SERVER,
            )
        result.append(ServerVariable(name, default, enum, str(item.get("description", ""))))
    return tuple(result)


def as_data(variables: tuple[ServerVariable, ...]) -> dict[str, tuple[str, tuple[str, ...]]]:
    """name -> (default, allowed values), for the generated client."""
    return {v.name: (v.default, v.enum) for v in variables}


def openapi_variables(url: str, variables: tuple[ServerVariable, ...]) -> dict[str, Any]:
    """The OpenAPI `variables` of one server URL."""
    result: dict[str, Any] = {}
    for variable in variables:
        if "{" + variable.name + "}" not in url:
            continue
        entry: dict[str, Any] = {"default": variable.default}
        if variable.enum:
            entry["enum"] = list(variable.enum)
        if variable.description:
            entry["description"] = variable.description
        result[variable.name] = entry
    return result
