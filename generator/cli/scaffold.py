"""`shipspec new PROVIDER`: a commented spec skeleton to start a provider from.

The skeleton is itself a valid spec (it generates a package as it stands),
so a new provider starts green and every later diagnostic is about the
author's own change.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2

from generator.output.assets import templates_root
from generator.spec.metacheck import meta_schema


def provider_name_pattern() -> re.Pattern[str]:
    """The meta-schema's own rule, so `new` accepts exactly the names that generate."""
    return re.compile(meta_schema()["properties"]["provider"]["pattern"])


def _choices(definition: dict[str, Any], field: str) -> list[str]:
    return [str(value) for value in definition["properties"][field]["enum"]]


class ScaffoldError(Exception):
    """The skeleton could not be written; the message says why, for the user."""


def skeleton(provider: str) -> str:
    text = templates_root().joinpath("spec.yaml.jinja").read_text("utf-8")
    template = jinja2.Environment(
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False
    ).from_string(text)
    title = provider.capitalize() + " API"
    auth_schemes = _choices(meta_schema()["$defs"]["auth"], "scheme")
    return template.render(provider=provider, title=title, auth_schemes=auth_schemes)


def write_skeleton(specs: Path, provider: str) -> Path:
    """Write specs/<provider>.yaml; never overwrite an existing spec."""
    if not provider_name_pattern().fullmatch(provider):
        suggestion = re.sub(r"[^a-z0-9]", "", provider.lower()).lstrip("0123456789")
        hint = f" (e.g. {suggestion})" if suggestion else ""
        raise ScaffoldError(
            f"provider name {provider!r} must be lower case letters and digits, starting"
            f" with a letter{hint}: it is the spec's file name and names the package"
            " <provider>_client"
        )
    specs.mkdir(parents=True, exist_ok=True)
    path = specs / f"{provider}.yaml"
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(skeleton(provider))
    except FileExistsError:
        raise ScaffoldError(f"{path} already exists; not overwriting it") from None
    return path
