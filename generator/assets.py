"""Where the generator's own files (templates, meta-schema) live.

In a checkout (or an editable install) templates/ sits beside generator/;
in a wheel it is packaged as generator.templates.
"""

from __future__ import annotations

import functools
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path


@functools.cache
def templates_root() -> Traversable:
    checkout = Path(__file__).resolve().parent.parent / "templates"
    if (checkout / "_macros.jinja").is_file():
        return checkout
    return resources.files("generator.templates")


def template_files() -> list[Traversable]:
    return sorted(
        (entry for entry in templates_root().iterdir() if entry.name.endswith(".jinja")),
        key=lambda entry: entry.name,
    )


def generator_files() -> list[Traversable]:
    folder = resources.files("generator")
    return sorted(
        (e for e in folder.iterdir() if e.is_file() and e.name.endswith((".py", ".yaml"))),
        key=lambda entry: entry.name,
    )
