"""Checks of an operation's request: `_body_<op>` for its body, `_params_<op>` for its parameters.

Parameters are checked by their Python names (as the client takes them)
and reported at their wire names, as the provider would. A body that is a
named type is checked by the type's own `_check_<Type>` (no function of its
own); an operation without body or parameters takes the runtime's shared
`_no_body` or `_no_params`. Every table's check takes (value, pointer, out).
"""

from __future__ import annotations

from collections import Counter

from generator.emit import messages
from generator.emit.type_checks import TypeChecks
from generator.spec import param_conditions
from generator.spec.model import Operation, Param, Shape, Spec
from generator.spec.pointer import escape as _escape

_PARAMS_SIGNATURE = "(params: Mapping[str, Any], ptr: str, out: list[Problem]) -> None"


def _param_key(param: Param) -> str:
    """What makes two operations' parameters one check: names, place, presence, shape."""
    return repr((param.python_name, param.wire_name, param.location, param.required, param.shape))


class OperationChecks(TypeChecks):
    def __init__(self, spec: Spec) -> None:
        super().__init__(spec)
        self._param_checks: dict[str, str] = {}  # a shared parameter's key -> its check
        self._param_uses = Counter(_param_key(p) for op in spec.operations for p in op.params)

    def operation(self, op: Operation) -> tuple[str, str]:
        """Write the operation's checks; returns the names of its body's and its params' checks."""
        params = self._params(op) if op.params else "_no_params"
        return self._body(op), params

    def _params(self, op: Operation) -> str:
        w = self.w
        shared = [self._shared_param(param) for param in op.params]
        alone = len(op.params) == 1 and not op.params_at_least_one_of
        if alone and shared[0] is not None and not param_conditions.check_code(op, op.params[0]):
            return shared[0]  # the shared parameter's check is the operation's
        w()
        w()
        self.function(op.name)
        with w.block(f"def _params_{op.name}{_PARAMS_SIGNATURE}:"):
            for param, check in zip(op.params, shared, strict=True):
                self.at_field(op.name, param.python_name)
                if check is not None:
                    w.call([check], ["params", "ptr", "out"])
                else:
                    self._param(param)
                conditional = param_conditions.check_code(op, param)
                if conditional is not None:
                    test, message = conditional
                    pointer = f"ptr + {'/' + _escape(param.wire_name)!r}"
                    self.check(test, pointer, repr(message), "'conditional'", param.wire_name)
            if op.params_at_least_one_of:
                self._params_at_least_one_of(op)
        return f"_params_{op.name}"

    def _shared_param(self, param: Param) -> str | None:
        """The check of a parameter several operations take alike (`_param_<name>`), written
        once before its first user; None for a parameter of one operation (written inline)."""
        key = _param_key(param)
        if self._param_uses[key] < 2:
            return None
        if key not in self._param_checks:
            stem = f"_param_{param.python_name}"
            name, number = stem, 1
            while name in self._param_checks.values():
                number += 1
                name = f"{stem}_{number}"
            self._param_checks[key] = name
            self.w()
            self.w()
            self.function(param.python_name)
            with self.w.block(f"def {name}{_PARAMS_SIGNATURE}:"):
                self._param(param)
        return self._param_checks[key]

    def value_check(self, name: str, shape: Shape) -> str:
        """A check of a whole payload: a named type's own check, else `name` written for it."""
        if shape.kind == "ref" and not shape.nullable:
            return f"_check_{shape.ref}"
        w = self.w
        w()
        w()
        self.function(name.strip("_"))
        with w.block(f"def {name}(value: Any, ptr: str, out: list[Problem]) -> None:"):
            self.shape(shape, "value", "ptr")
        return name

    def _body(self, op: Operation) -> str:
        """The body's shape; a field only responses carry is refused in a request."""
        if op.body is None:
            return "_no_body"
        if not op.response_only:
            return self.value_check(f"_body_{op.name}", op.body)
        w = self.w
        w()
        w()
        self.function(f"{op.name}_body")
        with w.block(f"def _body_{op.name}(value: Any, ptr: str, out: list[Problem]) -> None:"):
            self.shape(op.body, "value", "ptr")
            self.w.call(["_response_only"], ["value", repr(tuple(op.response_only)), "ptr", "out"])
        return f"_body_{op.name}"

    def _params_at_least_one_of(self, op: Operation) -> None:
        self.at_owner(op.name)
        names = self.constant(repr(op.params_at_least_one_of), "PARAMS_AT_LEAST_ONE_OF")
        wire = tuple(p.wire_name for p in op.params if p.python_name in op.params_at_least_one_of)
        self.check(
            f"all(params.get(k) is None for k in {names})",
            "ptr",
            repr(messages.at_least_one(wire).replace("is required", "parameter is required")),
            "'at_least_one_of'",
        )

    def _param(self, param: Param) -> None:
        w = self.w
        v = w.fresh(param.python_name)
        pointer = f"ptr + {'/' + _escape(param.wire_name)!r}"
        w(f"{v} = params.get({param.python_name!r})")
        with w.block(f"if {v} is not None:"):
            self.shape(param.shape, v, pointer)
        if param.required:
            with w.block("else:"):
                self.problem(
                    pointer,
                    self.message(
                        param.shape,
                        "required",
                        repr(f"missing required {param.location} parameter"),
                    ),
                    "'required'",
                    param.wire_name,
                )
