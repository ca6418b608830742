"""Fixtures for the generator's own tests: a scratch project in tmp_path."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.paths import SPECS


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """A project folder with the given specs copied or written into specs/."""

    def make(*providers: str, texts: dict[str, str] | None = None) -> Path:
        project = tmp_path / "project"
        (project / "specs").mkdir(parents=True, exist_ok=True)
        for provider in providers:
            shutil.copy(SPECS / f"{provider}.yaml", project / "specs" / f"{provider}.yaml")
        for name, text in (texts or {}).items():
            (project / "specs" / f"{name}.yaml").write_text(text, encoding="utf-8")
        return project

    return make
