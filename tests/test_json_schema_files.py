"""The packages' standalone JSON Schemas (schemas/): each type once, resolvable by `$id`.

Every named type lives in schemas/types.json; the body schemas `$ref` it by
absolute URI (generator/emit/jsonschema_files.py). These tests hold that
shape, check every file against the 2020-12 metaschema, validate the
documented bodies with `jsonschema` + `referencing` and with ajv, and run
the recipe each package README gives.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from generator.emit.test_data_pack import unpack
from tests.paths import GENERATED, PROVIDERS, ROOT
from tests.test_export_tools import NPM_CACHE

TYPES = "types.json"
# the five providers and the kitchen sink, which reaches every kind of shape
PACKAGES = {name: GENERATED / name for name in PROVIDERS} | {
    "kitchen": ROOT / "tests" / "kitchen_sink" / "golden" / "kitchen"
}


def _schemas(provider: str) -> dict[str, Any]:
    folder = PACKAGES[provider] / f"{provider}_client" / "schemas"
    return {p.name: json.loads(p.read_text("utf-8")) for p in sorted(folder.glob("*.json"))}


def _refs(schema: Any) -> Iterator[str]:
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(schema, list):
        for item in schema:
            yield from _refs(item)


def _documented_bodies(provider: str, schemas: dict[str, Any]) -> list[tuple[str, Any]]:
    """(schema file, body) for each documented JSON request, response, error and webhook body."""
    packed = json.loads((PACKAGES[provider] / "tests" / "data.json").read_text("utf-8"))
    data = unpack(packed)  # error samples are stored once, in the packed form only
    bodies = []
    for example in data["examples"]:
        request = f"{example['operation']}.request.json"
        if example["body_encoding"] == "json" and request in schemas:
            bodies.append((request, example["body"]))
        response = f"{example['operation']}.response.{example['status']}.json"
        if example["response_encoding"] == "json" and response in schemas:
            bodies.append((response, example["response"]))
    for error, sample in packed["error_samples"].items():
        if sample["json"] is not None and f"error.{error}.json" in schemas:
            bodies.append((f"error.{error}.json", sample["json"]))
    for hook in data["webhooks"]:
        bodies += [(f"{hook['name']}.webhook.json", payload) for payload in hook["examples"]]
    return bodies


@pytest.mark.parametrize("provider", PACKAGES)
def test_each_type_is_defined_once_and_every_file_refers_to_it_by_id(provider: str) -> None:
    schemas = _schemas(provider)
    types = schemas[TYPES]
    for name, schema in schemas.items():
        Draft202012Validator.check_schema(schema)  # valid against the 2020-12 metaschema
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema", name
        assert name == TYPES or "$defs" not in schema, name
    for name, schema in schemas.items():
        base = "" if name == TYPES else types["$id"]
        for ref in _refs(schema):
            assert ref.startswith(f"{base}#/$defs/"), (name, ref)
            assert ref.removeprefix(f"{base}#/$defs/") in types["$defs"], (name, ref)
    # a shared definition is worth its file: each one is reached by some body schema
    named = {ref.rsplit("/", 1)[1] for schema in schemas.values() for ref in _refs(schema)}
    assert named == set(types["$defs"])


@pytest.mark.parametrize("provider", PACKAGES)
def test_documented_bodies_validate_through_a_registry_of_types_json(provider: str) -> None:
    schemas = _schemas(provider)
    types = schemas[TYPES]
    registry: Registry[Any] = Registry().with_resource(types["$id"], Resource.from_contents(types))
    bodies = _documented_bodies(provider, schemas)
    assert bodies
    for name, body in bodies:
        validator = Draft202012Validator(schemas[name], registry=registry)
        assert [e.message for e in validator.iter_errors(body)] == [], name
    # the references are followed, not skipped: a body of the wrong shape is refused
    name, body = bodies[0]
    wrong: Any = [] if isinstance(body, dict) else {}
    assert not Draft202012Validator(schemas[name], registry=registry).is_valid(wrong)


@pytest.mark.parametrize("provider", PACKAGES)
def test_the_readme_names_the_reference_the_files_use(provider: str) -> None:
    """The README's `urn:...#/$defs/<Type>` is what a body schema's `$ref` starts with."""
    readme = (PACKAGES[provider] / "README.md").read_text("utf-8")
    section = readme.split("\n## JSON Schemas\n", 1)[1].split("\n## ", 1)[0]
    [shown] = re.findall(r"`(urn:[^`]*)<Type>`", section)
    refs = [
        ref for name, schema in _schemas(provider).items() if name != TYPES for ref in _refs(schema)
    ]
    assert refs and all(ref.startswith(shown) for ref in refs)


def _readme_recipe(provider: str) -> str:
    readme = (PACKAGES[provider] / "README.md").read_text("utf-8")
    section = readme.split("\n## JSON Schemas\n", 1)[1].split("\n## ", 1)[0]
    [code] = re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)
    return str(code)


@pytest.mark.parametrize("provider", PACKAGES)
def test_the_readme_recipe_resolves_the_shared_file(
    provider: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(PACKAGES[provider]))
    for module in [m for m in sys.modules if m.split(".")[0] == f"{provider}_client"]:
        monkeypatch.delitem(sys.modules, module)  # this package, from its folder
    code = _readme_recipe(provider)
    [operation] = re.findall(r'schemas / "(\w+)\.request\.json"', code)
    data = json.loads((PACKAGES[provider] / "tests" / "data.json").read_text("utf-8"))
    [valid, *_] = [e["body"] for e in data["examples"] if e["operation"] == operation]

    def run(payload: Any) -> str:
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(code, {"payload": payload})  # the README's own text
        return printed.getvalue()

    assert run(valid) == ""
    wrong: Any = [] if isinstance(valid, dict) else {}
    assert run(wrong).startswith("$")  # a problem named by its JSON path


AJV_CHECK = """
const Ajv2020 = require("ajv/dist/2020").default;
const [files, bodies] = JSON.parse(require("fs").readFileSync(0, "utf-8"));
const ajv = new Ajv2020({strict: false, validateFormats: false, allErrors: true});
for (const schema of Object.values(files)) ajv.addSchema(schema);
const problems = [];
for (const [name, body] of bodies) {
  const validate = ajv.getSchema(files[name].$id);
  if (!validate(body)) problems.push([name, validate.errors]);
}
const wrong = ajv.getSchema(files[bodies[0][0]].$id);
problems.push(["wrong shape refused", !wrong(Array.isArray(bodies[0][1]) ? {} : [])]);
console.log(JSON.stringify(problems));
"""


@pytest.mark.parametrize("provider", PACKAGES)
def test_ajv_resolves_the_shared_file_by_its_id(provider: str) -> None:
    """ajv (a dependency of Spectral, so in the tool cache when Spectral is) reads them as is."""
    modules = NPM_CACHE / "node_modules"
    if shutil.which("node") is None or not (modules / "ajv" / "dist" / "2020.js").is_file():
        pytest.skip(f"node or ajv (in {modules}, installed with Spectral) is missing")
    schemas = _schemas(provider)
    bodies = _documented_bodies(provider, schemas)
    result = subprocess.run(
        ["node", "-e", AJV_CHECK],
        input=json.dumps([schemas, bodies]),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={"NODE_PATH": str(modules), "PATH": str(Path(shutil.which("node") or "").parent)},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout) == [["wrong shape refused", True]]
