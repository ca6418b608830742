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


# A table's check: (value, pointer of the value, problems found so far).
_CHECK = "Callable[[Any, str, list[Problem]], None]"
_PARAMS_CHECK = "Callable[[Mapping[str, Any], str, list[Problem]], None]"


class _Emitter(OperationChecks):
    def module(self, types: frozenset[str] | None = None, part: str = ALL) -> str:
        """The checks of `part` (REQUESTS, RESPONSES or ALL), with the named types in `types`."""
        for typedef in self.spec.types:
            if types is None or typedef.name in types:
                self.typedef(typedef)
        if part != RESPONSES:
            checks = {op.name: self.operation(op) for op in self.spec.operations}
        if part != REQUESTS:
            self._response_side()
        if part != RESPONSES:
            self.w()
            self.w()
            bodies = {name: body for name, (body, _) in checks.items()}
            params = {name: params for name, (_, params) in checks.items()}
            self._dict("BODY_CHECKS", bodies, _CHECK)
            self._dict("PARAM_CHECKS", params, _PARAMS_CHECK)
        return self.source()

    def _response_side(self) -> None:
        """The checks of what the provider sends: responses, webhooks, error bodies, by key."""
        responses: dict[str, str] = {}
        for op in self.spec.operations:
            for response in op.responses:
                if response.shape is not None:
                    name = f"_response_{op.name}_{response.status}"
                    responses[f"{op.name}:{response.status}"] = self.value_check(
                        name, response.shape
                    )
        webhooks: dict[str, str] = {}
        for hook in self.spec.webhooks:
            shape = Shape(kind="ref", ref=hook.payload)
            webhooks[hook.name] = self.value_check(f"_webhook_{hook.name}", shape)
        errors: dict[str, str] = {}
        for index, error in enumerate(self.spec.error_formats):
            if error.shape is not None:
                name = f"_error_{_suffix(error.name, index)}"
                errors[error.name] = self.value_check(name, error.shape)
        self.w()
        self.w()
        self._dict("ERROR_CHECKS", errors, _CHECK)
        self._dict("RESPONSE_CHECKS", responses, _CHECK)
        self._dict("WEBHOOK_CHECKS", webhooks, _CHECK)

    def _dict(self, name: str, checks: dict[str, str], check_type: str) -> None:
        """`name`: key -> its compiled check, for the checks of one kind of payload."""
        w = self.w
        if not checks:  # as black writes an empty table, so the chunk need not go through it
            w(f"{name}: dict[str, {check_type}] = {{}}")
            return
        w(f"{name}: dict[str, {check_type}] = {{")
        for key, check in checks.items():
            w(f"    {key!r}: {check},")
        w("}")


def _suffix(name: str, index: int) -> str:
    """A name as part of a function name: kept when it can be, else numbered (capital N
    never occurs in a kept one, so the two never meet)."""
    return name if re.fullmatch(r"[a-z0-9_]+", name) else f"N{index}"


def emit_validators(spec: Spec, types: frozenset[str] | None = None, part: str = ALL) -> str:
    """Python source of the generated checks: all of them, or the REQUESTS or RESPONSES part
    (response_checks.py splits them), with the named types in `types` (None: every type).
    """
    return _Emitter(spec).module(types, part)


__all__ = ["emit_validators"]
