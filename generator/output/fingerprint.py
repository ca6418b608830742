"""Input hashes and on-disk digests: all that `--check` on a clean tree computes, so
nothing heavy is imported here.
"""

from __future__ import annotations

import functools
import hashlib
import os
import sys
from pathlib import Path

from generator import __version__
from generator.output.assets import fingerprint_files
from generator.output.writer import (
    MANIFEST,
    digest,
    read_manifest,
    tree_files,
)


@functools.cache
def generator_fingerprint() -> str:
    """Hash of everything besides the spec that shapes the output."""
    sha = hashlib.sha256(f"shipspec {__version__}\n".encode())
    for name, entry in fingerprint_files():
        sha.update(name.encode() + b"\0" + entry.read_bytes() + b"\0")
    sha.update(f"black=={_tool_version('black')}\n".encode())
    return sha.hexdigest()


def _tool_version(name: str) -> str:
    """An installed distribution's version, read from its .dist-info folder's name.

    One directory listing per sys.path entry instead of importlib.metadata's
    scan per call (~10 ms each): `--check` is meant to cost little more than
    starting Python. Falls back to importlib.metadata where the name is unusual.
    """
    prefix = name.replace("-", "_").lower() + "-"
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for folder in names:
            if folder.endswith(".dist-info") and folder.lower().startswith(prefix):
                return folder[len(prefix) : -len(".dist-info")]
    from importlib import metadata

    return metadata.version(name)


def input_hash(spec_text: bytes) -> str:
    return hashlib.sha256(generator_fingerprint().encode() + b"\0" + spec_text).hexdigest()


def is_current(target: Path, expected_input: str) -> bool:
    """The tree was made from these inputs and nobody has edited it since."""
    manifest = read_manifest(target)
    if manifest is None or manifest.get("input") != expected_input:
        return False
    recorded = manifest.get("files")
    if not isinstance(recorded, dict):
        return False
    return not differences_by_digest(target, recorded)


def differences_by_digest(target: Path, recorded: dict[str, str]) -> list[str]:
    """Files that are missing, extra, or whose content no longer has the recorded digest."""
    on_disk = tree_files(target)
    changed = sorted(on_disk ^ (set(recorded) | {MANIFEST}))
    changed += [
        name
        for name in sorted(on_disk & set(recorded))
        if digest((target / name).read_bytes()) != recorded[name]
    ]
    return changed
