"""Loaded spec -> frozen model, with every semantic problem collected.

The meta-schema has already vouched for the shape of the document; this
pass resolves names, hoists inline objects, decides defaults and checks
what a schema cannot: references, path placeholders, auth wiring, errata.
Examples are checked later (examples.py) against the generated validator.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any, Literal

from generator.concepts import (
    array_params,
    auth_static,
    batch,
    multipart,
    path_lists,
    standard_webhooks,
    unions,
)
from generator.concepts import auth as auth_concept
from generator.concepts import paging as paging_styles
from generator.concepts.idempotency_key import idempotency_header
from generator.concepts.oauth2_refresh import refresh_field
from generator.concepts.rate_limit import build_rate_limit
from generator.concepts.server_variables import build_server_variables
from generator.concepts.text_response import text_response_shape
from generator.emit import naming
from generator.emit.openapi_errors import stated_status_problems
from generator.spec import diagnostic_codes as codes
from generator.spec import param_conditions
from generator.spec.build_types import (
    PRIMITIVES,
    TypeCollector,
    _constraints,
    build_shape,
    build_types,
)
from generator.spec.citations import citations
from generator.spec.diagnostic_codes import Code
from generator.spec.diagnostics import Diagnostic, SpecError
from generator.spec.kinds import narrow
from generator.spec.loader import LoadedSpec, child_pointer
from generator.spec.mock_model import mock_operation, mock_provider, sandbox_rule
from generator.spec.model import (
    Auth,
    AuthScheme,
    BodyEncoding,
    Constraints,
    Credential,
    Deprecation,
    Envelope,
    Erratum,
    ErrorFormat,
    Example,
    ExampleBody,
    Operation,
    Paging,
    Param,
    ParamLocation,
    Response,
    ResponseEncoding,
    Shape,
    Signature,
    Spec,
    TypeDef,
    Webhook,
    WebhookExample,
)
from generator.spec.names_check import check_names


def _idempotent_by_default(method: str, params: list[Param]) -> bool:
    """GET, and PUT carrying If-Match (a versioned update applies once): safe to resend."""
    if method == "GET":
        return True
    return method == "PUT" and any(
        p.location == "header" and p.wire_name.lower() == "if-match" for p in params
    )


def _paging(raw: dict[str, Any]) -> Paging:
    words = {k: v for k, v in raw.items() if k != "source"}
    return Paging(**words)


class _Builder:
    def __init__(self, loaded: LoadedSpec, spec_path: str) -> None:
        self.raw: dict[str, Any] = loaded.data
        self.source = loaded.source
        self.spec_path = spec_path
        self.types = TypeCollector(loaded.source)
        self.errata_ids = {e["id"] for e in self.raw.get("errata", [])}
        self.soft: list[Diagnostic] = []
        self.dangling: list[tuple[str, Diagnostic]] = []  # (section, problem): see Built

    def error(self, pointer: str, message: str, code: Code, *, key: bool = False) -> None:
        """A problem that leaves no usable model."""
        self.types.error(pointer, message, code, key=key)

    def dangle(self, section: str, pointer: str, message: str, code: Code) -> None:
        """A name that the top-level `section` does not declare."""
        self.dangling.append((section, self.source.diagnostic(pointer, message, code)))

    def soft_error(self, pointer: str, message: str, code: Code) -> None:
        """A problem that still lets the model be built (and its examples checked)."""
        self.soft.append(self.source.diagnostic(pointer, message, code))

    # -- examples -------------------------------------------------------
    def example_body(self, raw: dict[str, Any] | None, pointer: str) -> ExampleBody | None:
        if raw is None:
            return None
        text = raw.get("repaired", raw["json"])
        errata = raw.get("errata")
        if "repaired" in raw and not errata:
            self.soft_error(
                pointer,
                "a repaired example must name the errata entry that explains it",
                codes.REPAIR_WITHOUT_ERRATUM,
            )
        if errata and errata not in self.errata_ids:
            self.soft_error(
                child_pointer(pointer, "errata"),
                f"no errata entry with id '{errata}'",
                codes.UNKNOWN_ERRATUM,
            )
        if "repaired" not in raw:
            try:
                json.loads(raw["json"])
            except json.JSONDecodeError as exc:
                self.soft_error(
                    child_pointer(pointer, "json"),
                    f"example is not valid JSON ({exc.msg} at line {exc.lineno}"
                    f" column {exc.colno}); keep the document's text and add `repaired`"
                    " with an errata entry",
                    codes.EXAMPLE_NOT_JSON,
                )
                return None
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            self.soft_error(
                child_pointer(pointer, "repaired"),
                f"repaired example is not valid JSON: {exc.msg}",
                codes.EXAMPLE_NOT_JSON,
            )
            return None
        return ExampleBody(value=value, text=raw["json"], errata=errata)

    def examples(
        self, raw: list[dict[str, Any]], pointer: str, success: int
    ) -> tuple[Example, ...]:
        """An example's status is the success status unless it names one."""
        result = []
        for index, item in enumerate(raw):
            here = child_pointer(pointer, index)
            response_raw = item.get("response")
            result.append(
                Example(
                    title=item["title"],
                    params=tuple(sorted((item.get("params") or {}).items())),
                    request=self.example_body(item.get("request"), child_pointer(here, "request")),
                    response=self.example_body(response_raw, child_pointer(here, "response")),
                    status=(response_raw or {}).get("status", success),
                )
            )
        return tuple(result)

    # -- parameters -----------------------------------------------------
    def param(self, key: str, raw: dict[str, Any], pointer: str, *, from_client: bool) -> Param:
        if raw["type"] == "array":
            return self.array_param(key, raw, pointer, from_client=from_client)
        declared = raw["type"]
        shape = Shape(
            kind="union" if isinstance(declared, list) else declared,
            types=tuple(declared) if isinstance(declared, list) else (),
            constraints=_constraints(raw),
            description=raw.get("description", ""),
            messages=tuple(sorted((raw.get("messages") or {}).items())),
        )
        if raw["in"] == "path" and "string" in (shape.types or (shape.kind,)):
            # an empty path segment would call another URL: never valid
            low = max(shape.constraints.minLength or 0, 1)
            limits = dataclasses.replace(shape.constraints, minLength=low)
            shape = dataclasses.replace(shape, constraints=limits)
        required = raw["in"] == "path" or bool(raw.get("required", False))
        path_lists.check(raw, pointer, self.error)
        listed = path_lists.style(raw)
        if listed is not None:
            shape = Shape(
                kind="array",
                items=shape,
                constraints=Constraints(minItems=1),
                description=shape.description,
            )
        return Param(
            key=key,
            wire_name=raw.get("name", key),
            python_name=raw.get("python_name") or naming.python_identifier(key),
            location=narrow(ParamLocation, raw["in"]),
            shape=shape,
            required=required,
            default=raw.get("default"),
            from_client=from_client,
            list_style=listed,
            required_when=(
                (raw["required_when"]["param"], tuple(raw["required_when"]["in"]))
                if "required_when" in raw
                else None
            ),
        )

    def array_param(
        self, key: str, raw: dict[str, Any], pointer: str, *, from_client: bool
    ) -> Param:
        """A query list, `ids=1,2` or `ids=1&ids=2` (concepts/array_params)."""
        for word, message in array_params.problems(raw):
            self.error(child_pointer(pointer, word), message, codes.BAD_LIST_PARAMETER)
        items = build_shape(self.types, raw.get("items"), child_pointer(pointer, "items"), "Item")
        shape = Shape(
            kind="array",
            items=items,
            constraints=_constraints(
                {w: raw[w] for w in ("minItems", "maxItems", "uniqueItems") if w in raw}
            ),
            description=raw.get("description", ""),
            messages=tuple(sorted((raw.get("messages") or {}).items())),
        )
        return Param(
            key=key,
            wire_name=raw.get("name", key),
            python_name=raw.get("python_name") or naming.python_identifier(key),
            location=narrow(ParamLocation, raw["in"]),
            shape=shape,
            required=bool(raw.get("required", False)),
            default=raw.get("default"),
            from_client=from_client,
            array_style=raw.get("style", "comma"),
        )

    # -- operations -----------------------------------------------------
    def operation(
        self, name: str, raw: dict[str, Any], client_params: dict[str, Param]
    ) -> Operation:
        pointer = child_pointer("/operations", name)
        params = [
            self.param(
                key, value, child_pointer(child_pointer(pointer, "params"), key), from_client=False
            )
            for key, value in (raw.get("params") or {}).items()
        ]
        param_conditions.check(
            raw.get("params") or {}, child_pointer(pointer, "params"), self.error
        )
        declared_path = {p.wire_name for p in params if p.location == "path"}
        for placeholder in naming.path_placeholders(raw["path"]):
            if placeholder in declared_path:
                continue
            if placeholder in client_params:
                params.insert(0, client_params[placeholder])
                continue
            self.error(
                child_pointer(pointer, "path"),
                f"path parameter '{{{placeholder}}}' is not declared in params (in: path)",
                codes.PATH_PARAMETER_MISMATCH,
            )
        own_keys = {p.key for p in params}
        params[:0] = [
            p
            for p in client_params.values()
            if p.location != "path" and p.key not in own_keys  # sent on every call
        ]
        in_path = set(naming.path_placeholders(raw["path"]))
        for param in params:
            if param.location == "path" and param.wire_name not in in_path:
                self.error(
                    child_pointer(child_pointer(pointer, "params"), param.key),
                    f"path parameter '{param.wire_name}' does not appear in path '{raw['path']}'",
                    codes.PATH_PARAMETER_MISMATCH,
                    key=True,
                )
        by_key = {p.key: p for p in params}
        one_of = tuple(raw.get("params_at_least_one_of") or ())
        for key in one_of:
            if key not in by_key:
                self.error(
                    child_pointer(pointer, "params_at_least_one_of"),
                    f"no parameter named '{key}'",
                    codes.UNKNOWN_PARAMETER,
                )
        response_only = tuple(raw.get("response_only") or ())
        known = self._body_field_names(raw.get("body"))
        for index, field_name in enumerate(response_only):
            if known is not None and field_name not in known:
                self.error(
                    child_pointer(child_pointer(pointer, "response_only"), index),
                    f"the body has no field '{field_name}'",
                    codes.UNKNOWN_FIELD,
                )
        body, body_type = None, None
        if "body" in raw:
            body_pointer = child_pointer(pointer, "body")
            body = build_shape(
                self.types, raw["body"], body_pointer, naming.request_type_name(name)
            )
            body_type = body.ref
        responses = []
        for status_text, raw_response in raw["responses"].items():
            status = int(status_text)
            here = child_pointer(child_pointer(pointer, "responses"), status_text)
            if isinstance(raw_response, str):
                raw_response = {"type": raw_response}
            encoding = raw_response.get("encoding", "json")
            shape_raw = {
                k: v for k, v in raw_response.items() if k in ("type", "items", "nullable")
            }
            shape = (
                build_shape(self.types, shape_raw, here, naming.response_type_name(name, status))
                if shape_raw
                else None
            )
            if shape is None and encoding == "json":
                encoding = "empty"
            shape = text_response_shape(shape, encoding, here, self.error)
            responses.append(
                Response(
                    status,
                    shape,
                    narrow(ResponseEncoding, encoding),
                    raw_response.get("description", ""),
                    raw_response.get("warning"),
                    (raw_response.get("content_type") or "application/octet-stream")
                    if encoding == "binary"
                    else None,
                )
            )
        if not any(r.status < 400 for r in responses):
            self.error(
                child_pointer(pointer, "responses"),
                "an operation needs at least one success response",
                codes.NO_SUCCESS_RESPONSE,
            )
        errors = {**self.raw.get("errors", {}), **raw.get("errors", {})}
        error_map = []
        for status_text, names in sorted(errors.items()):
            names = (names,) if isinstance(names, str) else tuple(names)
            for format_name in names:
                if format_name not in self.raw.get("error_formats", {}):
                    self.dangle(
                        "/error_formats",
                        child_pointer(pointer, "errors")
                        if status_text in raw.get("errors", {})
                        else "/errors",
                        f"unknown error format '{format_name}'",
                        codes.UNKNOWN_ERROR_FORMAT,
                    )
            error_map.append((int(status_text), names))
        deprecated = raw.get("deprecated")
        method = raw["method"]
        return Operation(
            name=name,
            source=raw["source"],
            summary=raw.get("summary", ""),
            description=raw.get("description", ""),
            method=method,
            path=raw["path"],
            auth=bool(raw.get("auth", True)),
            params=tuple(params),
            params_at_least_one_of=tuple(by_key[k].python_name for k in one_of if k in by_key),
            body=body,
            body_type_name=body_type,
            body_encoding=narrow(BodyEncoding, raw.get("body_encoding", "json")),
            responses=tuple(sorted(responses, key=lambda r: r.status)),
            errors=tuple(error_map),
            idempotent=bool(raw.get("idempotent", _idempotent_by_default(method, params))),
            deprecated=Deprecation(deprecated["replacement"], deprecated.get("note", ""))
            if deprecated
            else None,
            examples=self.examples(
                raw.get("examples") or [],
                child_pointer(pointer, "examples"),
                min((r.status for r in responses if r.status < 400), default=200),
            ),
            enveloped="envelope" in self.raw and raw.get("envelope", True) is not False,
            cache_ttl=(raw.get("cache") or {}).get("ttl_seconds"),
            paging=self.operation_paging(raw.get("paging"), pointer, tuple(params)),
            mock=mock_operation(raw.get("mock")),
            batch=batch.build(raw, pointer, self.error),
            headers=tuple((raw.get("headers") or {}).items()),
            response_only=response_only,
            idempotency_key=idempotency_header(raw, pointer, self.error),
            curls=tuple(raw.get("curls") or ()),
            files=multipart.build(raw, pointer, self._taken_names(raw, params), self.error),
            tags=tuple(raw.get("tags") or ()),
        )

    def _taken_names(self, raw: dict[str, Any], params: list[Param]) -> set[str]:
        """Names a multipart file part must not reuse: the parameters' and the text parts'."""
        body = raw.get("body")
        inline = body.get("fields") if isinstance(body, dict) else None
        fields = set(inline or {}) if isinstance(inline, dict) else self._body_field_names(body)
        return {p.python_name for p in params} | (fields or set())

    def _body_field_names(self, body: Any) -> set[str] | None:
        """Field names of a named body type (and its union members), None if not known."""
        raw_types = self.raw.get("types") or {}
        if not isinstance(body, str) or not isinstance(raw_types.get(body), dict):
            return None
        names: set[str] = set()
        for member in [body, *(raw_types[body].get("one_of") or [])]:
            names.update((raw_types.get(member) or {}).get("fields") or {})
        return names

    # -- provider-level parts ------------------------------------------
    def auth(self, operations: dict[str, Operation]) -> Auth:
        raw = self.raw["auth"]
        operation = raw.get("operation")
        if auth_concept.scheme(raw["scheme"]).token_operation and operation is None:
            self.error(
                "/auth",
                f"auth scheme '{raw['scheme']}' needs `operation` (the token operation)",
                codes.BAD_AUTH,
            )
        if operation is not None and operation not in operations:
            self.dangle(
                "/operations",
                "/auth/operation",
                f"no operation named '{operation}'",
                codes.UNKNOWN_OPERATION,
            )
        token = raw.get("token") or {}
        auth_static.check(raw, self.error)
        if "token_url" in raw and not auth_static.is_static(raw["scheme"]):
            self.error(
                "/auth/token_url",
                "token_url is not supported: describe the token request as an operation "
                "and name it in `operation`",
                codes.BAD_AUTH,
            )
        credentials = tuple(
            Credential(
                naming.snake_case(name),
                item.get("field", name),
                bool(item.get("secret", False)),
                item.get("description", ""),
            )
            for name, item in (raw.get("credentials") or {}).items()
        )
        if not auth_static.is_static(raw["scheme"]):
            for name, item in (raw.get("credentials") or {}).items():
                if "field" not in item:
                    self.error(
                        child_pointer("/auth/credentials", name),
                        "a token scheme's credential needs `field` (the request field it fills)",
                        codes.BAD_AUTH,
                    )
        if auth_concept.scheme(raw["scheme"]).needs_cookie and not raw.get("cookie"):
            self.error(
                "/auth",
                "auth scheme 'session_cookie' needs `cookie` (the cookie's name)",
                codes.BAD_AUTH,
            )
        return Auth(
            scheme=narrow(AuthScheme, raw["scheme"]),
            operation=operation,
            credentials=credentials,
            token_field=token.get("field"),
            expires_at=token.get("expires_at"),
            expires_at_format=token.get("expires_at_format"),
            expires_at_zone=token.get("timezone", "UTC"),
            expires_in=token.get("expires_in"),
            headers=tuple((raw.get("header") or {}).items()),
            cookie=raw.get("cookie"),
            description=raw.get("description", ""),
            query=tuple((raw.get("query") or {}).items()),
            refresh_token=refresh_field(raw, self.error),
            source=raw.get("source", ""),
        )

    def error_formats(self) -> tuple[ErrorFormat, ...]:
        formats = []
        for name, raw in (self.raw.get("error_formats") or {}).items():
            pointer = child_pointer(child_pointer("/error_formats", name), "type")
            shape = None
            if "type" in raw:
                owner = naming.pascal_case(name) + "Error"
                shape = build_shape(self.types, raw["type"], pointer, owner)
            elif not raw.get("text"):
                self.error(
                    child_pointer("/error_formats", name),
                    "an error format needs `type` or `text: true`",
                    codes.BAD_ERROR_FORMAT,
                )
            formats.append(
                ErrorFormat(
                    name=name,
                    shape=shape,
                    text=bool(raw.get("text", False)),
                    message_field=raw.get("message"),
                    messages_field=raw.get("messages"),
                    item_message=raw.get("item_message"),
                    item_pointer=raw.get("item_pointer"),
                    field_messages=raw.get("field_messages"),
                    texts=tuple((raw.get("texts") or {}).items()),
                    example=self.example_body(
                        raw.get("example"),
                        child_pointer(child_pointer("/error_formats", name), "example"),
                    ),
                    description=raw.get("description", ""),
                    example_status=(raw.get("example") or {}).get("status"),
                )
            )
        return tuple(formats)

    def webhooks(self) -> tuple[Webhook, ...]:
        result = []
        for name, raw in (self.raw.get("webhooks") or {}).items():
            pointer = child_pointer("/webhooks", name)
            self.types.references.append((raw["payload"], child_pointer(pointer, "payload")))
            sig = raw.get("signature")
            signature = (
                Signature(
                    narrow(Literal["hmac-sha256"], sig["algorithm"]),
                    narrow(Literal["hex", "base64"], sig["encoding"]),
                    sig["field"],
                    tuple(sig["message_fields"]),
                    sig.get("separator", "."),
                )
                if sig
                else None
            )
            examples = tuple(
                WebhookExample(item["title"], body)
                for index, item in enumerate(raw.get("examples") or [])
                if (
                    body := self.example_body(
                        item["payload"],
                        child_pointer(
                            child_pointer(child_pointer(pointer, "examples"), index), "payload"
                        ),
                    )
                )
            )
            result.append(
                Webhook(
                    name,
                    raw["source"],
                    raw.get("description", ""),
                    raw["payload"],
                    raw.get("event_field"),
                    signature,
                    examples,
                    header_signature=(
                        standard_webhooks.from_raw(raw["header_signature"])
                        if raw.get("header_signature")
                        else None
                    ),
                    event_header=raw.get("event_header"),
                )
            )
            if sig and raw.get("header_signature"):
                self.error(
                    child_pointer(pointer, "header_signature"),
                    "a webhook is signed one way: `signature` (a body field) or `header_signature`",
                    codes.BAD_WEBHOOK,
                )
        return tuple(result)

    def paging(self) -> Paging | None:
        raw = self.raw.get("paging")
        return _paging(raw) if raw else None

    def operation_paging(self, raw: Any, pointer: str, params: tuple[Param, ...]) -> Paging | None:
        """`paging: true` takes the provider's convention; an object overrides parts of it."""
        if not raw:
            return None
        base = self.raw.get("paging") or {}
        if raw is True and not base:
            self.error(
                child_pointer(pointer, "paging"),
                "`paging: true` needs a top-level `paging`",
                codes.BAD_PAGING,
            )
            return None
        own = raw if isinstance(raw, dict) else {}
        result = _paging({**base, **own})
        for word, message in paging_styles.problems(result, params):
            where = child_pointer(pointer, "paging")
            if word and word not in own:
                where = "/paging"
            self.error(child_pointer(where, word) if word else where, message, codes.BAD_PAGING)
        return result

    def envelope(self) -> Envelope | None:
        raw = self.raw.get("envelope")
        if raw is None:
            return None
        failures = tuple(s for s in raw.get("statuses") or {} if s not in raw["ok"])
        return Envelope(
            raw["status_field"],
            tuple(raw["ok"]),
            raw.get("message_field"),
            raw["result_field"],
            failures,
        )

    # -- whole-spec checks ---------------------------------------------
    def check_references(self) -> None:
        for name, pointer in self.types.references:
            if name not in self.types.types:
                self.dangle("/types", pointer, f"unknown type '{name}'", codes.UNKNOWN_TYPE)

    def decide_openness(self, operations: tuple[Operation, ...]) -> None:
        """Types reached from a request body are closed unless the spec opens them."""
        closed: set[str] = set()
        pending = [op.body for op in operations if op.body is not None]
        while pending:
            shape = pending.pop()
            if (
                shape.kind == "ref"
                and shape.ref
                and shape.ref not in closed
                and shape.ref in self.types.types
            ):
                closed.add(shape.ref)
                typedef = self.types.types[shape.ref]
                pending.extend(f.shape for f in typedef.fields)
                pending.extend(Shape(kind="ref", ref=m) for m in typedef.one_of)
            for child in (shape.items, shape.values):
                if child is not None:
                    pending.append(child)
        for name, typedef in list(self.types.types.items()):
            if name in self.types.undecided:
                self.types.types[name] = dataclasses.replace(typedef, additional=name not in closed)

    def check_unions(self) -> None:
        """A union chosen by shape must be able to tell each member apart (concepts/unions)."""
        for name, typedef in self.types.types.items():
            pointer = child_pointer("/types", name)
            for index, message in unions.problems(self.types.types, typedef):
                where = pointer if index is None else child_pointer(pointer, "one_of")
                place = where if index is None else child_pointer(where, index)
                self.error(place, message, codes.BAD_UNION)

    def check_unique_by(self) -> None:
        """`uniqueBy` must name a field of the array's item type (declared fields)."""
        raw_types = self.raw.get("types") or {}
        for type_name, raw_type in raw_types.items():
            for field_name, raw_field in ((raw_type or {}).get("fields") or {}).items():
                key = raw_field.get("uniqueBy") if isinstance(raw_field, dict) else None
                items = raw_field.get("items") if key is not None else None
                item_type = raw_types.get(items) if isinstance(items, str) else None
                fields = (item_type or {}).get("fields")
                if key is not None and (not isinstance(fields, dict) or key not in fields):
                    where = child_pointer(child_pointer("/types", type_name), "fields")
                    self.error(
                        child_pointer(child_pointer(where, field_name), "uniqueBy"),
                        f"uniqueBy names '{key}', which is not a field of the items' type",
                        codes.UNKNOWN_FIELD,
                    )

    def check_auth_wiring(self, auth: Auth, operations: dict[str, Operation]) -> None:
        op = operations.get(auth.operation or "")
        if op is None or op.body_type_name is None or op.body_type_name not in self.types.types:
            return
        body_fields = {f.wire_name for f in self.types.types[op.body_type_name].fields}
        for credential in auth.credentials:
            if credential.wire_field not in body_fields and auth.scheme == "token_endpoint":
                self.error(
                    "/auth/credentials",
                    f"credential field '{credential.wire_field}' is not in {op.body_type_name}",
                    codes.UNKNOWN_FIELD,
                )

    def check_mock(self, operations: dict[str, Operation], webhooks: tuple[Webhook, ...]) -> None:
        """The mock's declarations name parameters, formats and operations that exist."""
        formats = set(self.raw.get("error_formats") or {})
        for name, rejection in (self.raw.get("mock") or {}).items():
            is_rule = isinstance(rejection, dict) and "status" in rejection
            if is_rule and rejection.get("format") not in formats:
                self.dangle(
                    "/error_formats",
                    f"/mock/{name}/format",
                    f"unknown error format '{rejection.get('format')}'",
                    codes.UNKNOWN_ERROR_FORMAT,
                )
        hooks = {hook.name for hook in webhooks}
        for op in operations.values():
            mock = op.mock
            if mock is None:
                continue
            pointer = child_pointer(child_pointer("/operations", op.name), "mock")
            params = {p.key for p in op.params}
            for word, named in (("param", mock.param), ("version_param", mock.version_param)):
                if named is not None and named not in params:
                    self.error(
                        child_pointer(pointer, word),
                        f"no parameter named '{named}'",
                        codes.UNKNOWN_PARAMETER,
                    )
            for word, keys in (("filters", mock.filters), ("ranges", mock.ranges)):
                for param, _ in keys:
                    if param not in params:
                        self.error(
                            child_pointer(pointer, word),
                            f"no parameter named '{param}'",
                            codes.UNKNOWN_PARAMETER,
                        )
            source = mock.lookup.operation if mock.lookup is not None else None
            if source is not None and source not in operations:
                where = child_pointer(child_pointer(pointer, "totals"), "lookup")
                message = f"no operation named '{source}'"
                self.error(child_pointer(where, "operation"), message, codes.UNKNOWN_OPERATION)
            successes = [r.shape for r in op.responses if r.status < 400]
            shape = successes[0] if successes else None
            if mock.action == "batch" and op.batch is None:
                self.error(
                    child_pointer(pointer, "action"),
                    "action 'batch' needs the operation's `batch` (where items and refusals are)",
                    codes.BAD_MOCK,
                )
            listed = shape is not None and shape.kind == "array" and mock.entity is None
            if mock.action == "read" and listed:
                self.error(
                    child_pointer(pointer, "action"),
                    "action 'read' answers one entity, but the success response is an"
                    " array: use action 'list' (or `entity` to place the one entity)",
                    codes.BAD_MOCK,
                )
            hook = mock.webhook.name if mock.webhook is not None else None
            if hook is not None and hook not in hooks:
                message = f"no webhook named '{hook}'"
                self.error(child_pointer(pointer, "webhook"), message, codes.UNKNOWN_WEBHOOK)
        for index, rule in enumerate(self.raw.get("sandbox") or ()):
            if rule.get("operation") and rule["operation"] not in operations:
                self.dangle(
                    "/operations",
                    f"/sandbox/{index}/operation",
                    f"no operation named '{rule['operation']}'",
                    codes.UNKNOWN_OPERATION,
                )

    def check_nested_unions(self) -> None:
        """A discriminated union's members are object types: a union of unions could hold itself.

        (Unions told apart by shape get the same check in concepts/unions.)
        """
        for name, typedef in self.types.types.items():
            if typedef.discriminator is None:
                continue
            for member in typedef.one_of:
                inner = self.types.types.get(member)
                if inner is not None and inner.one_of:
                    self.error(
                        child_pointer(child_pointer("/types", name), "one_of"),
                        f"one_of member '{member}' is itself a union; list its members instead",
                        codes.BAD_UNION,
                    )

    def check_webhooks(self, webhooks: tuple[Webhook, ...]) -> None:
        for hook in webhooks:
            typedef = self.types.types.get(hook.payload)
            if typedef is None:
                continue
            names = {f.wire_name for f in typedef.fields}
            wanted = [hook.event_field] if hook.event_field else []
            if hook.signature:
                wanted += [hook.signature.field, *hook.signature.message_fields]
            for name in wanted:
                if name not in names:
                    self.error(
                        child_pointer("/webhooks", hook.name),
                        f"payload {hook.payload} has no field '{name}'",
                        codes.UNKNOWN_FIELD,
                    )

    def build(self) -> Spec:
        build_types(self.types, self.raw.get("types") or {})
        client_params = {
            key: self.param(key, raw, child_pointer("/client_params", key), from_client=True)
            for key, raw in (self.raw.get("client_params") or {}).items()
        }
        operations = {
            name: self.operation(name, raw, client_params)
            for name, raw in self.raw["operations"].items()
        }
        auth = self.auth(operations)
        error_formats = self.error_formats()
        webhooks = self.webhooks()
        self.check_references()
        self.check_unions()
        self.check_nested_unions()
        self.check_unique_by()
        self.check_auth_wiring(auth, operations)
        self.check_webhooks(webhooks)
        self.check_mock(operations, webhooks)
        ops = tuple(operations.values())
        self.decide_openness(ops)
        rate_limit = build_rate_limit(self.raw.get("rate_limit"), self.error)
        server_variables = build_server_variables(self.raw, self.error)
        spec = Spec(
            provider=self.raw["provider"],
            title=self.raw["title"],
            version=self.raw["version"],
            description=self.raw.get("description", ""),
            document=self.raw.get("document", ""),
            spec_path=self.spec_path,
            servers=tuple(self.raw["servers"].items()),
            headers=tuple((self.raw.get("headers") or {}).items()),
            client_params=tuple(client_params.values()),
            auth=auth,
            error_formats=error_formats,
            types=tuple(sorted(self.types.types.values(), key=lambda t: t.name)),
            operations=ops,
            webhooks=webhooks,
            envelope=self.envelope(),
            paging=self.paging(),
            mock=mock_provider(self.raw.get("mock")),
            sandbox=tuple(sandbox_rule(rule) for rule in self.raw.get("sandbox") or ()),
            rate_limit=rate_limit,
            server_variables=server_variables,
            citations=citations(self.raw),
            errata=tuple(
                Erratum(e["id"], e["where"], e["says"], e["resolution"])
                for e in self.raw.get("errata", [])
            ),
        )
        # Name collisions leave a model that must not be emitted: hard problems.
        self.types.problems.extend(check_names(spec, self.raw, self.source))
        for name, message in stated_status_problems(spec):  # an example no answer would show
            pointer = child_pointer(child_pointer("/error_formats", name), "example")
            self.soft_error(child_pointer(pointer, "status"), message, codes.BAD_ERROR_FORMAT)
        return spec


def build_spec(loaded: LoadedSpec, spec_path: str) -> tuple[Spec, list[Diagnostic]]:
    """The model and the problems that did not prevent it; SpecError if there is no model."""
    built = build_with_problems(loaded, spec_path)
    if built.hard or built.dangling:
        raise SpecError([*built.hard, *(d for _, d in built.dangling), *built.soft])
    return built.spec, built.soft


@dataclasses.dataclass(frozen=True)
class Built:
    """A model even when it is unusable, with its problems.

    With `hard` problems or `dangling` names the model is good only for
    judging the examples of its sound parts (checkable.py); it must never
    be emitted. `soft` problems leave it usable. A dangling name is kept
    with the top-level section that should declare it: when that section
    was itself malformed, every name in it dangles and saying so for each
    would bury the one problem that matters.
    """

    spec: Spec
    hard: list[Diagnostic]
    dangling: list[tuple[str, Diagnostic]]  # (declaring section, problem)
    soft: list[Diagnostic]


def build_with_problems(loaded: LoadedSpec, spec_path: str) -> Built:
    builder = _Builder(loaded, spec_path)
    spec = builder.build()
    return Built(spec, list(builder.types.problems), builder.dangling, builder.soft)


__all__ = ["PRIMITIVES", "Built", "TypeDef", "build_spec", "build_with_problems"]
