"""The provider's hosts: which one a client uses by default, and its base path.

A server URL may carry a base path (`https://host/api/v1`); the client joins
every operation's path onto it, so what arrives on the wire is the base path
followed by the operation's path. Generated tests expect exactly that.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from generator.spec.model import Spec


def default_server(spec: Spec) -> str | None:
    """`live` when the document names it, else the first host named, else none."""
    names = [name for name, _ in spec.servers]
    return "live" if "live" in names else (names[0] if names else None)


def base_path(spec: Spec) -> str:
    """The path part of the default server's URL, without a trailing slash ('' for none)."""
    name = default_server(spec)
    if name is None:
        return ""
    return urlsplit(dict(spec.servers)[name]).path.rstrip("/")
