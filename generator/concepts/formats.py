"""String formats (`format: date`, `uuid`, ...): everything every stage knows about each.

A format is judged by the generated client (a `_validation.py` function),
described in problem messages, the reference docs and the JSON Schema,
exported as a JSON Schema `format` (the standard ones) or as a pattern plus
`x-shipspec-format` (the provider-specific ones), typed on the pydantic
models where Python has a type for it, and exercised by generated test
cases with one good and one bad value.

Adding a format: an entry in FORMATS, its `_is_*` function in
templates/_checks.py.jinja, and the name in the two `format` enums of
generator/spec/metaschema.yaml (tests/test_concepts.py holds the three together).
"""

from __future__ import annotations

from dataclasses import dataclass

# year 0000 is left out: no calendar the clients and mocks use has it (Python's starts at 1)
_DAY = r"(?!0000)\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
_TIME = r"(?:[01]\d|2[0-3]):[0-5]\d"
_OFFSET = r"(?:Z|[+-]\d{2}(?::?\d{2})?)"

# Said in the JSON Schema because a pattern cannot know month lengths, and most
# JSON Schema validators treat `format` as an annotation only.
IMPOSSIBLE_DATES = "impossible dates such as 2023-02-30 are rejected by the client"


@dataclass(frozen=True)
class Format:
    name: str
    runtime_test: str  # the _validation.py function that judges a string
    message: str  # a problem message: "must be <message> (got ...)"
    good: str  # a value the format accepts (generated payloads)
    bad: str  # a value it refuses (the generated `format` case)
    standard: bool = False  # a JSON Schema format: exported as `format`
    pattern: str | None = None  # otherwise: the pattern the JSON Schema carries
    schema_words: str | None = None  # said in the JSON Schema description
    reference: str | None = None  # the reference docs' words (default "format <name>")
    python_type: str | None = None  # the pydantic models' type, where Python has one
    strptime: str | None = None  # how a compare rule reads and writes the value

    @property
    def reference_words(self) -> str:
        return self.reference or f"format {self.name}"


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "date",
            "_is_date",
            "a date as YYYY-MM-DD",
            good="2024-01-31",
            bad="2023-02-30",
            standard=True,
            schema_words="a real calendar date as YYYY-MM-DD",
            reference="format date (YYYY-MM-DD)",
            python_type="date",
            strptime="%Y-%m-%d",
        ),
        Format(
            "date-time",
            "_is_date_time",
            "an RFC 3339 date-time (YYYY-MM-DDTHH:MM:SSZ)",
            good="2024-01-31T10:00:00Z",
            bad="2023-01-01 10:00",
            standard=True,
            schema_words="a real calendar date-time, RFC 3339",
            reference="format date-time (RFC 3339)",
            python_type="AwareDatetime",
        ),
        Format(
            "local-date-time",
            "_is_local_date_time",
            "a date and time as YYYY-MM-DD HH:MM:SS",
            good="2024-01-31 10:00:00",
            bad="2023-01-01T10:00:00",
            pattern=rf"^{_DAY} {_TIME}:[0-5]\d$",
            schema_words="a real calendar date and time as YYYY-MM-DD HH:MM:SS",
            reference="format local-date-time (YYYY-MM-DD HH:MM:SS)",
            strptime="%Y-%m-%d %H:%M:%S",
        ),
        Format(
            "iso-date-time",
            "_is_iso_date_time",
            "an ISO-8601 date, time and offset optional (YYYY-MM-DD[THH:MM[:SS][+HH:MM]])",
            good="2024-01-31T10:00:00+01:00",
            bad="2024-13-45",
            pattern=rf"^{_DAY}(?:T{_TIME}(?::[0-5]\d(?:\.\d+)?)?{_OFFSET}?)?$",
            schema_words="an ISO-8601 date, time of day and offset optional",
            reference="format iso-date-time (YYYY-MM-DD, time of day and offset optional)",
        ),
        Format(
            "email",
            "_is_email",
            "an email address",
            good="a@example.com",
            bad="not-an-email",
            standard=True,
        ),
        Format(
            "uuid",
            "_is_uuid",
            "a UUID",
            good="00000000-0000-4000-8000-000000000000",
            bad="not-a-uuid",
            standard=True,
            python_type="UUID",
        ),
        Format(
            "uri",
            "_is_uri",
            "an absolute URI",
            good="https://example.com/",
            bad="not a uri",
            standard=True,
        ),
    )
}

# How the models module imports each Python type a format maps to.
PYTHON_TYPE_IMPORTS = {
    "date": "from datetime import date",
    "AwareDatetime": "from pydantic import AwareDatetime",
    "UUID": "from uuid import UUID",
}


def get(name: str) -> Format:
    """The format a spec names (the meta-schema admits only these)."""
    return FORMATS[name]


def python_type(name: str | None) -> str | None:
    """The pydantic models' type of a string of this format, if Python has one."""
    return FORMATS[name].python_type if name in FORMATS else None


def strptime(name: str | None) -> str | None:
    return FORMATS[name].strptime if name in FORMATS else None
