"""The generated checks read like the spec: locals and constants named for what they hold."""

from __future__ import annotations

import re

from generator.emit.validator_emit import emit_validators
from generator.output.pipeline import Project, load_spec
from tests.paths import GENERATED, ROOT


def _checks(provider: str) -> str:
    return emit_validators(load_spec(Project(ROOT, GENERATED), provider))


def test_constants_and_locals_take_the_spec_s_names() -> None:
    source = _checks("novatech")
    assert not re.search(r"\b_C\d+\b|\b[vn]\d+\b", source)
    assert "_DELIVER_TO_FIELDS = frozenset(" in source
    assert '        address_lines = value["address_lines"]' in source  # black's quotes
    assert "for address_lines_index, address_lines_item in enumerate(address_lines):" in source


def test_a_field_named_like_a_builtin_does_not_shadow_it() -> None:
    source = _checks("cartoncloud")  # its ids are nullable strings: a local, not a one-call check
    assert '        id_ = value["id"]' in source
    assert not re.search(r"^\s+(id|type|len|str|any) = ", source, re.MULTILINE)


def test_emission_is_deterministic() -> None:
    assert _checks("cartoncloud") == _checks("cartoncloud")


def test_a_plain_field_is_one_call_in_the_spec_s_order() -> None:
    """A field with no rule beyond its type is one line of the runtime's `_string` & co."""
    source = _checks("novatech")
    body = source.split("def _check_ChangePasswordRequest(")[1].split("\ndef ")[0]
    assert '    _string(value, "email", ptr, out, required=True)\n' in body
    assert body.index('"email"') < body.index('"current_password"') < body.index('"new_password"')
    assert "if not value.keys() <= _CHANGE_PASSWORD_REQUEST_FIELDS:" in body
