"""Names and values that go on the wire: header and cookie names, header values, URLs.

httpx sends only RFC 9110 tokens as header names and printable ASCII as
values; a server must be a base URL, an error format's name a file name.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from generator.concepts import auth as auth_concept
from generator.spec import diagnostic_codes as codes
from generator.spec.loader import child_pointer
from generator.spec.model import Spec
from generator.spec.names_reserved import TOKEN, Report

_HEADER_VALUE = re.compile(r"^[\t\x20-\x7e]*$")
_URL = re.compile(r"^[\x21-\x7e]+$")
_FILE_WORD = re.compile(r"^[A-Za-z0-9_-]+$")


def auth(spec: Spec, error: Report) -> None:
    """Credentials the scheme can use; a cookie name is a token."""
    auth = spec.auth
    for message in auth_concept.credential_problems(auth):
        error("/auth", message, codes.BAD_AUTH)
    if auth.cookie is not None and not TOKEN.match(auth.cookie):
        error(
            "/auth/cookie",
            f"cookie name {auth.cookie!r} is not a valid cookie name",
            codes.BAD_AUTH,
        )


def headers(spec: Spec, error: Report) -> None:
    """Header names are tokens, constant values visible ASCII: httpx sends nothing else."""
    constant = [("/auth/header", name, value, False) for name, value in spec.auth.headers]
    constant += [
        (child_pointer("/headers", name), name, value, True) for name, value in spec.headers
    ]
    for pointer, name, value, key in constant:
        if not TOKEN.match(name):
            error(
                pointer,
                f"header name {name!r} is not a valid HTTP header name",
                codes.BAD_HEADER,
                key=key,
            )
        if not _HEADER_VALUE.match(value):
            error(
                pointer,
                f"header {name!r} value {value!r} must be printable ASCII (no line breaks)",
                codes.BAD_HEADER,
            )
    params = [(child_pointer("/client_params", p.key), p) for p in spec.client_params]
    for op in spec.operations:
        here = child_pointer(child_pointer("/operations", op.name), "params")
        params += [(child_pointer(here, p.key), p) for p in op.params if not p.from_client]
    for where, param in params:
        if param.location == "header" and not TOKEN.match(param.wire_name):
            error(
                where,
                f"header name {param.wire_name!r} is not a valid HTTP header name",
                codes.BAD_HEADER,
            )


def servers(spec: Spec, error: Report) -> None:
    """Each server is a base URL: a host, no spaces, query or fragment."""
    for name, url in spec.servers:
        try:
            parts = urlsplit(url)
            usable = bool(parts.hostname) and not parts.query and not parts.fragment
        except ValueError:  # e.g. an unclosed IPv6 bracket
            usable = False
        if not usable or not _URL.match(url):
            error(
                child_pointer("/servers", name),
                f"server {url!r} is not a usable base URL (a host; no spaces, query or #)",
                codes.BAD_SERVER,
            )


# schemas/error.<format>.json beside <operation>.request.json and <webhook>.webhook.json
_SCHEMA_FILE_OF = {"request": "operation", "webhook": "webhook"}


def error_formats(spec: Spec, error: Report) -> None:
    """An error format's name names a schema file, which no other schema file may have."""
    named_error = {
        "operation": any(op.name == "error" for op in spec.operations),
        "webhook": any(hook.name == "error" for hook in spec.webhooks),
    }
    for fmt in spec.error_formats:
        if not _FILE_WORD.match(fmt.name):
            error(
                child_pointer("/error_formats", fmt.name),
                f"error format name {fmt.name!r} names a file (schemas/error.<name>.json):"
                " use letters, digits, '_' and '-'",
                codes.BAD_NAME,
                key=True,
            )
        elif named_error.get(_SCHEMA_FILE_OF.get(fmt.name, "")):
            error(
                child_pointer("/error_formats", fmt.name),
                f"error format name {fmt.name!r} and the {_SCHEMA_FILE_OF[fmt.name]} 'error'"
                f" would both name schemas/error.{fmt.name}.json: rename one",
                codes.BAD_NAME,
                key=True,
            )
