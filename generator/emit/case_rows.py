"""Broken-payload cases as short lines of tests/data.json, one line per pointer.

A case (`operation`, `id`, `pointer`, `rule`, `field`, `batch_item`,
`kwargs`, `payload`) is a JSON Patch against its operation's first example
body. Nearly every case changes one value at its own pointer, so
`cases[<operation>]` lists each pointer once, with its checks:
`[pointer, check, check, ...]`, the checks of consecutive cases at that
pointer. A check says the case's rule, the end of its id and its patch:

- `[rule, check, "add" | "replace", value]`: that operation at the pointer;
- `[rule, check, "remove"]`: the value at the pointer removed;
- `[rule, check, "remove", field]`: the required member `field` removed
  from the object at the pointer (the case's `field`);
- `[rule, check, [operation, ...]]`: any other patch, written out.

A line can also be an object (`pointer`, `rule`, `id` or `check`, `field`,
`batch_item`, `kwargs`, `patch`): a case a line cannot say (its own id or
arguments). A case's id is `<operation>:<pointer or (root)>:<check>`, its
arguments the operation's usual ones (`case_kwargs`). An operation whose
lines are mostly another's (an update taking the body its create takes) is
written `{"$cases": <other operation>, "patch": [...]}`: the other's lines
with lines removed and added (json_patch.rows_diff). The generated conftest
expands lines the same way; `pack_case` checks every row against its case.
"""

from __future__ import annotations

import json
from typing import Any

from generator.emit.json_patch import apply, rows_diff, same
from generator.spec.pointer import join

SHARED = "$cases"
_SHARE_BELOW = 2  # share another operation's rows when the patch is under half the rows


def _row_patch(pointer: str, edit: Any, rest: list[Any]) -> tuple[list[dict[str, Any]], Any]:
    """A row's JSON Patch and its case's `field`."""
    if isinstance(edit, list):
        return edit, None
    if edit == "remove":
        field = rest[0] if rest else None
        path = pointer if field is None else join(pointer, field)
        return [{"op": "remove", "path": path}], field
    return [{"op": edit, "path": pointer, "value": rest[0]}], None


def _described(
    operation: str, row: Any, kwargs: dict[str, Any]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """What a row (or a case object) says of its case but the payload, and the payload's patch."""
    if isinstance(row, dict):
        case = {k: v for k, v in row.items() if k not in ("check", "patch")}
        patch = row["patch"]
        check = row.get("check")
    else:
        pointer, rule, check, edit, *rest = row
        patch, field = _row_patch(pointer, edit, rest)
        case = {"pointer": pointer, "rule": rule, "field": field}
    if check is not None:
        case["id"] = f"{operation}:{case['pointer'] or '(root)'}:{check}"
    case.setdefault("field", None)
    case.setdefault("batch_item", False)
    case.setdefault("kwargs", kwargs)
    return {**case, "operation": operation}, patch


def expand(operation: str, row: Any, base: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
    """The full case a row (or a case object) stands for."""
    case, patch = _described(operation, row, kwargs)
    return {**case, "payload": apply(base, patch)}


def _object(case: dict[str, Any], patch: list[dict[str, Any]], usual: Any) -> dict[str, Any]:
    """The case as an object, without what its operation or a default says."""
    packed = {k: v for k, v in case.items() if k not in ("payload", "operation")}
    if same(case["kwargs"], usual):
        del packed["kwargs"]
    for key, default in (("batch_item", False), ("field", None)):
        if same(packed[key], default):
            del packed[key]
    prefix = f"{case['operation']}:{case['pointer'] or '(root)'}:"
    if case["id"].startswith(prefix):  # the usual id: operation, pointer, check
        packed["check"] = case["id"].removeprefix(prefix)
        del packed["id"]
    return {**packed, "patch": patch}


def _candidates(case: dict[str, Any], patch: list[dict[str, Any]]) -> list[list[Any]]:
    """The rows that might say this case, shortest first."""
    prefix = f"{case['operation']}:{case['pointer'] or '(root)'}:"
    if not case["id"].startswith(prefix):
        return []
    head = [case["pointer"], case["rule"], case["id"].removeprefix(prefix)]
    rows = []
    if len(patch) == 1 and "value" in patch[0]:
        rows.append([*head, patch[0]["op"], patch[0]["value"]])
    elif len(patch) == 1 and patch[0]["op"] == "remove":
        rows.append([*head, "remove"])
        if isinstance(case["field"], str):
            rows.append([*head, "remove", case["field"]])
    return [*rows, [*head, patch]]


def pack_case(case: dict[str, Any], patch: list[dict[str, Any]], usual: Any) -> Any:
    """The shortest row that says `case` and `patch` (its payload's), else the case as an object.

    The payload itself is not rebuilt here: test_data_pack.pack unpacks the
    whole file once and compares.
    """
    described = {k: v for k, v in case.items() if k != "payload"}
    for row in _candidates(case, patch):
        said, row_patch = _described(case["operation"], row, usual)
        if same(said, described) and same(row_patch, patch):
            return row
    return _object(case, patch, usual)


def group(rows: list[Any]) -> list[Any]:
    """Rows (`[pointer, rule, check, ...]`, or objects) as lines, a pointer's run on one."""
    lines: list[Any] = []
    for row in rows:
        last = lines[-1] if lines else None
        if isinstance(row, list) and isinstance(last, list) and last[0] == row[0]:
            last.append(row[1:])
        else:
            lines.append([row[0], row[1:]] if isinstance(row, list) else row)
    return lines


def ungroup(lines: list[Any]) -> list[Any]:
    """The rows of lines (the inverse of `group`)."""
    rows: list[Any] = []
    for line in lines:
        rows += [[line[0], *check] for check in line[1:]] if isinstance(line, list) else [line]
    return rows


def share(rows: dict[str, list[Any]]) -> dict[str, Any]:
    """Each operation's rows, written as another's plus a patch where that is much shorter."""
    shared: dict[str, Any] = {}
    for operation, own in rows.items():
        size = len(json.dumps(own))
        best: tuple[int, str, list[dict[str, Any]]] | None = None
        for other, theirs in shared.items():
            if isinstance(theirs, list):
                patch = rows_diff(theirs, own)
                cost = len(json.dumps(patch))
                if cost * _SHARE_BELOW < size and (best is None or cost < best[0]):
                    best = (cost, other, patch)
        shared[operation] = own if best is None else {SHARED: best[1], "patch": best[2]}
    return shared


def unshare(packed: dict[str, Any]) -> dict[str, list[Any]]:
    """Each operation's own rows (the inverse of `share`)."""
    return {
        operation: apply(packed[rows[SHARED]], rows["patch"]) if isinstance(rows, dict) else rows
        for operation, rows in packed.items()
    }
