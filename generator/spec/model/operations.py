"""One callable operation: its parameters, body, responses, examples and parts.

The parts a concept adds (paging, batch, multipart files, the mock's
keeping) hang off the operation they belong to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.concepts.multipart import FilePart
from generator.spec.mock_model import MockOperation
from generator.spec.model.literals import BodyEncoding, ParamLocation, ResponseEncoding
from generator.spec.model.shapes import Shape


@dataclass(frozen=True)
class Param:
    key: str
    wire_name: str
    python_name: str
    location: ParamLocation
    shape: Shape
    required: bool
    default: Any = None
    from_client: bool = False
    array_style: str | None = None  # comma | repeated, for `type: array` (concepts/array_params)
    required_when: tuple[str, tuple[Any, ...]] | None = None  # (other param's key, its values)
    list_style: tuple[str, str] | None = None  # a list in one path segment (path_lists.py)


@dataclass(frozen=True)
class Response:
    status: int
    shape: Shape | None
    encoding: ResponseEncoding
    description: str = ""
    warning: str | None = None
    content_type: str | None = None  # encoding binary: the media type of the bytes


@dataclass(frozen=True)
class ExampleBody:
    value: Any
    text: str
    errata: str | None = None


@dataclass(frozen=True)
class Example:
    title: str
    params: tuple[tuple[str, Any], ...] = ()
    request: ExampleBody | None = None
    response: ExampleBody | None = None
    status: int = 200  # the operation's success status unless the example names one


@dataclass(frozen=True)
class Paging:
    """How pages are asked for and how the answer tells where it is."""

    page_param: str | None = None
    size_param: str | None = None
    first_page: int = 1
    items_field: str | None = None
    total_field: str | None = None
    end_field: str | None = None
    total_pages_header: str | None = None
    total_elements_header: str | None = None
    page_number_header: str | None = None
    page_size_header: str | None = None
    link_header: str | None = None
    next_url_header: str | None = None  # a header holding the next page's URL
    next_url_field: str | None = None  # a JSON Pointer into the body to the next page's URL
    cursor_param: str | None = None  # the parameter carrying an opaque cursor
    cursor_field: str | None = None  # a JSON Pointer into the body to the next cursor


@dataclass(frozen=True)
class Batch:
    """A batch operation's answer: where accepted and refused items sit (see batch.py)."""

    items: str  # JSON Pointer of the item array in the request body
    succeeded: str | None
    failed: str  # JSON Pointer of the refused entries in the answer
    failed_item: str  # within a refused entry: the item as sent
    failed_errors: str  # within a refused entry: the provider's messages
    success_count: str | None = None
    failure_count: str | None = None


@dataclass(frozen=True)
class Deprecation:
    replacement: str
    note: str = ""


@dataclass(frozen=True)
class Operation:
    name: str
    source: str
    summary: str
    description: str
    method: str
    path: str
    auth: bool
    params: tuple[Param, ...]
    params_at_least_one_of: tuple[str, ...]  # python names
    body: Shape | None
    body_type_name: str | None  # the named (or synthesised) request type
    body_encoding: BodyEncoding
    responses: tuple[Response, ...]
    errors: tuple[tuple[int, tuple[str, ...]], ...]
    idempotent: bool
    deprecated: Deprecation | None
    examples: tuple[Example, ...]
    enveloped: bool = False
    cache_ttl: int | None = None
    paging: Paging | None = None
    mock: MockOperation | None = None  # what the provider mock keeps (mock_model.py)
    headers: tuple[tuple[str, str], ...] = ()  # constant headers of this operation
    response_only: tuple[str, ...] = ()  # body fields only responses carry, refused here
    idempotency_key: str | None = None  # header carrying a per-call key (idempotency_key.py)
    batch: Batch | None = None  # a batch whose success lists refused items (batch.py)
    curls: tuple[str, ...] = ()  # the document's curl examples, verbatim (curl_cases.py)
    files: tuple[FilePart, ...] = ()  # body_encoding multipart: the file parts
    tags: tuple[str, ...] = ()  # OpenAPI tags beside the document section

    @property
    def success(self) -> Response:
        return min((r for r in self.responses if r.status < 400), key=lambda r: r.status)
