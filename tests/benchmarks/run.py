"""shipspec's benchmark suite: generation, validation, client overhead, scale, import cost.

Run from the project root (after the Quickstart's install):

    pip install -e ".[dev,bench]" && python tests/benchmarks/run.py [--quick] [--out FILE]

Every figure is measured on this machine in this run, peers beside ours, and
compared as ratios (machines here are noisy). Prints a table and writes it as
JSON (default: benchmark-results.json). Not part of the default test run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

import synthetic  # noqa: E402  (beside this file)
import validation_peers  # noqa: E402

Row = dict[str, Any]


def _median_seconds(
    command: list[str],
    *,
    runs: int,
    env: dict[str, str] | None = None,
    prepare: Callable[[], None] | None = None,
) -> float:
    times = []
    for _ in range(runs):
        if prepare:
            prepare()
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env, cwd=ROOT)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _shipspec(*args: str, project: Path = ROOT) -> list[str]:
    return [sys.executable, "-m", "generator", "--project", str(project), *args]


def _interleaved(
    ours: list[str],
    peer: list[str] | None,
    *,
    runs: int,
    env: dict[str, str] | None = None,
    prepare: Callable[[], None] | None = None,
    prepare_peer: Callable[[], None] | None = None,
) -> tuple[float, float | None]:
    """Medians of `runs` interleaved pairs (ours, then the peer), so load on a shared
    machine weighs on both sides alike."""
    mine, theirs = [], []
    for _ in range(runs):
        mine.append(_median_seconds(ours, runs=1, env=env, prepare=prepare))
        if peer is not None:
            theirs.append(_median_seconds(peer, runs=1, prepare=prepare_peer))
    return statistics.median(mine), statistics.median(theirs) if theirs else None


class _SpecEdit:
    """A copy of the project in which one constraint of specs/novatech.yaml changes
    before each run (maxLength 30 -> 31 -> 32 ...), as a user's edit would: each
    run sees a spec no cache has seen."""

    def __init__(self, scratch: Path) -> None:
        self.project = scratch / "edit-project"
        shutil.copytree(ROOT / "specs", self.project / "specs")
        shutil.copytree(ROOT / "generated", self.project / "generated")
        self.spec = self.project / "specs" / "novatech.yaml"
        self.value = 30

    def edit(self) -> None:
        text = self.spec.read_text("utf-8")
        before = f"maxLength: {self.value}}}"
        assert before in text, "the benchmark's edit no longer applies to specs/novatech.yaml"
        self.value += 1
        self.spec.write_text(text.replace(before, f"maxLength: {self.value}}}", 1), "utf-8")


def regeneration(runs: int) -> list[Row]:
    """The issue's generation rows, each beside its peer, measured as whole processes."""
    scratch = Path(tempfile.mkdtemp(prefix="shipspec-bench-"))
    out = scratch / "generated"
    cold_cache = scratch / "cache"
    peer_out = scratch / "peer"

    def empty_output_and_cache() -> None:
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(cold_cache, ignore_errors=True)

    def empty_output() -> None:
        shutil.rmtree(out, ignore_errors=True)

    cold_env = {**os.environ, "SHIPSPEC_CACHE_DIR": str(cold_cache)}
    warm_env = {**os.environ, "SHIPSPEC_CACHE_DIR": str(scratch / "warm")}
    subprocess.run(
        _shipspec("generate", "--out", str(out)), check=True, capture_output=True, env=warm_env
    )
    peer = None
    if shutil.which("openapi-python-client"):
        peer = [
            "openapi-python-client",
            "generate",
            "--path",
            str(ROOT / "generated/novatech/openapi.yaml"),
            "--output-path",
            str(peer_out),
            "--overwrite",
        ]
    cold, peer_s = _interleaved(
        _shipspec("generate", "--out", str(out)),
        peer,
        runs=runs,
        env=cold_env,
        prepare=empty_output_and_cache,
        prepare_peer=lambda: shutil.rmtree(peer_out, ignore_errors=True),
    )
    warm = _median_seconds(
        _shipspec("generate", "--out", str(out)), runs=runs, env=warm_env, prepare=empty_output
    )
    edit = _SpecEdit(scratch)
    edit_command = _shipspec("generate", "novatech", project=edit.project)
    subprocess.run(edit_command, check=True, capture_output=True, env=warm_env)  # warm cache
    edited, peer_edit = _interleaved(
        edit_command,
        peer,
        runs=runs,
        env=warm_env,
        prepare=edit.edit,
        prepare_peer=lambda: shutil.rmtree(peer_out, ignore_errors=True),
    )
    check, bare = _interleaved(
        _shipspec("generate", "--check"), [sys.executable, "-c", "pass"], runs=max(runs, 7)
    )
    noop = _median_seconds(_shipspec("generate"), runs=max(runs, 5))
    peer_name = "openapi-python-client, Novatech only"
    rows: list[Row] = [
        {
            "measure": "all 5 providers, empty generated/ and empty cache",
            "seconds": cold,
            "peer": peer_name,
            "peer_seconds": peer_s,
            "ratio": cold / peer_s if peer_s else None,
            "target": "<= 2.0",
        },
        {
            "measure": "one constraint of novatech.yaml changed, generate novatech",
            "seconds": edited,
            "peer": peer_name,
            "peer_seconds": peer_edit,
            "ratio": edited / peer_edit if peer_edit else None,
            "target": "<= 0.5",
        },
        {
            "measure": "generate --check on a clean tree",
            "seconds": check,
            "peer": "python -c pass",
            "peer_seconds": bare,
            "ratio": check / bare if bare else None,
            "target": "<= 6.0",
        },
        {
            "measure": "all 5 providers, empty generated/, warm cache",
            "seconds": warm,
            "peer": peer_name,
            "peer_seconds": peer_s,
            "ratio": warm / peer_s if peer_s else None,
        },
        {"measure": "no-op regeneration (whole process)", "seconds": noop},
    ]
    rows += breakdown(quick=runs < 5)
    shutil.rmtree(scratch, ignore_errors=True)
    return rows


def breakdown(*, quick: bool) -> list[Row]:
    """Where the time of one cold generation (in-process, no cache) goes: every
    provider, or Novatech alone with --quick."""
    code = """
import cProfile, pstats, io, os, sys, time
os.environ["SHIPSPEC_CACHE_DIR"] = ""
started = time.perf_counter()
from pathlib import Path
import generator.output.pipeline as p, generator.emit.render as r, black
imports = time.perf_counter() - started
profile = cProfile.Profile()
project = p.Project(Path("."), Path(sys.argv[1]))
profile.enable()
for name in sys.argv[2].split(",") if sys.argv[2] else project.providers():
    files = p.render_files(project, name, project.spec_path(name).read_bytes())
    from generator.output.writer import write_tree
    write_tree(project.out / name, files)
profile.disable()
stats = pstats.Stats(profile)
def total(fragment):
    return sum(v[3] for k, v in stats.stats.items() if fragment in f"{k[0]}:{k[2]}")
print(imports, total("formatting.py:_black"), total("models_emit.py:emit_models"),
      total("environment.py:render"), total("writer.py:write_tree"),
      total("checked.py:load_checked"),
      sum(v[2] for v in stats.stats.values()))
"""
    out = Path(tempfile.mkdtemp(prefix="shipspec-breakdown-"))
    result = subprocess.run(
        [sys.executable, "-c", code, str(out), "novatech" if quick else ""],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    shutil.rmtree(out, ignore_errors=True)
    imports, black_s, dcg, templates, writes, load, total = map(float, result.stdout.split())
    parts = {
        "imports (generator, black)": imports,
        "black": black_s,
        "models.py (models_emit)": dcg,
        "templates (Jinja)": templates,
        "writes": writes,
        "load + check + examples": load,
        f"all, one process, serial ({'Novatech' if quick else 'every provider'})": total,
    }
    return [{"measure": f"breakdown: {name}", "seconds": value} for name, value in parts.items()]


def validation() -> list[Row]:
    """3: pre-send validation of the documented place-order payload, valid and invalid."""
    return validation_peers.measure(ROOT)


def client_overhead(calls: int, concurrent: int) -> list[Row]:
    """4: the generated client against raw httpx, to the same loopback server."""
    code = Path(__file__).with_name("client_overhead.py")
    result = subprocess.run(
        [sys.executable, str(code), str(calls), str(concurrent)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    rows: list[Row] = json.loads(result.stdout)
    return rows


def scale(quick: bool) -> list[Row]:
    """5: a synthetic spec of growing size, and many providers generated in parallel."""
    sizes = (25, 50, 100) if quick else (100, 500, 1000)
    providers = 8 if quick else 200
    return synthetic.measure(sizes, providers)


def import_cost(runs: int) -> list[Row]:
    """6: importing a generated package against importing its runtime."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "generated" / "novatech")}
    ours = _median_seconds([sys.executable, "-c", "import novatech_client"], runs=runs, env=env)
    base = _median_seconds([sys.executable, "-c", "import httpx, pydantic"], runs=runs, env=env)
    return [
        {
            "measure": "import novatech_client",
            "seconds": ours,
            "peer": "import httpx, pydantic",
            "peer_seconds": base,
            "ratio": ours / base,
            "target": "<= 1.3",
        }
    ]


def _table(rows: list[Row]) -> str:
    def cell(value: Any) -> str:
        if isinstance(value, float):
            return f"{value * 1e6:.1f} us" if value < 0.001 else f"{value:.3f}"
        return "" if value is None else str(value)

    lines = [
        "| measure | ours (s) | peer | peer (s) | ratio | target |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        ratio = row.get("ratio")
        lines.append(
            f"| {row['measure']} | {cell(row.get('seconds'))} | {cell(row.get('peer'))} | "
            f"{cell(row.get('peer_seconds'))} | {'' if ratio is None else f'{ratio:.2f}'} | "
            f"{cell(row.get('target'))} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick", action="store_true", help="smaller scale runs (minutes, not tens)"
    )
    parser.add_argument("--out", type=Path, default=Path("benchmark-results.json"))
    args = parser.parse_args()
    # Measured as installed tools run: with their bytecode cached. (A sandbox that
    # sets PYTHONDONTWRITEBYTECODE makes every process recompile an editable
    # install's modules, ~0.3 s that no user pays.) The peers inherit the same.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    runs = 3 if args.quick else 5
    rows: list[Row] = []
    for name, measure in (
        ("regeneration", lambda: regeneration(runs)),
        ("validation", validation),
        ("client overhead", lambda: client_overhead(2000, 100)),
        ("import cost", lambda: import_cost(max(runs, 7))),
        ("scale", lambda: scale(args.quick)),
    ):
        print(f"... {name}", file=sys.stderr, flush=True)
        measured = measure()
        print(_table(measured), file=sys.stderr, flush=True)  # progress, as it goes
        rows += measured
    machine = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
    }
    versions = {}
    from importlib import metadata

    for package in (
        "black",
        "pydantic",
        "httpx",
        "jsonschema",
        "fastjsonschema",
        "msgspec",
        "openapi-python-client",
    ):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    args.out.write_text(
        json.dumps({"machine": machine, "versions": versions, "rows": rows}, indent=2)
    )
    print(f"machine: {machine}\nversions: {versions}\n")
    print(_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
