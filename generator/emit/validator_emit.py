"""Compile the model's shapes and rules into straight-line Python checks.

The generated `_validation.py` judges a payload exactly as it travels (no
coercion) and collects every problem with its JSON Pointer. Compiling
instead of interpreting a schema keeps pre-send validation close to the
cost of a pydantic model_validate, and the generated code has no
dependency beyond the standard library.

The emitter is built up by kind of check, each in its own module:
check_writer (names, constants, problems) < scalar_checks < shape_checks
< rule_checks < type_checks (objects, unions) < operation_checks; this
module puts a whole `_validation.py` (or its request or response part) together.
"""

from __future__ import annotations

import re

from generator.emit.operation_checks import OperationChecks
from generator.spec.model import Shape, Spec

ALL, REQUESTS, RESPONSES = "all", "requests", "responses"  # which checks a module holds


class _Emitter(OperationChecks):
    def module(self, types: frozenset[str] | None = None, part: str = ALL) -> str:
        """The checks of `part` (REQUESTS, RESPONSES or ALL), with the named types in `types`."""
        for typedef in self.spec.types:
            if types is None or typedef.name in types:
                self.typedef(typedef)
        if part != RESPONSES:
            for op in self.spec.operations:
                self.operation(op)
        if part != REQUESTS:
            self._response_side()
        if part != RESPONSES:
            self._table("BODY_CHECKS", "_body_", "Any")
            self._table("PARAM_CHECKS", "_params_", "Mapping[str, Any]")
        return self.source()

    def _response_side(self) -> None:
        """The checks of what the provider sends: responses, webhooks, error bodies, by key."""
        responses: dict[str, str] = {}
        for op in self.spec.operations:
            for response in op.responses:
                if response.shape is not None:
                    name = f"_response_{op.name}_{response.status}"
                    self._value_check(name, response.shape)
                    responses[f"{op.name}:{response.status}"] = name
        webhooks: dict[str, str] = {}
        for hook in self.spec.webhooks:
            webhooks[hook.name] = f"_webhook_{hook.name}"
            self._value_check(webhooks[hook.name], Shape(kind="ref", ref=hook.payload))
        errors: dict[str, str] = {}
        for index, error in enumerate(self.spec.error_formats):
            if error.shape is not None:
                errors[error.name] = f"_error_{_suffix(error.name, index)}"
                self._value_check(errors[error.name], error.shape)
        self.w()
        self.w()
        self._dict("ERROR_CHECKS", errors)
        self._dict("RESPONSE_CHECKS", responses)
        self._dict("WEBHOOK_CHECKS", webhooks)

    def _value_check(self, name: str, shape: Shape) -> None:
        w = self.w
        w()
        w()
        self.function(name.strip("_"))
        with w.block(f"def {name}(value: Any, out: list[Problem]) -> None:"):
            self.shape(shape, "value", '""')

    def _dict(self, name: str, checks: dict[str, str]) -> None:
        """`name`: key -> its compiled check, for the checks of one kind of provider payload."""
        w = self.w
        if not checks:  # as black writes an empty table, so the chunk need not go through it
            w(f"{name}: dict[str, Callable[[Any, list[Problem]], None]] = {{}}")
            return
        w(f"{name}: dict[str, Callable[[Any, list[Problem]], None]] = {{")
        for key, check in checks.items():
            w(f"    {key!r}: {check},")
        w("}")

    def _table(self, name: str, prefix: str, argument: str) -> None:
        """`name`: operation -> its compiled check (`prefix` + the operation's name)."""
        w = self.w
        w()
        w()
        w(f"{name}: dict[str, Callable[[{argument}, list[Problem]], None]] = {{")
        for op in self.spec.operations:
            w(f"    {op.name!r}: {prefix}{op.name},")
        w("}")


def _suffix(name: str, index: int) -> str:
    """A name as part of a function name: kept when it can be, else numbered (capital N
    never occurs in a kept one, so the two never meet)."""
    return name if re.fullmatch(r"[a-z0-9_]+", name) else f"N{index}"


def emit_validators(spec: Spec, types: frozenset[str] | None = None, part: str = ALL) -> str:
    """Python source of the generated checks: all of them, or the REQUESTS or RESPONSES part
    (response_checks.py splits them), with the named types in `types` (None: every type)."""
    return _Emitter(spec).module(types, part)


__all__ = ["emit_validators"]
