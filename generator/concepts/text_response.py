"""Plain-text responses (`encoding: text`): the body is the method's `str` result.

`{encoding: text}` alone and `{type: string, encoding: text}` mean the same:
the client returns the body's text, the mock answers text/plain, the
generated tests answer text. Any other type with `encoding: text` is refused,
since the client never parses a text body into a structure.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.spec import diagnostic_codes as codes
from generator.spec.diagnostic_codes import Code
from generator.spec.model import Shape


def text_response_shape(
    shape: Shape | None, encoding: str, pointer: str, error: Callable[[str, str, Code], None]
) -> Shape | None:
    """The response's shape, a string for a text body."""
    if encoding != "text":
        return shape
    if shape is None:
        return Shape(kind="string")
    if shape.kind != "string":
        error(
            pointer,
            f"a text response is a string (encoding: text), not {shape.ref or shape.kind}",
            codes.BAD_TEXT_RESPONSE,
        )
    return shape
