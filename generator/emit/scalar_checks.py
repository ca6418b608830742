"""Checks of a scalar's constraints: length, pattern, format, bounds, step, enum, const.

Each constraint is one `if` writing one problem, in the order the
meta-schema lists them, so a value breaking several shows all of them.
"""

from __future__ import annotations

from generator.concepts import formats
from generator.emit import messages
from generator.emit.check_writer import CheckWriter
from generator.emit.messages import decimal_text
from generator.spec.model import Shape

_BOUNDS = (
    ("minimum", "<"),
    ("maximum", ">"),
    ("exclusiveMinimum", "<="),
    ("exclusiveMaximum", ">="),
)


def low_high(n: str, low: int | None, low_rule: str, high_rule: str) -> str:
    """The rule a count or length breaks: below the minimum, else above the maximum."""
    if low is None:
        return repr(high_rule)
    return f"{low_rule!r} if {n} < {low} else {high_rule!r}"


def constrained(shape: Shape) -> bool:
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


class ScalarChecks(CheckWriter):
    def scalar_constraints(self, shape: Shape, v: str, p: str) -> None:
        """Every constraint of a string, number or primitive union; `pass` when none is."""
        wrote = [
            self._length(shape, v, p),
            self._text(shape, v, p),
            self._numbers(shape, v, p),
            self._values(shape, v, p),
        ]
        if not any(wrote):
            self.w("pass")

    def _length(self, shape: Shape, v: str, p: str) -> bool:
        c = shape.constraints
        if c.minLength is None and c.maxLength is None:
            return False
        n = self.w.fresh(f"{v}_length")
        self.w.assign_conditional(n, f"len({v})", f"isinstance({v}, str)", "0")
        low = f"{n} < {c.minLength}" if c.minLength is not None else ""
        high = f"{n} > {c.maxLength}" if c.maxLength is not None else ""
        test = " or ".join(t for t in (low, high) if t)
        if shape.kind == "union":
            test = f"isinstance({v}, str) and ({test})"
        self.check(
            test,
            p,
            self.message(shape, "length", messages.length(c, n)),
            low_high(n, c.minLength, "minLength", "maxLength"),
        )
        return True

    def _text(self, shape: Shape, v: str, p: str) -> bool:
        """A string's pattern and format (a value of another type passes both)."""
        c = shape.constraints
        is_str = f"isinstance({v}, str)"
        if c.pattern is not None:
            regex = self.constant(f"re.compile({c.pattern!r})", "PATTERN")
            self.check(
                f"{is_str} and not {regex}.search({v})",
                p,
                self.message(shape, "pattern", messages.pattern(c.pattern, v)),
                "'pattern'",
            )
        if c.format is not None:
            test = formats.get(c.format).runtime_test
            self.check(
                f"{is_str} and not {test}({v})",
                p,
                self.message(shape, "format", messages.format_(c.format, v)),
                "'format'",
            )
        return c.pattern is not None or c.format is not None

    def _numbers(self, shape: Shape, v: str, p: str) -> bool:
        """A number's bounds and step (a value of another type passes them)."""
        c = shape.constraints
        wrote = False
        for word, op in _BOUNDS:
            bound = getattr(c, word)
            if bound is not None:
                self.check(
                    f"_is_number({v}) and {v} {op} {bound!r}",
                    p,
                    self.message(shape, word, messages.bound(word, bound, v)),
                    repr(word),
                )
                wrote = True
        if c.multipleOf is not None:
            step = repr(decimal_text(c.multipleOf))
            self.check(
                f"_is_number({v}) and not _multiple_of({v}, {step})",
                p,
                self.message(shape, "multipleOf", messages.multiple_of(c.multipleOf, v)),
                "'multipleOf'",
            )
            wrote = True
        return wrote

    def _values(self, shape: Shape, v: str, p: str) -> bool:
        """A closed enum's values and a const (an open enum takes any value)."""
        c = shape.constraints
        closed = bool(c.enum) and not c.extensible
        if closed:
            values = self.constant(repr(tuple(e.value for e in c.enum)), "VALUES")
            self.check(
                f"not _in_enum({v}, {values})",
                p,
                self.message(shape, "enum", messages.enum(c.enum, v)),
                "'enum'",
            )
        if c.has_const:
            self.check(
                f"not _in_enum({v}, ({c.const!r},))", p, messages.const(c.const, v), "'const'"
            )
        return closed or c.has_const
