"""Structural fuzzing of load -> check -> build -> examples: any input ends in
a model or in located diagnostics, never in another exception.

Three generators, all run in-process through `load_checked` on a temporary
project:

- arbitrary YAML trees whose keys and values come mostly from the spec
  language's own vocabulary, so they reach deep into the checks;
- the five real specs with nodes replaced by nodes of another kind;
- the small functional-test spec with lines deleted, duplicated, cut or
  replaced by YAML noise.

The default run makes 2,000 examples in all; `pytest -m long` makes 20,000.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.output.pipeline import Project, load_checked
from generator.spec.diagnostics import SpecError
from generator.spec.loader import load_file
from generator.spec.metacheck import meta_schema
from tests.paths import SPECS
from tests.test_functional import SPEC as MINI_SPEC

DEFAULT = {"trees": 1_300, "replaced": 300, "lines": 400}
LONG = {name: count * 10 for name, count in DEFAULT.items()}


def _settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )


# -- running one input ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = tmp_path_factory.mktemp("fuzz")
    (root / "specs").mkdir()
    return Project(root, root / "generated")


def run_pipeline(project: Project, text: str | bytes, provider: str = "x") -> None:
    """Load, check, build and judge examples; only a located SpecError may escape."""
    path = project.spec_path(provider)
    if isinstance(text, str):
        text = text.encode("utf-8", "surrogatepass")
    path.write_bytes(text)
    lines = text.count(b"\n") + 1
    try:
        load_checked(project, provider)
    except SpecError as error:
        assert error.diagnostics
        for diagnostic in error.diagnostics:
            assert diagnostic.file == f"specs/{provider}.yaml"
            assert 1 <= diagnostic.line <= lines, diagnostic
            assert diagnostic.col >= 1, diagnostic
            assert diagnostic.message.strip(), diagnostic


def dump(data: Any, flow: bool | None = False) -> str:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, sort_keys=False, default_flow_style=flow, width=100)


# -- (a) arbitrary trees in the spec language's words ------------------------------------


def _vocabulary(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("properties", "$defs"):
                yield from value
            elif key == "enum" and isinstance(value, list):
                yield from (v for v in value if isinstance(v, str))
            yield from _vocabulary(value)
    elif isinstance(node, list):
        for item in node:
            yield from _vocabulary(item)


WORDS = sorted(set(_vocabulary(meta_schema())))
NAMES = ["Order", "OrderLine", "DeliverTo", "get_order", "place_order", "standard", "200", "404"]
TEXTS = [
    "/order",
    "/order/{id}",
    "string",
    "integer",
    "array",
    "object",
    "Order",
    "fix-1",
    '{"name": "abcde", "lines": []}',
    '{"name": 1}',
    "[1, 2]",
    "not json",
    "^[a-z]+$",
    "(",
    "https://api.example.com",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=10),
    st.sampled_from(TEXTS + NAMES + WORDS),
)
keys = st.one_of(
    st.sampled_from(WORDS + NAMES),
    st.sampled_from(WORDS),
    st.text(max_size=6),
    st.integers(min_value=-5, max_value=600),
    st.booleans(),
)
trees = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=6),
    max_leaves=40,
)


TYPE_NAMES = ["Order", "OrderLine", "DeliverTo", "Missing"]
JSON_TEXTS = ['{"name": "abcde"}', '{"name": 1}', '{"lines": [{}]}', "[]", "{", '"x"', "null"]


def spec_documents(noise: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Nearly well-formed specs, with `noise` (random trees, or nothing) here and there.

    Without noise most documents pass the meta-schema and reach the builder
    and the example checks; with it, they exercise the pruning.
    """

    def mostly(good: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        return st.one_of(good, good, good, noise)

    shape_objects = st.fixed_dictionaries(
        {"type": st.sampled_from(["string", "integer", "array", "object", "map", *TYPE_NAMES])},
        optional={
            "minLength": mostly(st.integers(0, 9)),
            "maximum": mostly(st.integers(0, 9)),
            "items": mostly(st.sampled_from(["string", *TYPE_NAMES])),
            "required": mostly(st.booleans()),
            "nullable": st.booleans(),
            "enum": st.lists(st.sampled_from(["a", "b", 1]), min_size=1, max_size=3),
            "fields": st.dictionaries(st.sampled_from(["a", "b"]), st.just("string")),
        },
    )
    shapes = mostly(
        st.one_of(st.sampled_from(["string", "integer", "boolean", *TYPE_NAMES]), shape_objects)
    )
    fields = st.dictionaries(st.sampled_from(["name", "lines", "id", "qty"]), shapes, max_size=4)
    type_defs = mostly(
        st.fixed_dictionaries(
            {"source": st.just("S")},
            optional={
                "fields": fields,
                "rules": mostly(st.just([{"at_least_one_of": ["name", "qty"]}])),
                "one_of": st.lists(st.sampled_from(TYPE_NAMES), min_size=2, max_size=3),
                "discriminator": st.sampled_from(["name", "kind"]),
                "additional": st.booleans(),
            },
        )
    )
    bodies = st.fixed_dictionaries({"json": st.sampled_from(JSON_TEXTS)})
    examples = st.lists(
        st.fixed_dictionaries(
            {"title": st.just("t")}, optional={"request": bodies, "response": bodies}
        ),
        max_size=2,
    )
    params = st.fixed_dictionaries(
        {"in": st.sampled_from(["path", "query"]), "type": st.just("string")}
    )
    operations = mostly(
        st.fixed_dictionaries(
            {
                "source": st.just("S"),
                "method": mostly(st.sampled_from(["GET", "POST", "PUT"])),
                "path": mostly(st.sampled_from(["/order", "/order/{id}"])),
                "responses": st.dictionaries(
                    st.sampled_from(["200", "201", "404"]), shapes, min_size=1, max_size=2
                ),
            },
            optional={
                "body": shapes,
                "params": st.dictionaries(st.sampled_from(["id", "page"]), mostly(params)),
                "examples": mostly(examples),
                "errors": noise,
                "paging": noise,
            },
        )
    )
    return st.fixed_dictionaries(
        {
            "shipspec": st.just(1),
            "provider": st.just("x"),
            "title": st.just("X"),
            "version": st.just("1.0.0"),
            "servers": st.just({"live": "https://api.example.com"}),
            "auth": mostly(st.just({"scheme": "none"})),
            "operations": st.dictionaries(
                st.sampled_from(["get_order", "place_order", "list_orders"]), operations, max_size=3
            ),
            "errata": st.just([{"id": "fix-1", "where": "w", "says": "s", "resolution": "r"}]),
        },
        optional={
            "types": st.dictionaries(st.sampled_from(TYPE_NAMES), type_defs),
            "error_formats": noise,
            "webhooks": noise,
        },
    )


@st.composite
def yaml_documents(draw: st.DrawFn) -> str:
    data = draw(st.one_of(trees, spec_documents(trees), spec_documents(st.nothing())))
    return dump(data, flow=draw(st.sampled_from([False, None, True])))


def test_arbitrary_trees(project: Project) -> None:
    @_settings(DEFAULT["trees"])
    @given(text=yaml_documents())
    def check(text: str) -> None:
        run_pipeline(project, text)

    check()


# -- (b) the real specs with a node replaced by a node of another kind -----------------


@functools.cache
def real_spec(name: str) -> tuple[Any, list[list[str | int]]]:
    data = load_file(SPECS / f"{name}.yaml").data
    paths: list[list[str | int]] = []

    def walk(node: Any, path: list[str | int]) -> None:
        paths.append(path)
        items = (
            node.items()
            if isinstance(node, dict)
            else enumerate(node)
            if isinstance(node, list)
            else ()
        )
        for token, child in items:
            walk(child, [*path, token])

    walk(data, [])
    return data, paths


REAL_SPECS = sorted(p.stem for p in SPECS.glob("*.yaml"))
OTHER_KINDS: list[Any] = [[], ["a", 1], {}, {"a": 1}, "text", "", 0, 7, -1, None, True, False, 1.5]


def _replace(data: Any, path: list[str | int], value: Any) -> Any:
    if not path:
        return value
    parent = data
    for token in path[:-1]:
        parent = parent[token]
    parent[path[-1]] = value
    return data


@st.composite
def replaced_specs(draw: st.DrawFn) -> tuple[str, str]:
    name = draw(st.sampled_from(REAL_SPECS))
    original, paths = real_spec(name)
    data = copy.deepcopy(original)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(paths))
        try:
            current: Any = functools.reduce(lambda node, token: node[token], path, data)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier replacement removed it
        others = [v for v in OTHER_KINDS if type(v) is not type(current)]
        data = _replace(data, path, draw(st.sampled_from(others)))
    return name, dump(data)


def test_real_specs_with_a_node_of_another_kind(project: Project) -> None:
    @_settings(DEFAULT["replaced"])
    @given(case=replaced_specs())
    def check(case: tuple[str, str]) -> None:
        name, text = case
        run_pipeline(project, text, name)

    check()


# -- (c) line mutations of a small spec ------------------------------------------------------

NOISE = st.sampled_from(
    [
        "",
        " ",
        "  x: 1",
        "- ",
        ":",
        "{",
        "[",
        "'",
        "type: Unknown",
        "required: maybe",
        "minLength: -1",
        "path: no-slash",
        "&a",
        "*a",
        "!!python/object:os.system",
        "\t",
        "~",
        "{}",
        "<<: *a",
        "? [a]",
        "\ufeff",
        "\x00",
        "010",
        "!!binary aGk=",
    ]
)
MINI_LINES = MINI_SPEC.replace("provider: mini", "provider: x").splitlines()


@st.composite
def mutated_specs(draw: st.DrawFn) -> str:
    lines = list(MINI_LINES)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        index = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        action = draw(
            st.sampled_from(["delete", "duplicate", "replace", "insert", "indent", "cut"])
        )
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "replace":
            lines[index] = draw(NOISE)
        elif action == "insert":
            lines.insert(index, draw(NOISE) if draw(st.booleans()) else draw(st.text(max_size=12)))
        elif action == "indent":
            lines[index] = " " * draw(st.integers(min_value=0, max_value=8)) + lines[index].lstrip()
        else:
            cut = draw(st.integers(min_value=0, max_value=max(len(lines[index]) - 1, 0)))
            lines[index] = lines[index][:cut]
        if not lines:
            lines = [""]
    return "\n".join(lines) + "\n"


def test_mutated_lines(project: Project) -> None:
    @_settings(DEFAULT["lines"])
    @given(text=mutated_specs())
    def check(text: str) -> None:
        run_pipeline(project, text)

    check()


# -- the long run --------------------------------------------------------------------------


@pytest.mark.long
def test_long_run(project: Project) -> None:
    @_settings(LONG["trees"])
    @given(text=yaml_documents())
    def trees_check(text: str) -> None:
        run_pipeline(project, text)

    @_settings(LONG["replaced"])
    @given(case=replaced_specs())
    def replaced_check(case: tuple[str, str]) -> None:
        run_pipeline(project, case[1], case[0])

    @_settings(LONG["lines"])
    @given(text=mutated_specs())
    def lines_check(text: str) -> None:
        run_pipeline(project, text)

    trees_check()
    replaced_check()
    lines_check()


def test_the_real_specs_pass_untouched(project: Project) -> None:
    """The fuzzers' starting points are valid: a failure above is the mutation's doing."""
    for name in REAL_SPECS:
        (project.specs / f"{name}.yaml").write_bytes((SPECS / f"{name}.yaml").read_bytes())
        assert load_checked(project, name).spec.provider == name


def test_every_spec_word_is_in_the_vocabulary() -> None:
    assert {"operations", "fields", "examples", "errata", "one_of", "json"} <= set(WORDS)
