"""Every key the meta-schema accepts has a test that proves its effect (none is left unproven).

The rule of the spec language: a key is either honoured (and a test fails
when its effect breaks) or refused by the loader with a located diagnostic.
tests/metaschema_keys.yaml maps each meta-schema key to such tests; this
module keeps that map honest: complete, pointing at tests that exist, and
naming keys some spec actually uses. `unproven` held the keys without proof
when the rule was introduced; it is empty now and must stay so.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from tests.paths import ROOT

METASCHEMA = ROOT / "generator" / "spec" / "metaschema.yaml"
REGISTRY = ROOT / "tests" / "metaschema_keys.yaml"

def _walk(node: Any, path: str) -> Iterator[str]:
    """Key paths below one schema node: `parent/key`, `*` for any name, `[]` for items."""
    if not isinstance(node, dict):
        return
    for key, child in (node.get("properties") or {}).items():
        yield f"{path}/{key}"
        yield from _walk(child, f"{path}/{key}")
    extra = node.get("additionalProperties")
    if isinstance(extra, dict):
        yield from _walk(extra, f"{path}/*")
    if isinstance(node.get("items"), dict):
        yield from _walk(node["items"], f"{path}[]")
    for alternative in node.get("oneOf") or []:
        yield from _walk(alternative, path)


def metaschema_keys() -> set[str]:
    schema = yaml.safe_load(METASCHEMA.read_text("utf-8"))
    keys = set(_walk(schema, "spec"))
    for name, definition in schema["$defs"].items():
        keys |= set(_walk(definition, name))
    return keys


def _registry() -> tuple[dict[str, list[str]], dict[str, str]]:
    data = yaml.safe_load(REGISTRY.read_text("utf-8"))
    return data["proven"], data["unproven"] or {}


def _test_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    return {
        node.name for node in tree.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }


def _spec_texts() -> str:
    """Every spec the project carries: providers, construct specs, broken specs, inline specs."""
    files = [
        *(ROOT / "specs").glob("*.yaml"),
        *(ROOT / "tests" / "specs").glob("*.yaml"),
        *(ROOT / "tests" / "invalid_specs").glob("*.yaml"),
        *(ROOT / "tests").glob("test_*.py"),
    ]
    return "\n".join(path.read_text("utf-8", errors="replace") for path in files)


def test_the_walk_finds_the_keys_it_should() -> None:
    keys = metaschema_keys()
    assert {
        "spec/client_params",
        "auth/query",
        "rule/compare/op",
        "webhook/examples[]/title",
    } <= keys
    assert "auth/credentials/*/secret" in keys
    assert not any(key.endswith("/") for key in keys)


def test_every_key_is_proven_or_recorded_as_debt() -> None:
    proven, unproven = _registry()
    keys = metaschema_keys()
    missing = sorted(keys - set(proven) - set(unproven))
    assert not missing, (
        f"meta-schema keys with no proving test (add them to {REGISTRY.name}): {missing}"
    )
    stale = sorted((set(proven) | set(unproven)) - keys)
    assert not stale, f"{REGISTRY.name} lists keys the meta-schema no longer has: {stale}"
    both = sorted(set(proven) & set(unproven))
    assert not both, f"keys both proven and unproven: {both}"


def test_no_key_is_unproven() -> None:
    _, unproven = _registry()
    assert not unproven, (
        "keys recorded as unproven: prove each with a test (under `proven`), "
        f"or have the loader refuse it with a located diagnostic: {sorted(unproven)}"
    )


def test_every_named_test_exists() -> None:
    proven, _ = _registry()
    cache: dict[Path, set[str]] = {}
    absent = []
    for key, tests in proven.items():
        assert tests, f"{key}: proven by no test"
        for test in tests:
            file, _, name = test.partition("::")
            path = ROOT / file
            if path not in cache:
                cache[path] = _test_names(path) if path.is_file() else set()
            if name not in cache[path]:
                absent.append(f"{key}: {test}")
    assert not absent, "registry names tests that do not exist:\n" + "\n".join(absent)


def test_every_proven_key_is_used_by_some_spec() -> None:
    proven, _ = _registry()
    texts = _spec_texts()
    unused = []
    for key in proven:
        parts = [p for p in re.split(r"/|\[\]", key) if p and p != "*"]
        word = parts[-1]
        if not re.search(r"(^|[\s{,])" + re.escape(word) + r"\s*:", texts, re.MULTILINE):
            unused.append(key)
    assert not unused, f"proven keys that no spec or test spec uses: {unused}"
