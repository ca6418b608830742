"""`shipspec new PROVIDER`: a commented spec skeleton to start a provider from.

The skeleton is itself a valid spec (it generates a package as it stands),
so a new provider starts green and every later diagnostic is about the
author's own change.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2

from .assets import templates_root

PROVIDER_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class ScaffoldError(Exception):
    """The skeleton could not be written; the message says why, for the user."""


def skeleton(provider: str) -> str:
    text = templates_root().joinpath("spec.yaml.jinja").read_text("utf-8")
    template = jinja2.Environment(
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False
    ).from_string(text)
    title = " ".join(word.capitalize() for word in provider.split("_")) + " API"
    return template.render(provider=provider, title=title)


def write_skeleton(specs: Path, provider: str) -> Path:
    """Write specs/<provider>.yaml; never overwrite an existing spec."""
    if not PROVIDER_NAME.match(provider):
        raise ScaffoldError(
            f"provider name {provider!r} must be lower case letters, digits and _,"
            " starting with a letter (it names the package <provider>_client)"
        )
    specs.mkdir(parents=True, exist_ok=True)
    path = specs / f"{provider}.yaml"
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(skeleton(provider))
    except FileExistsError:
        raise ScaffoldError(f"{path} already exists; not overwriting it") from None
    return path
