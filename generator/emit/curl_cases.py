"""The document's curl examples as cases the generated tests replay against the mock.

An operation's `curls` hold the document's curl commands verbatim. The
generated test (tests/test_curls.py) parses each one at test time as a
shell would and sends it to the mock; this module works out only what a
reader following the document fills in by hand, from the operation's
documented example: a path placeholder (CartonCloud's `{tenantId}`,
`{id}`), a body that is a placeholder (`-d "{JSON AS BELOW}"`), a header
whose whole value is one (`If-Match: {version}`), and the path of a URL
that names no endpoint (`https://api_endpoint`). Credentials, tokens and
cookies are never filled: the mock accepts the document's own.
"""

from __future__ import annotations

import json
import re
import shlex
from typing import Any
from urllib.parse import unquote, urlsplit

from generator.emit.example_tests import example_tests, first_by_operation
from generator.spec.model import Operation, Spec

_PLACEHOLDER = re.compile(r"\{[^{}\s]+\}")
_BODY_PLACEHOLDER = re.compile(r"\{[A-Za-z ]+\}")  # -d "{JSON AS BELOW}"
_CONTINUED = re.compile(r"\\[ \t]*\n")


def shell_words(curl: str) -> list[str]:
    """The command's words; a backslash ending a line (trailing blanks too) continues it."""
    return shlex.split(_CONTINUED.sub(" ", curl))


def _parts(curl: str) -> tuple[str, list[tuple[str, str]], str | None]:
    """URL, headers and body of a curl command (only what placeholders can stand in)."""
    words = iter(shell_words(curl)[1:])
    url, headers, body = "", [], None
    for word in words:
        if word in ("-H", "--header"):
            name, _, value = next(words).partition(":")
            headers.append((name.strip(), value.strip()))
        elif word in ("-d", "--data", "--data-raw", "--data-binary"):
            body = next(words)
        elif word in ("-X", "--request", "-u", "--user", "-b", "--cookie", "-F", "--form"):
            next(words)
        elif word == "--url" or not word.startswith("-"):
            url = next(words) if word == "--url" else word
    return url, headers, body


def _fills(curl: str, example: dict[str, Any]) -> tuple[dict[str, str], str | None]:
    """Placeholder -> the documented example's value; the path for a URL naming none."""
    url, headers, body = _parts(curl)
    fills: dict[str, str] = {}
    split = urlsplit(url)
    sent = [s for s in split.path.split("/") if s]
    documented = [s for s in str(example["path"]).split("/") if s]
    if len(sent) == len(documented):
        for mine, theirs in zip(sent, documented, strict=True):
            if _PLACEHOLDER.fullmatch(mine):
                fills[mine] = unquote(theirs)
    if body is not None and _BODY_PLACEHOLDER.fullmatch(body.strip()):
        fills[body] = json.dumps(example["body"], ensure_ascii=False)
    for name, value in headers:
        if _PLACEHOLDER.fullmatch(value) and name in example["headers"]:
            fills[value] = str(example["headers"][name])
    nameless = "." not in (split.hostname or "") and not sent
    return fills, str(example["path"]) if nameless else None


def _statuses(op: Operation) -> list[int]:
    return sorted(r.status for r in op.responses if 200 <= r.status < 300)


def curl_cases(spec: Spec, tests: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """One case per documented curl: the text as written and what the reader fills in.

    `tests` are the spec's example tests (example_tests.py) where the caller has them.
    """
    examples = first_by_operation(example_tests(spec) if tests is None else tests)
    cases = []
    for op in spec.operations:
        for index, curl in enumerate(op.curls):
            fills, path = _fills(curl, examples[op.name])
            cases.append(
                {
                    "id": f"{op.name}[{index}]",
                    "operation": op.name,
                    "curl": curl,
                    "fills": fills,
                    "path": path,
                    "statuses": _statuses(op),
                }
            )
    return cases
