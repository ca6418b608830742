"""Accepted hostile specs generate a package that imports, type-checks, passes its tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.hostile import (
    HOSTILE_TEXTS,
    base_spec,
    generate,
    generated_package_works,
    op_of,
    token_spec,
)

# -- accepted, and the package works ---------------------------------------


def _texts_everywhere() -> dict[str, Any]:
    spec = base_spec()
    texts = iter(HOSTILE_TEXTS * 3)
    spec["title"] = next(texts)
    spec["description"] = next(texts)
    order = spec["types"]["Order"]
    order["description"] = next(texts)
    order["fields"]["id"]["description"] = next(texts)
    op = op_of(spec)
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
    spec["operations"]["close_order"] = {**op_of(spec), "method": "POST", "examples": []}
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
    spec = token_spec(
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
        "params": {
            "pg": {"in": "query", "type": "integer"},
            "size": {"in": "query", "type": "integer"},
        },
        # ends on a short or empty page: the stop condition the loader asks for
        "paging": {"page_param": "pg", "size_param": "size", "items_field": items},
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
            return httpx.Response(200, json={{{items!r}: [{{"id": page}}] if page == "1" else []}})

        http = httpx.Client(transport=httpx.MockTransport(answer))
        with hz_client.Client(http_client=http) as client:
            found = [o.id for o in client.iter_list_orders()]
        assert found == ["1"], found  # the empty second page is the last
        """,
    )


def test_a_paged_operation_s_parameters_may_take_any_name_the_iterator_once_used(
    tmp_path: Path,
) -> None:
    """iter_<op> hands its arguments to one lambda (_paging.iterate walks the pages), so
    `page`, `raw`, `items`, `item` and `list` are ordinary parameters, sent on every page."""
    spec = base_spec()
    spec["types"]["OrderList"] = {
        "source": "L",
        "fields": {"orders": {"type": "array", "items": "Order"}},
    }
    names = ("page", "raw", "items", "item", "list")
    spec["operations"]["list_orders"] = {
        "source": "L",
        "method": "GET",
        "path": "/orders",
        "params": {
            "pg": {"in": "query", "type": "integer"},
            "size": {"in": "query", "type": "integer"},
            **{name: {"in": "query", "type": "string"} for name in names},
        },
        "paging": {"page_param": "pg", "size_param": "size", "items_field": "orders"},
        "responses": {"200": "OrderList"},
    }
    generate(tmp_path, spec)
    generated_package_works(
        tmp_path,
        mypy=True,
        tests=False,
        script=f"""
        import httpx
        import hz_client

        asked = []

        def answer(request):
            asked.append(dict(request.url.params))
            page = request.url.params["pg"]
            return httpx.Response(200, json={{"orders": [{{"id": page}}] if page == "1" else []}})

        http = httpx.Client(transport=httpx.MockTransport(answer))
        with hz_client.Client(http_client=http) as client:
            found = [o.id for o in client.iter_list_orders(**{{n: n.upper() for n in {names!r}}})]
        assert found == ["1"], found
        assert [a.pop("pg") for a in asked] == ["1", "2"], asked
        assert all(a == {{n: n.upper() for n in {names!r}}} for a in asked), asked
        """,
    )
