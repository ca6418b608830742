"""Body encodings: how a request or response body travels (`encoding:`, `body_encoding:`).

`json`, `form` and `multipart` (concepts/multipart.py) carry a request body
(model.BodyEncoding); a response may
also be `text` (a plain-text answer, typed str), `empty` (no body; a JSON
response without a type becomes this in build) or `binary` (bytes with the
response's own media type, concepts/binary.py). Each encoding's media type
(OpenAPI, the client's Accept header) and its words in the reference docs
live here.

The runtime side: _core.py.jinja encodes request bodies and parses
responses by OperationInfo.body_encoding / the response encoding, and
testing.py.jinja reads them the same way. Adding an encoding: its name in
model.ResponseEncoding (and BodyEncoding for requests) and the meta-schema
enums (tests/test_concepts.py holds them together), a row here, the
`case` mypy then asks for in openapi_emit._success, and its reading and
writing in the two templates.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.spec.model import BodyEncoding, Response, ResponseEncoding

AnyEncoding = ResponseEncoding | BodyEncoding


@dataclass(frozen=True)
class Encoding:
    name: AnyEncoding
    media_type: str | None  # None: no body, or (binary) the response's own media type
    words: str  # the reference docs: "Order (JSON)"
    sent_words: str  # the reference docs on a request body: "Order, sent as JSON"


ENCODINGS: dict[AnyEncoding, Encoding] = {
    e.name: e
    for e in (
        Encoding("json", "application/json", "JSON", "as JSON"),
        Encoding("form", "application/x-www-form-urlencoded", "form-encoded", "form-encoded"),
        Encoding("text", "text/plain", "plain text", "as plain text"),
        Encoding("empty", None, "no body", "with no body"),
        Encoding("binary", None, "bytes (BinaryContent)", "as bytes"),
        Encoding(
            "multipart", "multipart/form-data", "multipart/form-data", "as multipart/form-data"
        ),
    )
}

BINARY_DEFAULT = "application/octet-stream"


def of(name: AnyEncoding) -> Encoding:
    return ENCODINGS[name]


def media_type(name: AnyEncoding) -> str:
    """The media type of a body in this encoding (a body it has: not `empty`)."""
    found = ENCODINGS[name].media_type
    return found if found is not None else BINARY_DEFAULT


def response_media_type(response: Response) -> str:
    """A response's media type: its encoding's, or a binary answer's own."""
    if response.encoding == "binary":
        return response.content_type or BINARY_DEFAULT
    return media_type(response.encoding)
