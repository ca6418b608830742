"""Accepted specs always generate a package that imports, type-checks and passes its tests.

Hostile names and texts (backslashes, quotes, triple quotes, braces,
keywords, builtins, Unicode, colliding spellings, extreme numbers) either
are refused with a located diagnostic or come out as working code. The
property test injects them into a small valid spec; the regression tests
pin every finding of the hostile review (issue 12, item 10).
"""

from __future__ import annotations

import contextlib
import io
import keyword
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.diagnostics import SpecError
from generator.naming import docstring, py_string
from generator.pipeline import Project, load_spec

PROVIDER = "hz"
LOCATED = re.compile(rf"^specs/{PROVIDER}\.yaml:\d+:\d+: \S")


def base_spec() -> dict[str, Any]:
    """A small valid spec as data; tests change parts of it and dump it as YAML."""
    return {
        "shipspec": 1,
        "provider": PROVIDER,
        "title": "Hz API",
        "version": "0.1.0",
        "servers": {"live": "https://hz.example.com"},
        "auth": {"scheme": "none"},
        "types": {
            "Order": {
                "source": "Orders",
                "description": "An order.",
                "fields": {
                    "id": {"type": "string", "required": True},
                    "qty": {"type": "integer", "minimum": 1, "maximum": 10},
                },
            }
        },
        "operations": {
            "get_order": {
                "source": "Orders",
                "summary": "Look up an order",
                "method": "GET",
                "path": "/orders/{id}",
                "params": {"id": {"in": "path", "type": "string"}},
                "responses": {"200": "Order"},
                "examples": [
                    {
                        "title": "one",
                        "params": {"id": "1"},
                        "response": {"status": 200, "json": '{"id": "1", "qty": 2}'},
                    }
                ],
            }
        },
    }


def _write(project: Path, spec: dict[str, Any] | str) -> None:
    (project / "specs").mkdir(parents=True, exist_ok=True)
    text = spec if isinstance(spec, str) else yaml.safe_dump(spec, allow_unicode=True)
    (project / "specs" / f"{PROVIDER}.yaml").write_text(text, "utf-8")


def refused(project: Path, spec: dict[str, Any] | str) -> list[str]:
    """The diagnostics `shipspec generate` prints (exit 2, each located); [] if it generated."""
    _write(project, spec)
    errors = io.StringIO()
    with contextlib.redirect_stderr(errors), contextlib.redirect_stdout(io.StringIO()):
        status = main(["--project", str(project), "generate", PROVIDER])
    if status == 0:
        return []
    assert status == 2, errors.getvalue()
    lines = errors.getvalue().splitlines()
    assert lines and all(LOCATED.match(line) for line in lines), lines
    return lines


def _run(args: list[str], cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, check=False, timeout=timeout, env=env
    )


def generated_package_works(
    project: Path, *, mypy: bool = False, script: str = "", tests: bool = True
) -> None:
    """The generated package imports, its own tests pass (and mypy --strict, and `script`)."""
    root = project / "generated" / PROVIDER
    imported = _run([sys.executable, "-c", f"import {PROVIDER}_client"], root)
    assert imported.returncode == 0, imported.stderr
    if tests:
        ran = _run(
            [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "tests"], root
        )
        assert ran.returncode == 0, ran.stdout[-4000:]
    if script:
        ran = _run([sys.executable, "-c", textwrap.dedent(script)], root)
        assert ran.returncode == 0, ran.stderr[-4000:]
    if mypy:
        checked = _run(
            [sys.executable, "-m", "mypy", "--strict", "--no-incremental", f"{PROVIDER}_client"],
            root,
            timeout=600,
        )
        assert checked.returncode == 0, checked.stdout[-4000:]


def generate(project: Path, spec: dict[str, Any] | str) -> None:
    _write(project, spec)
    assert main(["--project", str(project), "generate", PROVIDER]) == 0


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


def _op(spec: dict[str, Any]) -> dict[str, Any]:
    op: dict[str, Any] = spec["operations"]["get_order"]
    return op


def _rename_op(spec: dict[str, Any], name: str) -> dict[str, Any]:
    spec["operations"] = {name: _op(spec)}
    return spec


def _token_spec(scheme: str, credentials: dict[str, Any], token: bool = True) -> dict[str, Any]:
    spec = base_spec()
    spec["types"]["TokReq"] = {
        "source": "T",
        "fields": {name: {"type": "string"} for name in ("a", "b", "grant_type")},
    }
    spec["types"]["Tok"] = {
        "source": "T",
        "fields": {"access_token": {"type": "string", "required": True}},
    }
    spec["operations"]["get_token"] = {
        "source": "T",
        "method": "POST",
        "path": "/token",
        "auth": False,
        "body": "TokReq",
        "body_encoding": "form",
        "responses": {"200": "Tok"},
    }
    spec["auth"] = {
        "scheme": scheme,
        "operation": "get_token",
        "credentials": credentials,
        "header": {"Authorization": "Bearer {token}"},
    }
    if token:
        spec["auth"]["token"] = {"field": "access_token"}
    return spec


def _with_param(name: str, *more: str) -> dict[str, Any]:
    spec = base_spec()
    for key in (name, *more):
        _op(spec)["params"][key] = {"in": "query", "type": "string"}
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
    _op(spec)["responses"] = {"200": name}
    return spec


def _qty(**words: Any) -> dict[str, Any]:
    spec = base_spec()
    spec["types"]["Order"]["fields"]["qty"] = {"type": "integer", **words}
    return spec


def _two_operations() -> dict[str, Any]:
    spec = base_spec()
    spec["operations"]["get__order"] = {
        **_op(spec),
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
        _token_spec("oauth2_password", {"timeout": {"field": "a"}, "b": {"field": "b"}}),
        "client argument 'timeout'",
    ),
    "credential server": (
        _token_spec("oauth2_password", {"server": {"field": "a"}, "b": {"field": "b"}}),
        "client argument 'server'",
    ),
    "credential http": (
        _token_spec("oauth2_password", {"http": {"field": "a"}, "b": {"field": "b"}}),
        "client argument 'http'",
    ),
    "operation parameter named like a client parameter": (
        {
            **base_spec(),
            "client_params": {"tenantId": {"in": "path", "type": "string"}},
            "operations": {
                "get_order": {
                    **_op(base_spec()),
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
        _token_spec("oauth2_client_credentials", {"a": {"field": "a"}}),
        "needs two credentials",
    ),
    "token endpoint without token": (
        _token_spec("token_endpoint", {"a": {"field": "a"}}, token=False),
        "needs `token: {field: ...}`",
    ),
    "cookie name with a quote": (_cookie('a"b'), "not a valid cookie name"),
    "cookie name with a brace": (_cookie("a{b}"), "not a valid cookie name"),
    "maximum .inf": (_qty(maximum=float("inf")), "maximum inf is not a JSON number"),
    "const .nan": (_qty(const=float("nan")), "const nan is not a JSON number"),
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
    "a lone surrogate in the title": (
        yaml.safe_dump(base_spec()).replace("title: Hz API", 'title: "Hz \\ud800"'),
        "lone surrogate",
    ),
    "repeated path placeholder": (
        {**base_spec(), "operations": {"get_order": {**_op(base_spec()), "path": "/o/{id}/{id}"}}},
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
    spec["operations"]["close"] = {**_op(spec), "params": {"id": {"in": "path", "type": "string"}}}
    lines = refused(tmp_path, spec)
    assert len(lines) == 3, lines
    found = " ".join(lines)
    assert "'Id'" in found and "'close'" in found and "'Field'" in found, lines


# -- accepted, and the package works ---------------------------------------

HOSTILE_TEXTS = [
    "Look up C:\\Users\\orders",
    "a \\x and a \\N and a \\u",
    'triple """ quotes',
    'ends with a quote "',
    "{braces} and {{double}} and %s",
    "line one\nline two\ttab",
    "ünïcödé ☃ 𝄞",
]


def _texts_everywhere() -> dict[str, Any]:
    spec = base_spec()
    texts = iter(HOSTILE_TEXTS * 3)
    spec["title"] = next(texts)
    spec["description"] = next(texts)
    order = spec["types"]["Order"]
    order["description"] = next(texts)
    order["fields"]["id"]["description"] = next(texts)
    op = _op(spec)
    op["summary"] = next(texts)
    op["description"] = next(texts)
    op["source"] = next(texts)
    op["params"]["id"]["description"] = next(texts)
    op["examples"][0]["title"] = next(texts)
    order["fields"]['we"ird\\name'] = {"type": "string", "enum": ['a"b', "c\\d", "{x}", '"""']}
    op["params"]["ops"] = {"in": "query", "type": "string"}  # the client module's own name
    op["params"]["class"] = {"in": "query", "type": "string"}
    op["params"]["X-Tr'ace"] = {"in": "header", "type": "string", "name": "X-Trace"}
    spec["error_formats"] = {"we-ird": {"type": "Order", "message": "id"}}
    spec["errors"] = {"404": "we-ird"}
    spec["headers"] = {"X-Note": 'quote " backslash \\ brace {token}'}
    spec["servers"] = {"live": "https://hz.example.com/"}  # a trailing slash
    return spec


def test_hostile_texts_generate_a_working_type_clean_package(tmp_path: Path) -> None:
    generate(tmp_path, _texts_everywhere())
    generated_package_works(
        tmp_path,
        mypy=True,
        script="""
        import httpx
        import hz_client

        seen = []

        def answer(request):
            seen.append(request)
            return httpx.Response(200, json={"id": "1"})

        http = httpx.Client(transport=httpx.MockTransport(answer))
        with hz_client.Client(http_client=http) as client:
            client.get_order("1", ops_="o", class_="c")  # reserved names gain "_"
        [request] = seen
        assert request.url.path == "/orders/1", request.url  # not //orders/1
        assert dict(request.url.params) == {"ops": "o", "class": "c"}, request.url
        assert request.headers["X-Note"] == 'quote " backslash \\\\ brace {token}'
        title = "Look up C:\\\\Users\\\\orders client"
        assert hz_client.__doc__.startswith(title), hz_client.__doc__
        doc = hz_client.Client.get_order.__doc__
        assert doc.startswith("{braces} and {{double}} and %s (GET /orders/{id})."), doc
        assert "line one\\n" in doc and "line two\\ttab" in doc, doc
        """,
    )


def test_leaving_the_client_sends_nothing(tmp_path: Path) -> None:
    """`with Client()` ends in the client's own close, never in an operation."""
    spec = base_spec()
    spec["operations"]["close_order"] = {**_op(spec), "method": "POST", "examples": []}
    generate(tmp_path, spec)
    generated_package_works(
        tmp_path,
        script="""
        import httpx
        import hz_client

        seen = []
        answer = lambda r: seen.append(r) or httpx.Response(500)
        http = httpx.Client(transport=httpx.MockTransport(answer))
        with hz_client.Client(http_client=http):
            pass
        assert seen == []
        """,
    )


def test_a_credential_with_a_dash_becomes_a_snake_case_argument(tmp_path: Path) -> None:
    spec = _token_spec(
        "oauth2_password", {"api-key": {"field": "a", "secret": True}, "b": {"field": "b"}}
    )
    generate(tmp_path, spec)
    generated_package_works(
        tmp_path,
        mypy=True,
        tests=False,  # the mock refuses a token operation without documented credentials
        script="""
        import httpx
        from urllib.parse import parse_qsl
        import hz_client

        seen = []

        def answer(request):
            seen.append(request)
            if request.url.path == "/token":
                return httpx.Response(200, json={"access_token": "T"})
            return httpx.Response(200, json={"id": "1"})

        http = httpx.Client(transport=httpx.MockTransport(answer))
        with hz_client.Client(api_key="K", b="B", http_client=http) as client:
            client.get_order("1")
        token, call = seen
        sent = dict(parse_qsl(token.content.decode()))
        assert sent == {"grant_type": "password", "a": "K", "b": "B"}
        assert call.headers["Authorization"] == "Bearer T"
        """,
    )


def test_fields_spelt_alike_each_keep_their_own_value(tmp_path: Path) -> None:
    """`Id` would be the Python name `id`, and a payload's `id` would fill both fields."""
    spec = base_spec()
    fields = spec["types"]["Order"]["fields"]
    spec["types"]["Order"]["fields"] = {
        "Id": {"type": "string"},
        "ID": {"type": "string"},
        **fields,
    }
    generate(tmp_path, spec)
    generated_package_works(
        tmp_path,
        script="""
        from hz_client import models

        order = models.Order.model_validate({"id": "1", "Id": "2"})
        assert order.id == "1" and {order.id_1, order.id_2} == {"2", None}, order
        assert order.model_dump(by_alias=True, exclude_unset=True) == {"id": "1", "Id": "2"}
        """,
    )


def test_webhook_names_and_texts_with_quotes_and_backslashes(tmp_path: Path) -> None:
    spec = base_spec()
    spec["webhooks"] = {
        "note": {
            "source": 'Hooks \\ "x"',
            "description": 'a """ b',
            "payload": "Note",
            "event_field": 'ty"pe',
            "signature": {
                "algorithm": "hmac-sha256",
                "encoding": "hex",
                "field": "si\\g",
                "message_fields": ['o"n', "{x}"],
                "separator": '"\\',
            },
            "examples": [
                {
                    "title": 'ex "1"',
                    "payload": {"json": '{"ty\\"pe": "A", "si\\\\g": "00", "o\\"n": "1"}'},
                }
            ],
        }
    }
    spec["types"]["Note"] = {
        "source": "N",
        "fields": {
            'ty"pe': {"type": "string", "required": True},
            "si\\g": {"type": "string", "required": True},
            'o"n': {"type": "string"},
            "{x}": {"type": "string"},
        },
    }
    generate(tmp_path, spec)
    generated_package_works(
        tmp_path,
        mypy=True,
        script="""
        import hz_client

        payload = {"ty\\"pe": "A", "o\\"n": "1", "{x}": "2"}
        payload["si\\\\g"] = hz_client.sign_note(payload, "s")
        assert hz_client.verify_note(payload, "s")
        assert hz_client.parse_note(payload, secret="s").o_n == "1"
        """,
    )


@pytest.mark.parametrize("items", ["_orders", "model_dump", "Class"])
def test_paging_reads_an_items_field_whatever_its_spelling(items: str, tmp_path: Path) -> None:
    spec = base_spec()
    spec["types"]["OrderList"] = {
        "source": "L",
        "fields": {items: {"type": "array", "items": "Order"}},
    }
    spec["operations"]["list_orders"] = {
        "source": "L",
        "method": "GET",
        "path": "/orders",
        "params": {"pg": {"in": "query", "type": "integer"}},
        "paging": {"page_param": "pg", "items_field": items},
        "responses": {"200": "OrderList"},
    }
    generate(tmp_path, spec)
    generated_package_works(
        tmp_path,
        script=f"""
        import httpx
        import hz_client

        def answer(request):
            page = request.url.params["pg"]
            return httpx.Response(200, json={{{items!r}: [{{"id": page}}]}})

        http = httpx.Client(transport=httpx.MockTransport(answer))
        with hz_client.Client(http_client=http) as client:
            found = [o.id for o in client.iter_list_orders()]
        assert found == ["1"], found  # no total in this spec: the first page is the last
        """,
    )


# -- the property: hostile values injected into a valid spec -----------------

NAME_SPELLINGS = [
    "id", "Id", "ID", "body", "Body", "self", "ops", "flow", "class", "import", "None",
    "timeout", "max_retries", "extra_headers", "page", "list", "str", "type", "models",
    "httpx", "a-b", "a b", "a_b", "1st", "__init__", "_private", "ünïcode", "x\\y", 'q"t',
    "{b}", "\"\"\"",
]  # fmt: skip
OPERATION_NAMES = [
    "get_order", "get__order", "close", "aclose", "validate", "with_raw_response",
    "error_formats", "by_name", "clear_cache", "base_url", "class", "import", "t", "list",
    "iter_get_order", "type", "print", "match",
]  # fmt: skip
TYPE_NAMES = ["Order", "None", "Field", "Model", "Any", "List", "Literal", "Str", "Order2", "T"]

hostile_text = st.one_of(
    st.sampled_from(HOSTILE_TEXTS),
    st.text(
        alphabet=st.one_of(
            st.sampled_from(list("\\\"'{}%\n\t $")), st.characters(exclude_categories=("Cs",))
        ),
        max_size=20,
    ),
)
EXTREME_NUMBERS = [2**63, 10**30, 10**308, 10**400, -(10**400), 1e308, float("inf"), float("nan")]
# Mostly values the example (qty 2, id "1") satisfies, so most specs are accepted and generated;
# sometimes an extreme one, which must be refused with its place.
low_bound = st.one_of(
    st.integers(min_value=-(10**20), max_value=2),
    st.floats(min_value=-1e300, max_value=2, allow_nan=False),
)
high_bound = st.one_of(
    st.integers(min_value=2, max_value=10**20),
    st.floats(min_value=2, max_value=1e300, allow_nan=False),
)
length = st.integers(min_value=1, max_value=2**63 - 1)
identifier = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)
spec_name = st.one_of(identifier, st.sampled_from(NAME_SPELLINGS), st.text(min_size=1, max_size=6))


@st.composite
def hostile_specs(draw: st.DrawFn) -> dict[str, Any]:
    """Hostile texts and names everywhere; at most one choice that must be refused."""
    refusable = draw(
        st.sampled_from([None, None, None, "type", "op", "min", "max", "len", "header"])
    )

    def _sometimes(benign: st.SearchStrategy[Any], hostile: list[Any], which: str) -> Any:
        return draw(st.sampled_from(hostile) if refusable == which else benign)

    spec = base_spec()
    spec["title"] = draw(hostile_text.filter(bool))
    spec["description"] = draw(hostile_text)
    type_name = _sometimes(st.sampled_from(["Order", "Str", "Order2", "T"]), TYPE_NAMES, "type")
    op_name = _sometimes(identifier, OPERATION_NAMES, "op")
    order = spec["types"].pop("Order")
    order["description"] = draw(hostile_text)
    fields = order["fields"]
    fields["id"]["description"] = draw(hostile_text)
    fields["qty"]["minimum"] = _sometimes(low_bound, EXTREME_NUMBERS, "min")
    fields["qty"]["maximum"] = _sometimes(high_bound, EXTREME_NUMBERS, "max")
    enum = draw(st.lists(hostile_text, min_size=1, max_size=4, unique=True))
    fields[draw(spec_name.filter(lambda name: name not in fields))] = {
        "type": "string",
        "enum": enum,
        "description": draw(hostile_text),
    }
    fields["note"] = {"type": "string", "maxLength": _sometimes(length, EXTREME_NUMBERS, "len")}
    spec["types"][type_name] = order
    op = spec["operations"].pop("get_order")
    op["responses"] = {"200": type_name}
    op["summary"] = draw(hostile_text)
    op["description"] = draw(hostile_text)
    op["source"] = draw(hostile_text.filter(bool))
    for name in draw(st.lists(spec_name, max_size=3, unique=True)):
        if name != "id":
            op["params"][name] = {
                "in": "query",
                "type": "string",
                "description": draw(hostile_text),
            }
    spec["operations"][op_name] = op
    if refusable == "op" and draw(st.booleans()):
        spec["operations"]["get__order" if op_name != "get__order" else "get_order"] = {
            **op,
            "method": "DELETE",
            "examples": [],
        }
    if draw(st.booleans()):
        spec["servers"] = {"live": "https://hz.example.com/"}
    if draw(st.booleans()):
        header = _sometimes(
            st.from_regex(r"X-[A-Za-z0-9-]{1,8}", fullmatch=True), ["X A", "X:"], "header"
        )
        spec["headers"] = {
            header: draw(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126)))
        }
    if draw(st.booleans()):
        error_format = draw(
            st.one_of(st.from_regex(r"[A-Za-z0-9_-]{1,8}", fullmatch=True), hostile_text)
        )
        spec["error_formats"] = {error_format: {"type": type_name, "message": "id"}}
        spec["errors"] = {"404": error_format}
    return spec


CHECKED = [0]


def _property(spec: dict[str, Any], folder: Path, *, mypy_every: int) -> None:
    _write(folder, spec)
    try:
        load_spec(Project(folder, folder / "generated"), PROVIDER)
    except SpecError as error:
        assert error.diagnostics
        for diagnostic in error.diagnostics:
            assert diagnostic.file == f"specs/{PROVIDER}.yaml"
            assert diagnostic.line >= 1 and diagnostic.col >= 1 and diagnostic.message
        return
    assert main(["--project", str(folder), "generate", PROVIDER]) == 0
    CHECKED[0] += 1
    try:
        generated_package_works(folder, mypy=CHECKED[0] % mypy_every == 1)
    except AssertionError as failure:
        text = (folder / "specs" / f"{PROVIDER}.yaml").read_text("utf-8")
        raise AssertionError(f"{failure}\n--- the spec:\n{text}") from None


@settings(
    max_examples=int(os.environ.get("SHIPSPEC_HOSTILE_EXAMPLES", "15")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(spec=hostile_specs())
def test_hostile_values_are_refused_with_places_or_generate_working_code(
    spec: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    _property(spec, tmp_path_factory.mktemp("hostile"), mypy_every=8)


@pytest.mark.long
@settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(spec=hostile_specs())
def test_hostile_values_long_run(
    spec: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    _property(spec, tmp_path_factory.mktemp("hostile"), mypy_every=3)


def test_keywords_are_never_generated_as_names() -> None:
    """The reserved list covers every hard keyword (a new Python adds none unseen)."""
    from generator.naming import python_identifier

    assert all(not keyword.iskeyword(python_identifier(word)) for word in keyword.kwlist)
