"""Where a run reads specs from and writes trees to; shared by the pipeline and the
CLI.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    root: Path
    out: Path

    @property
    def specs(self) -> Path:
        return self.root / "specs"

    def spec_path(self, provider: str) -> Path:
        return self.specs / f"{provider}.yaml"

    def providers(self) -> list[str]:
        return sorted(p.stem for p in self.specs.glob("*.yaml"))

    def display(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()
