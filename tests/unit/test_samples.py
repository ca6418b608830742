"""Made-up samples satisfy the constraints they stand in for."""

from __future__ import annotations

import re

import pytest

from generator.emit.samples import sample
from generator.spec.model import Constraints, Shape


@pytest.mark.parametrize(
    "pattern, min_length, max_length",
    [
        ("^[A-Z0-9 ]{5,8}$", None, None),
        ("^[0-9]+$", 3, 6),
        ("^[a-z]{2}-[a-z]{2}$", None, None),
        ("x", None, None),
    ],
)
def test_a_string_sample_matches_its_pattern_where_a_run_can(
    pattern: str, min_length: int | None, max_length: int | None
) -> None:
    constraints = Constraints(pattern=pattern, minLength=min_length, maxLength=max_length)
    value = sample(None, Shape(kind="string", constraints=constraints))  # type: ignore[arg-type]
    if pattern == "^[a-z]{2}-[a-z]{2}$":
        assert value == "x"  # no run of one character matches: the plain sample stays
        return
    assert re.search(pattern, value), value
    assert len(value) >= (min_length or 1)
    assert max_length is None or len(value) <= max_length
