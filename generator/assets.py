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
    """Every source file of the generator, subpackages (concepts/) included, in a stable order."""
    found: list[tuple[str, Traversable]] = []
    pending: list[tuple[str, Traversable]] = [("", resources.files("generator"))]
    while pending:
        prefix, folder = pending.pop()
        for entry in folder.iterdir():
            if entry.is_dir() and entry.name not in ("__pycache__", "templates"):
                pending.append((f"{prefix}{entry.name}/", entry))
            elif entry.is_file() and entry.name.endswith((".py", ".yaml")):
                found.append((prefix + entry.name, entry))
    return [entry for _, entry in sorted(found, key=lambda item: item[0])]
