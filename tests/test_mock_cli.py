"""`shipspec mock` serves a provider mock that answers the document's own curls."""

from __future__ import annotations

import importlib
import json
import re
import signal
import socket
import subprocess
import sys
import time
from typing import Any

import httpx
import pytest

from tests.paths import GENERATED, PROVIDERS, ROOT, SPECS
from tests.serving import Served


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _documented(provider: str, operation: str, part: str) -> str:
    """The document's example text for an operation, from the generated test data."""
    data = json.loads((GENERATED / provider / "tests" / "data.json").read_text("utf-8"))
    example = next(e for e in data["examples"] if e["operation"] == operation)
    return json.dumps(example[part])


def test_novatech_mock_answers_the_documented_curls() -> None:
    assert (SPECS / "novatech.yaml").exists()
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator",
            "--project",
            str(ROOT),
            "mock",
            "novatech",
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while True:
            try:
                httpx.get(url + "/stock", timeout=1)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, process.stderr.read() if process.stderr else ""
                time.sleep(0.1)
        headers = {"Content-Type": "application/json"}
        token = httpx.post(
            url + "/token/get",
            content=_documented("novatech", "get_token", "body"),
            headers=headers,
        )
        assert token.status_code == 200
        assert set(token.json()) == {"token", "expires_on"}
        order_body = _documented("novatech", "place_order", "body")
        bearer = {**headers, "Authorization": f"Bearer {token.json()['token']}"}
        placed = httpx.post(url + "/order", content=order_body, headers=bearer)
        assert placed.status_code == 200
        assert placed.json()["order_number"] == "MONZ0001"
        refused = httpx.post(url + "/order", content=order_body, headers=headers)
        assert refused.status_code == 401 and refused.json()["code"] == 401
        invalid = httpx.post(url + "/order", content=b'{"order_number": "X"}', headers=bearer)
        assert invalid.status_code == 400 and invalid.json()["errors"]
        wrong_method = httpx.delete(url + "/order", headers=bearer)
        assert wrong_method.status_code == 405 and wrong_method.headers["allow"] == "OPTIONS, POST"
        # injected faults, through the control route: one log line each
        httpx.post(url + "/__mock__/faults", json={"drop": True}).raise_for_status()
        try:
            httpx.post(url + "/order", content=order_body, headers=bearer)
            raise AssertionError("the connection was not dropped")
        except httpx.TransportError:
            pass
        httpx.post(url + "/__mock__/faults", json={"status": 503, "retry_after": "1"})
        assert httpx.get(url + "/stock", headers=bearer).status_code == 503
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=20)
    assert process.returncode == 0
    log = process.stderr.read() if process.stderr else ""
    assert "Traceback" not in log and "Exception in ASGI" not in log
    faults = [line for line in log.splitlines() if "injected fault" in line]
    assert len(faults) == 2, log
    assert "connection dropped before POST /order" in faults[0]
    assert "HTTP 503 for GET /stock" in faults[1]


def test_unknown_provider_is_a_usage_error() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--project", str(ROOT), "mock", "nosuch"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2 and "no generated mock" in result.stderr


def _start(provider: str, *options: str) -> tuple[subprocess.Popen[str], str, list[str]]:
    """`shipspec mock PROVIDER`, its URL and the lines it printed before serving."""
    port = _free_port()
    command = [sys.executable, "-m", "generator", "--project", str(ROOT), "mock", provider]
    process = subprocess.Popen(
        [*command, *options, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    assert first.startswith(f"{provider} mock on http://127.0.0.1:{port}"), first
    lines = []
    while not (line := process.stdout.readline().rstrip("\n")).startswith("Ctrl-C stops it"):
        assert line, "the mock stopped before it served"
        lines.append(line)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            httpx.get(url + "/__mock__/nothing", timeout=1)
            return process, url, lines
        except httpx.TransportError:
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.1)


def _printed_headers(lines: list[str]) -> dict[str, str]:
    pairs = [
        line.removeprefix("header: ").split(": ", 1)
        for line in lines
        if line.startswith("header: ")
    ]
    return {name: value for name, value in pairs}


def _stop(process: subprocess.Popen[str]) -> str:
    process.send_signal(signal.SIGINT)
    process.wait(timeout=20)
    assert process.returncode == 0
    return process.stderr.read() if process.stderr else ""


def _guarded_operation(provider: str) -> dict[str, Any] | None:
    """An operation the provider guards with its auth (not the token request itself)."""
    # the mock's data as testing.py completes it from the operation table
    data: dict[str, Any] = importlib.import_module(f"{provider}_client.testing").DATA
    token = data["auth"]["token_operation"]
    guarded = [op for op in data["operations"] if op["auth"] and op["name"] != token]
    return guarded[0] if guarded and data["auth"]["scheme"] != "none" else None


@pytest.mark.parametrize("provider", PROVIDERS)
def test_the_printed_headers_are_what_a_client_needs(provider: str) -> None:
    process, url, lines = _start(provider)
    try:
        headers = _printed_headers(lines)
        op = _guarded_operation(provider)
        if op is None:
            assert headers == {}, "a provider without auth needs no header"
            return
        assert headers
        path = re.sub(r"\{[^}]+\}", "1", op["path"])
        content = b"{}" if op["body"] else None
        typed = {"Content-Type": "application/json"} if op["body"] else {}
        plain = httpx.request(op["method"], url + path, content=content, headers=typed)
        carried = httpx.request(
            op["method"], url + path, content=content, headers={**typed, **headers}
        )
        # refused without: no credentials (or no version header)
        assert plain.status_code in (400, 401), plain.text
        # past auth with them: validation, not found or an answer
        assert carried.status_code != 401, carried.text
        if plain.status_code == 401:
            assert carried.status_code != plain.status_code
    finally:
        _stop(process)


def test_webhook_url_receives_the_providers_webhooks() -> None:
    received: list[dict[str, Any]] = []

    async def receiver(scope: Any, receive: Any, send: Any) -> None:
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        received.append(json.loads(body))
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    with Served(receiver) as hooks:
        process, url, lines = _start("novatech", "--webhook-url", hooks.url + "/hooks")
        try:
            assert f"webhooks: {hooks.url}/hooks" in lines
            headers = _printed_headers(lines)
            placed = httpx.post(
                url + "/order",
                content=_documented("novatech", "place_order", "body"),
                headers={**headers, "Content-Type": "application/json"},
            )
            assert placed.status_code == 200, placed.text
            deadline = time.monotonic() + 10
            while not received:
                assert time.monotonic() < deadline, "no webhook arrived"
                time.sleep(0.05)
        finally:
            _stop(process)
    hook = received[0]
    assert hook["type"] == "ORDER_PLACED"
    assert hook["supplier_order_number"] == placed.json()["novatech_order_number"]
    assert hook["verification_signature"]


@pytest.mark.parametrize("provider", PROVIDERS)
def test_every_control_route_is_in_the_package_readme(provider: str) -> None:
    """The `/__mock__/...` routes the mock serves are the ones its README documents."""
    sys.path.insert(0, str(GENERATED / provider))
    testing = __import__(f"{provider}_client.testing", fromlist=["MockProvider"])
    controls = testing.MockProvider().app.app.routes
    readme = (GENERATED / provider / "README.md").read_text("utf-8")
    served = {f"`{method} {route.path}" for route in controls for method in route.methods}
    assert served >= {"`POST /__mock__/faults", "`DELETE /__mock__/faults"}
    assert [entry for entry in sorted(served) if entry not in readme] == []
