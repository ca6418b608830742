"""The spec is read as YAML 1.2 core, the same with libyaml as without it."""

from __future__ import annotations

from typing import Any

import pytest

from generator.spec import loader, yaml12
from generator.spec.diagnostics import SpecError

LOADERS = [yaml12.PurePythonLoader]
if hasattr(yaml12, "LibyamlLoader"):
    LOADERS.append(yaml12.LibyamlLoader)


@pytest.fixture(params=LOADERS, ids=lambda cls: cls.__name__)
def use_loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "SpecLoader", request.param)


def value_of(text: str) -> Any:
    return loader.load_text(f"v: {text}\n", "x.yaml").data["v"]


def problems_of(text: str) -> list[str]:
    with pytest.raises(SpecError) as caught:
        loader.load_text(text, "x.yaml")
    return [str(d) for d in caught.value.diagnostics]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("010", 10),  # YAML 1.1 read 8
        ("0o17", 15),
        ("0x1F", 31),
        ("-12", -12),
        ("+12", 12),
        ("1e3", 1000.0),  # YAML 1.1 read a string
        (".5", 0.5),
        ("-1.5e-3", -0.0015),
        ("1_000", "1_000"),  # YAML 1.1 read 1000
        ("1:20", "1:20"),  # YAML 1.1 read 80 (sexagesimal)
        ("0b101", "0b101"),
        ("yes", "yes"),
        ("N", "N"),
        ("off", "off"),
        ("true", True),
        ("FALSE", False),
        ("tRue", "tRue"),
        ("2023-11-23", "2023-11-23"),
        ("~", None),
        ("null", None),
        ("", None),
        ("=", "="),
        ("'010'", "010"),
        ("!!str 12", "12"),
        ("!!float 1", 1.0),
        ("!!int '7'", 7),
    ],
)
def test_scalars_resolve_by_the_core_schema(use_loader: None, text: str, expected: Any) -> None:
    value = value_of(text)
    assert value == expected and type(value) is type(expected)


def test_keys_keep_their_source_text(use_loader: None) -> None:
    data = loader.load_text("1.10: a\n200: b\ntrue: c\n~: d\n010: e\n", "x.yaml").data
    assert data == {"1.10": "a", "200": "b", "true": "c", "~": "d", "010": "e"}


def test_merge_keys_are_ordinary_keys(use_loader: None) -> None:
    data = loader.load_text("a: &x {k: 1}\nb: {<<: *x}\n", "x.yaml").data
    assert data == {"a": {"k": 1}, "b": {"<<": {"k": 1}}}


def test_values_without_json_meaning_are_refused_in_place(use_loader: None) -> None:
    text = "a: .nan\nb: -.Inf\nc: 1e400\nd: !!timestamp 2020-01-01\ne: !custom x\nf: !!int ten\n"
    assert problems_of(text) == [
        "x.yaml:1:4: error SS013 bad-scalar: '.nan' has no JSON value (infinite or not a number)",
        "x.yaml:2:4: error SS013 bad-scalar: '-.Inf' has no JSON value (infinite or not a number)",
        "x.yaml:3:4: error SS013 bad-scalar: '1e400' has no JSON value (infinite or not a number)",
        "x.yaml:4:4: error SS008 unsupported-tag: "
        "unsupported tag '!!timestamp' (a spec uses YAML 1.2 core types)",
        "x.yaml:5:4: error SS008 unsupported-tag: "
        "unsupported tag '!custom' (a spec uses YAML 1.2 core types)",
        "x.yaml:6:4: error SS013 bad-scalar: 'ten' is not a YAML 1.2 int",
    ]


def test_a_huge_integer_is_refused(use_loader: None) -> None:
    assert problems_of("a: " + "9" * 5000 + "\n") == [
        "x.yaml:1:4: error SS013 bad-scalar: integer 99999999999999999999... is too long"
    ]


def test_aliases_expand_within_a_budget(use_loader: None) -> None:
    shared = "[" + ", ".join(["x"] * 99) + "]"
    uses = "\n".join(f"k{i}: *a" for i in range(100))
    assert len(loader.load_text(f"a: &a {shared}\n{uses}\n", "x.yaml").data) == 101
    uses = "\n".join(f"k{i}: *a" for i in range(101))
    assert problems_of(f"a: &a {shared}\n{uses}\n") == [
        "x.yaml:102:7: error SS011 alias-bomb: aliases expand to more than 10000 nodes"
    ]


def test_an_alias_inside_its_own_anchor_is_refused(use_loader: None) -> None:
    assert problems_of("a: &a {b: [*a]}\n") == [
        "x.yaml:1:12: error SS010 recursive-alias: "
        "this alias refers to a collection that contains it"
    ]


def test_nesting_is_bounded(use_loader: None) -> None:
    deep = "a: " + "[" * 64 + "]" * 64 + "\n"  # 65 levels with the top mapping
    assert problems_of(deep) == [
        "x.yaml:1:67: error SS012 too-deep: YAML syntax error: nesting deeper than 64 levels"
    ]
    assert loader.load_text("a: " + "[" * 63 + "]" * 63 + "\n", "x.yaml").data["a"]


def test_every_forbidden_character_is_reported(use_loader: None) -> None:
    assert problems_of("a: x\x00y\nb: \x1b\nc: \ufeff\n") == [
        "x.yaml:1:5: error SS004 forbidden-character: "
        "the character U+0000 is not allowed in a spec",
        "x.yaml:2:4: error SS004 forbidden-character: "
        "the character U+001B is not allowed in a spec",
        "x.yaml:3:4: error SS004 forbidden-character: "
        "a byte-order mark U+FEFF is not allowed in a spec",
    ]
