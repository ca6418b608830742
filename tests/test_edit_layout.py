"""Lines a one-constraint spec edit changes are written in black's layout.

A maxLength edit changes one compiled length check and one model field;
when either was written on one long line, the edit sent its chunk through
black (importing it cost more than the rest of the formatting). These hold
the two writers to black's own output at every length, across the
boundaries where black changes its split.
"""

from __future__ import annotations

import contextlib

import black
import pytest
from black.mode import TargetVersion

from generator.emit.codewriter import BlackWriter
from generator.emit.models_emit import _annotated_field
from generator.output.formatting import LINE_LENGTH

MODE = black.Mode(line_length=LINE_LENGTH, target_versions={TargetVersion.PY311})


def _black(source: str) -> str:
    return black.format_str(source, mode=MODE)


def _length_check(depth: int, size: int) -> str:
    """A length check `depth` blocks deep, on a variable named with `size` letters."""
    writer = BlackWriter()
    variable = "v" * size
    with contextlib.ExitStack() as blocks:
        for level in range(depth):
            blocks.enter_context(writer.block(f"if x{level}:"))
        writer.assign_conditional(
            f"{variable}_length", f"len({variable})", f"isinstance({variable}, str)", "0"
        )
    return writer.text()


@pytest.mark.parametrize("depth", [1, 3, 5, 7])
@pytest.mark.parametrize("size", range(1, 60))
def test_a_length_check_splits_as_black(depth: int, size: int) -> None:
    text = _length_check(depth, size)
    fits = max(len(line) for line in text.splitlines()) <= LINE_LENGTH
    assert _black(text) == text or not fits


def test_the_length_check_reaches_all_three_layouts() -> None:
    heights = {len(_length_check(4, size).splitlines()) - 4 for size in range(1, 60, 3)}
    assert heights == {1, 3, 5}


@pytest.mark.parametrize("size", range(1, 100))
@pytest.mark.parametrize(
    "annotation",
    [
        "Annotated[list[Annotated[str, Field(max_length={n})]], Field(min_length=2, max_length=4)]",
        "Annotated[str, Field(alias='x{n}', pattern='^[a-z]+$', min_length=1, max_length=30)]",
        "list[Annotated[str, Field(max_length={n}, min_length=1, pattern='^[A-Z]+$')]]",
        "Annotated[int, Field(ge={n})] | Annotated[str, Field(max_length={n})]",
    ],
)
def test_a_model_field_splits_as_black(size: int, annotation: str) -> None:
    name = "f" * size
    line = _annotated_field(name, annotation.format(n=size).replace("'", '"'))
    text = f"class M(Model):\n{line}\n"
    fits = max(len(each) for each in text.splitlines()) <= LINE_LENGTH
    assert _black(text) == text or not fits


def test_the_model_field_is_split_when_its_inside_fits() -> None:
    annotation = (
        "Annotated[list[Annotated[str, Field(max_length=38)]], Field(min_length=2, max_length=4)]"
    )
    assert _annotated_field("address_lines", annotation).splitlines() == [
        "    address_lines: Annotated[",
        "        list[Annotated[str, Field(max_length=38)]], Field(min_length=2, max_length=4)",
        "    ]",
    ]
