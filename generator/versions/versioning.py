"""The generated package's own version, and its changelog, from what the last generation recorded.

Each generation records, beside the manifest, the package's version, its
surface snapshot and the changelog so far (`.shipspec-surface.json`). The
next generation compares the spec's new snapshot with the recorded one and
raises the version by the most severe change: breaking -> major, feature ->
minor, fix -> patch; an unchanged surface keeps the version and the
changelog byte for byte. So the version is a function of (the recorded
state, the spec), which keeps `generate --check` deterministic on a clean
clone: the recorded state is committed with the package.

The first generation is 1.0.0. The API document's own version (the spec's
`version:`) is independent and stays in the package metadata. A record that
cannot be read is treated as absent (the package starts again at 1.0.0; the
manifest check shows the rewrite). The snapshot is stored compactly
(surface_store.py) and read back whole; a record in the previous format is
converted and compared as usual (surface_formats.py). A record in an older
snapshot layout is rebased: its version and changelog are kept, no change is
reported, and the record is rewritten in today's format.
Changes to shipspec itself (templates, the runtime) change no version: the
version follows the spec's contract.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.spec.model import Spec
from generator.versions.change_record import BREAKING, FEATURE, FIX, LEVELS, Change
from generator.versions.changes import compare, worst
from generator.versions.surface import FORMAT, surface
from generator.versions.surface_formats import full_surface
from generator.versions.surface_store import pack

STATE = ".shipspec-surface.json"
CHANGELOG = "CHANGELOG.md"
FIRST_VERSION = "1.0.0"
_HEADINGS = {BREAKING: "Breaking", FEATURE: "Features", FIX: "Fixes"}


@dataclass(frozen=True)
class Recorded:
    """What the last generation left in the package folder, its surface read back whole."""

    version: str
    format: int
    surface: dict[str, Any] | None  # None: a format too old to compare, to be rebased
    history: list[dict[str, Any]]


def read_recorded(tree: Path) -> Recorded | None:
    try:
        data = json.loads((tree / STATE).read_text("utf-8"))
        version, format_, stored, history = (
            data[key] for key in ("version", "format", "surface", "history")
        )
        parse_version(version)
        if not isinstance(stored, dict) or not isinstance(history, list):
            return None
        return Recorded(version, format_, full_surface(format_, stored), history)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def parse_version(version: str) -> tuple[int, int, int]:
    major, minor, patch = (int(part) for part in version.split("."))
    return major, minor, patch


def bump(version: str, level: str | None) -> str:
    """Semver: breaking -> major, feature -> minor, fix -> patch; None keeps it."""
    major, minor, patch = parse_version(version)
    if level == BREAKING:
        return f"{major + 1}.0.0"
    if level == FEATURE:
        return f"{major}.{minor + 1}.0"
    if level == FIX:
        return f"{major}.{minor}.{patch + 1}"
    return version


@dataclass(frozen=True)
class Release:
    """The version this generation writes, and why."""

    provider: str
    previous: str | None  # None on the first generation
    version: str
    changes: tuple[Change, ...]
    state: dict[str, Any]

    @property
    def level(self) -> str | None:
        return worst(list(self.changes))

    def files(self, spec: Spec) -> dict[str, bytes]:
        # compact: a machine record (CHANGELOG.md is its readable side), a fifth of generated/
        stored = {**self.state, "surface": pack(self.state["surface"])}
        state = json.dumps(stored, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        record = state + "\n"
        return {STATE: record.encode(), CHANGELOG: changelog(spec, self.state["history"]).encode()}


def plan_release(spec: Spec, tree: Path) -> Release:
    """Compare the spec with the record in `tree` and decide the version."""
    snapshot = surface(spec)
    recorded = read_recorded(tree)
    if recorded is None:
        first = {
            "version": FIRST_VERSION,
            "note": f"First generated version, from {spec.title} {spec.version}.",
            "changes": [],
        }
        return _release(spec, None, FIRST_VERSION, (), snapshot, [first])
    if recorded.surface is None:
        return _release(spec, recorded.version, recorded.version, (), snapshot, recorded.history)
    changes = tuple(compare(recorded.surface, snapshot))
    version = bump(recorded.version, worst(list(changes)))
    history = recorded.history
    if changes:
        entry = {
            "version": version,
            "note": "",
            "changes": [{"level": c.level, "message": c.message} for c in changes],
        }
        history = [entry, *history]
    return _release(spec, recorded.version, version, changes, snapshot, history)


def _release(
    spec: Spec,
    previous: str | None,
    version: str,
    changes: tuple[Change, ...],
    snapshot: dict[str, Any],
    history: list[dict[str, Any]],
) -> Release:
    state = {"format": FORMAT, "version": version, "surface": snapshot, "history": history}
    return Release(spec.provider, previous, version, changes, state)


def changelog(spec: Spec, history: list[dict[str, Any]]) -> str:
    """CHANGELOG.md, newest first, entirely from the recorded history (no dates: deterministic)."""
    lines = [
        "# Changelog",
        "",
        f"Versions of `{spec.provider}-client`, generated by shipspec from {spec.spec_path}"
        " — do not edit.",
        "A breaking change raises the major version, a feature the minor, a fix the patch",
        f"(semver). The API document's own version is {spec.version}.",
    ]
    for entry in history:
        lines += ["", f"## {entry['version']}"]
        if entry.get("note"):
            lines += ["", entry["note"]]
        for level in LEVELS:
            messages = [c["message"] for c in entry.get("changes", []) if c["level"] == level]
            if messages:
                lines += ["", f"### {_HEADINGS[level]}", ""]
                lines += [f"- {message}" for message in messages]
    return "\n".join(lines) + "\n"


def summary_line(provider: str, tree: Path, files: dict[str, bytes]) -> str:
    """`novatech: 1.4.0 -> 2.0.0 (breaking: operation get_audit_log removed)`, from the files."""
    try:
        state = json.loads(files[STATE])
    except (KeyError, ValueError):
        return ""
    recorded = read_recorded(tree)
    version = state["version"]
    if recorded is None:
        return f"{provider}: {version} (first generated version)"
    if recorded.surface is None:
        return (
            f"{provider}: {version} (surface record of format {recorded.format} rebased to"
            f" format {FORMAT}: changes since the last generation are not graded)"
        )
    if recorded.version == version:
        return f"{provider}: {version} (no change to the package's surface)"
    changes = state["history"][0]["changes"] if state["history"] else []
    return f"{provider}: {recorded.version} -> {version} ({describe(changes)})"


def describe(changes: list[dict[str, Any]]) -> str:
    """The most severe change in words, and how many more there are."""
    if not changes:
        return "no changes"
    first = changes[0]  # sorted most severe first
    more = len(changes) - 1
    tail = f"; {more} more change{'s' if more > 1 else ''}" if more else ""
    return f"{first['level']}: {first['message']}{tail}"
