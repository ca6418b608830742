"""Hostile inputs through the real command: `shipspec --project DIR generate x`
prints located diagnostics, exits 2, writes nothing and never shows a
traceback, within seconds and bounded memory."""

from __future__ import annotations

import re
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.spec.yaml12 import MAX_SPEC_BYTES

LOCATED = re.compile(r"^specs/x\.yaml:(\d+):(\d+): error SS\d{3} [a-z0-9-]+: \S")
MEMORY_LIMIT = 1536 * 1024 * 1024  # address space the command may use


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def generate(tmp_path: Path, spec: bytes) -> tuple[subprocess.CompletedProcess[str], float]:
    (tmp_path / "specs").mkdir(exist_ok=True)
    (tmp_path / "specs" / "x.yaml").write_bytes(spec)
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--project", str(tmp_path), "generate", "x"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        preexec_fn=_limit_memory,
    )
    return result, time.monotonic() - started


def assert_refused(tmp_path: Path, spec: bytes, *expected: str) -> list[str]:
    result, _ = generate(tmp_path, spec)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert lines and all(LOCATED.match(line) for line in lines), result.stderr
    for text in expected:
        assert text in result.stderr, result.stderr
    out = tmp_path / "generated"  # the run lock may create the folder; nothing goes in it
    assert not out.exists() or not any(out.iterdir()), "a broken spec wrote output"
    return lines


MINIMAL = b"""shipspec: 1
provider: x
title: X
version: 1.0.0
servers: {live: https://api.example.com}
auth: {scheme: none}
types:
  Order: {source: Orders, fields: {id: {type: string}}}
operations:
  get_order: {source: Orders, method: GET, path: /order, responses: {"200": Order}}
"""


def test_the_minimal_spec_generates(tmp_path: Path) -> None:
    """The baseline the other cases break: it is accepted."""
    result, _ = generate(tmp_path, MINIMAL)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (
            b"- a\n- b\n",
            "specs/x.yaml:1:1: error SS023 wrong-type: the spec: must be an object (got array",
        ),
        (
            b"hello\n",
            "specs/x.yaml:1:1: error SS023 wrong-type: the spec: must be an object (got string",
        ),
        (
            b"5\n",
            "specs/x.yaml:1:1: error SS023 wrong-type: the spec: must be an object (got integer 5)",
        ),
        (b"", "specs/x.yaml:1:1: error SS006 empty-spec: the spec is empty"),
    ],
    ids=["list", "string", "integer", "empty"],
)
def test_a_spec_that_is_not_a_mapping(tmp_path: Path, spec: bytes, message: str) -> None:
    assert_refused(tmp_path, spec, message)


@pytest.mark.parametrize(
    ("errata", "message"),
    [
        (
            b"errata: [{where: x}]",
            "specs/x.yaml:11:10: error SS021 missing-key: item 0 of 'errata': 'id' is a required",
        ),
        (
            b"errata: [1]",
            "specs/x.yaml:11:10: error SS023 wrong-type: "
            "item 0 of 'errata': must be an object (got integer",
        ),
        (
            b"errata: {a: 1}",
            "specs/x.yaml:11:9: error SS023 wrong-type: 'errata': must be an array (got object",
        ),
        (
            b"errata:",
            "specs/x.yaml:11:8: error SS023 wrong-type: 'errata': must be an array (got null)",
        ),
        (
            b"sandbox: [1, 2]",
            "specs/x.yaml:11:11: error SS023 wrong-type: item 0 of 'sandbox': must be an object",
        ),
        (
            b"webhooks: nope",
            "specs/x.yaml:11:11: error SS023 wrong-type: 'webhooks': must be an object (got string",
        ),
    ],
    ids=["missing-keys", "item-not-object", "object", "empty", "sandbox-list", "webhooks-string"],
)
def test_sections_of_the_wrong_kind(tmp_path: Path, errata: bytes, message: str) -> None:
    assert_refused(tmp_path, MINIMAL + errata + b"\n", message)


def test_sections_of_the_wrong_kind_beside_other_problems(tmp_path: Path) -> None:
    spec = MINIMAL.replace(b"operations:\n  get_order:", b"operations: nope\nx_ops:\n  get_order:")
    spec = spec.replace(b"types:\n  Order:", b"types: [1, 2]\nx_types:\n  Order:")
    lines = assert_refused(tmp_path, spec)
    assert lines == [
        "specs/x.yaml:7:8: error SS023 wrong-type: 'types': must be an object (got array [1, 2])",
        "specs/x.yaml:8:1: error SS020 unknown-key: unknown key 'x_types' (did you mean 'types'?)",
        "specs/x.yaml:10:13: error SS023 wrong-type: "
        "'operations': must be an object (got string \"nope\")",
        "specs/x.yaml:11:1: error SS020 unknown-key: unknown key 'x_ops'",
    ]


def test_an_alias_bomb_stops_fast_in_bounded_memory(tmp_path: Path) -> None:
    bomb = MINIMAL + b"description: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    previous = b"a"
    for name in (b"b", b"c", b"d", b"e", b"f", b"g", b"h", b"i"):
        aliases = b", ".join([b"*" + previous] * 9)
        bomb += b"x" + name + b": &" + name + b" [" + aliases + b"]\n"
        previous = name
    result, seconds = generate(tmp_path, bomb)
    assert seconds < 5, f"the alias bomb took {seconds:.1f} s"
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "aliases expand to more than 10000 nodes" in result.stderr
    assert all(LOCATED.match(line) for line in result.stderr.splitlines())


@pytest.mark.parametrize("opener", [b"[", b"{a: "], ids=["sequences", "mappings"])
def test_deep_nesting(tmp_path: Path, opener: bytes) -> None:
    closer = b"]" if opener == b"[" else b"}"
    spec = MINIMAL + b"description: " + opener * 1000 + b"1" + closer * 1000 + b"\n"
    assert_refused(tmp_path, spec, "specs/x.yaml:11:")


def test_deep_block_nesting(tmp_path: Path) -> None:
    lines = [b"  " * depth + b"k:" for depth in range(200)]
    assert_refused(tmp_path, MINIMAL + b"mock:\n" + b"\n".join(b"  " + line for line in lines))


def test_a_50_mb_spec_is_refused_by_its_size(tmp_path: Path) -> None:
    spec = MINIMAL + b"description: |\n" + b"  lorem ipsum dolor sit amet\n" * 1_900_000
    assert len(spec) > 50_000_000
    result, seconds = generate(tmp_path, spec)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr == (
        f"specs/x.yaml:1:1: error SS002 spec-too-large: the spec is {len(spec)} bytes;"
        f" a spec may be at most {MAX_SPEC_BYTES} bytes\n"
    )
    assert seconds < 20


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (
            MINIMAL.replace(b"title: X", b"title: caf\xe9"),
            "specs/x.yaml:3:11: error SS003 invalid-utf8: invalid UTF-8 byte 0xE9",
        ),
        (b"\xff\xfe" + "a: 1".encode("utf-16-le"), "(a UTF-16 file? save it as UTF-8)"),
        (
            MINIMAL.replace(b"title: X", b"title: X\x00"),
            "specs/x.yaml:3:9: error SS004 forbidden-character: the character U+0000",
        ),
        (
            MINIMAL + b"\xef\xbb\xbfdescription: x\n",
            "specs/x.yaml:11:1: error SS004 forbidden-character: a byte-order mark U+FEFF",
        ),
        (MINIMAL.replace(b"  get_order", b"\tget_order"), "(a tab cannot indent YAML"),
        (
            MINIMAL + b"? [a, b]\n: 1\n",
            "specs/x.yaml:11:3: error SS009 non-string-key: mapping keys must be strings",
        ),
        (MINIMAL + b"description: !!python/object:os.system x\n", "unsupported tag"),
    ],
    ids=["invalid-utf8", "utf16", "nul", "inner-bom", "tab", "collection-key", "python-tag"],
)
def test_bytes_yaml_does_not_allow(tmp_path: Path, spec: bytes, message: str) -> None:
    assert_refused(tmp_path, spec, message)


def test_a_leading_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    result, _ = generate(tmp_path, b"\xef\xbb\xbf" + MINIMAL)
    assert result.returncode == 0, result.stderr


def test_a_flood_of_problems_is_cut_short(tmp_path: Path) -> None:
    """300,000 malformed entries in a spec under the size limit: a bounded report, quickly."""
    flood = b"".join(b"  t%d: 1\n" % index for index in range(300_000))
    spec = MINIMAL.replace(b"types:\n", b"types:\n" + flood)
    assert len(spec) < MAX_SPEC_BYTES
    result, seconds = generate(tmp_path, spec)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr[-2000:]
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "specs/x.yaml:1:1: error SS014 too-many-problems: "
        "more than 1000 problems: the first 1000 are shown, fix them first"
    )
    assert len(lines) == 1001 and all(LOCATED.match(line) for line in lines)
    assert seconds < 30


def test_fields_of_the_wrong_kind(tmp_path: Path) -> None:
    spec = MINIMAL.replace(b"fields: {id: {type: string}}", b"fields: [a]")
    assert_refused(
        tmp_path,
        spec,
        "specs/x.yaml:8:35: error SS023 wrong-type: 'fields': must be an object (got array",
    )
