"""Loaded spec -> frozen model, with every semantic problem collected.

The meta-schema has already vouched for the shape of the document; this
pass resolves names, hoists inline objects, decides defaults and checks
what a schema cannot: references, path placeholders, auth wiring, errata.
Each part is built in its own module (build_operations, build_auth,
build_webhooks, build_provider) and reports through one BuildContext;
this module orders the parts and the whole-spec checks (build_checks,
build_mock_check). Examples are checked later (examples.py) against the
generated validator.
"""

from __future__ import annotations

import dataclasses

from generator.concepts.rate_limit import build_rate_limit
from generator.concepts.server_variables import build_server_variables
from generator.emit.openapi_errors import stated_status_problems
from generator.spec import build_checks, build_provider
from generator.spec import diagnostic_codes as codes
from generator.spec.build_auth import auth, check_auth_wiring
from generator.spec.build_context import BuildContext
from generator.spec.build_mock_check import check_mock
from generator.spec.build_operations import operation
from generator.spec.build_params import param
from generator.spec.build_types import PRIMITIVES, build_types
from generator.spec.build_webhooks import check_webhooks, webhooks
from generator.spec.citations import citations
from generator.spec.diagnostics import Diagnostic, SpecError
from generator.spec.loader import LoadedSpec, child_pointer
from generator.spec.mock_model import mock_provider, sandbox_rule
from generator.spec.model import Auth, Erratum, Operation, Param, Spec, TypeDef, Webhook
from generator.spec.names_check import check_names


def _parts(ctx: BuildContext) -> tuple[dict[str, Param], dict[str, Operation]]:
    """Types first (operations refer to them), then client parameters, then operations."""
    build_types(ctx.types, ctx.raw.get("types") or {})
    client_params = {
        key: param(ctx, key, raw, child_pointer("/client_params", key), from_client=True)
        for key, raw in (ctx.raw.get("client_params") or {}).items()
    }
    operations = {
        name: operation(ctx, name, raw, client_params)
        for name, raw in ctx.raw["operations"].items()
    }
    return client_params, operations


def _spec(ctx: BuildContext, client_params: dict[str, Param], ops: tuple[Operation, ...]) -> Spec:
    """The model from the built parts; the provider-level ones are built here, in this order."""
    raw = ctx.raw
    auth_ = auth(ctx, {op.name: op for op in ops})
    error_formats = build_provider.error_formats(ctx)
    hooks = webhooks(ctx)
    _check_whole(ctx, auth_, {op.name: op for op in ops}, hooks)
    build_checks.decide_openness(ctx, ops)
    rate_limit = build_rate_limit(raw.get("rate_limit"), ctx.error)
    server_variables = build_server_variables(raw, ctx.error)
    return Spec(
        provider=raw["provider"],
        title=raw["title"],
        version=raw["version"],
        description=raw.get("description", ""),
        document=raw.get("document", ""),
        spec_path=ctx.spec_path,
        servers=tuple(raw["servers"].items()),
        headers=tuple((raw.get("headers") or {}).items()),
        client_params=tuple(client_params.values()),
        auth=auth_,
        error_formats=error_formats,
        types=tuple(sorted(ctx.types.types.values(), key=lambda t: t.name)),
        operations=ops,
        webhooks=hooks,
        envelope=build_provider.envelope(ctx),
        paging=build_provider.paging(ctx),
        mock=mock_provider(raw.get("mock")),
        sandbox=tuple(sandbox_rule(rule) for rule in raw.get("sandbox") or ()),
        rate_limit=rate_limit,
        server_variables=server_variables,
        citations=citations(raw),
        errata=tuple(
            Erratum(e["id"], e["where"], e["says"], e["resolution"]) for e in raw.get("errata", [])
        ),
    )


def _check_whole(
    ctx: BuildContext, auth_: Auth, operations: dict[str, Operation], hooks: tuple[Webhook, ...]
) -> None:
    """Checks that need every type, operation and webhook built."""
    build_checks.check_references(ctx)
    build_checks.check_unions(ctx)
    build_checks.check_nested_unions(ctx)
    build_checks.check_unique_by(ctx)
    check_auth_wiring(ctx, auth_, operations)
    check_webhooks(ctx, hooks)
    check_mock(ctx, operations, hooks)


def _build(ctx: BuildContext) -> Spec:
    client_params, operations = _parts(ctx)
    spec = _spec(ctx, client_params, tuple(operations.values()))
    # Name collisions leave a model that must not be emitted: hard problems.
    ctx.types.problems.extend(check_names(spec, ctx.raw, ctx.source))
    for name, message in stated_status_problems(spec):  # an example no answer would show
        pointer = child_pointer(child_pointer("/error_formats", name), "example")
        ctx.soft_error(child_pointer(pointer, "status"), message, codes.BAD_ERROR_FORMAT)
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
    ctx = BuildContext(loaded, spec_path)
    spec = _build(ctx)
    return Built(spec, list(ctx.types.problems), ctx.dangling, ctx.soft)


__all__ = ["PRIMITIVES", "Built", "TypeDef", "build_spec", "build_with_problems"]
