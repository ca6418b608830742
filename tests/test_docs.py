"""Reference documentation: the generated READMEs and `shipspec docs` HTML pages."""

from __future__ import annotations

import ast
import importlib
import re
import shutil
import subprocess
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli.main import main
from generator.concepts import paging
from generator.concepts.status_errors import error_class
from generator.emit.cases import base_payload
from generator.emit.readme_reference import readme_reference
from generator.emit.reference import reference_doc
from generator.emit.reference_fields import rule_words
from generator.output.pipeline import Project, load_spec
from generator.spec.model import Condition, Paging, Rule
from tests.paths import GENERATED, PROVIDERS, ROOT, SPECS

CHROMIUM = Path("/usr/bin/chromium")


def _operations(provider: str) -> dict[str, dict[str, object]]:
    spec = yaml.safe_load((SPECS / f"{provider}.yaml").read_text("utf-8"))
    operations: dict[str, dict[str, object]] = spec["operations"]
    return operations


def _readme(provider: str) -> str:
    return (GENERATED / provider / "README.md").read_text("utf-8")


def _reference(provider: str) -> str:
    return _readme(provider).split("\n## Reference\n", 1)[1].split("\n## Errata\n")[0]


def _readme_sections(provider: str) -> dict[str, str]:
    """Operation name -> its part of the README's Reference section."""
    operations = _reference(provider).split("\n### Types\n", 1)[0]
    parts = re.split(r'\n<a id="op-([a-z0-9_]+)"></a>\n', operations)[1:]
    return dict(zip(parts[::2], parts[1::2], strict=True))


def _readme_types(provider: str) -> dict[str, str]:
    """Type name -> its entry under the Reference's Types."""
    types = _reference(provider).split("\n### Types\n", 1)[1]
    parts = re.split(r'\n<a id="type-([A-Za-z0-9_]+)"></a>\n', types)[1:]
    return dict(zip(parts[::2], parts[1::2], strict=True))


def _shared_errors(provider: str) -> str:
    return _readme(provider).split("\n## Errors\n", 1)[1].split("\n## ", 1)[0]


@pytest.mark.parametrize("provider", PROVIDERS)
def test_readme_documents_every_operation(provider: str) -> None:
    sections = _readme_sections(provider)
    operations = _operations(provider)
    assert list(sections) == list(operations)
    for name, raw in operations.items():
        section = sections[name]
        assert f"`{raw['method']} {raw['path']}`" in section
        assert "Returns `" in section
        [code] = re.findall(r"```python\n(.*?)```", section, flags=re.S)
        tree = ast.parse(code)
        calls = [
            node.func.attr
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        ]
        assert name in calls, f"{name}: the example does not call client.{name}"


@pytest.mark.parametrize("provider", PROVIDERS)
def test_readme_links_resolve_and_each_type_is_described_once(provider: str) -> None:
    text = _readme(provider)
    anchors = re.findall(r'<a id="([^"]+)"></a>', text)
    assert len(anchors) == len(set(anchors))
    # a heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces as "-"
    titles = re.findall(r"^#{2,4} (.+)$", text, flags=re.MULTILINE)
    headings = {re.sub(r"[^a-z0-9 _-]", "", t.lower()).replace(" ", "-") for t in titles}
    for target in set(re.findall(r"\]\(#([^)]+)\)", text)):
        assert target in anchors or target in headings, target
    types = _readme_types(provider)
    for name, entry in types.items():
        assert text.count(f"#### {name}\n") == 1
        assert entry.strip(), f"{name}: an empty entry"


def test_readme_states_constraints_errors_and_the_document_example() -> None:
    section = _readme_sections("novatech")["place_order"]
    assert "Body: [PlaceOrderRequest](#type-PlaceOrderRequest), sent as JSON" in section
    assert "Example (from the document:" in section and '"order_number": "MONZ0001"' in section
    types = _readme_types("novatech")
    assert "- `name` (string, required; 5 to 30 characters)" in types["DeliverTo"]
    order = types["PlaceOrderRequest"]
    assert "- `deliver_to` ([DeliverTo](#type-DeliverTo), required)" in order
    assert (
        "- `order_lines` (array of [OrderLineRequest](#type-OrderLineRequest), required;"
        " at least 1 item)" in order
    )
    assert "- `quantity` (integer, required; at least 1)" in types["OrderLineRequest"]
    # the statuses every operation may answer are listed once, with their exception
    assert "- 400 BadRequestError: validation (JSON ValidationErrorBody)" in _shared_errors(
        "novatech"
    )
    assert "BadRequestError" not in section
    inbound = _readme_types("cartoncloud")["InboundOrder"]
    assert "one of INBOUND" in inbound and "format uuid" in inbound
    deprecated = _readme_sections("activeants")["add_order"]
    assert "**Deprecated:** use POST v3/orders instead." in deprecated


def test_readme_says_once_what_operations_share() -> None:
    """A type used by three operations, the shared errors and client parameters: each once."""
    text = _readme("cartoncloud")
    sections = _readme_sections("cartoncloud")
    for name in ("create_inbound_order", "get_inbound_order", "update_inbound_order"):
        assert "[InboundOrder](#type-InboundOrder)" in sections[name]
        assert "Errors" not in sections[name] and "tenantId` (path" not in sections[name]
    assert text.count("`arrivalDate` (string)") == 1
    assert text.count("- 422 UnprocessableEntityError:") == 1
    assert text.count("- `tenantId` (path, string, required;") == 1
    create = sections["create_inbound_order"]
    assert "id, version: only in responses, not sent in this request" in create
    # an operation that differs from the shared statuses says how, and only that
    activeants = _readme_sections("activeants")
    assert "does not answer 401" in activeants["get_status"]
    assert "- 404 NotFoundError: envelope (JSON ErrorEnvelope)" in activeants["get_stock_level"]
    assert "401" not in activeants["get_stock_level"]
    shared = _shared_errors("activeants")
    assert "- 401 AuthenticationError: envelope (JSON ErrorEnvelope)" in shared


def _unlinked(text: str) -> str:
    """README text with its links to type entries read as the type names they show."""
    return re.sub(r"\[([A-Za-z0-9_]+)\]\(#type-[A-Za-z0-9_]+\)", r"\1", text)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_readme_keeps_every_row_and_rule_of_the_flattened_reference(provider: str) -> None:
    """What the HTML page says per operation, flattened, the README says once."""
    spec = load_spec(Project(ROOT, ROOT / "generated"), provider)
    text = _unlinked(_readme(provider))
    types = _unlinked("\n".join(_readme_types(provider).values()))
    sections = {name: _unlinked(section) for name, section in _readme_sections(provider).items()}
    for op in reference_doc(spec, auth_summary="").operations:
        for row in op.body_fields:  # a field of a union member is labelled "(Member) " there
            description = re.sub(r"^\([A-Za-z0-9_]+\) ", "", row.description)
            required = ", required" if row.required else ""
            rules = f"; {row.rules}" if row.rules else ""
            said = f"- `{row.name.rsplit('/', 1)[1]}` ({row.type}{required}{rules})"
            assert said + (f": {description}" if description else "") in types, (op.name, said)
        for rule in op.rules:  # "/pointer: words" there, the words in the type's entry here
            assert rule.split(": ", 1)[-1] in text, (op.name, rule)
        for param in op.params:  # one given to the client is described once, in "Use"
            given = re.match(r"given once to the client as `(\w+)=`\. ?(.*)", param.description)
            where = text if given else sections[op.name]
            said = f"- `{param.name}` ({param.location}, {param.type}"
            assert said in where, (op.name, param.name)
            if given:
                argument, description = given.groups()
                described = f": {description}" if description else ""
                assert f"argument `{argument}`{described}" in text, (op.name, param.name)
            else:
                assert param.description in where, (op.name, param.name)
        for error in op.errors:
            assert f"- {error.status} {error.text}" in text, (op.name, error)
        for response in op.responses:
            assert f"{response.status} {response.text}" in sections[op.name], op.name
        assert op.deprecated in sections[op.name]
        assert op.body in sections[op.name]


class _Client:
    """Records each call an example makes, to read back the body it sends."""

    def __init__(self) -> None:
        self.calls: dict[str, tuple[object, ...]] = {}

    def __getattr__(self, name: str) -> object:
        return lambda *args, **kwargs: self.calls.setdefault(name, args)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_readme_examples_send_the_document_bodies(provider: str) -> None:
    """Run in order on one client, each example sends its document body, a shared one too."""
    spec = load_spec(Project(ROOT, ROOT / "generated"), provider)
    client = _Client()
    scope: dict[str, object] = {"client": client}
    for name, section in _readme_sections(provider).items():
        [code] = re.findall(r"```python\n(.*?)```", section, flags=re.S)
        exec(code, scope)  # the README's own example: literals and one call
        op = next(o for o in spec.operations if o.name == name)
        if op.body is not None:
            assert base_payload(spec, op) in client.calls[name], name
    if provider == "cartoncloud":
        update = _readme_sections(provider)["update_inbound_order"]
        assert "**create_inbound_order_body," in update
        assert "[`create_inbound_order`'s example](#op-create_inbound_order)" in update


@pytest.mark.parametrize("status", [400, 401, 403, 404, 405, 409, 415, 422, 429, 500, 503, 418])
def test_documented_exception_is_the_one_raised(status: int) -> None:
    errors = importlib.import_module("novatech_client._errors")
    assert errors.error_class(status).__name__ == error_class(status)


class _Page(HTMLParser):
    """Collects ids, code text and anything that would load from elsewhere."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.code: list[str] = []
        self.external: list[str] = []
        self._in_code = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag in ("script", "link", "img", "iframe") or "src" in values:
            self.external.append(tag)
        href = values.get("href") or ""
        if href and not href.startswith("#") and not href.endswith(".html"):
            self.external.append(href)
        self._in_code = tag == "code"

    def handle_endtag(self, tag: str) -> None:
        self._in_code = False

    def handle_data(self, data: str) -> None:
        if self._in_code:
            self.code.append(data)


def test_docs_writes_a_self_contained_page_per_provider(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--project", str(ROOT), "docs", "--out", str(tmp_path)]) == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted([*(f"{p}.html" for p in PROVIDERS), "index.html"])
    assert capsys.readouterr().out.splitlines() == [str(tmp_path / f"{p}.html") for p in PROVIDERS]
    for provider in PROVIDERS:
        text = (tmp_path / f"{provider}.html").read_text("utf-8")
        assert text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>")
        assert "<style>" in text
        page = _Page()
        page.feed(text)
        assert page.external == []
        for name in _operations(provider):
            assert f"op-{name}" in page.ids
            assert name in page.code


def test_docs_list_response_fields_and_the_exported_errors(tmp_path: Path) -> None:
    assert (
        main(["--project", str(ROOT), "docs", "novatech", "activeants", "--out", str(tmp_path)])
        == 0
    )
    novatech = (tmp_path / "novatech.html").read_text("utf-8")
    place_order = novatech.split('id="op-place_order"', 1)[1].split("</section>", 1)[0]
    assert "<th>Response field</th>" in place_order
    assert "<code>/novatech_order_number</code>" in place_order
    assert "<code>/order_lines/*/sku</code>" in place_order
    get_token = novatech.split('id="op-get_token"', 1)[1].split("</section>", 1)[0]
    assert "<code>/token</code>" in get_token and "<code>/expires_on</code>" in get_token
    # statuses the document names only through its error envelope are listed, as in the export
    activeants = (tmp_path / "activeants.html").read_text("utf-8")
    stock = activeants.split('id="op-get_stock_level"', 1)[1].split("</section>", 1)[0]
    assert "<td>401</td><td>AuthenticationError: envelope (JSON ErrorEnvelope)</td>" in stock
    assert "<td>404</td><td>NotFoundError: envelope (JSON ErrorEnvelope)</td>" in stock


def test_docs_escapes_spec_text(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "specs").mkdir(parents=True)
    assert main(["--project", str(project), "new", "acme"]) == 0
    spec = project / "specs" / "acme.yaml"
    spec.write_text(
        spec.read_text("utf-8").replace("summary: Look up an order", "summary: Look <b>up</b>"),
        "utf-8",
    )
    assert main(["--project", str(project), "docs", "acme", "--out", str(tmp_path / "out")]) == 0
    text = (tmp_path / "out" / "acme.html").read_text("utf-8")
    assert "Look &lt;b&gt;up&lt;/b&gt;" in text and "<b>up</b>" not in text


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium")
def test_docs_render_in_a_headless_browser(tmp_path: Path) -> None:
    assert main(["--project", str(ROOT), "docs", "novatech", "--out", str(tmp_path)]) == 0
    page = tmp_path / "novatech.html"
    result = subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    for name in _operations("novatech"):
        assert f'id="op-{name}"' in result.stdout


def test_docs_of_a_broken_spec_exit_2(tmp_path: Path) -> None:
    (tmp_path / "specs").mkdir()
    broken = Path(__file__).parent / "invalid_specs" / "unknownkeys.yaml"
    shutil.copy(broken, tmp_path / "specs" / broken.name)
    assert main(["--project", str(tmp_path), "docs", "--out", str(tmp_path / "out")]) == 2
    assert not (tmp_path / "out" / "unknownkeys.html").exists()


@pytest.mark.parametrize(
    "words",
    [
        {"cursor_param": "after", "cursor_field": "/next_cursor"},
        {"page_param": "page", "next_url_header": "X-Next-Page"},
        {"page_param": "page", "next_url_field": "/links/next"},
        {"page_param": "page", "link_header": "Link"},
        {"page_param": "page", "total_field": "/info/total_rows"},
        {"page_param": "page", "total_pages_header": "Total-Pages"},
        {"page_param": "page", "total_elements_header": "Total-Elements"},
        {"page_param": "page", "size_param": "per_page"},
    ],
)
def test_every_paging_style_tells_the_readme_where_the_list_ends(words: dict[str, Any]) -> None:
    style = paging.style_of(Paging(**words))
    assert style is not None
    said = style.reference_words()
    for key, value in words.items():
        if key not in ("page_param", "cursor_param"):
            assert f"`{value}`" in said, (style.name, said)
    assert said.endswith("ends the list")


def test_a_paged_operation_names_its_iterator() -> None:
    section = _readme_sections("novatech")["list_orders"]
    assert "Paged: `client.iter_list_orders(...)`" in section
    assert "`/info/total_rows` counts the items" in section
    assert hasattr(importlib.import_module("novatech_client").Client, "iter_list_orders")
    others = [s for n, s in _readme_sections("novatech").items() if n != "list_orders"]
    assert not any("Paged:" in section for section in others)


def test_a_rule_with_several_clauses_is_worded_in_full() -> None:
    """Every clause of `when` is said, a `present: true` one too (not the first one alone)."""
    rule = Rule(
        kind="require",
        fields=("carrier", "trackingNumber"),
        when=Condition(field="status", values=("SHIPPED", "DELIVERED"), or_absent=False),
        also=(Condition(field="label", values=(), or_absent=False, present=True),),
    )
    assert rule_words(rule) == (
        "carrier, trackingNumber required when status is SHIPPED or DELIVERED and label is present"
    )
    forbid = Rule(
        kind="forbid",
        fields=("gift_wrap",),
        when=Condition(field="service", values=("express",), or_absent=True),
    )
    assert rule_words(forbid) == "gift_wrap absent when service is express or absent"


@pytest.mark.parametrize("provider", PROVIDERS)
def test_every_erratum_a_description_cites_has_its_id_in_the_readme(provider: str) -> None:
    """A description's "see errata <id>" leads to a row the reader can find by that id."""
    readme = (GENERATED / provider / "README.md").read_text("utf-8")
    cited = set(re.findall(r"see errata ([a-z0-9-]+)", readme))
    rows = set(re.findall(r"^\| `([a-z0-9-]+)` \|", readme, re.MULTILINE))
    assert cited <= rows, sorted(cited - rows)


def test_an_operation_answering_a_shared_status_another_way_says_so_once() -> None:
    """Not "does not answer 400" beside its own 400: that status is answered as it lists."""
    spec = load_spec(Project(ROOT, ROOT / "generated"), "novatech")
    first = spec.operations[0]
    errors = tuple((s, ("standard",) if s == 400 else n) for s, n in first.errors)
    spec = replace(spec, operations=(replace(first, errors=errors), *spec.operations[1:]))
    reference = readme_reference(spec)
    assert 400 in {e.status for e in reference.shared_errors}
    operation = reference.operations[0]
    assert [e.status for e in operation.errors] == [400]
    assert operation.replaced == (400,) and operation.unanswered == ()
    assert all(o.replaced == () for o in reference.operations[1:])
