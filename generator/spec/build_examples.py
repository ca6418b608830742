"""Examples as written in the spec -> parsed bodies, kept with their text.

A document's example that is not JSON is kept verbatim and repaired beside
it, citing the errata entry that explains the repair; both problems are
soft so the rest of the examples can still be judged.
"""

from __future__ import annotations

import json
from typing import Any

from generator.spec import diagnostic_codes as codes
from generator.spec.build_context import BuildContext
from generator.spec.loader import child_pointer
from generator.spec.model import Example, ExampleBody


def _check_errata(ctx: BuildContext, raw: dict[str, Any], pointer: str) -> None:
    errata = raw.get("errata")
    if "repaired" in raw and not errata:
        ctx.soft_error(
            pointer,
            "a repaired example must name the errata entry that explains it",
            codes.REPAIR_WITHOUT_ERRATUM,
        )
    if errata and errata not in ctx.errata_ids:
        ctx.soft_error(
            child_pointer(pointer, "errata"),
            f"no errata entry with id '{errata}'",
            codes.UNKNOWN_ERRATUM,
        )


def example_body(ctx: BuildContext, raw: dict[str, Any] | None, pointer: str) -> ExampleBody | None:
    """The example's value (repaired when the document's text is not JSON), None if unusable."""
    if raw is None:
        return None
    _check_errata(ctx, raw, pointer)
    if "repaired" not in raw:
        try:
            json.loads(raw["json"])
        except json.JSONDecodeError as exc:
            ctx.soft_error(
                child_pointer(pointer, "json"),
                f"example is not valid JSON ({exc.msg} at line {exc.lineno}"
                f" column {exc.colno}); keep the document's text and add `repaired`"
                " with an errata entry",
                codes.EXAMPLE_NOT_JSON,
            )
            return None
    try:
        value = json.loads(raw.get("repaired", raw["json"]))
    except json.JSONDecodeError as exc:
        ctx.soft_error(
            child_pointer(pointer, "repaired"),
            f"repaired example is not valid JSON: {exc.msg}",
            codes.EXAMPLE_NOT_JSON,
        )
        return None
    return ExampleBody(value=value, text=raw["json"], errata=raw.get("errata"))


def examples(
    ctx: BuildContext, raw: list[dict[str, Any]], pointer: str, success: int
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
                request=example_body(ctx, item.get("request"), child_pointer(here, "request")),
                response=example_body(ctx, response_raw, child_pointer(here, "response")),
                status=(response_raw or {}).get("status", success),
            )
        )
    return tuple(result)
