"""Checks of a scalar's constraints: length, pattern, format, bounds, step, enum, const.

Each constraint is one `if` writing one problem, in the order the
meta-schema lists them, so a value breaking several shows all of them.
"""

from __future__ import annotations

from generator.concepts import formats
from generator.emit import messages
from generator.emit.check_writer import CheckWriter
from generator.emit.messages import decimal_text
from generator.spec.model import Shape, Spec

_BOUNDS = (
    ("minimum", "<"),
    ("maximum", ">"),
    ("exclusiveMinimum", "<="),
    ("exclusiveMaximum", ">="),
)


def low_high(n: str, low: int | None, high: int | None, low_rule: str, high_rule: str) -> str:
    """The rule a count or length breaks: below the minimum, else above the maximum."""
    if low is None:
        return repr(high_rule)
    if high is None:
        return repr(low_rule)
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


def single_check(shape: Shape) -> bool:
    """Whether a scalar's constraints are one test (so it can be the `elif` of its type test)."""
    c = shape.constraints
    if c.minLength is not None or c.maxLength is not None:
        return False  # its length is taken first
    words = (c.pattern, c.format, *(getattr(c, word) for word, _ in _BOUNDS), c.multipleOf)
    tests = sum(word is not None for word in words)
    return tests + (bool(c.enum) and not c.extensible) + c.has_const == 1


def _guarded(shape: Shape, kinds: tuple[str, ...], guard: str, test: str) -> str:
    """`test`, behind `guard` unless the type check before it already holds it."""
    return test if shape.kind in kinds else f"{guard} and {test}"


class ScalarChecks(CheckWriter):
    def __init__(self, spec: Spec) -> None:
        super().__init__(spec)
        self._keyword = "if"  # how the next constraint's test opens (see scalar_constraints)

    def scalar_constraints(self, shape: Shape, v: str, p: str, keyword: str = "if") -> None:
        """Every constraint of a string, number or primitive union; `pass` when none is.

        Written after the value's type test passed (in its `else:`, or as its
        `elif` when `keyword` says so), so a guard of the kind the shape has
        already passed is left out (a union keeps them).
        """
        self._keyword = keyword
        wrote = [
            self._length(shape, v, p),
            self._text(shape, v, p),
            self._numbers(shape, v, p),
            self._values(shape, v, p),
        ]
        if not any(wrote):
            self.w("pass")

    def broken(
        self,
        condition: str,
        shape: Shape,
        word: str,
        found: str,
        p: str,
        rule: str,
        text: str,
    ) -> None:
        """A problem when `condition` holds: the spec's words for `word` if it gives them,
        else `text` and the value `found` (the runtime's `_broken` adds ` (got ...)`).
        """
        override = shape.message(word)
        with self.w.block(f"{self._opening()} {condition}:"):
            if override:
                self.problem(p, repr(override), rule)
            else:
                self.w.call(["_broken"], [rule, repr(text), found, p, "out"])

    def _opening(self) -> str:
        """`if`, or `elif` for the first test when scalar_constraints was asked for it."""
        keyword, self._keyword = self._keyword, "if"
        return keyword

    def _length(self, shape: Shape, v: str, p: str) -> bool:
        c = shape.constraints
        if c.minLength is None and c.maxLength is None:
            return False
        n = self.w.fresh(f"{v}_length")
        if shape.kind == "string":
            self.w(f"{n} = len({v})")
        else:
            self.w.assign_conditional(n, f"len({v})", f"isinstance({v}, str)", "0")
        low = f"{n} < {c.minLength}" if c.minLength is not None else ""
        high = f"{n} > {c.maxLength}" if c.maxLength is not None else ""
        test = " or ".join(t for t in (low, high) if t)
        if shape.kind == "union":
            test = f"isinstance({v}, str) and ({test})"
        rule = low_high(n, c.minLength, c.maxLength, "minLength", "maxLength")
        self.broken(test, shape, "length", n, p, rule, messages.length(c))
        return True

    def _text(self, shape: Shape, v: str, p: str) -> bool:
        """A string's pattern and format (a value of another type passes both)."""
        c = shape.constraints
        is_str = f"isinstance({v}, str)"
        if c.pattern is not None:
            regex = self.constant(f"re.compile({c.pattern!r})", "PATTERN")
            test = _guarded(shape, ("string",), is_str, f"not {regex}.search({v})")
            self.broken(test, shape, "pattern", v, p, "'pattern'", messages.pattern(c.pattern))
        if c.format is not None:
            runtime_test = formats.get(c.format).runtime_test
            test = _guarded(shape, ("string",), is_str, f"not {runtime_test}({v})")
            self.broken(test, shape, "format", v, p, "'format'", messages.format_(c.format))
        return c.pattern is not None or c.format is not None

    def _numbers(self, shape: Shape, v: str, p: str) -> bool:
        """A number's bounds and step (a value of another type passes them)."""
        c = shape.constraints
        numeric = ("integer", "number")
        wrote = False
        for word, op in _BOUNDS:
            bound = getattr(c, word)
            if bound is not None:
                test = _guarded(shape, numeric, f"_is_number({v})", f"{v} {op} {bound!r}")
                self.broken(test, shape, word, v, p, repr(word), messages.bound(word, bound))
                wrote = True
        if c.multipleOf is not None:
            step = repr(decimal_text(c.multipleOf))
            test = _guarded(shape, numeric, f"_is_number({v})", f"not _multiple_of({v}, {step})")
            text = messages.multiple_of(c.multipleOf)
            self.broken(test, shape, "multipleOf", v, p, "'multipleOf'", text)
            wrote = True
        return wrote

    def _values(self, shape: Shape, v: str, p: str) -> bool:
        """A closed enum's values and a const (an open enum takes any value)."""
        c = shape.constraints
        closed = bool(c.enum) and not c.extensible
        if closed:
            values = self.constant(repr(tuple(e.value for e in c.enum)), "VALUES")
            text = messages.enum(c.enum)
            self.broken(f"not _in_enum({v}, {values})", shape, "enum", v, p, "'enum'", text)
        if c.has_const:  # no words of the spec's: a const is its own message
            with self.w.block(f"{self._opening()} not _in_enum({v}, ({c.const!r},)):"):
                self.w.call(["_broken"], ["'const'", repr(messages.const(c.const)), v, p, "out"])
        return closed or c.has_const
