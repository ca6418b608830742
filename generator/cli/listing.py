"""What `shipspec list` prints: each provider's operations as METHOD PATH.

Text for people (aligned columns, one block per provider), JSON for scripts.
"""

from __future__ import annotations

import json
from typing import Any

from generator.spec.model import Operation, Spec


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _heading(spec: Spec) -> str:
    parts = [f"auth: {spec.auth.scheme}", _plural(len(spec.operations), "operation")]
    if spec.webhooks:
        parts.append(_plural(len(spec.webhooks), "webhook"))
    return f"{spec.provider} — {spec.title} {spec.version} ({', '.join(parts)})"


def _notes(spec: Spec, op: Operation) -> str:
    notes = ["no auth"] if not op.auth and spec.auth.scheme != "none" else []
    if op.deprecated:
        notes.append("deprecated")
    return f"  ({', '.join(notes)})" if notes else ""


def listing_text(specs: list[Spec]) -> str:
    blocks = []
    for spec in specs:
        name_width = max((len(op.name) for op in spec.operations), default=0)
        method_width = max((len(op.method) for op in spec.operations), default=0)
        lines = [_heading(spec)]
        lines += [
            f"  {op.name:<{name_width}}  {op.method:<{method_width}}  {op.path}"
            f"{_notes(spec, op)}".rstrip()
            for op in spec.operations
        ]
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def listing_json(specs: list[Spec]) -> str:
    data: dict[str, Any] = {
        spec.provider: {
            "title": spec.title,
            "version": spec.version,
            "auth": spec.auth.scheme,
            "operations": [
                {
                    "name": op.name,
                    "method": op.method,
                    "path": op.path,
                    "auth": op.auth,
                    "deprecated": op.deprecated is not None,
                }
                for op in spec.operations
            ],
            "webhooks": [hook.name for hook in spec.webhooks],
        }
        for spec in specs
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
