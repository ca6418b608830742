"""A tiny indentation-aware line buffer for emitting Python source."""

from __future__ import annotations

import keyword
from collections.abc import Iterator
from contextlib import contextmanager


class CodeWriter:
    def __init__(self) -> None:
        self._lines: list[str] = []
        self._depth = 0
        self._used: set[str] = set()
        self._reserved: frozenset[str] = frozenset()

    def __call__(self, line: str = "") -> None:
        self._lines.append(("    " * self._depth + line) if line else "")

    @contextmanager
    def block(self, header: str) -> Iterator[None]:
        self(header)
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1

    def scope(self, reserved: frozenset[str] = frozenset()) -> None:
        """A new function body: its names start afresh, `reserved` ones are never handed out."""
        self._used = set()
        self._reserved = reserved

    def fresh(self, stem: str) -> str:
        """`stem`, or `stem_2`, `stem_3`, ...: a local name not yet used in this scope."""
        if not stem.isidentifier() or stem.startswith("_") or keyword.iskeyword(stem):
            stem = "field"
        if stem in self._reserved:
            stem += "_"  # PEP 8's way not to shadow a builtin: id_, type_
        name, number = stem, 1
        while name in self._used or name in self._reserved:
            number += 1
            name = f"{stem}_{number}"
        self._used.add(name)
        return name

    def text(self) -> str:
        return "\n".join(self._lines) + "\n"
