"""The surface record's stored form: compact on disk, the full snapshot on reading.

changes.py grades full snapshots (surface.py); `.shipspec-surface.json` holds
the compact form (surface_store.py). These tests hold that every spec's
snapshot survives the round trip, that the stored form really leaves out
what it restores, that a record of the previous format is still compared
(and an older one rebased), and that a malformed record starts again.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from generator.spec.build import build_spec
from generator.spec.loader import load_file
from generator.spec.metacheck import check_against_meta_schema
from generator.spec.model import Spec
from generator.versions import surface as surface_module
from generator.versions import surface_nodes, surface_store
from generator.versions.change_record import FIX
from generator.versions.surface import FORMAT, canonical, surface
from generator.versions.surface import _surface as full_words
from generator.versions.surface_formats import full_surface
from generator.versions.surface_kinds import DERIVED, KINDS, SHORT, snake
from generator.versions.surface_store import RECORD_DEFAULTS, pack, unpack
from generator.versions.versioning import STATE, plan_release, read_recorded, summary_line
from tests.paths import GENERATED, PROVIDERS, ROOT

SPEC_FILES = sorted(
    [
        *(ROOT / "specs").glob("*.yaml"),
        *(ROOT / "tests" / "specs").glob("*.yaml"),
        *(ROOT / "tests" / "kitchen_sink" / "specs").glob("*.yaml"),
    ]
)


def _spec(path: Path) -> Spec:
    loaded = load_file(path, path.name)
    assert check_against_meta_schema(loaded) == []
    spec, _ = build_spec(loaded, path.name)
    return spec


def _text(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


@pytest.mark.parametrize("path", SPEC_FILES, ids=lambda p: p.stem)
def test_a_stored_snapshot_reads_back_as_the_full_one(path: Path) -> None:
    snapshot = surface(_spec(path))
    stored = json.loads(_text(pack(snapshot)))  # as the file gives it back
    assert unpack(stored) == snapshot
    assert len(_text(stored)) < len(_text(snapshot)) * 0.7


@pytest.mark.parametrize("provider", PROVIDERS)
def test_the_committed_record_is_the_stored_form_of_the_spec(provider: str) -> None:
    recorded = json.loads((GENERATED / provider / STATE).read_text("utf-8"))
    assert recorded["format"] == FORMAT
    assert recorded["surface"] == pack(surface(_spec(ROOT / "specs" / f"{provider}.yaml")))


def test_the_stored_form_leaves_out_what_reading_restores() -> None:
    snapshot = surface(_spec(ROOT / "specs" / "cartoncloud.yaml"))
    stored = pack(snapshot)
    text = _text(stored)
    # pointers only where a node's place does not give them: hoisted types, and
    # parameters declared under another name than their wire name (errata are rows)
    hoisted = [t for t in snapshot["types"].values() if "/fields/" in t["at"]]
    params = [p for op in snapshot["operations"].values() for p in op["params"].values()]
    renamed = [p for p in params if not p["at"].endswith("/" + p["wire_name"])]
    assert len(hoisted) == 19 and len(renamed) == 3
    assert text.count('"at":') == len(hoisted) + len(renamed)
    assert '"python_name"' not in text and '"py":' not in text  # all are snake_case of the key
    # the error statuses every operation shares are written once, as the record's default
    errors = snapshot["operations"]["create_consignment"]["errors"]
    assert stored["defaults"]["operation"]["errors"] == errors
    assert text.count('"errors":') == 1 + sum(
        op["errors"] != errors for op in snapshot["operations"].values()
    )
    # a hoisted type keeps its pointer, and a field named unlike its key keeps its name
    assert stored["types"]["ConsignmentDetails"]["at"] == "/types/Consignment/fields/details"


def test_a_field_named_unlike_its_key_keeps_its_name() -> None:
    snapshot = surface(_spec(ROOT / "specs" / "cartoncloud.yaml"))
    changed = copy.deepcopy(snapshot)
    changed["types"]["Address"]["fields"]["city"]["python_name"] = "town"
    stored = pack(changed)
    assert stored["types"]["Address"]["f"]["city"]["py"] == "town"
    assert unpack(stored) == changed


def test_pack_refuses_a_snapshot_it_could_not_restore() -> None:
    """A node without a word its kind defaults would read back with it: refused, not written."""
    snapshot = surface(_spec(ROOT / "specs" / "provet.yaml"))
    broken = copy.deepcopy(snapshot)
    del next(iter(broken["types"].values()))["rules"]
    with pytest.raises(ValueError, match="does not survive"):
        pack(broken)


def test_short_words_are_unambiguous() -> None:
    """No short word is a word any node or shape of any spec uses, and none is shared."""
    assert len(set(SHORT.values())) == len(SHORT)
    words: set[str] = {w for kind in KINDS.values() for w in (*kind.defaults, *kind.entries)}
    for path in SPEC_FILES:
        words |= _node_words(surface(_spec(path)))
    assert not words & set(SHORT.values())


def _node_words(snapshot: dict[str, Any]) -> set[str]:
    found: set[str] = set()
    for section in ("operations", "types", "webhooks", "error_formats", "client_params"):
        for node in snapshot[section].values():
            found |= _words_below(node)
    return found | _words_below(snapshot["auth"])


def _words_below(node: Any) -> set[str]:
    """Every key of every mapping below, except the names in name -> node mappings."""
    if isinstance(node, list):
        return set().union(*map(_words_below, node)) if node else set()
    if not isinstance(node, dict):
        return set()
    found = set(node)
    for key, value in node.items():
        named = key in ("fields", "params", "responses", "credentials")
        for child in value.values() if named and isinstance(value, dict) else [value]:
            found |= _words_below(child)
    return found


# -- the previous format ----------------------------------------------------------

_WORDS = ("description", "summary", "source", "says", "resolution", "where")


def _old_digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=repr)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _old_words(node: Any) -> Any:
    """Words as FORMAT 2 wrote them: "#" and a 16-hex digest when over 40 characters."""
    if isinstance(node, dict):
        return {
            key: "#" + _old_digest(value)
            if key in _WORDS and isinstance(value, str) and len(value) > 40
            else _old_words(value)
            for key, value in node.items()
        }
    return [_old_words(item) for item in node] if isinstance(node, list) else node


@pytest.fixture
def format_2(monkeypatch: pytest.MonkeyPatch) -> Callable[[Spec], dict[str, Any]]:
    """The snapshot of a spec as FORMAT 2 wrote it: 16-hex digests, messages and meanings clear."""

    def snapshot(spec: Spec) -> dict[str, Any]:
        with monkeypatch.context() as patch:
            patch.setattr(surface_nodes, "digest", _old_digest)
            patch.setattr(surface_nodes, "said", lambda words: words)  # kept in the clear
            patch.setattr(surface_module, "digest", _old_digest)
            old: dict[str, Any] = _old_words(canonical(full_words(spec)))
        return old

    return snapshot


@pytest.mark.parametrize("path", SPEC_FILES, ids=lambda p: p.stem)
def test_a_format_2_record_reads_as_todays_snapshot(
    path: Path, format_2: Callable[[Spec], dict[str, Any]]
) -> None:
    spec = _spec(path)
    old = format_2(spec)
    assert _text(old) != _text(surface(spec))
    assert full_surface(2, json.loads(_text(old))) == surface(spec)


def _record(tree: Path, format_: int, stored: dict[str, Any], version: str = "1.4.0") -> None:
    history = [{"version": version, "note": "kept", "changes": []}]
    state = {"format": format_, "version": version, "surface": stored, "history": history}
    tree.mkdir(parents=True, exist_ok=True)
    (tree / STATE).write_text(json.dumps(state), "utf-8")


def test_a_format_2_record_is_compared_not_rebased(
    tmp_path: Path, format_2: Callable[[Spec], dict[str, Any]]
) -> None:
    spec = _spec(ROOT / "specs" / "novatech.yaml")
    old = format_2(spec)
    old["types"]["Order"]["description"] = "an older wording"
    _record(tmp_path, 2, old)
    release = plan_release(spec, tmp_path)
    assert [(c.level, c.message) for c in release.changes] == [
        (FIX, "type Order: description changed")
    ]
    assert release.version == "1.4.1"
    assert release.state["history"][1]["note"] == "kept"
    written = json.loads(release.files(spec)[STATE])
    assert written["format"] == FORMAT and unpack(written["surface"]) == surface(spec)


def test_an_older_format_is_rebased_keeping_version_and_changelog(tmp_path: Path) -> None:
    spec = _spec(ROOT / "specs" / "novatech.yaml")
    _record(tmp_path, 1, {"anything": "in a layout nobody reads"})
    recorded = read_recorded(tmp_path)
    assert recorded is not None and recorded.surface is None
    release = plan_release(spec, tmp_path)
    assert (release.previous, release.version, release.changes) == ("1.4.0", "1.4.0", ())
    assert release.state["history"] == [{"version": "1.4.0", "note": "kept", "changes": []}]
    files = release.files(spec)
    assert json.loads(files[STATE])["format"] == FORMAT
    assert summary_line("novatech", tmp_path, files) == (
        f"novatech: 1.4.0 (surface record of format 1 rebased to format {FORMAT}:"
        " changes since the last generation are not graded)"
    )


def test_a_malformed_record_starts_again(tmp_path: Path) -> None:
    spec = _spec(ROOT / "specs" / "provet.yaml")
    _record(tmp_path, FORMAT, {"types": ["not", "a", "mapping"]})
    assert read_recorded(tmp_path) is None
    release = plan_release(spec, tmp_path)
    assert (release.previous, release.version) == (None, "1.0.0")


# -- the stored form's rules are part of FORMAT ----------------------------------

# A fingerprint of the rules a FORMAT 3 record is read by. A record written under
# one rule and read under another is misread without a sound: a fixed default
# that moved turns every node that left the word out into a change (or hides a
# real one), and the changelog grades it. So a rule changes with FORMAT only,
# and surface_formats.py learns to read the format before it.
RULES_OF_FORMAT = {3: "205c20c7df3a40bf"}


def _canonical(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _canonical(v) for k, v in sorted(value.items())}
    if isinstance(value, frozenset | set):
        return sorted(value)
    if isinstance(value, tuple | list):
        return [_canonical(v) for v in value]
    return value


def _rules() -> str:
    kinds = {
        name: {f.name: _canonical(getattr(kind, f.name)) for f in dataclasses.fields(kind)}
        for name, kind in KINDS.items()
    }
    rules = {
        "kinds": kinds,
        "short": _canonical(SHORT),
        "derived": _canonical(DERIVED),
        "record_defaults": RECORD_DEFAULTS,
        "snake": [snake(n) for n in ("PurchaseOrderNumber", "SKU", "ABCDef", "a-b c", "2x", "")],
        "digest": surface_nodes.digest({"a": ["b", 1]}),
        "shapes": [
            surface_store._pack_shape(shape)
            for shape in ({"kind": "string"}, {"kind": "ref", "ref": "T"}, {"kind": "list"})
        ],
    }
    return hashlib.sha256(_text(rules).encode()).hexdigest()[:16]


def test_the_stored_forms_rules_change_only_with_format() -> None:
    assert _rules() == RULES_OF_FORMAT[FORMAT], (
        "the surface record's stored form changed: raise FORMAT and read the old one"
        " in surface_formats.py (then record the new fingerprint here)"
    )
