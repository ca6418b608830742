"""Where the generator's own files (templates, meta-schema) live, and which shape the output.

In a checkout (or an editable install) templates/ sits beside generator/;
in a wheel it is packaged as generator.templates.

The build fingerprint (pipeline.generator_fingerprint) hashes every file
listed by `fingerprint_files`, under its path relative to its root, so an
edit anywhere below generator/ or templates/ (a concept module in
generator/concepts/, a template in a subfolder) makes every provider stale,
and moving a file between folders counts as a change too.
"""

from __future__ import annotations

import functools
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

_SKIPPED_FOLDERS = ("__pycache__", "templates")  # templates: hashed on their own
_SOURCE_SUFFIXES = (".py", ".yaml")


@functools.cache
def templates_root() -> Traversable:
    checkout = Path(__file__).resolve().parents[2] / "templates"
    if (checkout / "_macros.jinja").is_file():
        return checkout
    return resources.files("generator.templates")


def _walk(root: Traversable, keep: tuple[str, ...] | None) -> list[tuple[str, Traversable]]:
    """(relative path, file) below `root`, subfolders included, sorted by path.

    `keep`: the file name endings to list (None: every file).
    """
    found: list[tuple[str, Traversable]] = []
    pending: list[tuple[str, Traversable]] = [("", root)]
    while pending:
        prefix, folder = pending.pop()
        for entry in folder.iterdir():
            if entry.is_dir():
                if entry.name not in _SKIPPED_FOLDERS and not entry.name.startswith("."):
                    pending.append((f"{prefix}{entry.name}/", entry))
            elif entry.is_file() and (keep is None or entry.name.endswith(keep)):
                found.append((prefix + entry.name, entry))
    return sorted(found, key=lambda item: item[0])


def template_files() -> list[Traversable]:
    """Every template, subfolders included, in a stable order."""
    return [entry for _, entry in _walk(templates_root(), (".jinja",))]


def generator_files() -> list[Traversable]:
    """Every source file of the generator, subpackages (concepts/) included, in a stable order."""
    return [entry for _, entry in _walk(resources.files("generator"), _SOURCE_SUFFIXES)]


def fingerprint_files() -> list[tuple[str, Traversable]]:
    """Every file the output depends on besides the spec, named by its place (`generator/...`)."""
    sources = _walk(resources.files("generator"), _SOURCE_SUFFIXES)
    templates = _walk(templates_root(), None)
    return [
        *((f"generator/{name}", entry) for name, entry in sources),
        *((f"templates/{name}", entry) for name, entry in templates),
    ]
