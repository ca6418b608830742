"""Compile the model's shapes and rules into straight-line Python checks.

The generated `_validation.py` judges a payload exactly as it travels (no
coercion) and collects every problem with its JSON Pointer. Compiling
instead of interpreting a schema keeps pre-send validation close to the
cost of a pydantic model_validate, and the generated code has no
dependency beyond the standard library.
"""

from __future__ import annotations

import builtins
import re
from typing import Any, assert_never

from generator.concepts import formats, unions
from generator.emit import messages, naming
from generator.emit.codewriter import BlackWriter, black_constant
from generator.emit.messages import decimal_text
from generator.spec import conditions, param_conditions
from generator.spec.model import Operation, Param, Rule, Shape, Spec, TypeDef
from generator.spec.pointer import escape as _escape

_TYPE_TESTS = {
    "string": "isinstance({v}, str)",
    "integer": "_is_int({v})",
    "number": "_is_number({v})",
    "boolean": "isinstance({v}, bool)",
    "object": "isinstance({v}, dict)",
    "array": "isinstance({v}, list)",
    "map": "isinstance({v}, dict)",
}


ALL, REQUESTS, RESPONSES = "all", "requests", "responses"  # which checks a module holds

# Names a generated check's locals never take: its parameters and the builtins it calls.
_RESERVED = frozenset({"value", "ptr", "out", "params", "k", *dir(builtins)})


class _Emitter:
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
        self._where = naming.snake_case(where).upper()

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

    # -- shapes ---------------------------------------------------------
    def shape(self, shape: Shape, v: str, p: str) -> None:
        w = self.w
        if shape.nullable:
            with w.block(f"if {v} is not None:"):
                self._non_null(shape, v, p)
        else:
            self._non_null(shape, v, p)

    def _type_test(self, shape: Shape, v: str) -> str:
        kinds = shape.types if shape.kind == "union" else (shape.kind,)
        return " or ".join(_TYPE_TESTS[k].format(v=v) for k in kinds)

    def _non_null(self, shape: Shape, v: str, p: str) -> None:
        w = self.w
        if shape.kind == "any":
            w("pass")
            return
        if shape.kind == "ref":
            assert shape.ref is not None
            w.call([f"_check_{shape.ref}"], [v, p, "out"])
            return
        expected = messages.expected_type(shape)
        with w.block(f"if not ({self._type_test(shape, v)}):"):
            self.problem(
                p, self._message(shape, "type", f"_wrong_type({expected!r}, {v})"), "'type'"
            )
        if shape.kind in ("string", "integer", "number", "union") and _constrained(shape):
            with w.block("else:"):
                self._scalar_constraints(shape, v, p)
        elif shape.kind == "array" and _array_checked(shape):
            with w.block("else:"):
                self._array(shape, v, p)
        elif shape.kind == "map" and shape.values is not None and shape.values.kind != "any":
            with w.block("else:"):
                self._map(shape, v, p)

    def _missing(self, shape: Shape, name: str) -> None:
        message = self._message(shape, "required", repr(messages.missing(name)))
        self.problem("ptr", message, "'required'", name)

    @staticmethod
    def _message(shape: Shape, rule: str, default: str) -> str:
        """The spec's own wording for `rule` if it gives one, else ours."""
        override = shape.message(rule)
        return repr(override) if override else default

    def _check(
        self, condition: str, p: str, message: str, rule: str, field: str | None = None
    ) -> None:
        with self.w.block(f"if {condition}:"):
            self.problem(p, message, rule, field)

    def _scalar_constraints(self, shape: Shape, v: str, p: str) -> None:
        c = shape.constraints
        wrote = False
        is_str = f"isinstance({v}, str)"
        if c.minLength is not None or c.maxLength is not None:
            n = self.w.fresh(f"{v}_length")
            self.w(f"{n} = len({v}) if {is_str} else 0")
            low = f"{n} < {c.minLength}" if c.minLength is not None else ""
            high = f"{n} > {c.maxLength}" if c.maxLength is not None else ""
            test = " or ".join(t for t in (low, high) if t)
            if shape.kind == "union":
                test = f"{is_str} and ({test})"
            self._check(
                test,
                p,
                self._message(shape, "length", messages.length(c, n)),
                _low_high(n, c.minLength, "minLength", "maxLength"),
            )
            wrote = True
        if c.pattern is not None:
            regex = self.constant(f"re.compile({c.pattern!r})", "PATTERN")
            self._check(
                f"{is_str} and not {regex}.search({v})",
                p,
                self._message(shape, "pattern", messages.pattern(c.pattern, v)),
                "'pattern'",
            )
            wrote = True
        if c.format is not None:
            test = formats.get(c.format).runtime_test
            self._check(
                f"{is_str} and not {test}({v})",
                p,
                self._message(shape, "format", messages.format_(c.format, v)),
                "'format'",
            )
            wrote = True
        for word, op in (
            ("minimum", "<"),
            ("maximum", ">"),
            ("exclusiveMinimum", "<="),
            ("exclusiveMaximum", ">="),
        ):
            bound = getattr(c, word)
            if bound is not None:
                self._check(
                    f"_is_number({v}) and {v} {op} {bound!r}",
                    p,
                    self._message(shape, word, messages.bound(word, bound, v)),
                    repr(word),
                )
                wrote = True
        if c.multipleOf is not None:
            step = repr(decimal_text(c.multipleOf))
            self._check(
                f"_is_number({v}) and not _multiple_of({v}, {step})",
                p,
                self._message(shape, "multipleOf", messages.multiple_of(c.multipleOf, v)),
                "'multipleOf'",
            )
            wrote = True
        if c.enum and not c.extensible:
            values = self.constant(repr(tuple(e.value for e in c.enum)), "VALUES")
            self._check(
                f"not _in_enum({v}, {values})",
                p,
                self._message(shape, "enum", messages.enum(c.enum, v)),
                "'enum'",
            )
            wrote = True
        if c.has_const:
            self._check(
                f"not _in_enum({v}, ({c.const!r},))", p, messages.const(c.const, v), "'const'"
            )
            wrote = True
        if not wrote:
            self.w("pass")

    def _array(self, shape: Shape, v: str, p: str) -> None:
        c = shape.constraints
        w = self.w
        if c.minItems is not None or c.maxItems is not None:
            n = w.fresh(f"{v}_count")
            w(f"{n} = len({v})")
            low = f"{n} < {c.minItems}" if c.minItems is not None else ""
            high = f"{n} > {c.maxItems}" if c.maxItems is not None else ""
            self._check(
                " or ".join(t for t in (low, high) if t),
                p,
                self._message(shape, "items", messages.count(c, n)),
                _low_high(n, c.minItems, "minItems", "maxItems"),
            )
        if c.uniqueItems:
            self._check(
                f"not _unique({v})",
                p,
                self._message(shape, "unique", repr("items must be unique")),
                "'unique'",
            )
        if c.uniqueBy:
            j = w.fresh(f"{v}_repeat")
            with w.block(f"for {j} in _repeats({v}, {c.uniqueBy!r}):"):
                self.problem(
                    f'{p} + "/" + str({j}) + {"/" + _escape(c.uniqueBy)!r}',
                    self._message(shape, "unique", repr(messages.unique_by(c.uniqueBy))),
                    "'unique'",
                )
        assert shape.items is not None
        if shape.items.kind != "any":
            i, item = w.fresh(f"{v}_index"), w.fresh(f"{v}_item")
            with w.block(f"for {i}, {item} in enumerate({v}):"):
                self.shape(shape.items, item, f'{p} + "/" + str({i})')

    def _map(self, shape: Shape, v: str, p: str) -> None:
        assert shape.values is not None
        if shape.values.kind == "any":
            self.w("pass")
            return
        key, item = self.w.fresh(f"{v}_key"), self.w.fresh(f"{v}_entry")
        with self.w.block(f"for {key}, {item} in {v}.items():"):
            self.shape(shape.values, item, f'{p} + "/" + _escape({key})')

    # -- named types ----------------------------------------------------
    def typedef(self, typedef: TypeDef) -> None:
        w = self.w
        w()
        w()
        self.function(typedef.name)
        with w.block(
            f"def _check_{typedef.name}(value: Any, ptr: str, out: list[Problem]) -> None:"
        ):
            if typedef.is_union:
                self._union(typedef)
                return
            with w.block("if not isinstance(value, dict):"):
                self.problem("ptr", "_wrong_type('an object', value)", "'type'")
                w("return")
            for field in typedef.fields:
                anything = field.shape.kind == "any"
                if anything and not field.required:
                    continue  # any value, or none, is fine
                self.at_field(typedef.name, field.python_name)
                v = w.fresh(field.python_name)
                presence = f"{field.wire_name!r} {'not ' if anything else ''}in value"
                with w.block(f"if {presence}:"):
                    if anything:
                        self._missing(field.shape, field.wire_name)
                        continue
                    w(f"{v} = value[{field.wire_name!r}]")
                    self.shape(field.shape, v, f"ptr + {'/' + _escape(field.wire_name)!r}")
                if field.required:
                    with w.block("else:"):
                        self._missing(field.shape, field.wire_name)
            if not typedef.additional:
                names = tuple(sorted(f.wire_name for f in typedef.fields))
                self._where = naming.snake_case(typedef.name).upper()
                known = self.constant(f"frozenset({names!r})", "FIELDS")
                key = w.fresh("key")
                with w.block(f"for {key} in value:"), w.block(f"if {key} not in {known}:"):
                    self.problem(
                        f'ptr + "/" + _escape({key})',
                        repr(messages.UNKNOWN_FIELD),
                        "'unknown_field'",
                    )
            for rule in typedef.rules:
                self._rule(rule, typedef)

    def _union(self, typedef: TypeDef) -> None:
        if unions.is_shape_union(typedef):
            self._shape_union(typedef)
            return
        w = self.w
        field = typedef.discriminator
        choices = {self._discriminator_value(m, field): m for m in typedef.one_of}
        with w.block("if not isinstance(value, dict):"):
            self.problem("ptr", "_wrong_type('an object', value)", "'type'")
            w("return")
        w(f"tag = value.get({field!r})")
        first = True
        for tag, member in choices.items():
            with w.block(f"{'if' if first else 'elif'} _in_enum(tag, ({tag!r},)):"):
                w(f"_check_{member}(value, ptr, out)")
            first = False
        with w.block(f"elif {field!r} not in value:"):
            self.problem("ptr", repr(messages.missing(str(field))), "'required'", str(field))
        with w.block("else:"):
            self.problem(
                f"ptr + {'/' + str(field)!r}",
                messages.enum_plain(tuple(choices), "tag"),
                "'discriminator'",
            )

    def _shape_union(self, typedef: TypeDef) -> None:
        """Choose the member whose marks are present; none or several is one problem here."""
        w = self.w
        member_marks = unions.marks({t.name: t for t in self.spec.types}, typedef)
        with w.block("if not isinstance(value, dict):"):
            self.problem("ptr", "_wrong_type('an object', value)", "'type'")
            w("return")
        table = self.constant(repr(tuple(member_marks.items())), "MEMBER_MARKS")
        w(f"chosen = [m for m, keys in {table} if any(k in value for k in keys)]")
        for member in member_marks:
            with w.block(f"if chosen == [{member!r}]:"):
                w(f"_check_{member}(value, ptr, out)")
                w("return")
        with w.block("if not chosen:"):
            self.problem("ptr", repr(unions.none_matched(member_marks)), "'one_of'")
        with w.block("else:"):
            self.problem("ptr", repr(unions.several_matched(member_marks)), "'one_of'")

    def _discriminator_value(self, member: str, field: str | None) -> Any:
        for f in self.spec.type(member).fields:
            if f.wire_name == field:
                c = f.shape.constraints
                return c.const if c.has_const else c.enum[0].value if c.enum else member
        return member

    def _rule(self, rule: Rule, typedef: TypeDef) -> None:
        w = self.w
        if rule.kind == "require":
            assert rule.when is not None
            with w.block(f"if {conditions.holds_expression(rule)}:"):
                custom = dict(rule.messages)
                own = {f.wire_name: f.shape.message("required") for f in typedef.fields}
                for name in rule.fields:
                    message = (
                        custom.get(name)
                        or own.get(name)
                        or rule.message
                        or messages.missing_when(name, conditions.describe(rule))
                    )
                    self._check(
                        f"{name!r} not in value", "ptr", repr(message), "'conditional'", name
                    )
        elif rule.kind == "forbid":
            assert rule.when is not None
            with w.block(f"if {conditions.holds_expression(rule)}:"):
                for name in rule.fields:
                    words = dict(rule.messages).get(name) or rule.message
                    message = words or messages.forbidden_when(name, conditions.describe(rule))
                    self._check(
                        f"{name!r} in value",
                        f"ptr + {'/' + _escape(name)!r}",
                        repr(message),
                        "'conditional'",
                    )
        elif rule.kind == "at_least_one_of":
            self._where = naming.snake_case(typedef.name).upper()
            names = self.constant(repr(rule.fields), "AT_LEAST_ONE_OF")
            self._check(
                f"not any(k in value for k in {names})",
                "ptr",
                repr(rule.message or messages.at_least_one(rule.fields)),
                "'at_least_one_of'",
            )
        elif rule.kind == "exactly_one_of":
            names = self.constant(repr(rule.fields), "ONE_OF")
            self._check(
                f"sum(k in value for k in {names}) != 1",
                "ptr",
                repr(rule.message or messages.exactly_one(rule.fields)),
                "'exactly_one_of'",
            )
        elif rule.kind == "compare":
            left, right = rule.fields
            formats = {f.wire_name: f.shape.constraints.format for f in typedef.fields}
            a, b = w.fresh("left"), w.fresh("right")
            w(f"{a} = _comparable(value.get({left!r}), {formats.get(left)!r})")
            w(f"{b} = _comparable(value.get({right!r}), {formats.get(right)!r})")
            test = f"{a} is not None and {b} is not None and not _compare({a}, {rule.op!r}, {b})"
            self._check(
                test,
                f"ptr + {'/' + _escape(left)!r}",
                repr(rule.message or messages.compare(left, rule.op, right)),
                "'cross_field'",
            )
        else:
            assert_never(rule.kind)

    # -- operations -----------------------------------------------------
    def operation(self, op: Operation) -> None:
        w = self.w
        w()
        w()
        self.function(f"{op.name}_body")
        with w.block(f"def _body_{op.name}(value: Any, out: list[Problem]) -> None:"):
            if op.body is None:
                self._check(
                    "value is not None", '""', repr("this operation takes no body"), "'no_body'"
                )
            else:
                self.shape(op.body, "value", '""')
                for name in op.response_only:
                    self._check(
                        f"isinstance(value, dict) and {name!r} in value",
                        repr("/" + _escape(name)),
                        repr(messages.RESPONSE_ONLY),
                        "'response_only'",
                    )
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
                    self._check(test, pointer, repr(message), "'conditional'", param.wire_name)
            if op.params_at_least_one_of:
                self._where = naming.snake_case(op.name).upper()
                names = self.constant(repr(op.params_at_least_one_of), "PARAMS_AT_LEAST_ONE_OF")
                wire = tuple(
                    p.wire_name for p in op.params if p.python_name in op.params_at_least_one_of
                )
                self._check(
                    f"all(params.get(k) is None for k in {names})",
                    '""',
                    repr(
                        messages.at_least_one(wire).replace("is required", "parameter is required")
                    ),
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
                    self._message(
                        param.shape,
                        "required",
                        repr(f"missing required {param.location} parameter"),
                    ),
                    "'required'",
                    param.wire_name,
                )

    def _value_check(self, name: str, shape: Shape) -> None:
        w = self.w
        w()
        w()
        self.function(name.strip("_"))
        with w.block(f"def {name}(value: Any, out: list[Problem]) -> None:"):
            self.shape(shape, "value", '""')

    def module(self, types: frozenset[str] | None = None, part: str = ALL) -> str:
        """The checks of `part` (REQUESTS, RESPONSES or ALL), with the named types in `types`."""
        for typedef in self.spec.types:
            if types is None or typedef.name in types:
                self.typedef(typedef)
        if part != RESPONSES:
            for op in self.spec.operations:
                self.operation(op)
        if part == REQUESTS:
            self._table("BODY_CHECKS", "_body_", "Any")
            self._table("PARAM_CHECKS", "_params_", "Mapping[str, Any]")
            return "\n".join(self.constants) + "\n" + self.w.text()
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
        w = self.w
        w()
        w()
        w("ERROR_CHECKS: dict[str, Callable[[Any, list[Problem]], None]] = {")
        for key, name in errors.items():
            w(f"    {key!r}: {name},")
        w("}")
        w("RESPONSE_CHECKS: dict[str, Callable[[Any, list[Problem]], None]] = {")
        for key, name in responses.items():
            w(f"    {key!r}: {name},")
        w("}")
        w("WEBHOOK_CHECKS: dict[str, Callable[[Any, list[Problem]], None]] = {")
        for key, name in webhooks.items():
            w(f"    {key!r}: {name},")
        w("}")
        if part == ALL:
            self._table("BODY_CHECKS", "_body_", "Any")
            self._table("PARAM_CHECKS", "_params_", "Mapping[str, Any]")
        return "\n".join(self.constants) + "\n" + self.w.text()

    def _table(self, name: str, prefix: str, argument: str) -> None:
        """`name`: operation -> its compiled check (`prefix` + the operation's name)."""
        w = self.w
        w()
        w()
        w(f"{name}: dict[str, Callable[[{argument}, list[Problem]], None]] = {{")
        for op in self.spec.operations:
            w(f"    {op.name!r}: {prefix}{op.name},")
        w("}")


def _low_high(n: str, low: int | None, low_rule: str, high_rule: str) -> str:
    """The rule a count or length breaks: below the minimum, else above the maximum."""
    if low is None:
        return repr(high_rule)
    return f"{low_rule!r} if {n} < {low} else {high_rule!r}"


def _constrained(shape: Shape) -> bool:
    """Whether a scalar has any rule beyond its type (else no `else:` branch is written)."""
    c = shape.constraints
    words = (
        c.minLength,
        c.maxLength,
        c.pattern,
        c.format,
        c.minimum,
        c.maximum,
        c.exclusiveMinimum,
        c.exclusiveMaximum,
        c.multipleOf,
    )
    return (
        any(word is not None for word in words)
        or (bool(c.enum) and not c.extensible)
        or c.has_const
    )


def _array_checked(shape: Shape) -> bool:
    """Whether an array has a count rule or items to look at."""
    c = shape.constraints
    counted = c.minItems is not None or c.maxItems is not None or c.uniqueItems or bool(c.uniqueBy)
    return counted or (shape.items is not None and shape.items.kind != "any")


def _suffix(name: str, index: int) -> str:
    """A name as part of a function name: kept when it can be, else numbered (capital N
    never occurs in a kept one, so the two never meet)."""
    return name if re.fullmatch(r"[a-z0-9_]+", name) else f"N{index}"


def emit_validators(spec: Spec, types: frozenset[str] | None = None, part: str = ALL) -> str:
    """Python source of the generated checks: all of them, or the REQUESTS or RESPONSES part
    (response_checks.py splits them), with the named types in `types` (None: every type)."""
    return _Emitter(spec).module(types, part)


__all__ = ["emit_validators"]
