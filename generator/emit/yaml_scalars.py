"""How PyYAML's emitter would write one scalar: its text, style and key eligibility.

The decisions of `yaml.emitter.Emitter.analyze_scalar` and
`choose_scalar_style` (block context, `allow_unicode=True`), made with a
few regular expressions over the whole string instead of a loop over its
characters, so a document's strings are judged in microseconds.
`yaml_writer` writes with them; tests/test_yaml_writer.py holds them
against PyYAML's own analysis.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from yaml.resolver import Resolver

STR_TAG = "tag:yaml.org,2002:str"
_BREAKS = "\n\x85\u2028\u2029"
_SPACE_OR_BREAK = "\0 \t\r\n\x85\u2028\u2029"  # the emitter's "whitespace"
# what the emitter escapes or refuses outside double quotes, in ASCII text
_SPECIAL_ASCII = re.compile("[^\n\x20-\x7e]")
_BREAK = re.compile(f"[{_BREAKS}]")
_SPACE_AT_BREAK = re.compile(f" [{_BREAKS}]|[{_BREAKS}] ")
# indicators anywhere after the first character that stop a plain block scalar
_INNER_INDICATOR = re.compile(f".:(?:[{_SPACE_OR_BREAK}]|\\Z)|[{_SPACE_OR_BREAK}]#", re.S)
_LEADING_INDICATORS = "#,[]{}&*!|>'\"%@`"
_SHORT_TAGS = {  # prepare_tag's "!!name" for the tags a JSON-like document has
    STR_TAG: "!!str",
    "tag:yaml.org,2002:int": "!!int",
    "tag:yaml.org,2002:float": "!!float",
    "tag:yaml.org,2002:bool": "!!bool",
    "tag:yaml.org,2002:null": "!!null",
}
_FLOAT_TAG = "tag:yaml.org,2002:float"
_INF = float("inf")


class Scalar(NamedTuple):
    """One scalar as the emitter writes it: `style` is "" (plain), "'" or '"'."""

    text: str
    style: str
    simple_key: bool  # may stand as `key:` rather than `? key`


def _special(text: str) -> bool:
    """analyze_scalar's special_characters with allow_unicode=True.

    Beyond ASCII, a loop over the characters: the equivalent character class
    cost ~3 ms to compile, more than the few non-ASCII strings of an export.
    """
    if text.isascii():
        return _SPECIAL_ASCII.search(text) is not None
    return not all(_printable(ch) for ch in text)


def _printable(ch: str) -> bool:
    if ch == "\n" or "\x20" <= ch <= "\x7e" or ch == "\x85" or "\xa0" <= ch <= "\ud7ff":
        return True
    return ("\ue000" <= ch <= "\ufffd" and ch != "\ufeff") or "\U00010000" <= ch < "\U0010ffff"


def implicit_tag(text: str) -> str:
    """The tag a YAML 1.1 reader (PyYAML's Resolver) gives `text` written plain."""
    resolvers = Resolver.yaml_implicit_resolvers
    for tag, regexp in resolvers.get(text[0] if text else "", []) + resolvers.get(None, []):
        if regexp.match(text):
            return str(tag)
    return STR_TAG


def _block_plain_allowed(text: str) -> bool:
    """analyze_scalar's allow_block_plain, for a non-empty one-line string without specials."""
    first = text[0]
    if first == " " or text[-1] == " " or text.startswith(("---", "...")):
        return False
    if first in _LEADING_INDICATORS:
        return False
    if first in "?:-" and (len(text) == 1 or text[1] in _SPACE_OR_BREAK):
        return False
    return _INNER_INDICATOR.search(text) is None


def string_scalar(text: str, quoted: bool) -> Scalar:
    """A str as the emitter writes it; `quoted` is a representer's single-quote style."""
    if not text:
        return Scalar(text, "'", False)  # '' resolves to null when plain
    multiline = _BREAK.search(text) is not None
    special = _special(text)
    single_ok = not special and not (multiline and _SPACE_AT_BREAK.search(text))
    plain = (
        not quoted
        and not multiline
        and not special
        and _block_plain_allowed(text)
        and implicit_tag(text) == STR_TAG
    )
    style = "" if plain else ("'" if single_ok else '"')
    return Scalar(text, style, not multiline and len(text) + 5 < 128)


def plain_scalar(text: str, tag: str) -> Scalar | None:
    """A number, boolean or null as the emitter writes it, or None where it would tag it."""
    if _special(text) or _BREAK.search(text) or not _block_plain_allowed(text):
        return None
    if implicit_tag(text) != tag:
        return None
    return Scalar(text, "", len(text) + len(_SHORT_TAGS[tag]) < 128)


def float_text(value: float) -> str:
    """SafeRepresenter.represent_float's text."""
    if value != value:
        return ".nan"
    if value == _INF:
        return ".inf"
    if value == -_INF:
        return "-.inf"
    text = repr(value).lower()
    if "." not in text and "e" in text:
        text = text.replace("e", ".0e", 1)
    return text


def other_scalar(value: object) -> Scalar | None:
    """An int, float, bool or None (exact types) as the emitter writes it, else None."""
    kind = type(value)
    if value is None:
        return plain_scalar("null", "tag:yaml.org,2002:null")
    if kind is bool:
        return plain_scalar("true" if value else "false", "tag:yaml.org,2002:bool")
    if kind is int:
        return plain_scalar(str(value), "tag:yaml.org,2002:int")
    if kind is float:
        assert isinstance(value, float)
        return plain_scalar(float_text(value), _FLOAT_TAG)
    return None
