"""generator/spec/pointer.py: RFC 6901 escaping, parsing and edits, as every stage relies on."""

from __future__ import annotations

import pytest

from generator.spec import pointer


@pytest.mark.parametrize(
    ("key", "token"),
    [("a/b", "a~1b"), ("m~n", "m~0n"), ("~1", "~01"), ("", ""), ("plain", "plain")],
)
def test_escape_and_unescape_are_inverse(key: str, token: str) -> None:
    assert pointer.escape(key) == token
    assert pointer.unescape(token) == key


def test_a_path_round_trips_through_a_pointer() -> None:
    path = ["lines", "0", "a/b", "m~n"]
    assert pointer.from_tokens(path) == "/lines/0/a~1b/m~0n"
    assert pointer.parse(pointer.from_tokens(path)) == path
    assert pointer.join("/lines", 0) == "/lines/0"
    assert pointer.parse("") == []


def test_rfc_6901_examples() -> None:
    document = {"foo": ["bar", "baz"], "a/b": 1, "m~n": 8, "": 0}
    assert pointer.get(document, "/foo/0") == "bar"
    assert pointer.get(document, "/a~1b") == 1
    assert pointer.get(document, "/m~0n") == 8
    assert pointer.get(document, "") == document


def test_edits_copy_and_leave_the_original_alone() -> None:
    document = {"lines": [{"sku": "A"}, {"sku": "B"}]}
    changed = pointer.with_value(document, "/lines/1/sku", "C")
    assert changed == {"lines": [{"sku": "A"}, {"sku": "C"}]}
    removed = pointer.delete_tokens(document, ["lines", "0"])
    assert removed == {"lines": [{"sku": "B"}]}
    assert document == {"lines": [{"sku": "A"}, {"sku": "B"}]}


def test_prefixes_reach_the_root() -> None:
    assert pointer.prefixes("/a/b") == ["/a/b", "/a", ""]


def test_edits_copy_only_the_path_they_change() -> None:
    """Structural sharing: containers on the path are new, the rest is the original's."""
    document = {"lines": [{"sku": "A"}, {"sku": "B"}], "address": {"city": "Oslo"}}
    changed = pointer.set_tokens(document, ["lines", "1", "sku"], "C")
    assert changed["lines"] is not document["lines"]
    assert changed["lines"][1] is not document["lines"][1]
    assert changed["lines"][0] is document["lines"][0]
    assert changed["address"] is document["address"]
    removed = pointer.delete_tokens(document, ["address", "city"])
    assert removed == {"lines": document["lines"], "address": {}}
    assert document["address"] == {"city": "Oslo"}
