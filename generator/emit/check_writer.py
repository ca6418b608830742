"""The base of the validator emitter: the output buffer, local and constant names, problems.

Every kind of check (scalars, shapes, rules, types, operations) writes
through these few methods, so names and problems read the same everywhere
in the generated `_validation.py`.
"""

from __future__ import annotations

import builtins

from generator.emit import naming
from generator.emit.codewriter import BlackWriter, black_constant
from generator.spec.model import Shape, Spec

# Names a generated check's locals never take: its parameters and the builtins it calls.
_RESERVED = frozenset({"value", "ptr", "out", "params", "k", *dir(builtins)})


class CheckWriter:
    """Names come from the spec: a local is the field it holds (`deliver_to`,
    `address_lines_item`, `name_length`), a constant the type or operation and
    field it serves (`_DELIVER_TO_FIELDS`, `_PLACE_ORDER_STATUS_VALUES`)."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.w = BlackWriter()  # black's style as written: no black pass needed
        self.constants: list[str] = []
        self._constant_ids: dict[str, str] = {}
        self._where = ""  # CONSTANT_CASE of the type/operation and field being checked

    def function(self, where: str) -> None:
        """A new generated function, checking `where` (a type's or an operation's name)."""
        self.w.scope(_RESERVED)
        self.at_owner(where)

    def at_owner(self, owner: str) -> None:
        """Constants from here on serve `owner` (a type or operation) as a whole."""
        self._where = naming.snake_case(owner).upper()

    def at_field(self, owner: str, field: str) -> None:
        self._where = f"{naming.snake_case(owner).upper()}_{naming.snake_case(field).upper()}"

    def constant(self, expression: str, what: str) -> str:
        """Hoist a pattern or set to module level, once per distinct value, named for its use."""
        if expression not in self._constant_ids:
            stem = f"_{self._where}_{what}" if self._where else f"_{what}"
            if not stem[1:].replace("_", "").isalnum() or not stem.isidentifier():
                stem = f"_{what}"
            name, number = stem, 1
            while name in self._constant_ids.values():
                number += 1
                name = f"{stem}_{number}"
            self._constant_ids[expression] = name
            self.constants.append(black_constant(name, expression))
        return self._constant_ids[expression]

    def problem(self, pointer: str, message: str, rule: str, field: str | None = None) -> None:
        """Append a problem; `rule` is a Python expression (usually a literal)."""
        args = [pointer, message, rule] + ([repr(field)] if field is not None else [])
        self.w.call(["out.append", "Problem"], args)

    def check(
        self, condition: str, p: str, message: str, rule: str, field: str | None = None
    ) -> None:
        """A problem when `condition` (Python source) holds."""
        with self.w.block(f"if {condition}:"):
            self.problem(p, message, rule, field)

    def missing(self, shape: Shape, name: str) -> None:
        """A required field absent: the runtime's `_missing`, unless the spec words it."""
        override = shape.message("required")
        if override is None:
            self.w.call(["_missing"], [repr(name), "ptr", "out"])
        else:
            self.problem("ptr", repr(override), "'required'", name)

    @staticmethod
    def message(shape: Shape, rule: str, default: str) -> str:
        """The spec's own wording for `rule` if it gives one, else ours."""
        override = shape.message(rule)
        return repr(override) if override else default

    def source(self) -> str:
        """The module text so far: the hoisted constants, then the functions."""
        return "\n".join(self.constants) + "\n" + self.w.text()
