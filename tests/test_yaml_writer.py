"""The fast YAML writer writes exactly PyYAML's bytes (generator/emit/yaml_writer.py).

Held against `openapi_text.pyyaml_text` (PyYAML's dumper with the YAML
1.2 quoting layer) on every export, the kitchen sink's included, and on
generated JSON-like documents whose strings are chosen to trip a YAML
emitter: unicode, line breaks, leading and trailing spaces, indicators,
YAML 1.1 booleans, octals and sexagesimals, long words and long sentences
(folding), at several widths. What the writer does not handle falls back
to PyYAML, and the result is still PyYAML's.
"""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.emit import openapi_text
from generator.emit.openapi_text import pyyaml_text, yaml_text
from generator.emit.yaml_scalars import STR_TAG, string_scalar
from generator.emit.yaml_writer import Unsupported, block_yaml
from tests.paths import GENERATED, ROOT

EXPORTS = sorted(GENERATED.glob("*/openapi.json")) + sorted(
    (ROOT / "tests" / "kitchen_sink" / "golden").glob("*/openapi.json")
)


def fast(document: Any, width: int = 100) -> str:
    return block_yaml(document, width=width, quoted=openapi_text._YAML_1_2_NOT_STRING.match)


@pytest.mark.parametrize("export", EXPORTS, ids=lambda p: p.parent.name)
def test_every_export_is_written_byte_for_byte_as_pyyaml_writes_it(export: Path) -> None:
    document = json.loads(export.read_text("utf-8"))
    written = fast(document)
    assert written == pyyaml_text(document)
    committed = export.with_suffix(".yaml").read_text("utf-8")
    assert committed.split("\n", 1)[1] == written  # after the do-not-edit header


def test_the_exports_reach_plain_and_single_quoted_folding_and_the_long_key_form() -> None:
    """What the exports exercise; double quotes they never need are left to the property tests."""
    lines = "".join(fast(json.loads(p.read_text("utf-8"))) for p in EXPORTS).splitlines()
    assert any(line.lstrip().startswith("? ") for line in lines)
    assert any(
        line.lstrip().startswith("description: '") and not line.endswith("'") for line in lines
    )
    assert any(line.lstrip().startswith("description: ") and len(line) > 90 for line in lines)


# -- generated documents ---------------------------------------------------------

NASTY = [
    "", " ", "  ", "a ", " a", "a  b", "yes", "No", "ON", "off", "y", "n", "true", "False",
    "null", "Null", "~", "010", "0o17", "0x1F", "0b101", "1_000", "1:20", "190:20:30", "1e5",
    "-2.5E3", ".5", ".inf", "-.Inf", ".NaN", "2001-12-14", "2001-12-14t21:59:43.10-05:00",
    "<<", "=", "---", "...", "--- x", "- a", "-a", "? a", "?a", ": a", ":a", "a:", "a: b",
    "a:b", "a #b", "a#b", "#a", "@a", "`a", "%a", "!a", "&a", "*a", "|", ">", "'a'", '"a"',
    "it's", "[a]", "{a}", "a, b", "a\nb", "a\n\nb", "\na", "a\n", "a \nb", "a\n b", "\ta",
    "a\tb", "a\rb", "\x00", "\x07", "\x1b", "\x7f", "\x85", "\xa0", "\u2028", "\u2029",
    "\ufeff", "\ufffe", "\ud800", "\U0001f600", "\U0010ffff", "café", "日本語", "Ω ≤ ∞",
    "k" * 122, "k" * 123, "k " * 61 + "k", "x" * 130, "y" * 200 + " z", "a " * 70,
    "word " * 30 + "end", "'" * 60 + " " + "'" * 60,
]  # fmt: skip
ALPHABET = st.sampled_from(
    [
        *"ab c:#-?'\"\\,[]{}&*!|>%@`~=.0123\n\t\r",
        *["\x85", "\xa0", "\u2028", "\u2029", "\ufeff", "é", "日", "\U0001f600", "\x00", "\ud800"],
    ]
)


@st.composite
def sentences(draw: st.DrawFn) -> str:
    """Words and runs of spaces long enough to fold at the tested widths."""
    words = draw(st.lists(st.text(ALPHABET, min_size=1, max_size=14), min_size=2, max_size=30))
    gaps = draw(st.lists(st.sampled_from([" ", " ", " ", "  ", "\n", " '"]), min_size=len(words)))
    return "".join(w + g for w, g in zip(words, gaps, strict=False)).strip(
        draw(st.sampled_from(["", " ", "\n"]))
    )


strings = st.one_of(
    st.sampled_from(NASTY), st.text(ALPHABET, max_size=40), st.text(max_size=20), sentences()
)
scalars = st.one_of(
    strings,
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)
keys = st.one_of(strings, strings, st.integers(), st.booleans(), st.none(), st.floats())
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(keys, inner, max_size=5),
    max_leaves=40,
).filter(lambda d: isinstance(d, (dict, list)) and bool(d))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.sampled_from([10, 24, 40, 100]))
def test_generated_documents_are_written_as_pyyaml_writes_them(document: Any, width: int) -> None:
    assert fast(document, width) == pyyaml_text(document, width=width)


@settings(max_examples=600, deadline=None)
@given(strings, st.integers(min_value=0, max_value=12))
def test_each_string_as_value_item_and_key_at_any_depth(text: str, depth: int) -> None:
    document: Any = {"k": text, text: [text, {"deep": text}]}
    for level in range(depth):
        document = {f"level{level}": document} if level % 2 else [document, text]
    assert fast(document, 40) == pyyaml_text(document, width=40)


def emitter_decision(text: str, quoted: bool) -> tuple[str, bool]:
    """PyYAML's own style for `text` as a block value, and whether it may be a simple key."""
    emitter = yaml.emitter.Emitter(io.StringIO(), allow_unicode=True)
    emitter.tag_prefixes = dict(yaml.emitter.Emitter.DEFAULT_TAG_PREFIXES)
    resolved = yaml.resolver.Resolver().resolve(yaml.ScalarNode, text, (True, False))
    implicit = (resolved == STR_TAG, True)
    emitter.event = yaml.ScalarEvent(None, STR_TAG, implicit, text, style="'" if quoted else None)
    simple_key = emitter.check_simple_key()
    return emitter.choose_scalar_style(), simple_key


@settings(max_examples=1000, deadline=None)
@given(strings, st.booleans())
def test_string_decisions_are_the_emitters(text: str, quoted: bool) -> None:
    """yaml_scalars' regexes decide as Emitter.analyze_scalar and choose_scalar_style."""
    scalar = string_scalar(text, quoted)
    assert (scalar.style, scalar.simple_key) == emitter_decision(text, quoted)


# -- what falls back to PyYAML ---------------------------------------------------------


def test_what_the_writer_does_not_handle_is_refused_and_dumped_by_pyyaml() -> None:
    shared = {"a": 1}
    cyclic: list[Any] = []
    empty: list[Any] = []
    cyclic.append(cyclic)
    unhandled = [
        {"x": shared, "y": shared},  # PyYAML writes an anchor and an alias
        [empty, {"again": empty}],
        {"d": datetime.date(2020, 1, 2)},
        {"t": (1, 2)},
        {"b": b"bytes"},
        {(1, 2): "tuple key"},
        cyclic,
        "a root scalar",
        {},
        [],
    ]
    for document in unhandled:
        with pytest.raises(Unsupported):
            fast(document)
        assert yaml_text(document) == pyyaml_text(document)
    assert "&id001" in yaml_text({"x": shared, "y": shared})


def test_a_str_subclass_fails_as_in_pyyaml() -> None:
    class Name(str):
        pass

    with pytest.raises(yaml.representer.RepresenterError):
        yaml_text({"k": Name("v")})
