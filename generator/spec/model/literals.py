"""The kinds the model carries, as Literals, so every dispatch on one is checked by mypy."""

from __future__ import annotations

from typing import Literal

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
