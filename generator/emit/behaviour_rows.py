"""Behaviour cases in tests/data.json, by operation, each example left to its operation.

Every error, warning, envelope, deprecation and caching case starts from
its operation's first example test (behaviour_cases.py), so a section is
written as a table keyed by operation:

- `error_cases`: `{operation: [[status, format], ...]}`, one case per pair:
  id `<operation>:<status>:<format>`, body and expected messages those of
  `error_samples[<format>]`; `"*"` lists the pairs every operation starts
  with (CartonCloud documents the same ten statuses for each);
- the others: `{operation: {what else the case holds}}`, id the
  operation's name; `"*"` holds what every case of the section shares
  (activeants' failed envelope is the same for all 26 operations).

A section these tables cannot say (a case with another id or example, as
a warning case's `<operation>:<status>`) stays a list of cases, its
examples written as references (`{"$example": id}`, test_data_pack.py).
So a section is a table when its name ends in `_cases` and it is written as
an object (`is_table`), the rule both readers apply: test_data_pack.unpack
and the generated conftest.
"""

from __future__ import annotations

import copy
from typing import Any

from generator.emit.json_patch import same

SECTIONS = ("error_cases", "warning_cases", "envelope_cases", "deprecated_cases", "cached_cases")
COMMON = "*"
_TABLE_SUFFIX = "_cases"  # every name in SECTIONS ends so


def is_table(name: str, section: Any) -> bool:
    """Whether a section of the packed file is a table by operation (else as written)."""
    return name.endswith(_TABLE_SUFFIX) and isinstance(section, dict)


def unpack_section(
    section: dict[str, Any], first: dict[str, Any], samples: dict[str, Any]
) -> list[dict[str, Any]]:
    """The cases of a section written as a table (the generated conftest does the same)."""
    common = section.get(COMMON, {})
    cases = []
    for operation, rest in section.items():
        if operation == COMMON:
            continue
        if isinstance(rest, list):  # error cases: [status, format] each
            cases += [
                {
                    "id": f"{operation}:{status}:{fmt}",
                    "example": copy.deepcopy(first[operation]),
                    "status": status,
                    **samples.get(fmt, {}),
                }
                for status, fmt in [*(common or []), *rest]
            ]
        else:
            example = copy.deepcopy(first[operation])
            cases.append({"id": operation, "example": example, **common, **rest})
    return cases


def _error_table(cases: list[dict[str, Any]]) -> dict[str, Any]:
    table: dict[str, list[list[Any]]] = {}
    for case in cases:
        head, _, fmt = str(case["id"]).rpartition(":")  # <operation>:<status>:<format>
        table.setdefault(head.rpartition(":")[0], []).append([case["status"], fmt])
    lists = list(table.values())
    shared = 0  # how many pairs every operation starts with
    while len(lists) > 1 and all(
        len(pairs) > shared and pairs[shared] == lists[0][shared] for pairs in lists
    ):
        shared += 1
    if not shared:
        return table
    return {COMMON: lists[0][:shared], **{op: pairs[shared:] for op, pairs in table.items()}}


def _table(cases: list[dict[str, Any]]) -> dict[str, Any]:
    own = ("id", "example")
    rests = {str(c["id"]): {k: v for k, v in c.items() if k not in own} for c in cases}
    if len(rests) < 2:
        return rests
    one = next(iter(rests.values()))
    common = {
        key: value
        for key, value in one.items()
        if all(key in rest and same(rest[key], value) for rest in rests.values())
    }
    shared = {op: {k: v for k, v in rest.items() if k not in common} for op, rest in rests.items()}
    return {COMMON: common, **shared} if common else shared


def pack_section(
    name: str, cases: list[dict[str, Any]], first: dict[str, Any], samples: dict[str, Any]
) -> dict[str, Any] | None:
    """The section as a table, or None where a table cannot say it exactly."""
    try:
        table = _error_table(cases) if name == "error_cases" else _table(cases)
        return table if same(unpack_section(table, first, samples), cases) else None
    except KeyError:  # an operation without an example: the cases are not first examples
        return None
