"""Paging styles: how a paged operation asks for the next page, and how it knows it was the last.

One class per style. Each knows the spec words it reads, the runtime rule
the generated iterator follows (a class of the same name in the package's
`_paging.py`) and what the generated mock must say in its answers to page
that way. A paged operation whose stop condition cannot be told is refused
by the loader (`problems`), never accepted to stop silently after page one.

Styles, strongest evidence first (the first that applies is used):

- `Cursor`      cursor_param + cursor_field: the body names the next cursor; none ends.
- `NextUrl`     next_url_header or next_url_field: the next page's URL; none ends.
- `LinkHeader`  link_header: an RFC 8288 Link header with rel="next"; none ends.
- `TotalCount`  total_field (and end_field): the body's item count; all seen ends.
- `HeaderCounts` total_pages_header or total_elements_header: the headers' counts.
- `ShortPage`   page_param + size_param alone: a short or empty page ends.

For URL styles the client never requests the URL it is given (credentials
stay on the configured server): it reads the page number or cursor from the
URL's query and calls the same operation again with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from generator.spec.model import Operation, Paging, Param

STOP_WORDS = (
    "size_param (a short or empty page ends the list)",
    "total_field",
    "total_pages_header",
    "total_elements_header",
    "link_header",
    "next_url_header",
    "next_url_field",
    "cursor_field",
)


@dataclass(frozen=True)
class Style:
    """A paging style bound to one operation's paging words."""

    paging: Paging
    name: ClassVar[str] = ""

    @classmethod
    def applies(cls, paging: Paging) -> bool:
        """Whether these paging words describe this style; each style answers for itself."""
        return False

    @property
    def request_param(self) -> str | None:
        """The parameter (spec key or wire name) that carries the page asked for."""
        return self.paging.page_param

    @property
    def cursor(self) -> bool:
        """The request parameter is an opaque token, absent on the first call."""
        return False

    def runtime_args(self, param: Param) -> dict[str, Any]:
        """Keyword arguments of the runtime rule `_paging.<name>(...)`."""
        return {}

    def reference_words(self) -> str:
        """How the iterator knows the next page and the last, for the package README."""
        return ""

    def mock_words(self) -> dict[str, Any]:
        """What the generated mock writes into its answers for this style."""
        p = self.paging
        return {
            "total_field": p.total_field,
            "end_field": p.end_field,
            "total_pages_header": p.total_pages_header,
            "total_elements_header": p.total_elements_header,
            "page_number_header": p.page_number_header,
            "page_size_header": p.page_size_header,
        }


@dataclass(frozen=True)
class Cursor(Style):
    name: ClassVar[str] = "Cursor"

    @classmethod
    def applies(cls, paging: Paging) -> bool:
        return paging.cursor_field is not None

    @property
    def request_param(self) -> str | None:
        return self.paging.cursor_param

    @property
    def cursor(self) -> bool:
        return True

    def runtime_args(self, param: Param) -> dict[str, Any]:
        return {"field": self.paging.cursor_field}

    def reference_words(self) -> str:
        return f"the body's `{self.paging.cursor_field}` is the next cursor; none ends the list"

    def mock_words(self) -> dict[str, Any]:
        return {**super().mock_words(), "cursor_field": self.paging.cursor_field}


@dataclass(frozen=True)
class NextUrl(Style):
    name: ClassVar[str] = "NextUrl"

    @classmethod
    def applies(cls, paging: Paging) -> bool:
        return paging.next_url_header is not None or paging.next_url_field is not None

    @property
    def request_param(self) -> str | None:
        return self.paging.cursor_param or self.paging.page_param

    @property
    def cursor(self) -> bool:
        return self.paging.cursor_param is not None

    def runtime_args(self, param: Param) -> dict[str, Any]:
        return {
            "header": self.paging.next_url_header,
            "field": self.paging.next_url_field,
            "param": param.wire_name,
            "integer": param.shape.kind == "integer",
        }

    def reference_words(self) -> str:
        p = self.paging
        where = f"header `{p.next_url_header}`" if p.next_url_header else f"`{p.next_url_field}`"
        return f"the next page's URL is in {where}; none ends the list"

    def mock_words(self) -> dict[str, Any]:
        p = self.paging
        return {
            **super().mock_words(),
            "next_url_header": p.next_url_header,
            "next_url_field": p.next_url_field,
        }


@dataclass(frozen=True)
class LinkHeader(NextUrl):
    name: ClassVar[str] = "LinkHeader"

    @classmethod
    def applies(cls, paging: Paging) -> bool:
        return paging.link_header is not None

    def runtime_args(self, param: Param) -> dict[str, Any]:
        return {
            "header": self.paging.link_header,
            "param": param.wire_name,
            "integer": param.shape.kind == "integer",
        }

    def reference_words(self) -> str:
        link = self.paging.link_header
        return f'the `{link}` header\'s rel="next" link is the next page; none ends the list'

    def mock_words(self) -> dict[str, Any]:
        return {**Style.mock_words(self), "link_header": self.paging.link_header}


@dataclass(frozen=True)
class TotalCount(Style):
    name: ClassVar[str] = "TotalCount"

    @classmethod
    def applies(cls, paging: Paging) -> bool:
        return paging.total_field is not None

    def runtime_args(self, param: Param) -> dict[str, Any]:
        return {"total_field": self.paging.total_field, "end_field": self.paging.end_field}

    def reference_words(self) -> str:
        return f"the body's `{self.paging.total_field}` counts the items; all seen ends the list"


@dataclass(frozen=True)
class HeaderCounts(Style):
    name: ClassVar[str] = "HeaderCounts"

    @classmethod
    def applies(cls, paging: Paging) -> bool:
        return paging.total_pages_header is not None or paging.total_elements_header is not None

    def runtime_args(self, param: Param) -> dict[str, Any]:
        p = self.paging
        return {
            "total_pages": p.total_pages_header,
            "total_elements": p.total_elements_header,
            "page_number": p.page_number_header,
            "first_page": p.first_page,
        }

    def reference_words(self) -> str:
        p = self.paging
        if p.total_pages_header:
            return f"header `{p.total_pages_header}` counts the pages; the last ends the list"
        return f"header `{p.total_elements_header}` counts the items; all seen ends the list"


@dataclass(frozen=True)
class ShortPage(Style):
    name: ClassVar[str] = "ShortPage"

    @classmethod
    def applies(cls, paging: Paging) -> bool:
        return paging.size_param is not None

    def reference_words(self) -> str:
        return f"a page shorter than `{self.paging.size_param}` asked for, or empty, ends the list"


STYLES: tuple[type[Style], ...] = (Cursor, NextUrl, LinkHeader, TotalCount, HeaderCounts, ShortPage)


def style_of(paging: Paging) -> Style | None:
    """The style that decides where this paging ends; None when nothing can tell."""
    for style in STYLES:
        if style.applies(paging):
            return style(paging)
    return None


def find_param(op: Operation, name: str | None) -> Param | None:
    return next((p for p in op.params if name is not None and name in (p.key, p.wire_name)), None)


def problems(paging: Paging, params: tuple[Param, ...]) -> list[tuple[str, str]]:
    """(spec word, message) for each reason this operation's paging cannot work."""
    found: list[tuple[str, str]] = []
    names = {n for p in params for n in (p.key, p.wire_name)}
    for word in ("page_param", "size_param", "cursor_param"):
        value = getattr(paging, word)
        if value is not None and value not in names:
            found.append(
                (word, f"{word} names '{value}', which is not a parameter of the operation")
            )
    if paging.end_field is not None and paging.total_field is None:
        found.append(("end_field", "end_field needs total_field: the count it is compared with"))
    style = style_of(paging)
    if style is None:
        found.append(
            (
                "",
                "cannot tell the last page: say one of " + ", ".join(STOP_WORDS),
            )
        )
    elif style.request_param is None:
        asked = "cursor_param" if isinstance(style, Cursor) else "page_param or cursor_param"
        found.append(("", f"cannot ask for the next page: say {asked}"))
    return found
