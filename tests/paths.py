"""Where the project's specs and generated packages are."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "specs"
GENERATED = ROOT / "generated"
PROVIDERS = sorted(p.stem for p in SPECS.glob("*.yaml"))


def generated_data(provider: str) -> dict[str, Any]:
    """A generated package's tests/data.json, expanded as its conftest does (it is packed)."""
    from generator.emit.test_data_pack import unpack

    packed = json.loads((GENERATED / provider / "tests" / "data.json").read_text("utf-8"))
    return unpack(packed)
