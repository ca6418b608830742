"""Synthetic specs for the scale benchmark: one large provider, and many small ones."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
Row = dict[str, Any]


def spec_text(provider: str, operations: int) -> str:
    """`operations` operations over 2 x `operations` types, in the spec language."""
    lines = [
        "shipspec: 1",
        f"provider: {provider}",
        f"title: Synthetic {provider}",
        "version: 1.0.0",
        "servers: {live: https://api.example.com}",
        "auth: {scheme: none}",
        "types:",
    ]
    for n in range(operations):
        lines += [
            f"  Item{n}:",
            "    source: synthetic",
            "    fields:",
            "      sku: {type: string, required: true, maxLength: 10}",
            "      quantity: {type: integer, required: true, minimum: 1}",
            f"  Thing{n}:",
            "    source: synthetic",
            "    fields:",
            "      name: {type: string, required: true, minLength: 5, maxLength: 30}",
            "      code: {type: string, pattern: '^[A-Z]{3}$'}",
            "      when: {type: string, format: date}",
            "      status: {type: string, enum: {A: Allocated, B: Backorder}}",
            f"      items: {{type: array, items: Item{n}, minItems: 1, maxItems: 50}}",
        ]
    lines.append("operations:")
    for n in range(operations):
        lines += [
            f"  op_{n}:",
            "    source: synthetic",
            "    method: POST",
            f"    path: /things/{n}/{{id}}",
            "    params:",
            "      id: {in: path, type: string, maxLength: 20}",
            f"    body: Thing{n}",
            f'    responses: {{"200": Thing{n}}}',
        ]
    return "\n".join(lines) + "\n"


def _generate(project: Path, cache: Path) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one `shipspec generate` (cold format cache)."""
    env = {**os.environ, "SHIPSPEC_CACHE_DIR": str(cache)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "generator", "--project", str(project), "generate"],
        check=True,
        capture_output=True,
        env=env,
        cwd=ROOT,
    )
    seconds = time.perf_counter() - started
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return seconds, peak / 1024


def measure(sizes: tuple[int, ...], providers: int) -> list[Row]:
    rows: list[Row] = []
    first: tuple[int, float] | None = None
    for size in sizes:
        project = Path(tempfile.mkdtemp(prefix=f"shipspec-scale-{size}-"))
        (project / "specs").mkdir()
        (project / "specs" / "big.yaml").write_text(spec_text("big", size))
        seconds, peak = _generate(project, project / "cache")
        first = first or (size, seconds)
        per_op = seconds / size
        rows.append(
            {
                "measure": f"one provider, {size} operations / {2 * size} types",
                "seconds": seconds,
                "peer": f"peak {peak:.0f} MiB",
                "ratio": per_op / (first[1] / first[0]),
                "target": "linear (ratio ~1 per operation)",
            }
        )
        shutil.rmtree(project, ignore_errors=True)
    project = Path(tempfile.mkdtemp(prefix="shipspec-many-"))
    (project / "specs").mkdir()
    for n in range(providers):
        (project / "specs" / f"p{n}.yaml").write_text(spec_text(f"p{n}", 30))
    seconds, peak = _generate(project, project / "cache")
    rows.append(
        {
            "measure": f"{providers} providers x 30 operations, {os.cpu_count()} cores",
            "seconds": seconds,
            "peer": f"peak {peak:.0f} MiB (largest process)",
        }
    )
    shutil.rmtree(project, ignore_errors=True)
    return rows
