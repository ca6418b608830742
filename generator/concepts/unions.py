"""Unions chosen by shape: `one_of` members told apart by the required fields present.

A union with a `discriminator` is chosen by a tag field's value. Without
one, each member must own a *mark*: a required field that no other member
declares. A payload carrying the marks of exactly one member is that
member; carrying none, or the marks of several, is one problem at the
union's pointer (never a cascade of every member's complaints). The loader
refuses a shape-chosen union in which some member owns no mark, because no
payload could ever be told to be that member.
"""

from __future__ import annotations

from collections.abc import Mapping

from generator.emit import messages
from generator.spec.model import TypeDef


def is_shape_union(typedef: TypeDef) -> bool:
    return typedef.is_union and not typedef.discriminator


def marks(types: Mapping[str, TypeDef], union: TypeDef) -> dict[str, tuple[str, ...]]:
    """Member name -> its required fields that no other member declares, in order."""
    declared: dict[str, set[str]] = {
        m: {f.wire_name for f in types[m].fields} for m in union.one_of if m in types
    }
    result = {}
    for member in union.one_of:
        if member not in types:
            continue
        others = set().union(*(names for m, names in declared.items() if m != member))
        result[member] = tuple(
            f.wire_name for f in types[member].fields if f.required and f.wire_name not in others
        )
    return result


def problems(types: Mapping[str, TypeDef], union: TypeDef) -> list[tuple[int | None, str]]:
    """(member index or None for the union, message) for each reason the union cannot work."""
    found: list[tuple[int | None, str]] = []
    if not is_shape_union(union):
        return found
    if union.fields:
        found.append((None, "a union (`one_of`) declares no `fields` of its own: its members do"))
    member_marks = marks(types, union)
    for index, member in enumerate(union.one_of):
        typedef = types.get(member)
        if typedef is None:
            continue  # reported as an unknown type
        if typedef.is_union:
            found.append((index, f"member '{member}' is itself a union; list its members here"))
        elif not member_marks.get(member):
            found.append(
                (
                    index,
                    f"member '{member}' has no required field that the other members lack, "
                    "so no payload can be told to be one; give it such a field "
                    "or add a `discriminator`",
                )
            )
    return found


def none_matched(member_marks: Mapping[str, tuple[str, ...]]) -> str:
    return "matches none of " + _alternatives(member_marks)


def several_matched(member_marks: Mapping[str, tuple[str, ...]]) -> str:
    return "matches more than one of " + _alternatives(member_marks) + "; send only one"


def _alternatives(member_marks: Mapping[str, tuple[str, ...]]) -> str:
    return ", ".join(
        f"{member} (has {messages.quoted_names(names)})" for member, names in member_marks.items()
    )
