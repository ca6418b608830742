"""Checks of an operation's request: `_body_<op>` for its body, `_params_<op>` for its parameters.

Parameters are checked by their Python names (as the client takes them)
and reported at their wire names, as the provider would.
"""

from __future__ import annotations

from generator.emit import messages
from generator.emit.type_checks import TypeChecks
from generator.spec import param_conditions
from generator.spec.model import Operation, Param
from generator.spec.pointer import escape as _escape


class OperationChecks(TypeChecks):
    def operation(self, op: Operation) -> None:
        self._body(op)
        w = self.w
        w()
        w()
        self.function(op.name)
        with w.block(
            f"def _params_{op.name}(params: Mapping[str, Any], out: list[Problem]) -> None:"
        ):
            if not op.params:
                w("pass")
            for param in op.params:
                self.at_field(op.name, param.python_name)
                self._param(param)
                conditional = param_conditions.check_code(op, param)
                if conditional is not None:
                    test, message = conditional
                    pointer = repr("/" + _escape(param.wire_name))
                    self.check(test, pointer, repr(message), "'conditional'", param.wire_name)
            if op.params_at_least_one_of:
                self._params_at_least_one_of(op)

    def _body(self, op: Operation) -> None:
        """The body's shape; a field only responses carry is refused in a request."""
        w = self.w
        w()
        w()
        self.function(f"{op.name}_body")
        with w.block(f"def _body_{op.name}(value: Any, out: list[Problem]) -> None:"):
            if op.body is None:
                self.check(
                    "value is not None", '""', repr("this operation takes no body"), "'no_body'"
                )
                return
            self.shape(op.body, "value", '""')
            for name in op.response_only:
                self.check(
                    f"isinstance(value, dict) and {name!r} in value",
                    repr("/" + _escape(name)),
                    repr(messages.RESPONSE_ONLY),
                    "'response_only'",
                )

    def _params_at_least_one_of(self, op: Operation) -> None:
        self.at_owner(op.name)
        names = self.constant(repr(op.params_at_least_one_of), "PARAMS_AT_LEAST_ONE_OF")
        wire = tuple(p.wire_name for p in op.params if p.python_name in op.params_at_least_one_of)
        self.check(
            f"all(params.get(k) is None for k in {names})",
            '""',
            repr(messages.at_least_one(wire).replace("is required", "parameter is required")),
            "'at_least_one_of'",
        )

    def _param(self, param: Param) -> None:
        w = self.w
        v = w.fresh(param.python_name)
        pointer = repr("/" + _escape(param.wire_name))
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
