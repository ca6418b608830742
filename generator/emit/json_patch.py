"""RFC 6902 JSON Patch, the subset the packed test data uses: write one, apply one.

tests/data.json (test_data_pack.py) stores a broken payload, a variant of
an example, or an operation's case rows that mostly repeat another's, as
the patch that makes it from what is stored once. `diff` writes `add`,
`remove` and `replace` operations; `rows_diff` aligns two lists (a row
inserted early is one `add`, not a rewrite of every row after it);
`apply` undoes either. A long run of one character (a `maxLength` case's
string) is written `"repeat": [char, count]` in place of `"value"`.
"""

from __future__ import annotations

import copy
import difflib
import json
from typing import Any

from generator.spec.pointer import join, step, unescape

__all__ = ["apply", "diff", "operation", "rows_diff", "same"]

_LONG = 64  # a run of one character longer than this is written as "repeat"


def same(a: Any, b: Any) -> bool:
    """JSON equality: 1, 1.0 and True are different values here."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def diff(base: Any, target: Any, path: str = "") -> list[dict[str, Any]]:
    """RFC 6902 operations that turn `base` into `target` (small when they are alike)."""
    if isinstance(base, dict) and isinstance(target, dict):
        ops: list[dict[str, Any]] = []
        for key in base:
            if key not in target:
                ops.append({"op": "remove", "path": join(path, key)})
        for key, value in target.items():
            where = join(path, key)
            if key in base:
                ops += diff(base[key], value, where)
            else:
                ops.append(operation("add", where, value))
        return ops
    if isinstance(base, list) and isinstance(target, list):
        ops = []
        for index in range(min(len(base), len(target))):
            ops += diff(base[index], target[index], join(path, index))
        for index in range(len(base) - 1, len(target) - 1, -1):
            ops.append({"op": "remove", "path": join(path, index)})
        for index in range(len(base), len(target)):
            ops.append(operation("add", join(path, index), target[index]))
        return ops
    if same(base, target):
        return []
    return [operation("replace", path, target)]


def rows_diff(base: list[Any], target: list[Any]) -> list[dict[str, Any]]:
    """`remove` and `add` operations on whole entries that turn list `base` into `target`.

    Applied in order, each operation's index is where the list stands by
    then: the target's entries before it are in place already.
    """
    old, new = ([json.dumps(row, sort_keys=True) for row in rows] for rows in (base, target))
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    ops: list[dict[str, Any]] = []
    for tag, start, end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            continue
        ops += [{"op": "remove", "path": f"/{new_start}"}] * (end - start)
        ops += [
            {"op": "add", "path": f"/{index}", "value": target[index]}
            for index in range(new_start, new_end)
        ]
    return ops


def operation(op: str, path: str, value: Any) -> dict[str, Any]:
    """One `add` or `replace`, a long run of one character written as `repeat`."""
    if isinstance(value, str) and len(value) > _LONG and value == value[0] * len(value):
        return {"op": op, "path": path, "repeat": [value[0], len(value)]}
    return {"op": op, "path": path, "value": value}


def _value(operation: dict[str, Any]) -> Any:
    if "repeat" in operation:
        char, count = operation["repeat"]
        return char * count
    return copy.deepcopy(operation["value"])


def apply(document: Any, patch: list[dict[str, Any]]) -> Any:
    """`document` with the patch applied (a copy; the subset of RFC 6902 `diff` writes).

    The copy goes through JSON, as the file does: a deep copy would keep
    two names for one object (an example's `body` is its `kwargs["body"]`)
    and a patch to one would change both.
    """
    result = json.loads(json.dumps(document))
    for change in patch:
        tokens = [unescape(t) for t in change["path"].split("/")[1:]]  # an empty key is a key
        if not tokens:
            result = _value(change)
            continue
        parent = result
        for token in tokens[:-1]:
            parent = step(parent, token)
        last: Any = int(tokens[-1]) if isinstance(parent, list) else tokens[-1]
        if change["op"] == "remove":
            del parent[last]
        elif change["op"] == "add" and isinstance(parent, list):
            parent.insert(last, _value(change))
        else:
            parent[last] = _value(change)
    return result
