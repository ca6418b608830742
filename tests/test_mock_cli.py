"""`shipspec mock` serves a provider mock that answers the document's own curls."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time

import httpx

from tests.paths import GENERATED, ROOT, SPECS


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
