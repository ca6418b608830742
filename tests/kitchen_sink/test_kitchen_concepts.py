"""The kitchen sink really uses every concept: read off the meta-schema, so a new one must join it.

Each enumeration of the language (formats, rule kinds, encodings, parameter
places and styles, webhook signatures, top-level sections) is taken from
generator/metaschema.yaml and must appear in specs/kitchen.yaml. A concept
the kitchen sink deliberately leaves to its own construct spec is listed in
LEFT_OUT with the spec that covers it, so the gap is written down, not silent.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
META = yaml.safe_load((ROOT / "generator" / "metaschema.yaml").read_text("utf-8"))
KITCHEN = yaml.safe_load((Path(__file__).parent / "specs" / "kitchen.yaml").read_text("utf-8"))
DEFS = META["$defs"]

# One spec has one auth scheme and one envelope; these have their own specs.
LEFT_OUT = {
    "top-level": {
        "envelope": "specs/activeants.yaml (its golden record under generated/)",
        "paging": "specs/cartoncloud.yaml; per operation, the kitchen sink pages two ways",
    },
    "auth": {
        scheme: "tests/specs/auth*.yaml, oauth2refresh.yaml and the five providers"
        for scheme in DEFS["auth"]["properties"]["scheme"]["enum"]
        if scheme != "bearer"
    },
}


def _shapes(node: Any) -> Iterator[dict[str, Any]]:
    """Every mapping in the spec, depth first (fields, params, responses, ...)."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _shapes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _shapes(value)


def _used(key: str) -> set[Any]:
    return {node[key] for node in _shapes(KITCHEN) if isinstance(node.get(key), str | int)}


def _operations() -> list[dict[str, Any]]:
    return list(KITCHEN["operations"].values())


def _expected_and_used() -> Iterator[tuple[str, set[Any], set[Any]]]:
    yield "format", set(DEFS["shape"]["properties"]["format"]["enum"]), _used("format")
    kinds = {option["required"][0] for option in DEFS["rule"]["oneOf"]}
    rules = [rule for t in KITCHEN["types"].values() for rule in t.get("rules", [])]
    yield "rule kind", kinds, {key for rule in rules for key in rule if key in kinds}
    encodings = set(DEFS["response"]["properties"]["encoding"]["enum"])
    responses = [r for op in _operations() for r in op["responses"].values()]
    used = {r.get("encoding", "json") if isinstance(r, dict) else "json" for r in responses}
    yield "response encoding", encodings, used
    bodies = set(DEFS["operation"]["properties"]["body_encoding"]["enum"])
    yield "body encoding", bodies, {op.get("body_encoding", "json") for op in _operations()}
    params = [p for op in _operations() for p in op.get("params", {}).values()]
    places = set(DEFS["param"]["properties"]["in"]["enum"])
    yield "parameter place", places, {p["in"] for p in params}
    yield "client parameter place", places, {p["in"] for p in KITCHEN["client_params"].values()}
    styles = set(DEFS["param"]["properties"]["style"]["enum"])
    yield "array style", styles, {p["style"] for p in params if "style" in p}
    unions = [t for t in KITCHEN["types"].values() if "one_of" in t]
    yield "union kind", {True, False}, {"discriminator" in t for t in unions}
    signed = {"signature", "header_signature"}
    hooks = KITCHEN["webhooks"].values()
    yield "webhook signature", signed, {key for hook in hooks for key in hook if key in signed}
    left = set(LEFT_OUT["top-level"])
    yield "top-level section", set(META["properties"]) - left, set(KITCHEN)


@pytest.mark.parametrize(("concept", "expected", "used"), list(_expected_and_used()))
def test_the_kitchen_sink_uses_every_variant(
    concept: str, expected: set[Any], used: set[Any]
) -> None:
    assert expected, f"no {concept} found in the meta-schema: this test reads it wrongly"
    assert expected <= used, f"the kitchen sink never uses the {concept}(s) {expected - used}"


def test_what_is_left_out_is_really_left_out() -> None:
    """A LEFT_OUT entry the kitchen sink now covers is stale: drop it."""
    assert KITCHEN["auth"]["scheme"] not in LEFT_OUT["auth"]
    assert not set(LEFT_OUT["top-level"]) & set(KITCHEN)
