"""A webhook signed in its headers is read as what the provider sends, like a field-signed one.

A closed type the provider also sends refuses an undeclared field when the
caller builds it, and keeps it when parsed from the provider (the context
FROM_PROVIDER). A Standard Webhooks delivery once skipped that context, so a
grown payload failed to parse after its signature had been verified.
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from generator.cli.main import main

SPEC = Path(__file__).parent / "specs" / "webhookstandard.yaml"
REPLAY = """\
  replay_event:
    source: Webhooks / replay
    method: POST
    path: /events
    body: ShipmentEvent
    responses: {"204": {encoding: empty}}
"""
SECRET = "whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


@pytest.fixture(scope="module")
def closed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    root = tmp_path_factory.mktemp("closedhook")
    (root / "specs").mkdir()
    # an operation that sends the event type makes it closed (reached from a request)
    text = SPEC.read_text("utf-8").replace("operations:\n", "operations:\n" + REPLAY, 1)
    (root / "specs" / "webhookstandard.yaml").write_text(text, "utf-8")
    assert main(["--project", str(root), "generate"]) == 0
    package = root / "generated" / "webhookstandard"
    sys.path.insert(0, str(package))
    try:
        yield importlib.import_module("webhookstandard_client")
    finally:
        sys.path.remove(str(package))
        for name in [m for m in sys.modules if m.split(".")[0] == "webhookstandard_client"]:
            del sys.modules[name]


def test_a_grown_standard_delivery_keeps_its_new_field(closed: ModuleType) -> None:
    webhooks = importlib.import_module("webhookstandard_client._webhooks")
    models = importlib.import_module("webhookstandard_client.models")
    body = json.dumps({"shipment_id": "s1", "status": "NEW", "carrier": "DHL"}).encode()
    now = int(time.time())
    headers = webhooks.sign_shipment_event(body, SECRET, msg_id="msg_1", timestamp=now)
    delivery = webhooks.parse_shipment_event(body, headers, secret=SECRET, now=now)
    assert delivery.payload.shipment_id == "s1"
    assert delivery.payload.model_extra == {"carrier": "DHL"}
    with pytest.raises(ValueError, match="carrier"):  # built by the caller, it is refused
        models.ShipmentEvent(shipment_id="s1", status="NEW", carrier="DHL")
