"""Python source through black (pinned, in-process), with a content-addressed cache.

black is most of what generation costs; the same input always formats to
the same output, so a result is kept under the hash of (black's version,
mode, source) and reused whenever that exact source comes back, which is
most files of most regenerations.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from pathlib import Path

LINE_LENGTH = 100


@functools.cache
def cache_dir() -> Path | None:
    """$SHIPSPEC_CACHE_DIR, else the user cache; None when SHIPSPEC_CACHE_DIR is empty."""
    configured = os.environ.get("SHIPSPEC_CACHE_DIR")
    if configured == "":
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "shipspec" / "black"


@functools.cache
def _black_version() -> str:
    from importlib import metadata

    return metadata.version("black")


def _key(source: str) -> str:
    seed = f"black {_black_version()} py311 {LINE_LENGTH}\n".encode()
    return hashlib.sha256(seed + source.encode()).hexdigest()


def format_python(source: str) -> str:
    folder = cache_dir()
    path = folder / _key(source) if folder is not None else None
    if path is not None:
        try:
            return path.read_text("utf-8")
        except OSError:
            pass
    formatted = _black(source)
    if path is not None:
        _store(path, formatted)
    return formatted


def _black(source: str) -> str:
    import black  # heavy: imported only when something has to be formatted
    from black.mode import TargetVersion

    mode = black.Mode(line_length=LINE_LENGTH, target_versions={TargetVersion.PY311})
    return black.format_str(source, mode=mode)


def _store(path: Path, text: str) -> None:
    """Write atomically; a cache that cannot be written is simply not used."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except OSError:
        return
