"""Which concept-specific parts of the shared runtime a package carries.

Every package has its own copy of the runtime (it stands alone), but code for
a concept its spec never uses is dead weight in it: a mock that pages, signs
webhooks or refuses versions for a provider that does none of that. The
templates ask these flags and render such a part only where it can run.

The mock's flags are read off mock.json's data (mock_data), the table that
drives the mock: a part is rendered exactly when that data can reach it.
The client's flags are read off the model, as the client's table is. A
concept the render context already carries (ctx.envelope, ctx.multipart,
ctx.path_lists, ctx.rate_limit, ctx.server_variables) is asked there, not
repeated here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.emit.mock_data import OPERATION_DEFAULTS
from generator.spec.model import Spec


@dataclass(frozen=True)
class RuntimeParts:
    """Each flag names a concept; true when the package needs its runtime part."""

    # auth (testing.py's token, cookie and credential checks)
    token: bool  # a token operation issues tokens
    refresh: bool  # OAuth2 refresh tokens
    client_credentials: bool  # the token request carries HTTP Basic
    session_cookie: bool
    static_auth: bool  # API key, bearer or HTTP Basic on every request
    bearer: bool  # requests carry an issued token
    expires_at: bool  # the token answer states its expiry as a time
    # requests the mock reads
    constant_headers: bool
    path_mismatch: bool  # a path value of the wrong kind is a 404
    query_arrays: bool
    form_bodies: bool
    idempotency: bool
    # answers the mock writes
    answers: frozenset[str]  # the operations' response encodings
    error_kinds: frozenset[str]  # text, array, field_messages, messages_field, message_field
    # what the mock keeps and plays (an operation's `mock:`, `sandbox:`)
    actions: frozenset[str]
    mock_words: frozenset[str]  # the `mock:` words some operation uses (rules, totals, ...)
    paging: bool
    paging_words: frozenset[str]  # the words the paging styles use (cursor, link_header, ...)
    batch: bool
    deliveries: bool  # a create delivers a webhook
    standard_webhooks: bool  # some webhook is signed in its headers
    signed_webhooks: bool  # some webhook carries its signature in a body field
    sandbox_when: bool  # sandbox rules that answer a create differently
    progressions: bool  # sandbox rules that move a status on with time
    # the client (_core.py)
    deprecated: bool  # some operation is deprecated (a DeprecationWarning when called)
    error_words: frozenset[str]  # the words the error formats use (field_messages, ...)

    def uses(self, word: str) -> bool:
        """Whether some operation's `mock:` block uses `word`."""
        return word in self.mock_words

    # Decisions both mock modules (testing.py, _mock_state.py) make, made here once.
    @property
    def keeps(self) -> bool:
        """An action keeps what a request sent (while the answer stays valid)."""
        return bool(self.actions & {"answer", "create", "update"})

    @property
    def rules(self) -> bool:
        """Some operation refuses by the provider's state (`rules`) or records it (`records`)."""
        return self.uses("rules") or self.uses("records")

    @property
    def form_answers(self) -> bool:
        """Some operation answers a form (read back into fields)."""
        return "form" in self.answers

    @property
    def signing(self) -> bool:
        """The mock signs the webhooks it delivers (a body field, or headers)."""
        return self.deliveries and (self.signed_webhooks or self.standard_webhooks)


_ERROR_WORDS = ("field_messages", "messages_field", "message_field")
_CLIENT_ERROR_WORDS = (*_ERROR_WORDS, "item_message", "item_pointer")


def _operations(mock: dict[str, Any]) -> list[dict[str, Any]]:
    """mock.json's operations whole: each is written without what its defaults say."""
    return [{**OPERATION_DEFAULTS, **op} for op in mock["operations"]]


def answers(spec: Spec) -> frozenset[str]:
    """The operations' response encodings (json, form, text, binary, empty)."""
    return frozenset(op.success.encoding for op in spec.operations)


def runtime_parts(spec: Spec, mock: dict[str, Any]) -> RuntimeParts:
    """The parts `spec`'s package needs; `mock` is mock_data(spec)."""
    operations = _operations(mock)
    params = [p for op in spec.operations for p in op.params]
    return RuntimeParts(
        **_auth_parts(mock["auth"]),
        **_mock_parts(mock, operations),
        constant_headers=bool(mock["headers"]),
        path_mismatch=mock["path_mismatch"] == "not_found",
        query_arrays=any(p.array_style and p.location == "query" for p in params),
        form_bodies=any(op["body_encoding"] == "form" for op in operations),
        idempotency=any(op.idempotency_key for op in spec.operations),
        answers=answers(spec),
        paging=any(op["paging"] for op in operations),
        paging_words=frozenset(
            word for op in operations for word, value in (op["paging"] or {}).items() if value
        ),
        batch=any(op["batch"] for op in operations),
        deprecated=any(op.deprecated for op in spec.operations),
        error_words=frozenset(
            word
            for word in _CLIENT_ERROR_WORDS
            for fmt in spec.error_formats
            if getattr(fmt, word) is not None
        ),
    )


def _auth_parts(auth: dict[str, Any]) -> dict[str, Any]:
    """How the mock checks credentials and issues tokens (mock.json's `auth`)."""
    return {
        "token": auth["token_operation"] is not None,
        "refresh": bool(auth["refresh_token"]),
        "client_credentials": auth["scheme"] == "oauth2_client_credentials",
        "session_cookie": auth["scheme"] == "session_cookie",
        "static_auth": bool(auth["static"]),
        "bearer": auth["scheme"] not in ("none", "session_cookie") and not auth["static"],
        "expires_at": bool(auth["expires_at"]),
    }


def _mock_parts(mock: dict[str, Any], operations: list[dict[str, Any]]) -> dict[str, Any]:
    """What the mock keeps and plays: actions, `mock:` words, webhooks, sandbox, rejections."""
    hooks = mock["webhooks"].values()
    rejections = mock["rejections"].values()
    sandbox = [rule for op in operations for rule in op["sandbox"]]
    blocks = [op["mock"] or {} for op in operations]
    words = {word for block in blocks for word, value in block.items() if value}
    return {
        "error_kinds": frozenset(
            [*(k for k in ("text", "array") if any(r[k] for r in rejections))]
            + [w for w in _ERROR_WORDS if any(r[w] is not None for r in rejections)]
        ),
        "actions": frozenset(str(block.get("action")) for block in blocks),
        "mock_words": frozenset(words),
        "deliveries": "webhook" in words,
        "standard_webhooks": any(hook.get("standard") for hook in hooks),
        "signed_webhooks": any(hook.get("field") for hook in hooks),
        "sandbox_when": any(rule.get("when") for rule in sandbox),
        "progressions": any(rule.get("sequence") for rule in sandbox),
    }
