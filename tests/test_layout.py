"""The generator stays in small pieces: modules under 300 lines, functions under 50.

Issue 13 asks for small modules with one job; this keeps a split from
growing back. A function's length runs from its first decorator to its last
line, docstring included; nested functions and methods count on their own.
Reads the source with `ast` only, so it needs no generated tree.
"""

from __future__ import annotations

import ast
from pathlib import Path

GENERATOR = Path(__file__).resolve().parent.parent / "generator"
MODULE_LIMIT = 300  # lines; a module must stay below it
FUNCTION_LIMIT = 50  # lines; a function must stay below it


def modules(root: Path = GENERATOR) -> list[Path]:
    return sorted(path for path in root.rglob("*.py") if "__pycache__" not in path.parts)


def long_modules(paths: list[Path], base: Path = GENERATOR.parent) -> list[str]:
    """`path (N lines)` for each module at or over the limit."""
    found = []
    for path in paths:
        count = len(path.read_text("utf-8").splitlines())
        if count >= MODULE_LIMIT:
            found.append(f"{path.relative_to(base).as_posix()} ({count} lines)")
    return found


def long_functions(paths: list[Path], base: Path = GENERATOR.parent) -> list[str]:
    """`path:LINE name (N lines)` for each function or method at or over the limit."""
    found = []
    for path in paths:
        tree = ast.parse(path.read_text("utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            count = (node.end_lineno or node.lineno) - start + 1
            if count >= FUNCTION_LIMIT:
                shown = path.relative_to(base).as_posix()
                found.append(f"{shown}:{start} {node.name} ({count} lines)")
    return sorted(found)


def test_the_limits_see_what_they_measure(tmp_path: Path) -> None:
    """A module and a function just at the limits are caught; one line less passes."""
    body = "\n".join(f"    x{i} = {i}" for i in range(FUNCTION_LIMIT - 2))
    at_limit = tmp_path / "at_limit.py"
    at_limit.write_text(f"@staticmethod\ndef grown():\n{body}\n", "utf-8")
    below = tmp_path / "below.py"
    below.write_text(f"def fine():\n{body}\n", "utf-8")
    big = tmp_path / "big.py"
    big.write_text("x = 1\n" * MODULE_LIMIT, "utf-8")
    grown = [f"at_limit.py:1 grown ({FUNCTION_LIMIT} lines)"]
    assert long_functions([at_limit, below], tmp_path) == grown
    assert long_modules([big, below], tmp_path) == [f"big.py ({MODULE_LIMIT} lines)"]


def test_every_module_is_under_the_line_limit() -> None:
    found = long_modules(modules())
    assert not found, f"modules of {MODULE_LIMIT} lines or more:\n" + "\n".join(found)


def test_every_function_is_under_the_line_limit() -> None:
    found = long_functions(modules())
    assert not found, f"functions of {FUNCTION_LIMIT} lines or more:\n" + "\n".join(found)
