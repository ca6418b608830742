"""The checked, resolved model of one spec: frozen dataclasses, plain data.

build.py makes it once; emitters only read it. Python names are decided
there (via naming.py) so templates never rename anything. The model is
split by area (literals, shapes, operations, provider); every name is
re-exported here, so `from generator.spec.model import X` is the one way
to import it.
"""

from __future__ import annotations

from generator.spec.model.literals import (
    AuthScheme,
    BodyEncoding,
    CompareOp,
    ParamLocation,
    PrimitiveKind,
    ResponseEncoding,
    RuleKind,
    ShapeKind,
)
from generator.spec.model.operations import (
    Batch,
    Deprecation,
    Example,
    ExampleBody,
    Operation,
    Paging,
    Param,
    Response,
)
from generator.spec.model.provider import (
    Auth,
    Credential,
    Envelope,
    Erratum,
    ErrorFormat,
    HeaderSignature,
    Signature,
    Spec,
    Webhook,
    WebhookExample,
)
from generator.spec.model.shapes import (
    Condition,
    Constraints,
    EnumValue,
    Field,
    Rule,
    Shape,
    TypeDef,
)

__all__ = [
    "Auth",
    "AuthScheme",
    "Batch",
    "BodyEncoding",
    "CompareOp",
    "Condition",
    "Constraints",
    "Credential",
    "Deprecation",
    "EnumValue",
    "Envelope",
    "Erratum",
    "ErrorFormat",
    "Example",
    "ExampleBody",
    "Field",
    "HeaderSignature",
    "Operation",
    "Paging",
    "Param",
    "ParamLocation",
    "PrimitiveKind",
    "Response",
    "ResponseEncoding",
    "Rule",
    "RuleKind",
    "Shape",
    "ShapeKind",
    "Signature",
    "Spec",
    "TypeDef",
    "Webhook",
    "WebhookExample",
]
