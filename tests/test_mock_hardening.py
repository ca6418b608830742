"""Every provider mock under attack, over loopback HTTP: HTTP as a server should
answer it, in the provider's own error format, and a quiet server log.

Unknown paths 404, wrong methods 405 with Allow, foreign media types 415,
bodies that are not UTF-8 or nest absurdly deep refused as validation errors
(never a 500), encoded slashes inside path values, odd placeholder spellings,
the documents' own headers and cookies taken as written, and injected faults
logged as one line each, with no traceback anywhere.
"""

from __future__ import annotations

import copy
import importlib
import logging
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from http import HTTPStatus
from types import ModuleType
from typing import Any

import httpx
import pytest
import uvicorn

from generator.emit.mock_data import mock_data
from generator.emit.mock_tests import mock_cases
from generator.output.pipeline import Project, load_spec
from generator.spec.mock_model import mock_operation
from tests.paths import GENERATED, PROVIDERS, ROOT
from tests.serving import Served

JSON = {"Content-Type": "application/json"}


class Records(logging.Handler):
    """Every log record of the server side (uvicorn's access lines aside)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name != "uvicorn.access" and not record.name.startswith("http"):
            self.records.append(record)

    def lines(self) -> list[str]:
        return [self.format(record) for record in self.records]


class Logged(Served):
    """Served, with uvicorn logging at INFO into the root logger (so tracebacks would show)."""

    def __init__(self, app: Any) -> None:  # no super(): its log config would cut propagation
        config = uvicorn.Config(
            app, host="127.0.0.1", port=0, log_level="info", log_config=None, lifespan="off"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.url = ""
        logging.getLogger("uvicorn").propagate = True  # an earlier uvicorn log config stopped it


class Running:
    """One provider's mock, served, with headers that get a request past auth."""

    def __init__(self, provider: str, testing: ModuleType, mock: Any, served: Served) -> None:
        self.provider, self.testing, self.mock, self.url = provider, testing, mock, served.url
        self.data: dict[str, Any] = testing.DATA
        self.headers: dict[str, str] = dict(self.data["headers"])
        scheme = testing.AUTH["scheme"]
        if scheme == "session_cookie":
            cookie = next(iter(mock.credentials.values()))
            self.headers["Cookie"] = f"{testing.AUTH['cookie']}={cookie}"
        elif scheme != "none":
            mock.tokens["hardening-token"] = float("inf")
            self.headers["Authorization"] = "Bearer hardening-token"

    def op(self, name: str) -> dict[str, Any]:
        return next(op for op in self.data["operations"] if op["name"] == name)

    def body_op(self, encoding: str = "json") -> dict[str, Any] | None:
        token = self.testing.AUTH["token_operation"]
        return next(
            (
                op
                for op in self.data["operations"]
                if op["body"]
                and op["body_encoding"] == encoding
                and (op["name"] == token) == (encoding == "form")
            ),
            None,
        )


def _testing(provider: str) -> ModuleType:
    if str(GENERATED / provider) not in sys.path:
        sys.path.insert(0, str(GENERATED / provider))
    return importlib.import_module(f"{provider}_client.testing")


def _concrete(path: str) -> str:
    """A path template with every placeholder filled."""
    import re

    return re.sub(r"\{[^}]+\}", "00000000-0000-4000-8000-000000000001", path)


@pytest.fixture(scope="module")
def records() -> Iterator[Records]:
    handler = Records()
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    root, uvicorn_logger = logging.getLogger(), logging.getLogger("uvicorn")
    saved = (root.level, uvicorn_logger.propagate)
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    uvicorn_logger.propagate = True  # an earlier uvicorn log config may have stopped it
    yield handler
    root.removeHandler(handler)
    root.setLevel(saved[0])
    uvicorn_logger.propagate = saved[1]


@pytest.fixture(scope="module")
def mocks(records: Records) -> Iterator[dict[str, Running]]:
    running: dict[str, Running] = {}
    servers = []
    for provider in PROVIDERS:
        testing = _testing(provider)
        mock = testing.MockProvider()
        served = Logged(mock.app).__enter__()
        servers.append(served)
        running[provider] = Running(provider, testing, mock, served)
    # uvicorn's own lines reach the handler, so a traceback it printed would be seen
    assert any("Uvicorn running" in line for line in records.lines()), records.lines()
    yield running
    for served in servers:
        served.__exit__()


@pytest.fixture(params=PROVIDERS)
def mock(request: pytest.FixtureRequest, mocks: dict[str, Running], records: Records) -> Running:
    records.records.clear()
    logging.getLogger("uvicorn").propagate = True  # whatever another test's server configured
    chosen = mocks[request.param]
    chosen.mock.faults = chosen.testing.Faults()
    return chosen


def _general_format(running: Running, response: httpx.Response, status: int) -> str:
    """Assert the provider's general error format for `status`; the message it carries."""
    assert response.status_code == status, response.text
    provider = running.provider
    if provider == "novatech":
        body = response.json()
        phrase = HTTPStatus(status).phrase
        assert body["msg"] == f"HTTP {status} {phrase}"  # as the document's 415 example
        assert body["code"] == status and body["status"] == phrase and body["timestamp"]
        return str(body["msg"])
    if provider == "cartoncloud":
        body = response.json()
        assert isinstance(body, list) and body and all(set(item) == {"message"} for item in body)
        return str(body[0]["message"])
    if provider == "activeants":
        body = response.json()
        assert body["messageCode"] == "NOK" and body["message"]
        return str(body["message"])
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text and "No order record" not in response.text
    return response.text


def _quiet(records: Records) -> None:
    for record in records.records:
        assert record.exc_info is None, record.getMessage()
        assert "Traceback" not in record.getMessage()
        assert "Exception in ASGI" not in record.getMessage()


# -- routing ---------------------------------------------------------------


def test_unknown_path_is_404_in_the_providers_format(mock: Running, records: Records) -> None:
    response = httpx.get(mock.url + "/no/such/end/point", headers=mock.headers)
    assert "no operation" in _general_format(mock, response, 404) or mock.provider == "novatech"
    _quiet(records)


def test_wrong_method_is_405_with_allow(mock: Running, records: Records) -> None:
    for op in mock.data["operations"]:
        documented = {o["method"] for o in mock.data["operations"] if o["path"] == op["path"]}
        wrong = next(m for m in ("DELETE", "PATCH", "PUT", "POST", "GET") if m not in documented)
        url = mock.url + _concrete(op["path"])
        response = httpx.request(wrong, url, headers=mock.headers)
        message = _general_format(mock, response, 405)
        allowed = set(response.headers["allow"].split(", "))
        assert documented <= allowed and wrong not in allowed
        if mock.provider == "cartoncloud":
            assert message == f"Request method '{wrong}' not supported"  # the document's example
        options = httpx.options(url, headers=mock.headers)
        assert options.status_code == 204 and options.headers["allow"] == response.headers["allow"]
    _quiet(records)


def test_cartoncloud_405_is_the_documented_example() -> None:
    testing = _testing("cartoncloud")
    with Logged(testing.MockProvider().app) as served:
        response = httpx.put(
            served.url + "/tenants/00000000-0000-4000-8000-000000000001/inbound-orders",
            headers={"Accept-Version": "1"},
        )
    assert response.status_code == 405
    assert response.json() == [{"message": "Request method 'PUT' not supported"}]
    assert response.headers["allow"] == "OPTIONS, POST"


def test_encoded_slash_stays_inside_the_path_value(mocks: dict[str, Running]) -> None:
    running = mocks["novatech"]
    op = running.op("get_order")
    entity = copy.deepcopy(op["response"])
    entity["novatech_order_number"] = "AB/CD"
    running.mock.stores.setdefault("orders", {})["AB/CD"] = entity
    response = httpx.get(running.url + "/order/AB%2FCD", headers=running.headers)
    assert response.status_code == 200, response.text
    assert response.json()["novatech_order_number"] == "AB/CD"
    assert httpx.get(running.url + "/order/AB/CD", headers=running.headers).status_code == 404


def test_every_mock_routes_an_encoded_slash(mock: Running) -> None:
    for op in mock.data["operations"]:
        names = [p["wire_name"] for p in op["params"] if p["location"] == "path"]
        if not names:
            continue
        path = op["path"]
        for name in names:
            path = path.replace("{" + name + "}", "a%2Fb")
        routed = mock.mock.route(op["method"], path)
        assert routed is not None and routed[0]["path"] == op["path"]
        assert set(routed[1].values()) == {"a/b"}


def _served_with_path(monkeypatch: pytest.MonkeyPatch, path: str, wire: str) -> tuple[Served, str]:
    testing = _testing("novatech")
    operations = copy.deepcopy(testing.DATA["operations"])
    op = next(o for o in operations if o["name"] == "get_order")
    op["path"] = path
    for param in op["params"]:
        if param["location"] == "path":
            param["wire_name"] = wire
    monkeypatch.setitem(testing.DATA, "operations", operations)
    mock = testing.MockProvider()
    mock.tokens["t"] = float("inf")
    return Logged(mock.app), str(op["response"]["novatech_order_number"])


def test_placeholder_that_is_no_identifier(monkeypatch: pytest.MonkeyPatch) -> None:
    served, key = _served_with_path(monkeypatch, "/orders/{order-id}", "order-id")
    with served:
        found = httpx.get(f"{served.url}/orders/{key}", headers={"Authorization": "Bearer t"})
        missing = httpx.get(f"{served.url}/orders/nope", headers={"Authorization": "Bearer t"})
    assert found.status_code == 200 and str(found.json()["novatech_order_number"]) == key
    assert missing.status_code == 404


def test_repeated_placeholder_must_repeat_its_value(monkeypatch: pytest.MonkeyPatch) -> None:
    served, key = _served_with_path(monkeypatch, "/a/{id}/b/{id}", "id")
    auth = {"Authorization": "Bearer t"}
    with served:
        same = httpx.get(f"{served.url}/a/{key}/b/{key}", headers=auth)
        different = httpx.get(f"{served.url}/a/{key}/b/other", headers=auth)
    assert same.status_code == 200 and str(same.json()["novatech_order_number"]) == key
    assert different.status_code == 404


# -- bodies ----------------------------------------------------------------


def test_foreign_media_type_is_415(mock: Running, records: Records) -> None:
    op = mock.body_op()
    assert op is not None
    url = mock.url + _concrete(op["path"])
    for content_type in ("text/plain", "application/xml", None):
        headers = {**mock.headers, **({"Content-Type": content_type} if content_type else {})}
        response = httpx.request(op["method"], url, content=b"<order/>", headers=headers)
        message = _general_format(mock, response, 415)
        if mock.provider != "novatech":
            assert "not supported" in message
    _quiet(records)


def _validation_refusal(mock: Running, response: httpx.Response, words: str) -> None:
    assert response.status_code == mock.data["rejections"]["validation"]["status"], response.text
    assert words.lower() in response.text.lower()


def test_body_not_utf8_is_a_validation_error(mock: Running, records: Records) -> None:
    op = mock.body_op()
    assert op is not None
    url = mock.url + _concrete(op["path"])
    response = httpx.request(
        op["method"], url, content=b'{"a": "\xff\xfe"}', headers={**mock.headers, **JSON}
    )
    _validation_refusal(mock, response, "UTF-8")
    form = mock.body_op("form")
    if form is not None:
        headers = {**mock.headers, "Content-Type": "application/x-www-form-urlencoded"}
        for raw in (b"grant_type=\xff", b"grant_type=%FF%FE"):
            answer = httpx.request(
                form["method"], mock.url + form["path"], content=raw, headers=headers
            )
            _validation_refusal(mock, answer, "UTF-8")
    _quiet(records)


@pytest.mark.parametrize("depth", [100, 100_000])
def test_deep_nesting_is_a_validation_error(mock: Running, records: Records, depth: int) -> None:
    op = mock.body_op()
    assert op is not None
    url = mock.url + _concrete(op["path"])
    content = b"[" * depth + b"]" * depth
    response = httpx.request(op["method"], url, content=content, headers={**mock.headers, **JSON})
    _validation_refusal(mock, response, "JSON")
    _quiet(records)


# -- the documents' own headers and cookies ---------------------------------


def test_cartoncloud_accept_version_is_enforced(mocks: dict[str, Running]) -> None:
    running = mocks["cartoncloud"]
    bearer = {"Authorization": running.headers["Authorization"]}
    missing = httpx.get(running.url + "/uaa/userinfo", headers=bearer)
    assert "Accept-Version" in _general_format(running, missing, 400)
    unknown = httpx.get(running.url + "/uaa/userinfo", headers={**bearer, "Accept-Version": "2"})
    assert "Accept-Version" in _general_format(running, unknown, 404)
    fine = httpx.get(running.url + "/uaa/userinfo", headers={**bearer, "Accept-Version": "1"})
    assert fine.status_code == 200


def test_kube_takes_the_documented_cookie_verbatim(mocks: dict[str, Running]) -> None:
    import json

    running = mocks["kube"]
    data = json.loads((GENERATED / "kube" / "tests" / "data.json").read_text("utf-8"))
    example = next(e for e in data["examples"] if e["operation"] == "order_event")
    url = running.url + "/rest/order_event.api?supplier_id=1"
    body = json.dumps(example["body"])
    for cookie in ('"ksi=abcdefghijklmnopqrstuvwxyz123"', "ksi=abcdefghijklmnopqrstuvwxyz123"):
        running.mock.recorded.clear()  # the same despatch twice is refused as already despatched
        answer = httpx.post(url, content=body, headers={**JSON, "Cookie": cookie})
        assert answer.status_code == 200, answer.text
        assert answer.json() == {
            "result": [{"label": "order_event", "order_number": "W000001-1D-S"}]
        }
    refused = httpx.post(url, content=body, headers={**JSON, "Cookie": "ksi=somebody-else"})
    assert refused.status_code == 401 and refused.text == "User not authenticated"


# -- injected faults: one line each, never a traceback ---------------------


def _wait_for(records: Records, words: str) -> None:
    deadline = time.monotonic() + 5
    while not any(words in line for line in records.lines()):
        assert time.monotonic() < deadline, records.lines()
        time.sleep(0.02)


def test_injected_status_is_one_line(mock: Running, records: Records) -> None:
    mock.mock.fail_next(503, retry_after="1")
    response = httpx.get(
        mock.url + _concrete(mock.data["operations"][-1]["path"]), headers=mock.headers
    )
    assert response.status_code == 503 and response.headers["retry-after"] == "1"
    assert len(records.records) == 1 and "injected fault: HTTP 503" in records.lines()[0]
    _quiet(records)


@pytest.mark.parametrize("after_processing", [False, True])
def test_dropped_connection_is_one_line(
    mock: Running, records: Records, after_processing: bool
) -> None:
    op = mock.data["operations"][-1]
    mock.mock.drop_next(after_processing=after_processing)
    with pytest.raises(httpx.TransportError):
        httpx.request(op["method"], mock.url + _concrete(op["path"]), headers=mock.headers)
    _wait_for(records, "connection dropped")
    time.sleep(0.2)  # anything the server would add comes now
    assert len(records.records) == 1, records.lines()
    _quiet(records)
    assert httpx.get(mock.url + "/no/such/end/point", headers=mock.headers).status_code == 404


def test_client_timeout_leaves_no_traceback(mock: Running, records: Records) -> None:
    op = mock.body_op() or mock.data["operations"][0]
    mock.mock.faults.latency = 0.4
    with pytest.raises(httpx.ReadTimeout):
        httpx.request(
            op["method"],
            mock.url + _concrete(op["path"]),
            content=b"{}",
            headers={**mock.headers, **JSON},
            timeout=0.1,
        )
    _wait_for(records, "disconnected")
    mock.mock.faults.latency = 0.0
    time.sleep(0.2)
    lines = records.lines()
    assert len(lines) == 2, lines
    assert "injected fault: 0.4 s of latency" in lines[0] and "client disconnected" in lines[1]
    _quiet(records)


# -- generation is robust to thin mock declarations -------------------------


def test_read_without_param_falls_back_to_the_last_path_parameter() -> None:
    spec = load_spec(Project(ROOT, GENERATED), "cartoncloud")
    thin = {
        "get_inbound_order": mock_operation(
            {"store": "inbound_orders", "action": "read", "key": "/id"}
        )
    }
    operations = tuple(
        replace(op, mock=thin[op.name]) if op.name in thin else op for op in spec.operations
    )
    spec = replace(spec, operations=operations)
    data = mock_data(spec)
    read = next(op for op in data["operations"] if op["name"] == "get_inbound_order")
    assert read["mock"]["param_name"] == "order_id"
    examples = {op.name: {"body": None, "kwargs": {}} for op in spec.operations}
    cases = mock_cases(spec, examples)
    assert any(case["read"] == "get_inbound_order" for case in cases["round_trips"])


def test_mock_naming_no_parameter_is_no_crash() -> None:
    spec = load_spec(Project(ROOT, GENERATED), "cartoncloud")
    update = next(op for op in spec.operations if op.name == "update_inbound_order")
    declared = dict((update.mock.declared if update.mock else None) or {})
    broken = mock_operation({**declared, "version_param": "nothing", "filters": {"nothing": "/x"}})
    read = next(op for op in spec.operations if op.name == "get_inbound_order")
    no_path = replace(
        read,
        params=tuple(p for p in read.params if p.location != "path"),
        mock=mock_operation({"store": "inbound_orders", "action": "read", "key": "/id"}),
    )
    operations = tuple(
        replace(update, mock=broken) if op is update else no_path if op is read else op
        for op in spec.operations
    )
    spec = replace(spec, operations=operations)
    data = mock_data(spec)
    by_name = {op["name"]: op for op in data["operations"]}
    assert by_name["update_inbound_order"]["mock"]["version_param_name"] is None
    assert by_name["get_inbound_order"]["mock"]["param_name"] is None
    cases = mock_cases(spec, {op.name: {"body": None, "kwargs": {}} for op in spec.operations})
    assert not any(case["read"] == "get_inbound_order" for case in cases["round_trips"])


def test_bad_fault_control_is_a_400(mocks: dict[str, Running], records: Records) -> None:
    running = mocks["novatech"]
    records.records.clear()
    for content in (b"not json", b"[1]", b'{"status": "x"}', b'{"latency": {}}'):
        answer = httpx.post(running.url + "/__mock__/faults", content=content)
        assert answer.status_code == 400 and "faults take" in answer.json()["error"]
    assert not running.mock.faults.statuses and running.mock.faults.latency == 0.0
    _quiet(records)


HOSTILE_BODIES = [
    b'{"a": NaN}',
    b'{"a": Infinity}',
    b'{"a": ' + b"9" * 5000 + b"}",
    b'{"a": 1e999999}',
    b"\x00\x01\x02",
    b'"just a string"',
    b"null",
]


def test_hostile_requests_are_never_a_server_error(mock: Running, records: Records) -> None:
    """Every operation, hostile bodies, paths, queries and headers: 4xx (or 2xx), never 5xx."""
    for op in mock.data["operations"]:
        url = mock.url + _concrete(op["path"])
        headers = {**mock.headers, **JSON}
        attempts = [(url, body, headers) for body in HOSTILE_BODIES if op["body"]]
        attempts += [
            (url + "?%FF=%FE&x=%ZZ", None, headers),
            (url.replace("00000000-0000", "%ZZ%FF-0000"), None, headers),
            (url, None, {**headers, "If-Match": "not-a-number", "Cookie": '"'}),
        ]
        for target, body, sent in attempts:
            answer = httpx.request(op["method"], target, content=body, headers=sent)
            assert answer.status_code < 500, (op["name"], target, body, answer.text)
    _quiet(records)
