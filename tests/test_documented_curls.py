"""Every curl example in each provider document works against its mock, as written.

The curl commands are read from /work/shared/docs/<provider>.txt (the
provider documents the specs were written from), parsed as a shell would
(continuation lines, quoted multi-line bodies, -X/-H/-d/-u and their long
forms) and replayed with httpx against the mock served by uvicorn on
127.0.0.1, each against a fresh mock (a change-password curl must not
spoil the next one's credentials). The host is swapped for the mock's; the
credentials, tokens and cookies are the document's own.

Where the document writes a template rather than a command (CartonCloud's
`{tenantId}` in a path, `-d "{JSON AS BELOW}"`, `If-Match: {version}`),
the placeholders are filled from the document's own example for that
operation, as a reader following the document would. A curl whose URL is
a placeholder for any endpoint (`https://api_endpoint`) names no operation
and is not replayed.
"""

from __future__ import annotations

import base64
import importlib
import json
import re
import shlex
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from tests.paths import GENERATED, PROVIDERS
from tests.serving import Served

# The provider documents sit in shared/ beside the checkout (CI lays a copy of
# it there); a developer's checkout under /work/ reads the same folder.
_CANDIDATES = (Path(__file__).resolve().parents[2] / "shared" / "docs", Path("/work/shared/docs"))
DOCS = next((path for path in _CANDIDATES if path.is_dir()), _CANDIDATES[0])
_PLACEHOLDER = re.compile(r"\{[^{}\s]+\}")
_BODY_PLACEHOLDER = re.compile(r"\{[A-Za-z ]+\}")  # -d "{JSON AS BELOW}"
_CONTINUED = re.compile(r"\\[ \t]*$")


@dataclass
class Curl:
    """One curl command: what it sends."""

    line: int
    method: str | None = None
    url: str = ""
    headers: list[tuple[str, str]] = field(default_factory=list)
    data: str | None = None
    user: str | None = None


def _commands(text: str) -> list[tuple[int, str]]:
    """The curl commands in a document (line number, shell text).

    A command goes on while a line ends in a backslash, a quote is still
    open (a multi-line -d body) or the next line is another option (a
    document that forgot one backslash).
    """
    lines = text.splitlines()
    found = []
    index = 0
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
        found.append((start + 1, _CONTINUED.sub("", command)))
    return found


def _unbalanced(text: str) -> bool:
    try:
        shlex.split(text)
    except ValueError:
        return True
    return False


def _parse(line: int, command: str) -> Curl:
    words = shlex.split(command)
    curl = Curl(line)
    iterator = iter(words[1:])
    for word in iterator:
        if word in ("-X", "--request"):
            curl.method = next(iterator)
        elif word in ("-H", "--header"):
            name, _, value = next(iterator).partition(":")
            curl.headers.append((name.strip(), value.strip()))
        elif word in ("-d", "--data", "--data-raw", "--data-binary"):
            curl.data = next(iterator)
        elif word in ("-u", "--user"):
            curl.user = next(iterator)
        elif word == "--url":
            curl.url = next(iterator)
        elif not word.startswith("-"):
            curl.url = word
    return curl


def _documented_curls(provider: str) -> list[Curl]:
    path = DOCS / f"{provider}.txt"
    if not path.is_file():
        return []
    return [_parse(line, command) for line, command in _commands(path.read_text("utf-8"))]


CASES = [
    pytest.param(provider, curl, id=f"{provider}:{curl.line}")
    for provider in PROVIDERS
    for curl in _documented_curls(provider)
]


def _testing(provider: str) -> Any:
    sys.path.insert(0, str(GENERATED / provider))
    return importlib.import_module(f"{provider}_client.testing")


def _example(provider: str, operation: str) -> dict[str, Any]:
    data = json.loads((GENERATED / provider / "tests" / "data.json").read_text("utf-8"))
    return next(e for e in data["examples"] if e["operation"] == operation and e["status"] < 300)


def _filled(provider: str, mock: Any, curl: Curl) -> tuple[str, str, dict[str, str], str | None]:
    """Method, path, headers and body; a template's placeholders from the document's example."""
    path = urlsplit(curl.url).path or "/"
    query = urlsplit(curl.url).query
    method = curl.method or ("POST" if curl.data is not None else "GET")
    templated = _PLACEHOLDER.search(path) is not None
    routed = mock.route(method, path) if not templated else None
    op = routed[0] if routed else _by_template(mock, method, path)
    headers = dict(curl.headers)
    body = curl.data
    if op is not None and (templated or (body and _BODY_PLACEHOLDER.fullmatch(body.strip()))):
        example = _example(provider, op["name"])
        path = example["path"] if templated else path
        if body is not None and _BODY_PLACEHOLDER.fullmatch(body.strip()):
            body = json.dumps(example["body"])  # "{JSON AS BELOW}": the document's request example
    for name, value in list(headers.items()):
        if op is not None and _PLACEHOLDER.fullmatch(value):
            example = _example(provider, op["name"])
            headers[name] = str(example["headers"].get(name, example["kwargs"].get("version", 1)))
    if curl.user is not None:
        headers["Authorization"] = "Basic " + base64.b64encode(curl.user.encode()).decode()
    if body is not None:
        headers.setdefault("Content-Type", "application/x-www-form-urlencoded")  # as curl -d does
    return method, path + (f"?{query}" if query else ""), headers, body


def _by_template(mock: Any, method: str, path: str) -> dict[str, Any] | None:
    """The operation whose path template is this one, placeholders named as they may be."""
    shape = _PLACEHOLDER.sub("{}", path)
    for op, _ in mock._routes:
        if op["method"] == method and _PLACEHOLDER.sub("{}", op["path"]) == shape:
            return dict(op)
    return None


def test_the_documents_hold_curl_examples() -> None:
    if not DOCS.is_dir():
        pytest.skip("the provider documents are not on this machine")
    assert {provider for provider in PROVIDERS if _documented_curls(provider)} >= {
        "novatech",
        "cartoncloud",
    }


@pytest.mark.parametrize(("provider", "curl"), CASES)
def test_documented_curl_works_against_the_mock(provider: str, curl: Curl) -> None:
    testing = _testing(provider)
    mock = testing.MockProvider()
    method, path, headers, body = _filled(provider, mock, curl)
    if urlsplit(curl.url).hostname == "api_endpoint":
        pytest.skip("a placeholder for any endpoint, not an operation")
    with Served(mock.app) as served:
        answer = httpx.request(method, served.url + path, headers=headers, content=body)
    assert 200 <= answer.status_code < 300, (
        f"line {curl.line}: {method} {path} -> {answer.status_code} {answer.text}"
    )
