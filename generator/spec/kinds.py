"""Narrowing a checked spec word to the Literal kind the model carries."""

from __future__ import annotations

from typing import Any, get_args


def narrow(kinds: Any, value: object) -> Any:
    """`value` as one of the Literal `kinds`; build calls it on meta-schema-checked words,
    so a ValueError here is a generator bug, never a spec problem."""
    if value not in get_args(kinds):
        raise ValueError(f"{value!r} is not one of {get_args(kinds)}")
    return value
