"""Load a spec text the way `shipspec generate` does, in-process (no CLI, no subprocess).

Entry point used: `generator.output.pipeline.load_checked(Project(root, out), provider)`,
the pipeline's own load -> check -> build -> judge-the-examples step. It gives
the typed model (`.spec`) and the emitted validators, executed (`.validation`).
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from generator.output.pipeline import CheckedSpec, Project, load_checked

HEADER = """\
shipspec: 1
provider: {provider}
title: Unit test API
version: 1.0.0
servers: {{live: https://api.{provider}.example}}
auth: {{scheme: none}}
"""


def spec_text(body: str, provider: str = "unit") -> str:
    return HEADER.format(provider=provider) + textwrap.dedent(body)


def load(tmp_path: Path, body: str, provider: str = "unit") -> CheckedSpec:
    """The checked model of a spec made of HEADER and `body` (raises SpecError)."""
    (tmp_path / "specs").mkdir(exist_ok=True)
    (tmp_path / "specs" / f"{provider}.yaml").write_text(spec_text(body, provider), "utf-8")
    return load_checked(Project(tmp_path, tmp_path / "generated"), provider)


def kind(value: Any) -> str:
    """A kind as text, whether the model holds a str, a Literal or an enum member."""
    return str(getattr(value, "value", value))
