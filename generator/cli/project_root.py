"""Which folder is the project: the one holding specs/, found the way git finds .git.

Without `--project`, shipspec looks in the working directory and then in each
parent for a `specs/` folder, so it works from `specs/` or `generated/x/` as
from the root. The search stops at a repository root (a folder holding
`.git`) so it never wanders out of a checkout into an unrelated `specs/`
above it. `--project DIR` names the root exactly: no search.
A command that needs specs refuses, in one line, to run anywhere else.
"""

from __future__ import annotations

import os
from pathlib import Path


class NotAProject(Exception):
    """No project where the user pointed; the message says where and what to do."""


def _search(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if (folder / "specs").is_dir():
            return folder
        if (folder / ".git").exists():
            return None
    return None


def _short(folder: Path, cwd: Path) -> Path:
    """`.` or `..` rather than an absolute path, so messages stay as short as before."""
    try:
        return Path(os.path.relpath(folder, cwd))
    except ValueError:  # another drive (Windows)
        return folder


def find_project(explicit: Path | None, *, creating: bool = False) -> Path:
    """The project root, or NotAProject naming the folder and what is missing.

    `creating` (for `shipspec new`) accepts a folder without specs/: the
    found project if there is one, else the folder itself, where specs/ will be made.
    """
    if explicit is not None:
        if creating or (explicit / "specs").is_dir():
            return explicit
        if not explicit.is_dir():
            raise NotAProject(f"{explicit} is not a shipspec project: no such folder")
        raise NotAProject(
            f"{explicit} is not a shipspec project: no specs/ folder"
            " (start one there with: shipspec --project DIR new PROVIDER)"
        )
    cwd = Path.cwd()
    found = _search(cwd)
    if found is not None:
        return _short(found, cwd)
    if creating:
        return Path(".")
    raise NotAProject(
        f"{cwd} is not a shipspec project: no specs/ folder here or above"
        " (use --project DIR, run from the project root, or start one with: shipspec new PROVIDER)"
    )
