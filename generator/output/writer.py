"""Put a generated tree on disk atomically, and compare one with the disk.

A provider's files are written to a staging directory beside the output
folder (never inside it), then swapped into place with one rename
(renameat2 RENAME_EXCHANGE on Linux), so an interrupted run leaves the old
tree or the new one, never a mix, and nothing else in the output folder.
Staging and swapping are separate steps so a run can stage every provider
first and swap them all in together at the end (see pipeline.generate).
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

MANIFEST = ".shipspec-manifest.json"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


_DIGEST_CHARS = 32  # 128 bits of SHA-256: more than enough to tell an edited file


def digest(content: bytes) -> str:
    """A file's fingerprint in the manifest (a check for edits, not a signature).

    Half of a SHA-256 digest: an edit going unseen would take two contents
    agreeing on 128 bits by chance, and the manifest is half as long.
    """
    return hashlib.sha256(content).hexdigest()[:_DIGEST_CHARS]


def manifest_bytes(input_hash: str, files: dict[str, bytes]) -> bytes:
    """The record of what a tree was generated from and what it holds."""
    record = {
        "input": input_hash,
        "files": {path: digest(data) for path, data in sorted(files.items())},
    }
    return (json.dumps(record, indent=2, sort_keys=True) + "\n").encode()


def read_manifest(tree: Path) -> dict[str, object] | None:
    try:
        data = json.loads((tree / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


@functools.cache
def _libc() -> ctypes.CDLL | None:
    """The C library's symbols, looked up once (no ldconfig run per swap)."""
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories; False where the OS cannot."""
    libc = _libc()
    renameat2 = getattr(libc, "renameat2", None) if libc is not None else None
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)


def stage_tree(target: Path, files: dict[str, bytes]) -> Path:
    """Write `files` to a fresh staging folder for `target`, synced to disk; return it.

    A file whose content is already what `target` holds is hard-linked from
    there instead of written: its data is on disk already, so only the
    changed files cost a write and an fsync (most files, after a spec edit).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    staging_root = staging_root_for(target)
    staging_root.mkdir(exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{target.name}-", dir=staging_root))
    try:
        written = []
        for relative, content in files.items():
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if not _link_if_same(target / relative, path, content):
                path.write_bytes(content)
                written.append(path)
        _fsync_files(written)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def _link_if_same(existing: Path, path: Path, content: bytes) -> bool:
    """Hard-link `existing` to `path` if it holds exactly `content` (False otherwise)."""
    try:
        if existing.is_symlink() or existing.read_bytes() != content:
            return False
        os.link(existing, path)
    except OSError:
        return False
    return True


def swap_in(staging: Path, target: Path) -> None:
    """Put a staged tree in place of `target` with one atomic rename where the OS can."""
    if not target.exists():
        os.rename(staging, target)
        return
    if _exchange(staging, target):
        shutil.rmtree(staging)  # now holds the old tree
        return
    old = staging.with_name(f"{staging.name}-old")
    os.rename(target, old)
    os.rename(staging, target)
    shutil.rmtree(old)


def write_tree(target: Path, files: dict[str, bytes]) -> None:
    """Replace `target` by exactly `files` (relative path -> content)."""
    staging = stage_tree(target, files)
    try:
        swap_in(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def staging_root_for(target: Path) -> Path:
    """Same file system as the output folder (for the atomic rename), outside it."""
    output = target.parent.resolve()
    return output.parent / f".{output.name}-staging"


def clean_staging(out: Path) -> None:
    """Remove what interrupted runs left in the staging folder of output folder `out`.

    Called only under the output lock, so no other run's staging is touched.
    """
    root = staging_root_for(out / "x")
    if root.is_dir():
        for leftover in root.iterdir():
            shutil.rmtree(leftover, ignore_errors=True)
        with contextlib.suppress(OSError):
            root.rmdir()


def _fsync_files(paths: list[Path]) -> None:
    for path in paths:
        with open(path, "rb") as handle:
            os.fsync(handle.fileno())


_BYPRODUCTS = {"__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", "build", "dist"}


def _is_byproduct(relative: Path) -> bool:
    """Caches and build output that tools leave in a package directory."""
    return any(part in _BYPRODUCTS or part.endswith(".egg-info") for part in relative.parts)


def tree_files(target: Path) -> set[str]:
    """The generated files under `target` (relative paths), caches and build output left out."""
    found: set[str] = set()
    for folder, subfolders, names in os.walk(target):  # nothing when target is not a folder
        relative = Path(folder).relative_to(target)
        subfolders[:] = [
            name for name in subfolders if not _is_byproduct(relative / name)
        ]  # caches are not descended into
        found.update((relative / name).as_posix() for name in names)
    return {name for name in found if not _is_byproduct(Path(name))}


def differences(target: Path, files: dict[str, bytes]) -> list[str]:
    """Relative paths that differ between the disk and `files` (missing, extra, changed)."""
    on_disk = tree_files(target)
    changed = []
    for relative in sorted(on_disk | set(files)):
        if (
            relative not in files
            or relative not in on_disk
            or (target / relative).read_bytes() != files[relative]
        ):
            changed.append(relative)
    return changed
