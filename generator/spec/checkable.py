"""The part of a model whose examples can be judged, when the spec has problems.

A spec with an unknown type or a malformed operation still has examples
worth checking in the same run, but only where the model is what the author
wrote: an operation, type, error format or webhook is judged when nothing
in it was cut by the meta-schema pruning (prune.py) or has a problem of its
own. A reference to a type that is unknown or not judged reads as 'any'
(more permissive, so never a false report). Validators are then emitted
for that part alone.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from generator.spec import pointer as json_pointer
from generator.spec.loader import child_pointer
from generator.spec.model import ErrorFormat, Operation, Shape, Spec, Webhook
from generator.spec.reach import reached

Clean = Callable[[str], bool]  # pointer -> nothing at or under it was cut or reported


def _loosen(shape: Shape, good: set[str]) -> Shape:
    """The shape with every reference to a type outside `good` read as 'any'."""
    if shape.kind == "ref" and shape.ref not in good:
        return dataclasses.replace(shape, kind="any", ref=None)
    items, values = _maybe(shape.items, good), _maybe(shape.values, good)
    return dataclasses.replace(shape, items=items, values=values)


def _maybe(shape: Shape | None, good: set[str]) -> Shape | None:
    return None if shape is None else _loosen(shape, good)


def _good_types(spec: Spec, clean: Clean) -> set[str]:
    """Types whose declaration is untouched, and unions whose members all are."""
    by_name = {t.name: t for t in spec.types}
    good = {
        name
        for name, typedef in by_name.items()
        if clean(child_pointer("/types", name)) and all(clean(f.pointer) for f in typedef.fields)
    }
    changed = True
    while changed:
        changed = False
        for name in sorted(good):
            if not all(member in good for member in by_name[name].one_of):
                good.discard(name)
                changed = True
    return good


def _judgeable(op: Operation, clean: Clean, good: set[str], formats: set[str]) -> Operation | None:
    if not clean(child_pointer("/operations", op.name)):
        return None
    if not any(r.status < 400 for r in op.responses):
        return None
    body = _maybe(op.body, good)
    return dataclasses.replace(
        op,
        body=body,
        body_type_name=body.ref if body is not None and body.kind == "ref" else None,
        responses=tuple(dataclasses.replace(r, shape=_maybe(r.shape, good)) for r in op.responses),
        errors=tuple(
            (status, tuple(n for n in names if n in formats)) for status, names in op.errors
        ),
        paging=None,
        mock=None,
    )


def _roots(
    operations: tuple[Operation, ...],
    formats: tuple[ErrorFormat, ...],
    webhooks: tuple[Webhook, ...],
) -> list[Shape | None]:
    """Where the judged types are reached from: bodies, answers, error bodies, deliveries."""
    roots: list[Shape | None] = [op.body for op in operations]
    roots += [r.shape for op in operations for r in op.responses]
    roots += [f.shape for f in formats]
    roots += [Shape(kind="ref", ref=hook.payload) for hook in webhooks]
    return roots


def checkable_part(spec: Spec, reported: list[str]) -> Spec:
    """The part of `spec` that examples can be judged by.

    `reported` holds the pointers where problems were found or the pruning
    cut: what lies at or under them is not judged. A reference to a type
    that is unknown or not judged reads as 'any', so the rest of a body
    still is.
    """

    above = {prefix for p in reported for prefix in json_pointer.prefixes(p)}

    def clean(pointer: str) -> bool:
        return pointer not in above

    if not clean("/envelope"):  # every response is read through it
        return dataclasses.replace(spec, types=(), operations=(), error_formats=(), webhooks=())
    good = _good_types(spec, clean)
    types = {
        t.name: dataclasses.replace(
            t, fields=tuple(dataclasses.replace(f, shape=_loosen(f.shape, good)) for f in t.fields)
        )
        for t in spec.types
        if t.name in good
    }
    formats = tuple(
        dataclasses.replace(f, shape=_maybe(f.shape, good))
        for f in spec.error_formats
        if clean(child_pointer("/error_formats", f.name))
    )
    names = {f.name for f in formats}
    operations = tuple(
        op for op in (_judgeable(op, clean, good, names) for op in spec.operations) if op
    )
    webhooks = tuple(
        hook
        for hook in spec.webhooks
        if clean(child_pointer("/webhooks", hook.name)) and hook.payload in good
    )
    kept = reached(types, _roots(operations, formats, webhooks))
    return dataclasses.replace(
        spec,
        types=tuple(t for name, t in sorted(types.items()) if name in kept),
        operations=operations,
        error_formats=formats,
        webhooks=webhooks,
    )
