"""The README's example calls: one per operation, each document body written out once.

CartonCloud's document gives each update the order of its create example
with the id and version added; written out in full, every update example
repeated the create's sixty lines. So an example body holding the whole
body of an earlier operation's example (every key, with the same value) is
written as that body with the keys it adds, `{**create_inbound_order_body,
"id": ..., "version": 1}`, and the earlier example names its body
`create_inbound_order_body`. A body that fits on one line is written out
as it is: naming it would not make it shorter or clearer.

The calls are on the `client` of the README's "Use" section; the HTML page
(`shipspec docs`) keeps whole, standalone examples.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.emit.pyliteral import WIDTH, Name, Spread, flat, literal, method_call
from generator.emit.reference import example_args
from generator.spec.model import Spec

Args = list[tuple[str | None, Any]]


@dataclass(frozen=True)
class ExampleCode:
    code: str  # Python source
    title: str  # the document example it uses, or ""
    based_on: str  # the operation whose example body this one adds keys to, or ""


def _body_at(args: Args) -> int:
    """The body's place: the last positional argument (path parameters come before it)."""
    return max(i for i, (name, _) in enumerate(args) if name is None)


def _extends(body: Any, base: Any) -> bool:
    """Does `body` hold all of `base`, a body too long for one line?"""
    if not isinstance(body, dict) or not isinstance(base, dict) or len(flat(base)) <= WIDTH:
        return False
    return all(key in body and body[key] == value for key, value in base.items())


def _variable(operation: str) -> str:
    return f"{operation}_body"


def _with_body(args: Args, value: Any) -> Args:
    at = _body_at(args)
    return [*args[:at], (None, value), *args[at + 1 :]]


def readme_examples(spec: Spec) -> dict[str, ExampleCode]:
    """Operation name -> its example, in the README's order."""
    calls = {op.name: example_args(spec, op) for op in spec.operations}
    bodies = {
        op.name: calls[op.name][0][_body_at(calls[op.name][0])][1]
        for op in spec.operations
        if op.body is not None
    }
    bases: dict[str, str] = {}
    for index, op in enumerate(spec.operations):
        earlier = [o.name for o in spec.operations[:index] if o.name not in bases]
        found = next((e for e in earlier if _extends(bodies.get(op.name), bodies.get(e))), None)
        if found is not None:
            bases[op.name] = found
    named = set(bases.values())
    examples = {}
    for op in spec.operations:
        args, title = calls[op.name]
        lines = []
        if op.name in named:
            variable = _variable(op.name)
            lines.append(f"{variable} = {literal(bodies[op.name], 0, len(variable) + 3)}")
            args = _with_body(args, Name(variable))
        base = bases.get(op.name, "")
        if base:
            extra = {k: v for k, v in bodies[op.name].items() if k not in bodies[base]}
            value = Spread(_variable(base), extra) if extra else Name(_variable(base))
            args = _with_body(args, value)
        lines.append(method_call(op.name, args))
        examples[op.name] = ExampleCode("\n".join(lines), title, base)
    return examples
