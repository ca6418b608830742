"""Split the compiled checks: requests in the client's import path, the rest beside the mock.

A client checks what it sends (bodies and parameters); only the mock, the
generated tests and the generator judge responses, webhook deliveries and
error bodies. Those checks were half of each `_validation.py`, so they
live in `_response_checks.py`, imported by `testing.py`, the tests and the
generator, never by the client. It imports from `_validation` the type
checks both directions share, so no check is written twice; the helpers
both call (JSON's types, formats, plain fields) are in the runtime module
`_checks.py`, written once per package.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from generator.emit.validator_emit import REQUESTS, RESPONSES, emit_validators
from generator.output.assets import templates_root
from generator.spec.model import Spec
from generator.spec.reach import reached

_CALLED = re.compile(r"\b(_check_\w+)\b")  # called, or named in a table
_DEFINED = re.compile(r"^def (_check_\w+)\(", re.MULTILINE)
_HELPER = re.compile(r"^def (_\w+)\(", re.MULTILINE)


@functools.cache
def _helpers() -> tuple[str, ...]:
    """The private functions `_checks.py.jinja` defines (what a compiled check may call)."""
    template = templates_root().joinpath("_checks.py.jinja").read_text("utf-8")
    return tuple(_HELPER.findall(template))


@functools.cache
def _validation_template() -> str:
    """`_validation.py.jinja`'s own code (json_problems) calls helpers too."""
    return templates_root().joinpath("_validation.py.jinja").read_text("utf-8")


def _used_helpers(checks: str) -> tuple[str, ...]:
    """The runtime helpers `checks` (compiled source) calls, in import order."""
    return tuple(sorted(name for name in _helpers() if re.search(rf"\b{name}\b", checks)))


@dataclass(frozen=True)
class SplitChecks:
    requests: str  # the compiled checks of _validation.py
    responses: str  # those of _response_checks.py
    imports: tuple[str, ...]  # what _response_checks.py takes from _validation
    request_helpers: tuple[str, ...] = ()  # what _validation.py takes from _checks
    response_helpers: tuple[str, ...] = ()  # what _response_checks.py takes from _checks

    @property
    def requests_import_re(self) -> bool:
        """A pattern among the request checks: _validation.py imports `re`."""
        return "re.compile(" in self.requests

    @property
    def responses_import_re(self) -> bool:
        return "re.compile(" in self.responses

    @property
    def responses_escape(self) -> bool:
        """A key written into a pointer: _response_checks.py imports the escape."""
        return "_escape(" in self.responses


def request_types(spec: Spec) -> frozenset[str]:
    """The named types a request body or parameter reaches."""
    known = {typedef.name: typedef for typedef in spec.types}
    shapes = [op.body for op in spec.operations]
    shapes += [param.shape for op in spec.operations for param in op.params]
    return reached(known, shapes)


def split_checks(spec: Spec) -> SplitChecks:
    """Both parts; a type check either part calls is defined once, in _validation."""
    shared = request_types(spec)
    requests = emit_validators(spec, shared, REQUESTS)
    missing = set(_CALLED.findall(requests)) - set(_DEFINED.findall(requests))
    if missing:
        raise AssertionError(f"request checks call undefined {sorted(missing)}")
    others = frozenset(t.name for t in spec.types) - shared
    responses = emit_validators(spec, others, RESPONSES)
    called = set(_CALLED.findall(responses)) - set(_DEFINED.findall(responses))
    request_helpers = _used_helpers(requests + _validation_template())
    return SplitChecks(
        requests,
        responses,
        tuple(sorted(called | {"_run"})),
        request_helpers,
        _used_helpers(responses),
    )
