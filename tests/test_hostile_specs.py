"""Hostile specs are refused with a located diagnostic, and quoting means exactly the text.

Every finding of the hostile review (issue 12, item 10) that a spec must
not be allowed to say has a case here; test_hostile_packages.py holds the
hostile specs that are accepted, test_hostile_property.py the property.
"""

from __future__ import annotations

import keyword
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.emit.naming import docstring, py_string
from tests.hostile import (
    base_spec,
    op_of,
    refused,
    token_spec,
)

# -- the escaping layer ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "plain",
        'a "quoted" word',
        "C:\\Users\\orders",
        "\\N{x} \\x \\u",
        "line\nbreak\r\x00\x7f",
        "{braces} and {{double}}",
        "'''",
        '"""',
        'ends with "',
        "ünï ☃ 𝄞",
        "\ud800",
        'ends with a backslash and a quote \\"',
        '""',
        '""""',
    ],
)
def test_py_string_and_docstring_mean_exactly_the_text(text: str) -> None:
    assert eval(py_string(text)) == text
    namespace: dict[str, Any] = {}
    exec(f'def f():\n    """{docstring(text)}"""\n', namespace)
    assert namespace["f"].__doc__ == text


# -- refused with a located diagnostic ---------------------------------------


def _rename_op(spec: dict[str, Any], name: str) -> dict[str, Any]:
    spec["operations"] = {name: op_of(spec)}
    return spec


def _with_param(name: str, *more: str) -> dict[str, Any]:
    spec = base_spec()
    for key in (name, *more):
        op_of(spec)["params"][key] = {"in": "query", "type": "string"}
    return spec


def _union(cat_kind: Any, dog_kind: Any) -> dict[str, Any]:
    spec = base_spec()
    spec["types"]["Pet"] = {"source": "P", "one_of": ["Cat", "Dog"], "discriminator": "kind"}
    spec["types"]["Cat"] = {"source": "P", "fields": {"kind": {"type": "any", "const": cat_kind}}}
    spec["types"]["Dog"] = {"source": "P", "fields": {"kind": {"type": "any", "const": dog_kind}}}
    return spec


def _typed(name: str) -> dict[str, Any]:
    spec = base_spec()
    spec["types"] = {name: spec["types"]["Order"]}
    op_of(spec)["responses"] = {"200": name}
    return spec


def _qty(**words: Any) -> dict[str, Any]:
    spec = base_spec()
    spec["types"]["Order"]["fields"]["qty"] = {"type": "integer", **words}
    return spec


def _two_operations() -> dict[str, Any]:
    spec = base_spec()
    spec["operations"]["get__order"] = {
        **op_of(spec),
        "method": "DELETE",
        "responses": {"204": {"encoding": "empty"}},
        "examples": [],
    }
    return spec


def _cookie(name: str) -> dict[str, Any]:
    spec = base_spec()
    spec["auth"] = {
        "scheme": "session_cookie",
        "cookie": name,
        "credentials": {"session": {"field": "s", "secret": True}},
    }
    return spec


REFUSED = {
    "operation named class": (_rename_op(base_spec(), "class"), "Python keyword"),
    "operation named import": (_rename_op(base_spec(), "import"), "Python keyword"),
    "operation named close": (_rename_op(base_spec(), "close"), "client's own 'close'"),
    "operation named validate": (_rename_op(base_spec(), "validate"), "client's own 'validate'"),
    "operation named with_raw_response": (
        _rename_op(base_spec(), "with_raw_response"),
        "client's own 'with_raw_response'",
    ),
    "operation named error_formats": (_rename_op(base_spec(), "error_formats"), "ERROR_FORMATS"),
    "operation named by_name": (_rename_op(base_spec(), "by_name"), "BY_NAME"),
    "get_order and get__order": (_two_operations(), "differ only in underscores"),
    "params id and Id": (_with_param("Id"), "both become the Python argument 'id'"),
    "params body and Body": (_with_param("body", "Body"), "both become the Python argument"),
    "type None": (_typed("None"), "type name 'None' is taken"),
    "type Field": (_typed("Field"), "type name 'Field' is taken"),
    "type Model": (_typed("Model"), "type name 'Model' is taken"),
    "type TypedDict": (_typed("TypedDict"), "type name 'TypedDict' is taken"),
    "type NotRequired": (_typed("NotRequired"), "type name 'NotRequired' is taken"),
    "type named as another's TypedDict": (
        {**base_spec(), "types": {**base_spec()["types"], "OrderDict": {"source": "O"}}},
        "type name 'OrderDict' is taken in the generated models module by the TypedDict",
    ),
    "inline object named RootModel": (
        {
            **base_spec(),
            "types": {
                **base_spec()["types"],
                "Root": {"source": "R", "fields": {"model": {"fields": {"x": {"type": "string"}}}}},
            },
        },
        "type name 'RootModel' (an inline object) is taken",
    ),
    "credential timeout": (
        token_spec("oauth2_password", {"timeout": {"field": "a"}, "b": {"field": "b"}}),
        "client argument 'timeout'",
    ),
    "credential server": (
        token_spec("oauth2_password", {"server": {"field": "a"}, "b": {"field": "b"}}),
        "client argument 'server'",
    ),
    "credential http": (
        token_spec("oauth2_password", {"http": {"field": "a"}, "b": {"field": "b"}}),
        "client argument 'http'",
    ),
    "operation parameter named like a client parameter": (
        {
            **base_spec(),
            "client_params": {"tenantId": {"in": "path", "type": "string"}},
            "operations": {
                "get_order": {
                    **op_of(base_spec()),
                    "path": "/t/{tenantId}/orders/{id}",
                    "params": {
                        "id": {"in": "path", "type": "string"},
                        "tenant_id": {"in": "query", "type": "string"},
                    },
                }
            },
        },
        "and client parameter 'tenantId' both become",
    ),
    "one-credential client credentials": (
        token_spec("oauth2_client_credentials", {"a": {"field": "a"}}),
        "needs two credentials",
    ),
    "token endpoint without token": (
        token_spec("token_endpoint", {"a": {"field": "a"}}, token=False),
        "needs `token: {field: ...}`",
    ),
    "cookie name with a quote": (_cookie('a"b'), "not a valid cookie name"),
    "cookie name with a brace": (_cookie("a{b}"), "not a valid cookie name"),
    # The loader refuses .inf/.nan as it reads them (YAML 1.2 reading, loader.py);
    # names_check keeps its own refusal for models built by other means.
    "maximum .inf": (_qty(maximum=float("inf")), "'.inf' has no JSON value"),
    "const .nan": (_qty(const=float("nan")), "'.nan' has no JSON value"),
    "maximum 10**400": (_qty(maximum=10**400), "beyond what a 64-bit float can hold"),
    "maxLength 10**30": (
        {
            **base_spec(),
            "types": {
                "Order": {
                    "source": "O",
                    "fields": {"id": {"type": "string", "required": True, "maxLength": 10**30}},
                }
            },
        },
        "larger than any payload can be",
    ),
    "discriminator const {a: 1}": (_union({"a": 1}, "dog"), "must be a string, number or boolean"),
    "two members, one discriminator value": (_union("dog", "dog"), "could never be chosen"),
    "a header value with a line break": (
        {**base_spec(), "headers": {"X-A": "one\r\nX-Injected: two"}},
        "must be printable ASCII",
    ),
    "a header value outside ASCII": ({**base_spec(), "headers": {"X-A": "ünï"}}, "printable ASCII"),
    "a header name with a space": ({**base_spec(), "headers": {"X A": "1"}}, "header name"),
    "a server with a query": (
        {**base_spec(), "servers": {"live": "https://hz.example.com/api?key=1"}},
        "not a usable base URL",
    ),
    "a server with an unclosed bracket": (
        {**base_spec(), "servers": {"live": "https://[::1"}},
        "not a usable base URL",
    ),
    "a server with a space": (
        {**base_spec(), "servers": {"live": "https://hz example.com"}},
        "not a usable base URL",
    ),
    "an error format named like a path": (
        {**base_spec(), "error_formats": {"../../x": {"text": True}}},
        "names a file",
    ),
    'an error format named we"ird': (
        {**base_spec(), "error_formats": {'we"ird': {"text": True}}},
        "names a file",
    ),
    "an error format whose schema file an operation's request has": (
        {
            **base_spec(),
            "operations": {"error": op_of(base_spec())},
            "error_formats": {"request": {"text": True}},
        },
        "would both name schemas/error.request.json",
    ),
    "a lone surrogate in the title": (
        yaml.safe_dump(base_spec()).replace("title: Hz API", 'title: "Hz \\ud800"'),
        # libyaml refuses the escape while reading; the pure-Python reader lets the
        # names check refuse it: either way one located line.
        "lone surrogate" if not yaml.__with_libyaml__ else "invalid Unicode character escape",
    ),
    "repeated path placeholder": (
        {
            **base_spec(),
            "operations": {"get_order": {**op_of(base_spec()), "path": "/o/{id}/{id}"}},
        },
        "appears more than once",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_hostile_spec_is_refused_with_a_located_diagnostic(case: str, tmp_path: Path) -> None:
    spec, message = REFUSED[case]
    lines = refused(tmp_path, spec)
    assert any(message in line for line in lines), lines


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    spec = _with_param("Id")
    spec["types"]["Field"] = {"source": "F", "fields": {"x": {"type": "string"}}}
    spec["operations"]["close"] = {
        **op_of(spec),
        "params": {"id": {"in": "path", "type": "string"}},
    }
    lines = refused(tmp_path, spec)
    assert len(lines) == 3, lines
    found = " ".join(lines)
    assert "'Id'" in found and "'close'" in found and "'Field'" in found, lines


def test_keywords_are_never_generated_as_names() -> None:
    """The reserved list covers every hard keyword (a new Python adds none unseen)."""
    from generator.emit.naming import python_identifier

    assert all(not keyword.iskeyword(python_identifier(word)) for word in keyword.kwlist)
