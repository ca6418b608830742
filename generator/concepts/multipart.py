"""Multipart bodies: file uploads (labels, documents, images) as multipart/form-data.

    upload_document:
      method: POST
      path: /shipments/{id}/documents
      body_encoding: multipart
      body: DocumentFields            # the text parts (optional): a type or an inline shape
      files:                          # the file parts
        document: {required: true, content_types: [application/pdf, image/png], max_bytes: 2000000}
        thumbnail: {content_types: [image/png]}

The text parts are the body's fields, validated like any body (JSON
Pointers, the same rules). Each file part is a keyword argument of the
method taking bytes, a binary file object, `(filename, content)` or
`(filename, content, content_type)`. Before anything is sent, the client
refuses a missing required file, a content type the part does not allow,
and content over `max_bytes`, each at the part's pointer (`/document`).
Bytes given without a media type are sent as the part's only allowed type
when it has one, else as application/octet-stream (then refused if the part
lists its types: the caller names the type with the tuple form).

The runtime encodes the body itself (RFC 7578; scalars as text, arrays and
objects as JSON text) into bytes that httpx sends, so a retry re-sends the
same bytes and a body of text parts alone is still multipart. The mock
parses the body with the standard library's MIME parser (not the client's
encoder), applies the same checks to what arrived, and acts on the text
fields with, for each file part received, `{filename, content_type, size}`
beside them: `mock: {action: create}` stores and echoes those. OpenAPI says
`multipart/form-data` with the parts' schema (files as
`{type: string, format: binary}`) and an `encoding` entry naming each file
part's allowed content types.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator.emit import naming
from generator.spec import diagnostic_codes as codes
from generator.spec.diagnostic_codes import Code
from generator.spec.loader import child_pointer

if TYPE_CHECKING:
    from generator.spec.model import Operation

MEDIA_TYPE = "multipart/form-data"
# keyword names every generated method has already
_RESERVED = frozenset({"self", "body", "timeout", "max_retries", "extra_headers"})


_EXTENSIONS = {"octet-stream": "bin", "plain": "txt", "jpeg": "jpg"}  # sample file names


@dataclass(frozen=True)
class FilePart:
    """One file part of a multipart body."""

    wire_name: str
    python_name: str
    required: bool
    content_types: tuple[str, ...]  # empty: any media type
    max_bytes: int | None
    description: str = ""


def build(
    raw: Mapping[str, Any],
    pointer: str,
    taken: set[str],
    error: Callable[[str, str, Code], None],
) -> tuple[FilePart, ...]:
    """The operation's file parts, checked against its encoding and its other argument names.

    `taken` holds the python names the method already uses (its parameters)
    and the wire names of the text parts.
    """
    declared: Mapping[str, Any] = raw.get("files") or {}
    if declared and raw.get("body_encoding") != "multipart":
        error(
            child_pointer(pointer, "files"),
            "file parts need body_encoding: multipart",
            codes.BAD_MULTIPART,
        )
        return ()
    if raw.get("body_encoding") == "multipart":
        _check_operation(raw, pointer, error)
    here = child_pointer(pointer, "files")
    parts = []
    for wire_name, spec in declared.items():
        python_name = naming.python_identifier(naming.snake_case(wire_name))
        if python_name in _RESERVED or python_name in taken or wire_name in taken:
            error(
                child_pointer(here, wire_name),
                f"file part '{wire_name}' clashes with another argument or part",
                codes.NAME_CLASH,
            )
        taken.add(python_name)
        parts.append(
            FilePart(
                wire_name,
                python_name,
                bool(spec.get("required", False)),
                tuple(spec.get("content_types") or ()),
                spec.get("max_bytes"),
                spec.get("description", ""),
            )
        )
    return tuple(parts)


def _check_operation(
    raw: Mapping[str, Any], pointer: str, error: Callable[[str, str, Code], None]
) -> None:
    """What a multipart operation as a whole must be: something to send, a method with a body."""
    here = child_pointer(pointer, "body_encoding")
    if not raw.get("files") and "body" not in raw:
        error(here, "a multipart body needs text fields (body) or files", codes.BAD_MULTIPART)
    if raw.get("method") in ("GET", "DELETE"):
        error(here, f"a {raw.get('method')} request carries no body", codes.BAD_MULTIPART)
    examples = raw.get("examples") or []
    if any(isinstance(e, Mapping) and "request" in e for e in examples):
        error(
            child_pointer(pointer, "examples"),
            "a multipart operation's examples cannot show a request body",
            codes.BAD_MULTIPART,
        )


def runtime_table(
    operations: tuple[Operation, ...],
) -> dict[str, tuple[tuple[str, bool, tuple[str, ...], int | None], ...]]:
    """Operation -> its file parts as the runtime checks them (name, required, types, max)."""
    return {
        op.name: tuple(
            (f.wire_name, f.required, tuple(t.lower() for t in f.content_types), f.max_bytes)
            for f in op.files
        )
        for op in operations
        if op.body_encoding == "multipart"
    }


def upload_arg(files: tuple[FilePart, ...], body: bool) -> str:
    """The expression a method hands its flow as the body: the text fields and the files."""
    named = ", ".join(f"{naming.py_string(f.wire_name)}: {f.python_name}" for f in files)
    return f"_multipart.Upload({'body' if body else 'None'}, {{{named}}})"


def reference_text(files: tuple[FilePart, ...]) -> str:
    """The file parts in a sentence, for the package README's reference."""
    described = []
    for f in files:
        notes = ["required" if f.required else "optional"]
        notes += [", ".join(f.content_types)] if f.content_types else []
        notes += [f"at most {f.max_bytes} bytes"] if f.max_bytes is not None else []
        described.append(f"`{f.python_name}` ({'; '.join(notes)})")
    return ", ".join(described)


def openapi_content(
    files: tuple[FilePart, ...], text_schema: dict[str, Any] | None
) -> dict[str, Any]:
    """The requestBody content: the parts' schema (files as binary) and each file's types."""
    file_schema: dict[str, Any] = {
        "type": "object",
        "properties": {
            f.wire_name: {
                "type": "string",
                "format": "binary",
                **({"description": f.description} if f.description else {}),
                **({"maxLength": f.max_bytes} if f.max_bytes is not None else {}),
            }
            for f in files
        },
    }
    required = [f.wire_name for f in files if f.required]
    if required:
        file_schema["required"] = required
    schema = _merged(text_schema, file_schema) if text_schema else file_schema
    media: dict[str, Any] = {"schema": schema}
    encoding = {
        f.wire_name: {"contentType": ", ".join(f.content_types)} for f in files if f.content_types
    }
    if encoding:
        media["encoding"] = encoding
    return {MEDIA_TYPE: media}


def _merged(text: dict[str, Any], files: dict[str, Any]) -> dict[str, Any]:
    """One object of every part, so the text type's `additionalProperties: false` still holds."""
    if "properties" not in text:  # a union of text shapes: each member alongside the files
        return {"allOf": [text, files]}
    merged = {key: value for key, value in text.items() if key != "title"}
    merged["properties"] = {**text["properties"], **files["properties"]}
    required = [*text.get("required", []), *files.get("required", [])]
    if required:
        merged["required"] = required
    return merged


def sample_file(part: FilePart) -> tuple[str, str, str]:
    """A small valid file for `part`: (filename, content as latin-1 text, content type)."""
    from generator.concepts import binary

    content_type = part.content_types[0] if part.content_types else "application/octet-stream"
    subtype = content_type.rsplit("/", 1)[-1].split("+")[0].split(".")[-1]
    extension = _EXTENSIONS.get(subtype, subtype)
    content = binary.sample(content_type)
    if part.max_bytes is not None:
        content = content[: part.max_bytes]
    return f"{part.wire_name}.{extension}", content, content_type


def example_args(files: tuple[FilePart, ...]) -> list[tuple[str | None, Any]]:
    """The required file parts as a README call passes them: (filename, bytes, content type)."""
    args: list[tuple[str | None, Any]] = []
    for f in files:
        if f.required:
            filename, content, content_type = sample_file(f)
            args.append((f.python_name, (filename, content.encode("latin-1"), content_type)))
    return args


def sample_kwargs(files: tuple[FilePart, ...]) -> dict[str, Any]:
    """A sample file for every part, as the generated tests' data.json holds it.

    `{"$file": [filename, latin-1 text, content type]}`: the tests load
    data.json with a hook that turns it into `(filename, bytes, content_type)`.
    """
    return {f.python_name: {"$file": list(sample_file(f))} for f in files}


def wire_samples(files: tuple[FilePart, ...]) -> dict[str, list[str]]:
    """Part name -> [filename, latin-1 text, content type]: what the sample files travel as."""
    return {f.wire_name: list(sample_file(f)) for f in files}


def file_changes(old: Any, new: Any) -> list[tuple[str, str]]:
    """(level, message) for each file part change between two surface records (changes.py).

    What can refuse a call that worked before is breaking (a new required
    part, a part gone, a media type or bytes allowed no more); what only
    accepts more is a feature.
    """
    before = {part["wire_name"]: part for part in old or []}
    after = {part["wire_name"]: part for part in new or []}
    found: list[tuple[str, str]] = []
    for name in sorted(before.keys() - after.keys()):
        found.append(("breaking", f"file part '{name}' removed"))
    for name in sorted(after.keys() - before.keys()):
        required = after[name]["required"]
        found.append(("breaking" if required else "feature", f"new file part '{name}'"))
    for name in sorted(before.keys() & after.keys()):
        was, now = before[name], after[name]
        if was["required"] != now["required"]:
            found.append(
                (
                    "breaking" if now["required"] else "feature",
                    f"file part '{name}' "
                    + ("now required" if now["required"] else "now optional"),
                )
            )
        if was["content_types"] != now["content_types"]:
            narrower = bool(now["content_types"]) and not set(was["content_types"] or ["*"]) <= set(
                now["content_types"]
            )
            found.append(
                (
                    "breaking" if narrower else "feature",
                    f"file part '{name}' media types"
                    f" now {', '.join(now['content_types']) or 'any'}",
                )
            )
        if was["max_bytes"] != now["max_bytes"]:
            smaller = now["max_bytes"] is not None and (
                was["max_bytes"] is None or now["max_bytes"] < was["max_bytes"]
            )
            found.append(
                (
                    "breaking" if smaller else "feature",
                    f"file part '{name}' max_bytes now {now['max_bytes']}",
                )
            )
    return found
