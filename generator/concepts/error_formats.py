"""Error-format kinds: how the provider's messages are read out of an error body.

An `error_formats:` entry is either plain text (`text: true`) or a JSON
type plus words saying where its messages are. Those words make its kind:

- `text`: the body is the message;
- `field_map`: a field -> [messages] map at a JSON Pointer (concepts/field_errors.py);
- `item_list`: a top-level array of items, each with a message (and maybe a pointer);
- `message_list`: an object with a list of messages;
- `message`: an object with one message;
- `opaque`: a JSON body with no message the client can name.

The runtime side is `_messages`/`_problems` in templates/_core.py.jinja
(the client) and `_error_body` in templates/testing.py.jinja (the mock);
the generator uses the kind for the media type (OpenAPI, Accept) and for
the messages the generated tests expect the client to extract.
"""

from __future__ import annotations

from typing import Any, Literal

from generator.concepts import encodings, field_errors
from generator.spec.model import ErrorFormat

ErrorFormatKind = Literal["text", "field_map", "item_list", "message_list", "message", "opaque"]


def kind(fmt: ErrorFormat) -> ErrorFormatKind:
    """Which of the kinds a declared error format is (the module docstring lists them)."""
    if fmt.text:
        return "text"
    if fmt.field_messages is not None:
        return "field_map"
    if fmt.item_message:
        return "item_list"
    if fmt.messages_field:
        return "message_list"
    if fmt.message_field:
        return "message"
    return "opaque"


def media_type(fmt: ErrorFormat) -> str:
    return encodings.media_type("text" if fmt.text else "json")


def expected_messages(fmt: ErrorFormat, body: Any) -> tuple[list[str], list[list[str]]]:
    """The messages, and the (pointer, message) pairs, the client must read from a JSON `body`.

    The readings are tried in turn, so a body without the declared form (an
    item list that is not a list) yields what the next applicable one finds.
    """
    if isinstance(body, list) and fmt.item_message:
        problems = [str(item.get(fmt.item_message)) for item in body]
        fields = (
            [[str(item.get(fmt.item_pointer)), str(item.get(fmt.item_message))] for item in body]
            if fmt.item_pointer
            else []
        )
        return problems, fields
    if fmt.field_messages is not None:
        found = field_errors.problems(body, fmt.field_messages)
        return [message for _, message in found], [[pointer, message] for pointer, message in found]
    if isinstance(body, dict) and fmt.messages_field:
        return [str(m) for m in body.get(fmt.messages_field) or []], []
    if isinstance(body, dict) and fmt.message_field and body.get(fmt.message_field) is not None:
        return [str(body[fmt.message_field])], []
    return [], []
