"""What the provider declares once for every operation, and the whole Spec.

Auth, error formats, the envelope, webhooks and errata are provider-wide;
Spec ties them to the types and operations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from generator.concepts.rate_limit import RateLimit
from generator.concepts.server_variables import ServerVariable
from generator.spec.mock_model import MockProvider, SandboxRule
from generator.spec.model.literals import AuthScheme
from generator.spec.model.operations import ExampleBody, Operation, Paging, Param
from generator.spec.model.shapes import Shape, TypeDef


@dataclass(frozen=True)
class ErrorFormat:
    name: str
    shape: Shape | None  # None for a plain-text body
    text: bool
    message_field: str | None
    messages_field: str | None
    item_message: str | None = None
    item_pointer: str | None = None
    field_messages: str | None = None  # where a field -> [messages] map is (concepts/field_errors)
    texts: tuple[tuple[str, str], ...] = ()
    description: str = ""
    example: ExampleBody | None = None
    example_status: int | None = None  # the status the document wrote its example for


@dataclass(frozen=True)
class Envelope:
    """A wrapper every response shares, e.g. {messageCode, message, result}."""

    status_field: str
    ok: tuple[str, ...]
    message_field: str | None
    result_field: str
    failures: tuple[str, ...] = ()  # documented statuses that are not ok


@dataclass(frozen=True)
class Credential:
    python_name: str
    wire_field: str
    secret: bool
    description: str = ""


@dataclass(frozen=True)
class Auth:
    scheme: AuthScheme
    operation: str | None = None
    credentials: tuple[Credential, ...] = ()
    token_field: str | None = None
    expires_at: str | None = None
    expires_at_format: str | None = None
    expires_at_zone: str = "UTC"  # IANA zone of a zone-less expires_at
    expires_in: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    cookie: str | None = None
    description: str = ""
    query: tuple[tuple[str, str], ...] = ()  # static api_key: query parameters carrying it
    refresh_token: str | None = None  # OAuth2: response field of the refresh token
    source: str = ""  # the document section the scheme is described in


@dataclass(frozen=True)
class Signature:
    algorithm: Literal["hmac-sha256"]
    encoding: Literal["hex", "base64"]  # how the digest is written into `field`
    field: str
    message_fields: tuple[str, ...]
    separator: str


@dataclass(frozen=True)
class HeaderSignature:
    """A signature in headers over the raw body (concepts/standard_webhooks)."""

    scheme: str  # standard-webhooks
    id_header: str
    timestamp_header: str
    signature_header: str
    tolerance_seconds: int


@dataclass(frozen=True)
class WebhookExample:
    title: str
    payload: ExampleBody


@dataclass(frozen=True)
class Webhook:
    name: str
    source: str
    description: str
    payload: str
    event_field: str | None
    signature: Signature | None
    examples: tuple[WebhookExample, ...]
    header_signature: HeaderSignature | None = None
    event_header: str | None = None  # the header naming the event type


@dataclass(frozen=True)
class Erratum:
    id: str
    where: str
    says: str
    resolution: str


@dataclass(frozen=True)
class Spec:
    provider: str
    title: str
    version: str
    description: str
    document: str
    spec_path: str
    servers: tuple[tuple[str, str], ...]
    headers: tuple[tuple[str, str], ...]
    client_params: tuple[Param, ...]
    auth: Auth
    error_formats: tuple[ErrorFormat, ...]
    types: tuple[TypeDef, ...]
    operations: tuple[Operation, ...]
    webhooks: tuple[Webhook, ...]
    errata: tuple[Erratum, ...]
    envelope: Envelope | None = None
    paging: Paging | None = None
    mock: MockProvider = field(default_factory=MockProvider)  # rejections (mock_model.py)
    sandbox: tuple[SandboxRule, ...] = ()
    rate_limit: RateLimit | None = None  # the provider's own wait headers
    server_variables: tuple[ServerVariable, ...] = ()  # {region}, {version} in server URLs
    citations: tuple[tuple[str, str], ...] = ()  # (JSON Pointer, document section): citations.py

    @property
    def package(self) -> str:
        return f"{self.provider}_client"

    def type(self, name: str) -> TypeDef:
        for typedef in self.types:
            if typedef.name == name:
                return typedef
        raise KeyError(name)
