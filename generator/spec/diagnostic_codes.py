"""Every diagnostic the generator can report: a stable id, a name, a severity.

In the manner of Smithy's validation events: the id (`SS012`) is what
scripts, tests and suppressions match; the kebab-case name says what it is
about; the message beside it says what exactly is wrong. An id names a kind
of problem (one checker, one rule), so one id may carry several wordings;
ids are never reused or renumbered — a retired id stays retired.

This table is the one home of the ids: creation sites name these
constants, specs/README.md ("Diagnostics") lists the same rows
(tests/test_diagnostic_codes.py holds the two together).

Severity: an `error` stops generation (exit 2); a `warning` is printed and
generation goes on (exit 0). Every check today finds errors only; the field
is there so that a check can be a warning without a new output format.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Code:
    """One kind of problem."""

    id: str
    name: str
    severity: Severity
    meaning: str


def _error(id_: str, name: str, meaning: str) -> Code:
    return Code(id_, name, "error", meaning)


# -- reading the file (loader.py, yaml12.py) -----------------------------------
UNREADABLE_SPEC = _error("SS001", "unreadable-spec", "the spec file cannot be read")
SPEC_TOO_LARGE = _error("SS002", "spec-too-large", "the spec is larger than 4 MiB")
INVALID_UTF8 = _error("SS003", "invalid-utf8", "the spec is not UTF-8 text")
FORBIDDEN_CHARACTER = _error(
    "SS004", "forbidden-character", "a control character or stray byte-order mark"
)
YAML_SYNTAX = _error("SS005", "yaml-syntax", "the text is not well-formed YAML")
EMPTY_SPEC = _error("SS006", "empty-spec", "the file holds no YAML document")
DUPLICATE_KEY = _error("SS007", "duplicate-key", "a mapping has the same key twice")
UNSUPPORTED_TAG = _error("SS008", "unsupported-tag", "a YAML tag other than the core schema's")
NON_STRING_KEY = _error("SS009", "non-string-key", "a mapping key is a collection")
RECURSIVE_ALIAS = _error("SS010", "recursive-alias", "an alias refers to a collection holding it")
ALIAS_BOMB = _error("SS011", "alias-bomb", "aliases expand to more nodes than a spec may have")
TOO_DEEP = _error("SS012", "too-deep", "nesting deeper than a spec may be")
BAD_SCALAR = _error("SS013", "bad-scalar", "a scalar with no YAML 1.2 core-schema value")
TOO_MANY_PROBLEMS = _error(
    "SS014", "too-many-problems", "more problems than are reported at once; fix these first"
)

# -- the meta-schema (metacheck.py, pipeline.py) -------------------------------
UNKNOWN_KEY = _error("SS020", "unknown-key", "a key the spec language does not have")
MISSING_KEY = _error("SS021", "missing-key", "a required key is absent")
BAD_NAME = _error("SS022", "bad-name", "a declared name breaks the naming rule of its section")
WRONG_TYPE = _error("SS023", "wrong-type", "a value of the wrong JSON type")
INVALID_VALUE = _error("SS024", "invalid-value", "a value the meta-schema does not allow")
PROVIDER_MISMATCH = _error("SS025", "provider-mismatch", "`provider` differs from the file name")

# -- references between declarations ------------------------------------------
UNKNOWN_TYPE = _error("SS030", "unknown-type", "a type is used but not declared")
UNKNOWN_OPERATION = _error("SS031", "unknown-operation", "an operation is named but not declared")
UNKNOWN_ERROR_FORMAT = _error(
    "SS032", "unknown-error-format", "an error format is named but not declared"
)
UNKNOWN_PARAMETER = _error("SS033", "unknown-parameter", "a parameter is named but not declared")
UNKNOWN_FIELD = _error("SS034", "unknown-field", "a field is named that its type does not have")
UNKNOWN_WEBHOOK = _error("SS035", "unknown-webhook", "a webhook is named but not declared")
UNKNOWN_ERRATUM = _error("SS036", "unknown-erratum", "an errata id is named but not declared")
DUPLICATE_TYPE = _error("SS037", "duplicate-type", "two types have the same name")

# -- declarations that contradict themselves ----------------------------------
PATH_PARAMETER_MISMATCH = _error(
    "SS040", "path-parameter-mismatch", "a path placeholder and the path parameters disagree"
)
BAD_CONSTRAINT = _error(
    "SS041", "bad-constraint", "a constraint that does not apply, contradicts another or fails"
)
NO_SUCCESS_RESPONSE = _error(
    "SS042", "no-success-response", "an operation declares no success response"
)
BAD_AUTH = _error("SS043", "bad-auth", "the auth scheme lacks or contradicts what it needs")
BAD_ERROR_FORMAT = _error("SS044", "bad-error-format", "an error format is incomplete")
BAD_WEBHOOK = _error("SS045", "bad-webhook", "a webhook is signed two ways")
BAD_PAGING = _error("SS046", "bad-paging", "paging cannot walk the pages it declares")
BAD_UNION = _error("SS047", "bad-union", "a union's members cannot be told apart")
BAD_LIST_PARAMETER = _error(
    "SS048", "bad-list-parameter", "an array parameter cannot be sent as declared"
)
BAD_MOCK = _error("SS049", "bad-mock", "a mock action does not fit its operation")
BAD_CONDITION = _error("SS050", "bad-condition", "a condition never holds or adds nothing")
BAD_SERVER = _error("SS051", "bad-server", "a server URL or server variable is unusable")
BAD_RATE_LIMIT = _error("SS052", "bad-rate-limit", "rate_limit names no header to read")
BAD_IDEMPOTENCY_KEY = _error(
    "SS053", "bad-idempotency-key", "an idempotency key where it cannot serve"
)
BAD_BATCH = _error("SS054", "bad-batch", "a batch declaration points nowhere")
BAD_TEXT_RESPONSE = _error("SS055", "bad-text-response", "a text response with a non-text shape")
BAD_MULTIPART = _error("SS056", "bad-multipart", "a multipart body that cannot be sent as declared")
BAD_SANDBOX = _error("SS057", "bad-sandbox", "a sandbox rule the mock would never play")

# -- names the generated code would trip over (names_check.py, names_*.py) ---
NAME_CLASH = _error("SS060", "name-clash", "two things, or a thing and the generator, share a name")
BAD_PYTHON_NAME = _error("SS061", "bad-python-name", "a python_name is not usable")
BAD_HEADER = _error("SS062", "bad-header", "a header name or value httpx cannot send")
UNREPRESENTABLE_VALUE = _error(
    "SS063", "unrepresentable-value", "a value no JSON file or Python float can carry"
)

# -- examples -----------------------------------------------------------------
EXAMPLE_NOT_JSON = _error("SS070", "example-not-json", "an example's text is not valid JSON")
REPAIR_WITHOUT_ERRATUM = _error(
    "SS071", "repair-without-erratum", "a repaired example names no errata entry"
)
EXAMPLE_BREAKS_SCHEMA = _error(
    "SS072", "example-breaks-schema", "an example is rejected by its own schema"
)
EXAMPLE_UNDECLARED_STATUS = _error(
    "SS073", "example-undeclared-status", "an example answers with a status not declared"
)

ALL: tuple[Code, ...] = tuple(
    value for value in dict(globals()).values() if isinstance(value, Code)
)
BY_ID: dict[str, Code] = {code.id: code for code in ALL}
assert len(BY_ID) == len(ALL), "two codes share an id"
assert len({code.name for code in ALL}) == len(ALL), "two codes share a name"
