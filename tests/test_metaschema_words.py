"""Proofs for the spec's documentary keys: each word reaches the place the project promises.

One small spec gives every documentary key a distinctive value; the tests
find each value where it is promised (the package README, the HTML
reference of `shipspec docs`, the OpenAPI export and its
`x-shipspec-sources` citations), so removing a key's effect fails a test.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from generator.cli.main import main

SPEC = """\
shipspec: 1
provider: words
title: Words test API
version: 1.0.0
description: Words moves parcels between its depots overnight.
document: words-reference-v7.txt
servers: {live: "https://{region}.api.words.example"}
server_variables:
  region: {default: eu, enum: [eu, us], description: The data centre holding the account.}
auth:
  scheme: oauth2_password
  source: Security / Token grant
  description: A bearer token from the password grant.
  operation: get_token
  credentials:
    username: {field: username, description: The depot login name.}
    password: {field: password, secret: true, description: The depot login password.}
  token: {field: access_token, expires_in: expires_in}
  header: {Authorization: "Bearer {token}"}
envelope:
  source: Conventions / Envelope
  status_field: status
  ok: [OK]
  result_field: result
  message_field: message
  statuses: {OK: Done, NOK: Refused with a message}
paging:
  source: Conventions / Paging
  page_param: page
  size_param: size
  items_field: rows
rate_limit: {source: Conventions / Throttling, retry_after: X-Wait}
error_formats:
  problem:
    source: Conventions / Problems
    description: A problem names the field at fault.
    type: Problem
    message: detail
errors: {"400": problem}
types:
  Problem:
    source: Conventions / Problems / body
    fields:
      detail: {type: string}
  Token:
    source: Security / Token grant / answer
    type: object
    fields:
      access_token: {type: string, required: true}
      expires_in: {type: integer, required: true}
  TokenRequest:
    source: Security / Token grant / request
    fields:
      grant_type: {type: string, required: true, const: password}
      username: {type: string, required: true}
      password: {type: string, required: true}
  Parcel:
    source: Parcels / Parcel
    fields:
      id: {type: string}
      weight: {type: integer, source: Parcels / Parcel / weight in grams}
      colour: {type: string}
      source: {type: string, description: The scanner that saw the parcel.}
    rules:
      - source: Parcels / Parcel / colour rule
        when: {field: colour, in: [red]}
        require: [weight]
  ParcelList:
    source: Parcels / List
    fields:
      rows: {type: array, items: Parcel}
  Depart:
    source: Events / Departed
    fields:
      parcel: {type: string}
operations:
  get_token:
    source: Security / Token grant
    method: POST
    path: /token
    auth: false
    envelope: false
    body: TokenRequest
    body_encoding: form
    responses: {"200": Token}
  create_parcel:
    source: Parcels / Create
    tags: [Depot-Inbound]
    method: POST
    path: /parcels
    body: Parcel
    responses: {"201": Parcel}
    mock: {store: parcels, action: create, key: /id}
  list_parcels:
    source: Parcels / List
    method: GET
    path: /parcels
    params:
      page: {in: query, type: integer}
      size: {in: query, type: integer}
    paging: true
    cache: {ttl_seconds: 60, source: Parcels / List / caching advice}
    responses: {"200": ParcelList}
webhooks:
  departed:
    source: Events / Departed
    description: Sent when a parcel leaves the depot.
    payload: Depart
    examples:
      - title: A parcel leaves Leeds
        payload: {json: '{"parcel": "p-9"}'}
sandbox:
  - source: Sandbox / Heavy parcels
    description: A parcel of 100 kg or more is held for inspection.
    operation: create_parcel
    when: {pointer: /weight, minimum: 100000}
    then: {colour: held, source: depot-scan}
errata:
  - id: grams-not-kilos
    where: Parcels / Parcel / weight
    says: weight is in kilos in the table
    resolution: the examples use grams; grams are kept
"""


def _project(root: Path) -> Path:
    (root / "specs").mkdir()
    (root / "specs" / "words.yaml").write_text(SPEC, "utf-8")
    assert main(["--project", str(root), "generate"]) == 0
    assert main(["--project", str(root), "docs", "--out", str(root / "site")]) == 0
    return root


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _project(tmp_path_factory.mktemp("words"))


@pytest.fixture(scope="module")
def openapi(project: Path) -> dict[str, Any]:
    text = (project / "generated" / "words" / "openapi.json").read_text("utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


@pytest.fixture(scope="module")
def readme(project: Path) -> str:
    return (project / "generated" / "words" / "README.md").read_text("utf-8")


@pytest.fixture(scope="module")
def words(project: Path) -> Iterator[ModuleType]:
    package = project / "generated" / "words"
    sys.path.insert(0, str(package))
    try:
        yield importlib.import_module("words_client")
    finally:
        sys.path.remove(str(package))
        for name in [m for m in sys.modules if m.split(".")[0] == "words_client"]:
            del sys.modules[name]


def test_the_spec_and_its_document_are_named_in_the_readme_and_export(
    readme: str, openapi: dict[str, Any]
) -> None:
    assert "Words moves parcels between its depots overnight." in readme
    assert "provider document `words-reference-v7.txt`" in readme
    assert openapi["info"]["description"] == "Words moves parcels between its depots overnight."
    tags = {tag["name"]: tag.get("description") for tag in openapi["tags"]}
    assert tags["Parcels"] == "From the section \u201cParcels\u201d of words-reference-v7.txt."


def test_errata_are_tabled_in_the_readme_and_the_html_reference(project: Path, readme: str) -> None:
    row = (
        "| Parcels / Parcel / weight | weight is in kilos in the table "
        "| the examples use grams; grams are kept |"
    )
    assert row in readme
    page = (project / "site" / "words.html").read_text("utf-8")
    for word in (
        "Parcels / Parcel / weight",
        "weight is in kilos in the table",
        "the examples use grams; grams are kept",
    ):
        assert f"<td>{word}</td>" in page


def test_auth_words_reach_the_security_scheme_and_the_readme(
    openapi: dict[str, Any], readme: str
) -> None:
    (scheme,) = openapi["components"]["securitySchemes"].values()
    assert scheme["description"] == (
        "A bearer token from the password grant.\n\nDocument section: Security / Token grant."
    )
    assert "- `username`: The depot login name. (not a secret" in readme
    assert "- `password`: The depot login password. (a secret" in readme


def test_a_credential_not_marked_secret_is_shown_in_reprs_a_secret_never(
    words: ModuleType,
) -> None:
    """`secret: true` hides a credential everywhere; an unmarked one names the account."""
    client = words.Client(username="depot-leeds", password="pw-hidden-77", base_url="http://x")
    for text in (repr(client), repr(client._auth)):
        assert "username='depot-leeds'" in text
        assert "pw-hidden-77" not in text


def test_error_format_description_is_on_the_responses_it_answers(openapi: dict[str, Any]) -> None:
    shared = openapi["paths"]["/parcels"]["post"]["responses"]["400"]  # a component, once
    assert shared == {"$ref": "#/components/responses/ProblemError400"}
    refused = openapi["components"]["responses"]["ProblemError400"]
    assert refused["description"] == (
        "Bad Request (error format: problem). A problem names the field at fault."
    )


def test_operation_tags_are_openapi_tags_beside_the_section(openapi: dict[str, Any]) -> None:
    assert openapi["paths"]["/parcels"]["post"]["tags"] == ["Parcels", "Depot-Inbound"]
    assert openapi["paths"]["/parcels"]["get"]["tags"] == ["Parcels"]
    assert {"name": "Depot-Inbound"} in openapi["tags"]


def test_webhook_words_reach_the_export(openapi: dict[str, Any], readme: str) -> None:
    hook = openapi["webhooks"]["departed"]["post"]
    assert hook["description"].startswith("Sent when a parcel leaves the depot.")
    assert hook["description"].endswith("Document section: Events / Departed.")
    examples = hook["requestBody"]["content"]["application/json"]["examples"]
    assert [e["summary"] for e in examples.values()] == ["A parcel leaves Leeds"]
    assert "**departed**: Sent when a parcel leaves the depot." in readme


def test_server_variable_description_reaches_the_export(openapi: dict[str, Any]) -> None:
    (server,) = openapi["servers"]
    assert server["variables"]["region"]["description"] == "The data centre holding the account."


@pytest.mark.parametrize(
    ("pointer", "section"),
    [
        ("/auth", "Security / Token grant"),
        ("/envelope", "Conventions / Envelope"),
        ("/paging", "Conventions / Paging"),
        ("/rate_limit", "Conventions / Throttling"),
        ("/error_formats/problem", "Conventions / Problems"),
        ("/types/Parcel", "Parcels / Parcel"),
        ("/types/Parcel/fields/weight", "Parcels / Parcel / weight in grams"),
        ("/types/Parcel/rules/0", "Parcels / Parcel / colour rule"),
        ("/operations/list_parcels/cache", "Parcels / List / caching advice"),
        ("/operations/create_parcel", "Parcels / Create"),
        ("/webhooks/departed", "Events / Departed"),
        ("/sandbox/0", "Sandbox / Heavy parcels"),
    ],
)
def test_every_source_is_cited_in_the_export(
    openapi: dict[str, Any], pointer: str, section: str
) -> None:
    assert openapi["x-shipspec-sources"][pointer] == section


def test_no_provider_data_is_taken_for_a_citation(openapi: dict[str, Any]) -> None:
    """A `source` the provider's data holds (a sandbox effect, a field so named) is no citation."""
    cited = openapi["x-shipspec-sources"]
    assert "depot-scan" not in cited.values()
    assert not any(pointer.startswith("/sandbox/0/") for pointer in cited)
    assert "/types/Parcel/fields/source" not in cited
    assert list(cited)[:4] == ["/auth", "/envelope", "/paging", "/rate_limit"]  # the spec's order


def test_sandbox_rules_are_listed_with_their_section_in_the_readme(readme: str) -> None:
    assert (
        "- A parcel of 100 kg or more is held for inspection."
        " (document section: Sandbox / Heavy parcels)" in readme
    )


def test_documented_envelope_statuses_decide_what_is_a_failure(words: ModuleType) -> None:
    """With `statuses`, a documented verdict that is not ok fails (EnvelopeError); one the
    document lists neither way is an outcome the client cannot know (UndocumentedStatusError,
    not the EnvelopeError every verdict but ok raises without `statuses`)."""
    verdicts = iter(["NOK", "QUEUED"])

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/token":
            return httpx.Response(200, json={"access_token": "t", "expires_in": 60})
        verdict = next(verdicts)
        return httpx.Response(
            201, json={"status": verdict, "message": "Depot closed", "result": {"id": "p1"}}
        )

    http = httpx.Client(transport=httpx.MockTransport(answer))
    client = words.Client(username="u", password="p", base_url="http://x", http_client=http)
    with pytest.raises(words.EnvelopeError, match="Depot closed"):
        client.create_parcel({"weight": 5})
    with pytest.raises(words.UndocumentedStatusError, match="'QUEUED'") as raised:
        client.create_parcel({"weight": 5})
    assert not isinstance(raised.value, words.EnvelopeError)
