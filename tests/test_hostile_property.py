"""The property: hostile names, texts and numbers injected into a small valid spec.

Either the spec is refused with located diagnostics, or it generates a
package that imports and passes its own tests (and, for a sample,
mypy --strict). Each example generates a package, so the default run is
small (SHIPSPEC_HOSTILE_EXAMPLES, 15); `pytest -m long` runs more.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli.main import main
from generator.output.pipeline import Project, load_spec
from generator.spec import diagnostic_codes
from generator.spec.diagnostics import SpecError
from tests.hostile import (
    HOSTILE_TEXTS,
    PROVIDER,
    base_spec,
    generated_package_works,
    write_spec,
)

# -- the property: hostile values injected into a valid spec -----------------

NAME_SPELLINGS = [
    "id", "Id", "ID", "body", "Body", "self", "ops", "flow", "class", "import", "None",
    "timeout", "max_retries", "extra_headers", "page", "list", "str", "type", "models",
    "httpx", "a-b", "a b", "a_b", "1st", "__init__", "_private", "ünïcode", "x\\y", 'q"t',
    "{b}", "\"\"\"",
]  # fmt: skip
OPERATION_NAMES = [
    "get_order", "get__order", "close", "aclose", "validate", "with_raw_response",
    "error_formats", "by_name", "clear_cache", "base_url", "class", "import", "t", "list",
    "iter_get_order", "type", "print", "match",
]  # fmt: skip
TYPE_NAMES = ["Order", "None", "Field", "Model", "Any", "List", "Literal", "Str", "Order2", "T"]

hostile_text = st.one_of(
    st.sampled_from(HOSTILE_TEXTS),
    st.text(
        alphabet=st.one_of(
            st.sampled_from(list("\\\"'{}%\n\t $")), st.characters(exclude_categories=("Cs",))
        ),
        max_size=20,
    ),
)
EXTREME_NUMBERS = [2**63, 10**30, 10**308, 10**400, -(10**400), 1e308, float("inf"), float("nan")]
# Mostly values the example (qty 2, id "1") satisfies, so most specs are accepted and generated;
# sometimes an extreme one, which must be refused with its place.
low_bound = st.one_of(
    st.integers(min_value=-(10**20), max_value=2),
    st.floats(min_value=-1e300, max_value=2, allow_nan=False),
)
high_bound = st.one_of(
    st.integers(min_value=2, max_value=10**20),
    st.floats(min_value=2, max_value=1e300, allow_nan=False),
)
length = st.integers(min_value=1, max_value=2**63 - 1)
identifier = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)
spec_name = st.one_of(identifier, st.sampled_from(NAME_SPELLINGS), st.text(min_size=1, max_size=6))


@st.composite
def hostile_specs(draw: st.DrawFn) -> dict[str, Any]:
    """Hostile texts and names everywhere; at most one choice that must be refused."""
    refusable = draw(
        st.sampled_from([None, None, None, "type", "op", "min", "max", "len", "header"])
    )

    def _sometimes(benign: st.SearchStrategy[Any], hostile: list[Any], which: str) -> Any:
        return draw(st.sampled_from(hostile) if refusable == which else benign)

    spec = base_spec()
    spec["title"] = draw(hostile_text.filter(bool))
    spec["description"] = draw(hostile_text)
    type_name = _sometimes(st.sampled_from(["Order", "Str", "Order2", "T"]), TYPE_NAMES, "type")
    op_name = _sometimes(identifier, OPERATION_NAMES, "op")
    order = spec["types"].pop("Order")
    order["description"] = draw(hostile_text)
    fields = order["fields"]
    fields["id"]["description"] = draw(hostile_text)
    fields["qty"]["minimum"] = _sometimes(low_bound, EXTREME_NUMBERS, "min")
    fields["qty"]["maximum"] = _sometimes(high_bound, EXTREME_NUMBERS, "max")
    enum = draw(st.lists(hostile_text, min_size=1, max_size=4, unique=True))
    fields[draw(spec_name.filter(lambda name: name not in fields))] = {
        "type": "string",
        "enum": enum,
        "description": draw(hostile_text),
    }
    fields["note"] = {"type": "string", "maxLength": _sometimes(length, EXTREME_NUMBERS, "len")}
    spec["types"][type_name] = order
    op = spec["operations"].pop("get_order")
    op["responses"] = {"200": type_name}
    op["summary"] = draw(hostile_text)
    op["description"] = draw(hostile_text)
    op["source"] = draw(hostile_text.filter(bool))
    for name in draw(st.lists(spec_name, max_size=3, unique=True)):
        if name != "id":
            op["params"][name] = {
                "in": "query",
                "type": "string",
                "description": draw(hostile_text),
            }
    spec["operations"][op_name] = op
    if refusable == "op" and draw(st.booleans()):
        spec["operations"]["get__order" if op_name != "get__order" else "get_order"] = {
            **op,
            "method": "DELETE",
            "examples": [],
        }
    if draw(st.booleans()):
        spec["servers"] = {"live": "https://hz.example.com/"}
    if draw(st.booleans()):
        header = _sometimes(
            st.from_regex(r"X-[A-Za-z0-9-]{1,8}", fullmatch=True), ["X A", "X:"], "header"
        )
        spec["headers"] = {
            header: draw(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126)))
        }
    if draw(st.booleans()):
        error_format = draw(
            st.one_of(st.from_regex(r"[A-Za-z0-9_-]{1,8}", fullmatch=True), hostile_text)
        )
        spec["error_formats"] = {error_format: {"type": type_name, "message": "id"}}
        spec["errors"] = {"404": error_format}
    return spec


CHECKED = [0]


def _property(spec: dict[str, Any], folder: Path, *, mypy_every: int) -> None:
    write_spec(folder, spec)
    try:
        load_spec(Project(folder, folder / "generated"), PROVIDER)
    except SpecError as error:
        assert error.diagnostics
        for diagnostic in error.diagnostics:
            assert diagnostic.file == f"specs/{PROVIDER}.yaml"
            assert diagnostic.line >= 1 and diagnostic.col >= 1 and diagnostic.message
            assert diagnostic_codes.BY_ID[diagnostic.code.id] == diagnostic.code
        return
    assert main(["--project", str(folder), "generate", PROVIDER]) == 0
    CHECKED[0] += 1
    try:
        generated_package_works(folder, mypy=CHECKED[0] % mypy_every == 1)
    except AssertionError as failure:
        text = (folder / "specs" / f"{PROVIDER}.yaml").read_text("utf-8")
        raise AssertionError(f"{failure}\n--- the spec:\n{text}") from None


@settings(
    max_examples=int(os.environ.get("SHIPSPEC_HOSTILE_EXAMPLES", "15")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(spec=hostile_specs())
def test_hostile_values_are_refused_with_places_or_generate_working_code(
    spec: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    _property(spec, tmp_path_factory.mktemp("hostile"), mypy_every=8)


@pytest.mark.long
@settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(spec=hostile_specs())
def test_hostile_values_long_run(
    spec: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    _property(spec, tmp_path_factory.mktemp("hostile"), mypy_every=3)
