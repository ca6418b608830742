"""Where the project's specs and generated packages are."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "specs"
GENERATED = ROOT / "generated"
PROVIDERS = sorted(p.stem for p in SPECS.glob("*.yaml"))
