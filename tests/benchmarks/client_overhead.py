"""Client overhead: place_order through the generated client against raw httpx.

Both talk to the same minimal ASGI server under uvicorn on 127.0.0.1, which
answers the documented example; the difference is the client's own work
(validation, request building, response parsing). Prints JSON rows.
"""

from __future__ import annotations

import asyncio
import json
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import uvicorn

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "generated" / "novatech"))

import novatech_client  # noqa: E402

DATA = json.loads((ROOT / "generated/novatech/tests/data.json").read_text("utf-8"))
EXAMPLE = next(e for e in DATA["examples"] if e["operation"] == "place_order")
ORDER_BODY = json.dumps(EXAMPLE["response"]).encode()
# The documented token expired in 2018; this one lasts, so the client fetches it once.
TOKEN_BODY = json.dumps({**DATA["token_response"], "expires_on": "2999-01-01 00:00:00"}).encode()


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """Answers the example; reads the whole request first, as a real server does."""
    if scope["type"] != "http":
        return
    more = True
    while more:
        message = await receive()
        more = message.get("more_body", False)
    body = TOKEN_BODY if scope["path"] == "/token/get" else ORDER_BODY
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def serve() -> tuple[uvicorn.Server, str]:
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=0, log_level="critical", lifespan="off")
    )
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.01)
    return server, f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"


def main() -> None:
    calls, concurrent = int(sys.argv[1]), int(sys.argv[2])
    server, url = serve()
    payload = EXAMPLE["body"]
    rows = []
    with (
        novatech_client.Client(base_url=url, **DATA["client_kwargs"]) as client,
        httpx.Client() as raw,
    ):
        client.place_order(payload)
        raw.post(url + "/order", json=payload).json()
        best_ours = best_raw = float("inf")
        for _ in range(3):  # interleaved rounds: noise hits both alike
            started = time.perf_counter()
            for _ in range(calls):
                client.place_order(payload)
            best_ours = min(best_ours, time.perf_counter() - started)
            started = time.perf_counter()
            for _ in range(calls):
                raw.post(url + "/order", json=payload, headers={"Authorization": "Bearer x"}).json()
            best_raw = min(best_raw, time.perf_counter() - started)
    rows.append(
        {
            "measure": f"{calls} sequential place_order calls",
            "seconds": best_ours,
            "peer": "raw httpx post + .json()",
            "peer_seconds": best_raw,
            "ratio": best_ours / best_raw,
            "target": "<= 1.10",
        }
    )

    async def async_rounds() -> tuple[float, float]:
        async with (
            novatech_client.AsyncClient(base_url=url, **DATA["client_kwargs"]) as client,
            httpx.AsyncClient(limits=httpx.Limits(max_connections=100)) as raw,
        ):
            await client.place_order(payload)
            ours = theirs = float("inf")
            for _ in range(5):
                started = time.perf_counter()
                await asyncio.gather(*(client.place_order(payload) for _ in range(concurrent)))
                ours = min(ours, time.perf_counter() - started)
                started = time.perf_counter()
                responses = await asyncio.gather(
                    *(raw.post(url + "/order", json=payload) for _ in range(concurrent))
                )
                [r.json() for r in responses]
                theirs = min(theirs, time.perf_counter() - started)
            return ours, theirs

    ours, theirs = asyncio.run(async_rounds())
    rows.append(
        {
            "measure": f"{concurrent} concurrent async place_order calls",
            "seconds": ours,
            "peer": "raw httpx.AsyncClient",
            "peer_seconds": theirs,
            "ratio": ours / theirs,
            "target": "<= 1.10",
        }
    )
    server.should_exit = True
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
