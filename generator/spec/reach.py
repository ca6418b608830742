"""Which named types a set of shapes reaches: through refs, arrays, maps, fields and union members.

One walk, read by the example checks (checkable.py), the split of the compiled
checks (emit/response_checks.py), the surface record (versions/surface.py),
the types requests and answers reach (emit/jsonschema_emit.py: models and
schemas/types.json) and the README's Types (emit/readme_reference.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from generator.spec.model import Shape, TypeDef


def refs(shape: Shape | None) -> Iterator[str]:
    """The type names one shape names directly (its items and values included)."""
    while shape is not None:
        if shape.kind == "ref" and shape.ref:
            yield shape.ref
        if shape.values is not None:
            yield from refs(shape.values)
        shape = shape.items


def reached(types: Mapping[str, TypeDef], roots: Iterable[Shape | None]) -> frozenset[str]:
    """Every type of `types` the roots reach, following fields and union members."""
    seen: set[str] = set()
    pending = [name for shape in roots for name in refs(shape)]
    while pending:
        name = pending.pop()
        if name in seen or name not in types:
            continue
        seen.add(name)
        pending.extend(ref for f in types[name].fields for ref in refs(f.shape))
        pending.extend(types[name].one_of)
    return frozenset(seen)
