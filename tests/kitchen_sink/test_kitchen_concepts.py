"""The kitchen sink really uses every concept: read off the meta-schema, so a new one must join it.

Each enumeration of the language (formats, rule kinds, encodings, parameter
places and styles, webhook signatures, top-level sections) is taken from
generator/spec/metaschema.yaml and must appear in one of the kitchen sink's specs
(specs/kitchen.yaml, specs/kitchentoken.yaml). An auth scheme the kitchen
sink leaves to its own construct spec is listed in LEFT_OUT with the spec
that covers it, so the gap is written down, not silent.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
META = yaml.safe_load((ROOT / "generator" / "spec" / "metaschema.yaml").read_text("utf-8"))
SPECS = [
    yaml.safe_load(path.read_text("utf-8"))
    for path in sorted((Path(__file__).parent / "specs").glob("*.yaml"))
]
DEFS = META["$defs"]
USED_SCHEMES = {spec["auth"]["scheme"] for spec in SPECS}

# A spec has one auth scheme: the rest have construct specs of their own.
LEFT_OUT = {
    "auth": {
        "oauth2_client_credentials": "specs/cartoncloud.yaml, tests/specs/oauth2refresh.yaml",
        "oauth2_password": "specs/activeants.yaml",
        "session_cookie": "specs/kube.yaml",
        "api_key": "tests/specs/authapikeyheader.yaml, authapikeyquery.yaml",
        "basic": "tests/specs/authbasic.yaml",
        "none": "tests/specs/unionshape.yaml and most construct specs",
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
    return {node[key] for node in _shapes(SPECS) if isinstance(node.get(key), str | int)}


def _operations() -> list[dict[str, Any]]:
    return [op for spec in SPECS for op in spec["operations"].values()]


def _types() -> list[dict[str, Any]]:
    return [t for spec in SPECS for t in spec.get("types", {}).values()]


def _expected_and_used() -> Iterator[tuple[str, set[Any], set[Any]]]:
    yield "format", set(DEFS["shape"]["properties"]["format"]["enum"]), _used("format")
    kinds = {option["required"][0] for option in DEFS["rule"]["oneOf"]}
    rules = [rule for t in _types() for rule in t.get("rules", [])]
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
    client = [p for spec in SPECS for p in spec.get("client_params", {}).values()]
    yield "client parameter place", places, {p["in"] for p in client}
    styles = set(DEFS["param"]["properties"]["style"]["enum"])
    yield "array style", styles, {p["style"] for p in params if "style" in p}
    unions = [t for t in _types() if "one_of" in t]
    yield "union kind", {True, False}, {"discriminator" in t for t in unions}
    signed = {"signature", "header_signature"}
    hooks = [hook for spec in SPECS for hook in spec.get("webhooks", {}).values()]
    yield "webhook signature", signed, {key for hook in hooks for key in hook if key in signed}
    yield "top-level section", set(META["properties"]), {key for spec in SPECS for key in spec}
    schemes = set(DEFS["auth"]["properties"]["scheme"]["enum"]) - set(LEFT_OUT["auth"])
    yield "auth scheme", schemes, USED_SCHEMES
    formats = set(DEFS["error_format"]["properties"]) - {"source", "description", "example"}
    used_formats = {key for spec in SPECS for f in spec["error_formats"].values() for key in f}
    yield "error format word", formats, used_formats


@pytest.mark.parametrize(("concept", "expected", "used"), list(_expected_and_used()))
def test_the_kitchen_sink_uses_every_variant(
    concept: str, expected: set[Any], used: set[Any]
) -> None:
    assert expected, f"no {concept} found in the meta-schema: this test reads it wrongly"
    assert expected <= used, f"the kitchen sink never uses the {concept}(s) {expected - used}"


def test_what_is_left_out_is_really_left_out() -> None:
    """A LEFT_OUT entry the kitchen sink now covers is stale: drop it."""
    assert not USED_SCHEMES & set(LEFT_OUT["auth"])
    assert set(LEFT_OUT["auth"]) <= set(DEFS["auth"]["properties"]["scheme"]["enum"])
