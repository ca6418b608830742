"""Each concept module agrees with the other places a concept must be named.

A concept lives in one module under generator/concepts/, but two things
outside Python name it too: the meta-schema (which words a spec may use) and
the runtime templates (the functions the generated code calls). These tests
fail when one of the three is changed without the others.
"""

from __future__ import annotations

import re
from typing import Any, get_args

import yaml

from generator.concepts import auth, encodings, error_formats, formats
from generator.spec.model import AuthScheme, BodyEncoding, ErrorFormat, ResponseEncoding
from tests.paths import ROOT

METASCHEMA: dict[str, Any] = yaml.safe_load(
    (ROOT / "generator" / "spec" / "metaschema.yaml").read_text("utf-8")
)
CHECKS_TEMPLATE = (ROOT / "templates" / "_checks.py.jinja").read_text("utf-8")  # the runtime


def _definition(name: str) -> dict[str, Any]:
    found: dict[str, Any] = METASCHEMA["$defs"][name]
    return found


def test_every_format_the_metaschema_admits_has_a_concept_entry() -> None:
    for where in ("shape", "param"):
        admitted = _definition(where)["properties"]["format"]["enum"]
        assert sorted(admitted) == sorted(formats.FORMATS), where


def test_every_format_is_judged_by_a_runtime_function() -> None:
    defined = set(re.findall(r"^def (_is_\w+)\(text: str\)", CHECKS_TEMPLATE, re.M))
    for entry in formats.FORMATS.values():
        assert entry.runtime_test in defined, entry.name


def test_every_format_exports_either_a_standard_format_or_a_pattern() -> None:
    for entry in formats.FORMATS.values():
        assert entry.standard != (entry.pattern is not None), entry.name
        if entry.pattern is not None:
            assert re.fullmatch(entry.pattern, entry.good), entry.name
            assert not re.fullmatch(entry.pattern, entry.bad), entry.name


def test_every_python_type_a_format_maps_to_is_importable_in_models() -> None:
    for entry in formats.FORMATS.values():
        if entry.python_type is not None:
            assert entry.python_type in formats.PYTHON_TYPE_IMPORTS, entry.name


def test_the_model_kinds_are_the_metaschema_words() -> None:
    assert sorted(_definition("auth")["properties"]["scheme"]["enum"]) == sorted(
        get_args(AuthScheme)
    )
    assert sorted(_definition("response")["properties"]["encoding"]["enum"]) == sorted(
        get_args(ResponseEncoding)
    )
    assert sorted(_definition("operation")["properties"]["body_encoding"]["enum"]) == sorted(
        get_args(BodyEncoding)
    )


def test_every_encoding_has_a_row() -> None:
    assert sorted(encodings.ENCODINGS) == sorted(
        set(get_args(ResponseEncoding)) | set(get_args(BodyEncoding))
    )
    assert set(get_args(BodyEncoding)) <= set(encodings.ENCODINGS)


def test_every_auth_scheme_has_a_row() -> None:
    assert sorted(auth.SCHEMES) == sorted(get_args(AuthScheme))


def _error_format(**words: Any) -> ErrorFormat:
    base: dict[str, Any] = {
        "name": "e",
        "shape": None,
        "text": False,
        "message_field": None,
        "messages_field": None,
    }
    return ErrorFormat(**(base | words))


def test_error_format_kinds_and_the_messages_each_reads() -> None:
    items = _error_format(item_message="msg", item_pointer="at")
    assert error_formats.kind(items) == "item_list"
    assert error_formats.expected_messages(items, [{"msg": "bad", "at": "/sku"}]) == (
        ["bad"],
        [["/sku", "bad"]],
    )
    listed = _error_format(messages_field="errors")
    assert error_formats.kind(listed) == "message_list"
    assert error_formats.expected_messages(listed, {"errors": ["a", "b"]}) == (["a", "b"], [])
    one = _error_format(message_field="message")
    assert error_formats.kind(one) == "message"
    assert error_formats.expected_messages(one, {"message": "no"}) == (["no"], [])
    assert error_formats.kind(_error_format(text=True)) == "text"
    assert error_formats.kind(_error_format()) == "opaque"
    assert error_formats.media_type(_error_format(text=True)) == "text/plain"
