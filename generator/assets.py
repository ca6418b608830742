"""Where the generator's own files (templates, meta-schema) live.

In a checkout (or an editable install) templates/ sits beside generator/;
in a wheel it is packaged as generator.templates.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

_CACHES = {"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"}


@functools.cache
def templates_root() -> Traversable:
    checkout = Path(__file__).resolve().parent.parent / "templates"
    if (checkout / "_macros.jinja").is_file():
        return checkout
    return resources.files("generator.templates")


def _walk(folder: Traversable, prefix: str = "") -> Iterator[tuple[str, Traversable]]:
    """Every file under `folder`, subfolders included, as (relative path, entry)."""
    for entry in folder.iterdir():
        if entry.name in _CACHES or entry.name.endswith(".pyc"):
            continue
        if entry.is_dir():
            yield from _walk(entry, f"{prefix}{entry.name}/")
        elif entry.is_file():
            yield f"{prefix}{entry.name}", entry


def template_files() -> list[tuple[str, Traversable]]:
    """Every file under templates/ (partials in subfolders too), by relative path."""
    return sorted(_walk(templates_root()), key=lambda item: item[0])


def generator_files() -> list[tuple[str, Traversable]]:
    """Every source and data file of the generator package, subpackages included.

    The output fingerprint covers all of them: a change to any file the
    generator reads (a module in a subfolder, a data file) must make the
    next run regenerate.
    """
    folder = resources.files("generator")
    return sorted(
        (item for item in _walk(folder) if not item[0].startswith("templates/")),
        key=lambda item: item[0],
    )
