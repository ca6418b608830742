"""`shipspec mock PROVIDER`: serve a generated package's provider mock with uvicorn."""

from __future__ import annotations

import argparse
import copy
import importlib
import sys
from typing import Any

from generator.output.pipeline import Project

EPILOG = """examples:
  shipspec mock novatech --port 8099
  curl -X POST http://127.0.0.1:8099/token/get -H 'Content-Type: application/json' \\
       -d '{"email":"test.email@novatech.co.uk","password":"aVeryLongAndSecurePassword"}'
  curl http://127.0.0.1:8099/stock -H 'Authorization: Bearer mock-session-...'
The mock accepts the document's own example credentials, token and cookie, so
the document's curls work as written. Its first lines say, one `header: NAME:
VALUE` line each, the headers a client needs (a token issued at start, the
session cookie, constant headers); pass them on as printed to `curl -H` or
`schemathesis run -H`. Faults for tests: POST /__mock__/faults {"status": 503,
"retry_after": "1"} or {"drop": true} or {"latency": 2.0}; DELETE
/__mock__/faults clears them. Each injected fault is one log line. With
--webhook-url, the provider's webhooks go to that URL. Ctrl-C stops it.
"""


def add_mock_command(commands: Any, formatter: type[argparse.HelpFormatter]) -> None:
    mock = commands.add_parser(
        "mock",
        help="serve a provider mock (generated from its spec) on a local port",
        description="Serve generated/<provider>'s mock of the provider over HTTP.",
        epilog=EPILOG,
        formatter_class=formatter,
    )
    mock.add_argument("provider", metavar="PROVIDER")
    mock.add_argument("--port", type=int, default=8099, help="port to listen on (default: 8099)")
    mock.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    mock.add_argument(
        "--webhook-url",
        metavar="URL",
        help="send the provider's webhooks (signed as documented) to this URL",
    )


def run_mock(args: argparse.Namespace) -> int:
    project = Project(args.project, args.project / "generated")
    package_root = project.out / args.provider
    if not (package_root / f"{args.provider}_client" / "testing.py").is_file():
        print(
            f"shipspec: no generated mock for {args.provider!r}; run `shipspec generate` first",
            file=sys.stderr,
        )
        return 2
    sys.path.insert(0, str(package_root))
    try:
        testing = importlib.import_module(f"{args.provider}_client.testing")
    except ImportError as exc:
        print(f"shipspec: cannot load the mock: {exc}", file=sys.stderr)
        return 2
    import uvicorn

    mock = testing.MockProvider(webhook_url=args.webhook_url)
    names = ", ".join(f"{k}={v}" for k, v in mock.credentials.items()) or "none"
    # stdout, first: scripts read the URL and the headers from here
    print(f"{args.provider} mock on http://{args.host}:{args.port} (credentials: {names})")
    for name, value in mock.client_headers().items():
        print(f"header: {name}: {value}")
    if args.webhook_url:
        print(f"webhooks: {args.webhook_url}")
    print("Ctrl-C stops it; its log follows on stderr", flush=True)
    uvicorn.run(
        mock.app,
        host=args.host,
        port=args.port,
        log_level="info",
        log_config=_log_config(testing.__name__),
        lifespan="off",
    )
    return 0


def _log_config(mock_logger: str) -> dict[str, Any]:
    """uvicorn's logging, with the mock's own lines (injected faults, hang-ups) beside its."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"][mock_logger] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config
