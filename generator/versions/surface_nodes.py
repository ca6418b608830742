"""One snapshot node per model part (shape, type, parameter, operation, auth, webhook,
error format), each with `at`, its declaration's JSON Pointer; surface.py assembles
them.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
from collections.abc import Iterable
from typing import Any

from generator.spec import conditions
from generator.spec.loader import child_pointer
from generator.spec.model import (
    Auth,
    Constraints,
    ErrorFormat,
    Field,
    Operation,
    Paging,
    Param,
    Rule,
    Shape,
    TypeDef,
    Webhook,
)

_BOUNDS = (
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minItems",
    "maxItems",
    "multipleOf",
)


DIGEST_CHARS = 6  # base64url characters: the first 36 bits of the SHA-256


def digest(value: Any) -> str:
    """A short, stable fingerprint of plain data (words, examples, mock declarations).

    A digest is only ever compared with the digest recorded for the same
    node, so an edit goes unnoticed only if its new digest happens to equal
    the old one: a chance of 2**-36 (one in 69 billion) per edited text.
    Collisions between different nodes are harmless (nothing looks digests up).
    """
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=repr)
    return digest_of_sha(hashlib.sha256(text.encode()).digest())


def digest_of_sha(sha: bytes) -> str:
    """The digest written for a SHA-256 (or its first 6 bytes, as older records kept them)."""
    return base64.urlsafe_b64encode(sha[:6]).decode()[:DIGEST_CHARS]


def said(words: Any) -> Any:
    """What a validation message or an enum meaning says, as its digest ("" and {} stay).

    Like descriptions, these are only ever reported as changed, never shown.
    """
    return digest(words) if words else words


def _drop_empty(node: dict[str, Any]) -> dict[str, Any]:
    """Leave out words at their default, so a snapshot reads like the spec."""
    return {k: v for k, v in node.items() if v not in (None, "", (), [], {}, False)}


def constraints_node(constraints: Constraints) -> dict[str, Any]:
    node: dict[str, Any] = {word: getattr(constraints, word) for word in _BOUNDS}
    node["pattern"] = constraints.pattern
    node["format"] = constraints.format
    node["uniqueItems"] = constraints.uniqueItems
    node["extensible"] = constraints.extensible
    node["enum"] = [[item.value, said(item.meaning)] for item in constraints.enum]
    result = _drop_empty(node)
    if constraints.has_const:
        result["const"] = constraints.const
    return result


def shape_node(shape: Shape | None) -> dict[str, Any] | None:
    if shape is None:
        return None
    node: dict[str, Any] = {
        "kind": shape.kind,
        "types": list(shape.types),
        "ref": shape.ref,
        "items": shape_node(shape.items),
        "values": shape_node(shape.values),
        "nullable": shape.nullable,
        "description": shape.description,
        "messages": said(dict(shape.messages)),
    }
    return {**_drop_empty(node), **constraints_node(shape.constraints)}


def _field_node(item: Field) -> dict[str, Any]:
    return {
        "at": item.pointer,
        "python_name": item.python_name,
        "required": item.required,
        "shape": shape_node(item.shape),
    }


def _rule_node(rule: Rule) -> dict[str, Any]:
    return _drop_empty(
        {
            "kind": rule.kind,
            "fields": list(rule.fields),
            "when": conditions.record(rule),
            "also": conditions.record_also(rule),
            "op": rule.op,
            "message": said(rule.message),
            "messages": said(dict(rule.messages)),
            "source": rule.source,
        }
    )


def type_pointer(typedef: TypeDef) -> str:
    """Declared types sit under /types; hoisted ones where their fields were written."""
    if typedef.fields:
        return typedef.fields[0].pointer.rsplit("/fields/", 1)[0]
    return child_pointer("/types", typedef.name)


def type_node(typedef: TypeDef, used_in: Iterable[str]) -> dict[str, Any]:
    return {
        "at": type_pointer(typedef),
        "used_in": sorted(used_in),
        "source": typedef.source,
        "description": typedef.description,
        "fields": {item.wire_name: _field_node(item) for item in typedef.fields},
        "additional": typedef.additional,
        "one_of": list(typedef.one_of),
        "discriminator": typedef.discriminator,
        "rules": [_rule_node(rule) for rule in typedef.rules],
    }


def param_node(param: Param, at: str) -> dict[str, Any]:
    return {
        "at": at,
        "wire_name": param.wire_name,
        "python_name": param.python_name,
        "in": param.location,
        "required": param.required,
        "default": param.default,
        "shape": shape_node(param.shape),
        # recorded only when declared, so older records read the same
        **({"required_when": list(param.required_when)} if param.required_when else {}),
        **({"list": list(param.list_style)} if param.list_style else {}),
    }


def paging_node(paging: Paging | None) -> dict[str, Any] | None:
    if paging is None:
        return None
    return {word: value for word, value in vars(paging).items() if value is not None}


def operation_node(op: Operation) -> dict[str, Any]:
    at = child_pointer("/operations", op.name)
    params_at = child_pointer(at, "params")
    return {
        "at": at,
        "source": op.source,
        "summary": op.summary,
        "description": op.description,
        "method": op.method,
        "path": op.path,
        "auth": op.auth,
        "params": {
            p.python_name: param_node(p, child_pointer(params_at, p.key))
            for p in op.params
            if not p.from_client
        },
        "params_at_least_one_of": list(op.params_at_least_one_of),
        "body": shape_node(op.body),
        "body_encoding": op.body_encoding,
        # multipart file parts; absent when none, so older records compare equal
        **({"files": [dataclasses.asdict(f) for f in op.files]} if op.files else {}),
        "responses": {
            str(r.status): {
                "at": child_pointer(child_pointer(at, "responses"), str(r.status)),
                "shape": shape_node(r.shape),
                "encoding": r.encoding,
                "description": r.description,
                "warning": r.warning,
            }
            for r in op.responses
        },
        "errors": {str(status): list(names) for status, names in op.errors},
        "idempotent": op.idempotent,
        "deprecated": {"replacement": op.deprecated.replacement, "note": op.deprecated.note}
        if op.deprecated
        else None,
        "enveloped": op.enveloped,
        "cache_ttl": op.cache_ttl,
        "paging": paging_node(op.paging),
        "examples": digest([dataclasses.asdict(example) for example in op.examples]),
        "mock": digest(op.mock.declared if op.mock else None),
        # recorded only when declared, so older records read the same
        **({"batch": dataclasses.asdict(op.batch)} if op.batch else {}),
    }


def auth_node(auth: Auth) -> dict[str, Any]:
    return {
        "at": "/auth",
        "scheme": auth.scheme,
        "operation": auth.operation,
        "credentials": {
            c.python_name: {
                "at": child_pointer("/auth/credentials", c.python_name),
                "field": c.wire_field,
                "secret": c.secret,
                "description": c.description,
            }
            for c in auth.credentials
        },
        "token_field": auth.token_field,
        "expires_at": auth.expires_at,
        "expires_at_format": auth.expires_at_format,
        "expires_in": auth.expires_in,
        "headers": dict(auth.headers),
        "cookie": auth.cookie,
        "description": auth.description,
    }


def webhook_node(hook: Webhook) -> dict[str, Any]:
    signature = hook.signature
    return {
        "at": child_pointer("/webhooks", hook.name),
        "source": hook.source,
        "description": hook.description,
        "payload": hook.payload,
        "event_field": hook.event_field,
        "signature": {**vars(signature), "message_fields": list(signature.message_fields)}
        if signature
        else None,
        "examples": digest([dataclasses.asdict(example) for example in hook.examples]),
    }


def error_format_node(fmt: ErrorFormat) -> dict[str, Any]:
    return {
        "at": child_pointer("/error_formats", fmt.name),
        "shape": shape_node(fmt.shape),
        "text": fmt.text,
        "message_field": fmt.message_field,
        "messages_field": fmt.messages_field,
        "item_message": fmt.item_message,
        "item_pointer": fmt.item_pointer,
        **({"field_messages": fmt.field_messages} if fmt.field_messages is not None else {}),
        "texts": dict(fmt.texts),
        "description": fmt.description,
        "example": digest(dataclasses.asdict(fmt.example) if fmt.example else None),
    }
