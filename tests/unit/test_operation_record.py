"""_operations.py's records spell only what differs from OperationInfo's defaults
(generator/emit/operation_record.py); read back, every record holds the operation's values."""

from __future__ import annotations

import importlib

import pytest

from generator.emit.operation_record import RECORD_DEFAULTS, record_lines
from generator.emit.operation_view import operation_view
from generator.output.pipeline import Project, load_spec
from tests.paths import GENERATED, PROVIDERS, ROOT


@pytest.mark.parametrize("provider", PROVIDERS)
def test_every_record_reads_back_as_its_operation(provider: str) -> None:
    spec = load_spec(Project(ROOT, GENERATED), provider)
    ops = importlib.import_module(f"{provider}_client._operations")
    for op in spec.operations:
        view, info = operation_view(spec, op), ops.BY_NAME[op.name]
        for name in RECORD_DEFAULTS:
            if name == "batch" and not hasattr(info, "batch"):
                continue
            expected = view.success_statuses if name == "success" else getattr(view, name)
            assert getattr(info, name) == expected, (op.name, name)
        assert info.errors == view.errors and info.warnings == view.warnings, op.name
        assert [(p.python_name, p.wire_name, p.location) for p in info.params] == [
            (p.python_name, p.wire_name, p.location) for p in view.params
        ]


def test_a_field_at_its_default_is_left_out_and_one_that_differs_is_written() -> None:
    spec = load_spec(Project(ROOT, GENERATED), "activeants")
    view = operation_view(spec, next(op for op in spec.operations if op.name == "get_settings"))
    lines = record_lines(view, view.errors)
    assert "enveloped=True," in lines and "cache_ttl=86400," in lines
    assert not any(line.startswith(("auth=", "accept=", "errors=", "success=")) for line in lines)
    assert any(line.startswith("errors=") for line in record_lines(view, {599: ("other",)}))
