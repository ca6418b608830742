"""The OpenAPI document as text: YAML that every reader reads the same way, and JSON.

PyYAML writes YAML 1.1, where `00123246586` and `1e5` are strings and
may go unquoted; the OpenAPI tools (Redocly, Spectral, Prism, ruamel) read
YAML 1.2, where both are numbers. The dumper here quotes every string that
either version could read as anything else, so the YAML export reads as
the same data as openapi.json under both.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from generator.emit.yaml_writer import Unsupported, block_yaml

# YAML 1.2 core schema: what a plain scalar resolves to when it is not a string
_YAML_1_2_NOT_STRING = re.compile(
    r"""^(?:
        [-+]?[0-9]+                                   # int
      | 0o[0-7]+ | 0x[0-9a-fA-F]+                     # octal, hex
      | [-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?   # float
      | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)    # infinity, not-a-number
      | ~ | null | Null | NULL | true | True | TRUE | false | False | FALSE
    )$""",
    re.VERBOSE,
)


_WIDTH = 100  # columns before PyYAML folds a long scalar


class _Dumper(yaml.SafeDumper):
    """SafeDumper that also quotes strings YAML 1.2 would read as numbers, booleans or null."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    if _YAML_1_2_NOT_STRING.match(value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="'")
    return dumper.represent_str(value)


_Dumper.add_representer(str, _represent_str)


def yaml_text(document: Any) -> str:
    """`document` as block YAML that YAML 1.1 and 1.2 readers both read as `document`.

    Written by `yaml_writer` (PyYAML's bytes, several times faster); PyYAML
    itself dumps what that writer does not handle.
    """
    try:
        return block_yaml(document, width=_WIDTH, quoted=_YAML_1_2_NOT_STRING.match)
    except Unsupported:
        return pyyaml_text(document)


def pyyaml_text(document: Any, *, width: int = _WIDTH) -> str:
    """`yaml_text` by PyYAML's own dumper: the reference `yaml_writer` is held to."""
    return yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=width)


def json_text(document: Any) -> str:
    """`document` as compact JSON (what tools that take no YAML read), newline-terminated.

    Compact: openapi.yaml beside it is the copy people read, this one is for
    tools, and indenting it doubled its size.
    """
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
