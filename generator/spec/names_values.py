"""Values a spec may spell but a generated package could not hold.

YAML reads `.inf`, lone surrogates and integers of any size; JSON, a
file, pydantic or a 64-bit float cannot carry them all.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

from generator.spec import diagnostic_codes as codes
from generator.spec.loader import child_pointer
from generator.spec.names_reserved import Report

MAX_COUNT = 2**63 - 1  # the largest length or count pydantic can hold
_SURROGATE = re.compile("[\ud800-\udfff]")
_COUNT_WORDS = ("minLength", "maxLength", "minItems", "maxItems")


def check_values(raw: dict[str, Any], error: Report) -> None:
    """Text no file can carry, numbers JSON, Python or pydantic cannot hold."""
    for pointer, word, value in _scalars(raw, ""):
        if isinstance(value, str):
            if _SURROGATE.search(value):
                error(
                    pointer,
                    "text holds a lone surrogate (\\ud800-\\udfff), which no file can carry",
                    codes.UNREPRESENTABLE_VALUE,
                )
        elif isinstance(value, float) and not math.isfinite(value):
            error(pointer, f"{word} {value!r} is not a JSON number", codes.UNREPRESENTABLE_VALUE)
        elif word in _COUNT_WORDS and isinstance(value, int) and value > MAX_COUNT:
            error(
                pointer,
                f"{word} {value} is larger than any payload can be (at most 2**63-1)",
                codes.UNREPRESENTABLE_VALUE,
            )
        elif (
            isinstance(value, int)
            and not isinstance(value, bool)
            and abs(value) > 1.7976931348623157e308
        ):
            error(
                pointer,
                f"{word} {_shown(value)} is beyond what a 64-bit float can hold",
                codes.UNREPRESENTABLE_VALUE,
            )


def _shown(value: int) -> str:
    text = str(value)
    return text if len(text) <= 24 else f"{text[:12]}... ({len(text.lstrip('-'))} digits)"


def _scalars(value: Any, pointer: str, word: str = "") -> Iterator[tuple[str, str, Any]]:
    """Every number and text in the spec (keys too), with its pointer and the key it sits under."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield pointer, "key", str(key)
            yield from _scalars(item, child_pointer(pointer, key), str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _scalars(item, child_pointer(pointer, index), word)
    elif isinstance(value, str) or (isinstance(value, int | float) and not isinstance(value, bool)):
        yield pointer, word or "value", value
