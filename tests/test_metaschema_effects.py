"""Proofs for meta-schema keys that act at run time: the mock's declarations, paging, typedefs.

One small spec declares each key; the generated client talks HTTP over
127.0.0.1 to its generated mock under uvicorn (tests/serving.py). Every test
fails when its key's effect is removed: the mock would answer the entity in
the wrong place, list unfiltered, ignore the page size or the token's
lifetime, or play no sandbox rule; an iterator would stop after one page.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from generator.cli.main import main
from tests.serving import Served

SPECS = Path(__file__).parent / "specs"

SPEC = """\
shipspec: 1
provider: effects
title: Effects test API
version: 1.0.0
servers: {live: https://api.effects.example}
auth:
  scheme: oauth2_password
  source: Security
  operation: get_token
  credentials:
    username: {field: username}
    password: {field: password, secret: true}
  token: {field: access_token, expires_in: expires_in}
  header: {Authorization: "Bearer {token}"}
error_formats:
  problem: {source: Problems, type: Problem, message: detail}
errors: {"400": problem, "401": problem, "404": problem}
mock:
  auth: {status: 401, format: problem, body: {detail: unauthorised}}
  validation: {status: 400, format: problem}
  not_found: {status: 404, format: problem}
  token_ttl_seconds: 90
types:
  Problem:
    source: Problems
    type: object
    fields:
      detail: {type: string}
  Token:
    source: Security
    fields:
      access_token: {type: string, required: true}
      expires_in: {type: integer, required: true}
  TokenRequest:
    source: Security
    fields:
      grant_type: {type: string, required: true, const: password}
      username: {type: string, required: true}
      password: {type: string, required: true}
  Parcel:
    source: Parcels
    fields:
      id: {type: string}
      weight: {type: integer, required: true, minimum: 1}
      colour: {type: string}
      status: {type: string}
  Booking:
    source: Parcels / Create
    fields:
      parcel: {type: Parcel, required: true}
      receipt: {type: string, required: true}
  ParcelList:
    source: Parcels / List
    fields:
      rows: {type: array, items: Parcel, required: true}
operations:
  get_token:
    source: Security
    method: POST
    path: /token
    auth: false
    body: TokenRequest
    body_encoding: form
    responses: {"200": Token}
    examples:
      - title: Token
        request: {json: '{"grant_type": "password", "username": "ann", "password": "pw-1"}'}
        response: {json: '{"access_token": "at-1", "expires_in": 3600}'}
  create_parcel:
    source: Parcels / Create
    method: POST
    path: /parcels
    body: Parcel
    responses: {"201": Booking, "202": Booking}
    mock: {store: parcels, action: create, key: /id, entity: /parcel}
    examples:
      - title: Create
        request: {json: '{"weight": 2, "colour": "blue"}'}
        response:
          status: 201
          json: '{"parcel": {"id": "p0", "weight": 2, "colour": "blue", "status": "booked"},
                  "receipt": "R-1"}'
  list_parcels:
    source: Parcels / List
    method: GET
    path: /parcels
    params:
      page: {in: query, type: integer, minimum: 1}
      size: {in: query, type: integer, minimum: 1}
      colour: {in: query, type: string}
    paging: {page_param: page, size_param: size, items_field: rows}
    responses: {"200": ParcelList}
    mock: {store: parcels, action: list, key: /id, items: /rows, filters: {colour: /colour}}
    examples:
      - title: List
        response: {json: '{"rows": [{"id": "p0", "weight": 2, "colour": "blue"}]}'}
sandbox:
  - source: Sandbox / Heavy
    description: A parcel of 100 kg or more is held.
    operation: create_parcel
    when: {pointer: /weight, minimum: 100}
    then: {status: held}
  - source: Sandbox / Red
    description: A red parcel is answered 202 and flagged.
    operation: create_parcel
    when: {pointer: /colour, equals: red}
    then: {status: flagged}
    respond: 202
"""


def _imported(package: Path) -> Iterator[ModuleType]:
    sys.path.insert(0, str(package))
    try:
        yield importlib.import_module(f"{package.name}_client")
    finally:
        sys.path.remove(str(package))
        for name in [m for m in sys.modules if m.split(".")[0] == f"{package.name}_client"]:
            del sys.modules[name]


def _generate(root: Path, name: str, text: str) -> Path:
    (root / "specs").mkdir()
    (root / "specs" / f"{name}.yaml").write_text(text, "utf-8")
    assert main(["--project", str(root), "generate"]) == 0
    return root / "generated" / name


@pytest.fixture(scope="module")
def effects(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    yield from _imported(_generate(tmp_path_factory.mktemp("effects"), "effects", SPEC))


@pytest.fixture(scope="module")
def paginglink(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    text = (SPECS / "paginglink.yaml").read_text("utf-8")
    yield from _imported(_generate(tmp_path_factory.mktemp("link"), "paginglink", text))


CREDENTIALS = {"username": "ann", "password": "pw-1"}


def _mock(module: ModuleType) -> Any:
    """The package's MockProvider class (testing.py is imported on demand)."""
    return importlib.import_module(module.__name__ + ".testing").MockProvider


def _recording_client(module: ModuleType, url: str, asked: list[httpx.URL]) -> Any:
    def record(request: httpx.Request) -> None:
        asked.append(request.url)

    http = httpx.Client(event_hooks={"request": [record]})
    kwargs = CREDENTIALS if module.__name__ == "effects_client" else {}
    return module.Client(**kwargs, base_url=url, http_client=http)


def test_the_mock_places_the_created_entity_at_its_pointer(effects: ModuleType) -> None:
    """`entity: /parcel`: what was sent lands in the answer's parcel, the rest stays documented."""
    provider = _mock(effects)(credentials=CREDENTIALS)
    with Served(provider.app) as served:
        client = _recording_client(effects, served.url, [])
        booking = client.create_parcel({"weight": 7, "colour": "green"})
    assert (booking.parcel.weight, booking.parcel.colour) == (7, "green")
    assert booking.parcel.id not in (None, "p0")
    assert booking.receipt == "R-1"
    [stored] = provider.stores["parcels"].values()
    assert stored["weight"] == 7


def test_the_mock_lists_items_at_their_pointer_filtered_and_paged_by_the_size_asked(
    effects: ModuleType,
) -> None:
    """`items: /rows`, `filters: {colour: /colour}`, `size_param: size` over a real server."""
    provider = _mock(effects)(credentials=CREDENTIALS)
    asked: list[httpx.URL] = []
    with Served(provider.app) as served:
        client = _recording_client(effects, served.url, asked)
        made = {
            colour: [
                client.create_parcel({"weight": 1, "colour": colour}).parcel.id for _ in range(3)
            ]
            for colour in ("blue", "green")
        }
        asked.clear()
        page = client.list_parcels(colour="green")
        assert [p.id for p in page.rows] == made["green"]
        asked.clear()
        walked = [p.id for p in client.iter_list_parcels(colour="blue", size=2)]
    assert walked == made["blue"]
    lists = [url for url in asked if url.path == "/parcels"]
    assert [(u.params["page"], u.params["size"]) for u in lists] == [("1", "2"), ("2", "2")]


def test_the_mock_token_lives_as_long_as_declared(effects: ModuleType) -> None:
    """`token_ttl_seconds: 90`: the grant says 90 and the mock refuses the token after it."""
    now = [1_000_000.0]
    provider = _mock(effects)(credentials=CREDENTIALS, clock=lambda: now[0])
    with Served(provider.app) as served:
        grant = {"grant_type": "password", **CREDENTIALS}
        token = httpx.post(served.url + "/token", data=grant).json()
        assert token["expires_in"] == 90
        bearer = {"Authorization": "Bearer " + token["access_token"]}
        now[0] += 89
        assert httpx.get(served.url + "/parcels", headers=bearer).status_code == 200
        now[0] += 2
        refused = httpx.get(served.url + "/parcels", headers=bearer)
    assert (refused.status_code, refused.json()) == (401, {"detail": "unauthorised"})


@pytest.mark.parametrize(
    ("sent", "status", "answered"),
    [
        ({"weight": 100, "colour": "blue"}, 201, "held"),  # when: {pointer, minimum}
        ({"weight": 99, "colour": "blue"}, 201, "booked"),
        ({"weight": 5, "colour": "red"}, 202, "flagged"),  # when: {pointer, equals}
        ({"weight": 5, "colour": "reddish"}, 201, "booked"),
    ],
)
def test_sandbox_rules_fire_on_equals_and_minimum(
    effects: ModuleType, sent: dict[str, object], status: int, answered: str
) -> None:
    provider = _mock(effects)(credentials=CREDENTIALS)
    with Served(provider.app) as served:
        client = _recording_client(effects, served.url, [])
        raw = client.with_raw_response.create_parcel(sent)
    assert (raw.status_code, raw.parsed.parcel.status) == (status, answered)


def test_an_iterator_walks_an_rfc_8288_link_header(paginglink: ModuleType) -> None:
    """`link_header: Link`: each page names the next; the iterator follows to the last."""
    provider = _mock(paginglink)(page_size=2)
    asked: list[httpx.URL] = []
    with Served(provider.app) as served:
        client = _recording_client(paginglink, served.url, asked)
        made = [client.create_parcel({"weight": w}).id for w in range(1, 6)]
        asked.clear()
        links = [client.with_raw_response.list_parcels(page=p).headers.get("link") for p in (0, 2)]
        asked.clear()
        walked = [p.id for p in client.iter_list_parcels()]
    assert links[0] is not None and 'rel="next"' in links[0] and "page=1" in links[0]
    assert links[1] is None or 'rel="next"' not in links[1]
    assert walked == made
    assert [url.params.get("page") for url in asked] == ["0", "1", "2"]


def test_a_typedef_type_is_object_or_refused_where_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`type: object` on a named type is what a type is; any other value is a located error."""
    broken = SPEC.replace("    type: object\n", "    type: array\n", 1)
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "effects.yaml").write_text(broken, "utf-8")
    assert main(["--project", str(tmp_path), "generate"]) == 2
    line = 1 + broken.splitlines().index("    type: array")
    assert f"specs/effects.yaml:{line}:11:" in capsys.readouterr().err
