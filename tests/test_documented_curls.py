"""Every curl example of each provider document is recorded in its spec, verbatim.

The generated packages replay the spec's `curls` against their mocks
(generated/<provider>/tests/test_curls.py, from generator/emit/curl_cases.py);
this test keeps the specs honest to the documents, so no curl is missed or
retyped. The commands are read from the provider documents the specs were
written from (shared/docs beside the checkout, where CI lays a copy, or
/work/shared/docs): a command runs from its `curl ` line while a line ends
in a backslash, a quote is still open (a multi-line -d body) or the next
line is another option (a document that forgot one backslash). The
document's indentation is presentation: both sides are compared dedented.
"""

from __future__ import annotations

import re
import shlex
import textwrap
from pathlib import Path

import pytest
import yaml

from generator.emit.curl_cases import curl_cases
from generator.output.pipeline import Project, load_spec
from generator.spec.model import Spec
from tests.paths import PROVIDERS, ROOT

_CANDIDATES = (Path(__file__).resolve().parents[2] / "shared" / "docs", Path("/work/shared/docs"))
DOCS = next((path for path in _CANDIDATES if path.is_dir()), _CANDIDATES[0])
_CONTINUED = re.compile(r"\\[ \t]*$")


def _unbalanced(text: str) -> bool:
    try:
        shlex.split(text)
    except ValueError:
        return True
    return False


def documented_curls(text: str) -> list[str]:
    """The curl commands of a document, each its lines as written (dedented)."""
    lines = text.splitlines()
    found, index = [], 0
    while index < len(lines):
        if not lines[index].strip().startswith("curl "):
            index += 1
            continue
        start, command = index, lines[index].strip()
        index += 1
        while index < len(lines):
            following = lines[index].strip()
            if not (
                _CONTINUED.search(command) or _unbalanced(command) or following.startswith("-")
            ):
                break
            command = _CONTINUED.sub("", command) + "\n" + following
            index += 1
        found.append(textwrap.dedent("\n".join(lines[start:index])))
    return found


def _spec_curls(provider: str) -> list[str]:
    raw = yaml.safe_load((ROOT / "specs" / f"{provider}.yaml").read_text("utf-8"))
    return [curl for op in raw["operations"].values() for curl in op.get("curls") or []]


def _spec(provider: str) -> Spec:
    return load_spec(Project(ROOT, ROOT / "generated"), provider)


def _document(provider: str) -> str:
    if not DOCS.is_dir():
        pytest.skip("the provider documents are not on this machine")
    path = DOCS / f"{provider}.txt"
    return path.read_text("utf-8") if path.is_file() else ""


@pytest.mark.parametrize("provider", PROVIDERS)
def test_every_documented_curl_is_in_the_spec_verbatim(provider: str) -> None:
    documented = documented_curls(_document(provider))
    recorded = _spec_curls(provider)
    assert sorted(recorded) == sorted(documented), (
        f"{provider}: missing {[c for c in documented if c not in recorded]}, "
        f"not in the document {[c for c in recorded if c not in documented]}"
    )


def test_the_documents_hold_curl_examples() -> None:
    """The two documents written with curls have them found (the reader above works)."""
    assert len(documented_curls(_document("novatech"))) >= 10
    assert len(documented_curls(_document("cartoncloud"))) >= 10


@pytest.mark.parametrize("provider", ["novatech", "cartoncloud"])
def test_each_recorded_curl_becomes_a_generated_replay(provider: str) -> None:
    cases = curl_cases(_spec(provider))
    assert [case["curl"] for case in cases] == _spec_curls(provider)
    generated = ROOT / "generated" / provider / "tests" / "test_curls.py"
    assert "def test_documented_curl_works_against_the_mock" in generated.read_text("utf-8")


def test_a_template_is_filled_from_the_documented_example() -> None:
    """CartonCloud writes `{tenantId}`, `{id}`, `If-Match: {version}` and `-d "{JSON AS BELOW}"`."""
    cases = curl_cases(_spec("cartoncloud"))
    update = next(case for case in cases if case["id"] == "update_inbound_order[0]")
    assert update["fills"]["{id}"] == "318782ea-75b1-11e8-adc0-fa7ae01b9ebc"
    assert update["fills"]["{version}"] == "1"
    assert update["fills"]["{JSON AS BELOW}"].startswith("{")
    nameless = next(case for case in cases if "api_endpoint" in case["curl"])
    assert nameless["path"] == "/uaa/userinfo"
