"""Checks of a value against its shape: its type, then its items, entries or constraints.

A named type is checked by calling its own `_check_<Type>` function, so a
shape's check stays as deep as the shape is written, not as deep as it reaches.
"""

from __future__ import annotations

from generator.emit import messages
from generator.emit.scalar_checks import ScalarChecks, constrained, low_high, single_check
from generator.spec.model import Shape
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


def _array_checked(shape: Shape) -> bool:
    """Whether an array has a count rule or items to look at."""
    c = shape.constraints
    counted = c.minItems is not None or c.maxItems is not None or c.uniqueItems or bool(c.uniqueBy)
    return counted or (shape.items is not None and shape.items.kind != "any")


def _type_test(shape: Shape, v: str) -> str:
    """The test of the value's JSON type; in parentheses when it is several."""
    kinds = shape.types if shape.kind == "union" else (shape.kind,)
    test = " or ".join(_TYPE_TESTS[k].format(v=v) for k in kinds)
    return test if len(kinds) == 1 else f"({test})"


class ShapeChecks(ScalarChecks):
    def shape(self, shape: Shape, v: str, p: str) -> None:
        """Check the value in local `v` (JSON Pointer expression `p`) against `shape`."""
        w = self.w
        if shape.nullable:
            with w.block(f"if {v} is not None:"):
                self._non_null(shape, v, p)
        else:
            self._non_null(shape, v, p)

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
        with w.block(f"if not {_type_test(shape, v)}:"):
            if shape.message("type") is None:
                w.call(["_wrong"], [repr(expected), v, p, "out"])
            else:
                self.problem(p, self.message(shape, "type", ""), "'type'")
        scalar = shape.kind in ("string", "integer", "number", "boolean", "union")
        if scalar and constrained(shape) and single_check(shape):
            self.scalar_constraints(shape, v, p, "elif")
        elif scalar and constrained(shape):
            with w.block("else:"):
                self.scalar_constraints(shape, v, p)
        elif shape.kind == "array" and _array_checked(shape):
            with w.block("else:"):
                self._array(shape, v, p)
        elif shape.kind == "map" and shape.values is not None and shape.values.kind != "any":
            with w.block("else:"):
                self._map(shape, v, p)

    def _array(self, shape: Shape, v: str, p: str) -> None:
        self._array_counts(shape, v, p)
        assert shape.items is not None
        if shape.items.kind == "ref" and not shape.items.nullable:
            self.w.call(["_each"], [f"_check_{shape.items.ref}", v, p, "out"])
        elif shape.items.kind != "any":
            i, item = self.w.fresh(f"{v}_index"), self.w.fresh(f"{v}_item")
            with self.w.block(f"for {i}, {item} in enumerate({v}):"):
                self.shape(shape.items, item, f'{p} + "/" + str({i})')

    def _array_counts(self, shape: Shape, v: str, p: str) -> None:
        """An array's item count and uniqueness (of whole items, or by one field)."""
        c = shape.constraints
        w = self.w
        if c.minItems is not None or c.maxItems is not None:
            n = w.fresh(f"{v}_count")
            w(f"{n} = len({v})")
            low = f"{n} < {c.minItems}" if c.minItems is not None else ""
            high = f"{n} > {c.maxItems}" if c.maxItems is not None else ""
            test = " or ".join(t for t in (low, high) if t)
            rule = low_high(n, c.minItems, c.maxItems, "minItems", "maxItems")
            self.broken(test, shape, "items", n, p, rule, messages.count(c))
        if c.uniqueItems:
            self.check(
                f"not _unique({v})",
                p,
                self.message(shape, "unique", repr("items must be unique")),
                "'unique'",
            )
        if c.uniqueBy:
            j = w.fresh(f"{v}_repeat")
            with w.block(f"for {j} in _repeats({v}, {c.uniqueBy!r}):"):
                self.problem(
                    f'{p} + "/" + str({j}) + {"/" + _escape(c.uniqueBy)!r}',
                    self.message(shape, "unique", repr(messages.unique_by(c.uniqueBy))),
                    "'unique'",
                )

    def _map(self, shape: Shape, v: str, p: str) -> None:
        assert shape.values is not None
        if shape.values.kind == "any":
            self.w("pass")
            return
        key, item = self.w.fresh(f"{v}_key"), self.w.fresh(f"{v}_entry")
        with self.w.block(f"for {key}, {item} in {v}.items():"):
            self.shape(shape.values, item, f'{p} + "/" + _escape({key})')
