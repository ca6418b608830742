"""A sandbox rule the mock would never play is refused, not kept as a silent promise.

The mock plays a triggered rule (`when`, with `then` or `respond`) while it
creates an entity for the rule's operation, and a progression (`sequence`,
every `every_seconds`) on reads of what that operation created. A rule with
neither is documentation (the package README lists it). Anything in between
names behaviour no test could ever see, so it is an error at its place.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator.spec import diagnostic_codes as codes
from generator.spec.build_context import BuildContext
from generator.spec.loader import child_pointer
from generator.spec.model import Operation

_TRIGGERED = ("when", "then", "respond")
_PROGRESSION = ("sequence", "every_seconds", "field")


def check_sandbox(ctx: BuildContext, operations: Mapping[str, Operation]) -> None:
    """Every rule either documents only, or is one the mock plays."""
    for index, rule in enumerate(ctx.raw.get("sandbox") or ()):
        if isinstance(rule, dict):
            _check_rule(ctx, f"/sandbox/{index}", rule, operations)


def _check_rule(
    ctx: BuildContext, pointer: str, rule: Mapping[str, Any], operations: Mapping[str, Operation]
) -> None:
    triggered = [key for key in _TRIGGERED if key in rule]
    progression = [key for key in _PROGRESSION if key in rule]
    for problem in _incomplete(triggered, progression):
        ctx.error(pointer, problem, codes.BAD_SANDBOX)
    if not (triggered or progression):
        return  # documentation only
    name = rule.get("operation")
    if name is None:
        ctx.error(pointer, "a rule the mock plays names its `operation`", codes.BAD_SANDBOX)
        return
    op = operations.get(name)
    mock = op.mock if op is not None else None
    if op is not None and (mock is None or mock.action != "create"):
        action = f"its mock action is '{mock.action}'" if mock else "it has no `mock:`"
        ctx.error(
            child_pointer(pointer, "operation"),
            f"the mock plays sandbox rules on entities it creates, and operation '{name}'"
            f" creates none ({action})",
            codes.BAD_SANDBOX,
        )


def _incomplete(triggered: list[str], progression: list[str]) -> list[str]:
    """What a half-declared rule lacks to be played."""
    problems = []
    if triggered and "when" not in triggered:
        problems.append("`then` and `respond` need `when`: the request that triggers them")
    if triggered == ["when"]:
        problems.append("`when` needs `then` or `respond`: what the sandbox does")
    if progression and not {"sequence", "every_seconds"} <= set(progression):
        problems.append("a progression needs both `sequence` and `every_seconds`")
    return problems
