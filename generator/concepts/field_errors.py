"""Error bodies shaped as a map of field -> [messages] (Rails, Django REST, Laravel).

`field_messages` on an error format is a JSON Pointer to the map ("" when
the body is the map itself). Each key names a field, each value lists its
messages; the empty key carries messages about the whole request (Django's
`non_field_errors` is spelt that way by many providers' documents). The
client surfaces every message in `.problems` and each with its JSON Pointer
in `.field_problems`: a key `lines.0.sku` (Laravel's dotted paths) becomes
`/lines/0/sku`, the empty key the whole-request pointer "". The generated
mock answers a rejection in the same shape. The runtime half lives in the
package's `_core.py` (`_map_problems`) and `testing.py` (`_rejection`).
"""

from __future__ import annotations

from typing import Any

from generator.spec import pointer as json_pointer


def pointer_of(key: str) -> str:
    """The JSON Pointer of a map key: "" stays the whole request, dots become steps."""
    if not key:
        return ""
    return json_pointer.from_tokens(key.split("."))


def problems(body: Any, at: str) -> list[tuple[str, str]]:
    """(pointer, message) for each message of the map at `at` in `body` (test data, docs)."""
    for token in json_pointer.parse(at):
        body = body.get(token) if isinstance(body, dict) else None
    if not isinstance(body, dict):
        return []
    found = []
    for key, messages in body.items():
        for message in messages if isinstance(messages, list) else [messages]:
            found.append((pointer_of(str(key)), str(message)))
    return found
