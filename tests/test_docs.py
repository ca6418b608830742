"""Reference documentation: the generated READMEs and `shipspec docs` HTML pages."""

from __future__ import annotations

import ast
import importlib
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from generator.cli.main import main
from generator.concepts.status_errors import error_class
from tests.paths import GENERATED, PROVIDERS, ROOT, SPECS

CHROMIUM = Path("/usr/bin/chromium")


def _operations(provider: str) -> dict[str, dict[str, object]]:
    spec = yaml.safe_load((SPECS / f"{provider}.yaml").read_text("utf-8"))
    operations: dict[str, dict[str, object]] = spec["operations"]
    return operations


def _readme_sections(provider: str) -> dict[str, str]:
    """Operation name -> its part of the README's Reference section."""
    text = (GENERATED / provider / "README.md").read_text("utf-8")
    reference = text.split("\n## Reference\n", 1)[1].split("\n## Errata\n")[0]
    parts = re.split(r'\n<a id="op-([a-z0-9_]+)"></a>\n', reference)[1:]
    return dict(zip(parts[::2], parts[1::2], strict=True))


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


def test_readme_states_constraints_errors_and_the_document_example() -> None:
    section = _readme_sections("novatech")["place_order"]
    assert "- `/deliver_to/name` (string, required; 5 to 30 characters)" in section
    assert "- `/order_lines` (array of OrderLineRequest, required; at least 1 item)" in section
    assert "- `/order_lines/*/quantity` (integer, required; at least 1)" in section
    assert "- 400 BadRequestError: validation (JSON ValidationErrorBody)" in section
    assert "Example (from the document:" in section and '"order_number": "MONZ0001"' in section
    enum = _readme_sections("cartoncloud")["create_inbound_order"]
    assert "one of INBOUND" in enum and "format uuid" in enum
    deprecated = _readme_sections("activeants")["add_order"]
    assert "**Deprecated:** use POST v3/orders instead." in deprecated


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
