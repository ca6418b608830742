"""Refuse a paged operation whose last page the client could not recognise.

An iterator that cannot tell where the list ends either stops after the
first page (silently dropping the rest) or never stops. Until a paging
style says how a list ends, the loader refuses the operation with a
located diagnostic rather than generate an iterator that quietly reads
one page. The stop conditions the runtime (templates/_paging.py.jinja)
honours today:

- counts in the body: `total_field` with `end_field`;
- an RFC 8288 `link_header` (a rel="next" link means more);
- `total_pages_header` with `page_number_header`.

A paging style that adds another stop condition (a short or empty page,
a cursor) adds it to `stop_conditions` below.
"""

from __future__ import annotations

from collections.abc import Callable

from .model import Paging

_NEEDS = (
    "declare total_field with end_field, link_header, or total_pages_header with page_number_header"
)


def stop_conditions(paging: Paging) -> tuple[str, ...]:
    """The ways this paging tells that a page is the last one (empty: none)."""
    found = []
    if paging.total_field and paging.end_field:
        found.append("body counts")
    if paging.link_header:
        found.append("link header")
    if paging.total_pages_header and paging.page_number_header:
        found.append("page headers")
    return tuple(found)


def check_paging(
    name: str, paging: Paging | None, pointer: str, error: Callable[[str, str], None]
) -> None:
    """A located problem when operation `name` is paged but could not stop on its last page."""
    if paging is None or stop_conditions(paging):
        return
    error(pointer, f"operation '{name}' is paged but its last page cannot be told; {_NEEDS}")
