"""The checked, resolved model of one spec: frozen dataclasses, plain data.

build.py makes it once; emitters only read it. Python names are decided
here (via naming.py) so templates never rename anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from generator.concepts.multipart import FilePart
from generator.concepts.rate_limit import RateLimit
from generator.concepts.server_variables import ServerVariable
from generator.spec.mock_model import MockOperation, MockProvider, SandboxRule

# The kinds the model carries. A dispatch on one of them ends in
# `typing.assert_never`, so a kind added here fails mypy at every stage that
# does not handle it yet.
PrimitiveKind = Literal["string", "integer", "number", "boolean"]
# `union`: a primitive union (Shape.types); `ref`: a named TypeDef (objects are
# always hoisted into one, so there is no "object" kind); `map`: string keys to
# Shape.values; `any`: no constraint at all.
ShapeKind = Literal["string", "integer", "number", "boolean", "union", "array", "map", "any", "ref"]
RuleKind = Literal["require", "forbid", "at_least_one_of", "exactly_one_of", "compare"]
CompareOp = Literal["<", "<=", ">", ">=", "=="]
ParamLocation = Literal["path", "query", "header"]
ResponseEncoding = Literal["json", "form", "text", "empty", "binary"]  # concepts/encodings.py
BodyEncoding = Literal["json", "form", "multipart"]  # a request body (concepts/encodings.py)
AuthScheme = Literal[  # concepts/auth.py
    "token_endpoint",
    "oauth2_client_credentials",
    "oauth2_password",
    "session_cookie",
    "api_key",
    "bearer",
    "basic",
    "none",
]


@dataclass(frozen=True)
class EnumValue:
    value: Any
    meaning: str = ""


@dataclass(frozen=True)
class Constraints:
    """JSON Schema's constraint words, by their JSON Schema names."""

    minLength: int | None = None
    maxLength: int | None = None
    pattern: str | None = None
    format: str | None = None
    enum: tuple[EnumValue, ...] = ()
    const: Any = None
    has_const: bool = False
    minimum: float | None = None
    maximum: float | None = None
    exclusiveMinimum: float | None = None
    exclusiveMaximum: float | None = None
    minItems: int | None = None
    maxItems: int | None = None
    uniqueItems: bool = False
    uniqueBy: str | None = None  # arrays of objects: the field no two items may share
    extensible: bool = False  # enum: documented values, but any value of the type is accepted
    multipleOf: float | None = None  # numbers: a whole multiple of this (judged in decimal)


@dataclass(frozen=True)
class Shape:
    """The shape of one value: a primitive, an array, a map or a named type."""

    kind: ShapeKind
    types: tuple[str, ...] = ()  # for primitive unions, e.g. ("string", "integer")
    ref: str | None = None  # named type, when kind == "ref"
    items: Shape | None = None
    values: Shape | None = None
    nullable: bool = False
    constraints: Constraints = field(default_factory=Constraints)
    description: str = ""
    messages: tuple[tuple[str, str], ...] = ()

    def message(self, rule: str) -> str | None:
        return dict(self.messages).get(rule)


@dataclass(frozen=True)
class Field:
    wire_name: str
    python_name: str
    shape: Shape
    required: bool
    pointer: str  # where the field is declared in the spec


@dataclass(frozen=True)
class Condition:
    field: str
    values: tuple[Any, ...]
    or_absent: bool
    present: bool = False  # holds when the field is present and not null (see conditions.py)


@dataclass(frozen=True)
class Rule:
    kind: RuleKind
    fields: tuple[str, ...] = ()  # compare: (left, right)
    when: Condition | None = None
    also: tuple[Condition, ...] = ()  # further clauses of `when`, all of which must hold
    op: CompareOp | Literal[""] = ""  # compare rules only
    message: str = ""
    messages: tuple[tuple[str, str], ...] = ()
    source: str = ""


@dataclass(frozen=True)
class TypeDef:
    name: str
    source: str
    description: str = ""
    fields: tuple[Field, ...] = ()
    additional: bool = False  # may fields beyond the listed ones appear? (decided in build)
    one_of: tuple[str, ...] = ()
    discriminator: str | None = None
    rules: tuple[Rule, ...] = ()

    @property
    def is_union(self) -> bool:
        return bool(self.one_of)


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
