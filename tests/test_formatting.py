"""black is the guarantor of the generated code's layout.

Most generated lines (the compiled validators) are written in black's style
directly instead of being run through black (codewriter.BlackWriter,
formatting.format_emitted); these tests hold that writer to black's word:
black over every generated Python file changes nothing.
"""

from __future__ import annotations

from pathlib import Path

import black
import pytest
from black.mode import TargetVersion

from generator.emit.black_layout import black_at, black_call, black_def, black_items, black_literal
from generator.emit.codewriter import BlackWriter, black_constant, black_quotes, black_string
from generator.output.formatting import LINE_LENGTH, format_emitted, format_rendered

ROOT = Path(__file__).resolve().parents[1]
# the five providers and the kitchen sink's golden record (every concept, so
# every conditional part of the templates)
GENERATED = sorted(
    [
        *(ROOT / "generated").glob("*/**/*.py"),
        *(ROOT / "tests/kitchen_sink/golden").glob("*/**/*.py"),
    ]
)
MODE = black.Mode(line_length=LINE_LENGTH, target_versions={TargetVersion.PY311})


def _black(source: str) -> str:
    return black.format_str(source, mode=MODE)


def test_there_are_generated_files() -> None:
    assert len(GENERATED) > 50


@pytest.mark.parametrize("path", GENERATED, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_black_changes_no_generated_file(path: Path) -> None:
    source = path.read_text("utf-8")
    assert _black(source) == source


@pytest.mark.parametrize(
    "text",
    [
        "plain",
        "it's",
        'say "hi"',
        "both ' and \"",
        "two '' and one \"",
        "back\\slash",
        "new\nline\ttab",
        "\x00 and \u2028",
        "ünïcode — dash",
        "",
    ],
)
def test_black_string_matches_black(text: str) -> None:
    literal = black_string(repr(text))
    assert eval(literal) == text
    assert _black(f"x = {literal}\n") == f"x = {literal}\n"


def test_black_quotes_leaves_prefixed_and_nested_strings_alone() -> None:
    line = """f(f"got {v!r}", 'a', "b'c", rb'\\d', value['k'])"""
    assert black_quotes(line) == """f(f"got {v!r}", "a", "b'c", rb'\\d', value["k"])"""


def _written(depth: int, args: list[str]) -> str:
    writer = BlackWriter()
    text = ""
    for level in range(depth):
        writer._depth = level
        text += "    " * level + f"if x{level}:\n"
    writer._depth = depth
    writer.call(["out.append", "Problem"], args)
    return text + writer.text()


@pytest.mark.parametrize("depth", [1, 4, 7])
@pytest.mark.parametrize("size", [10, 40, 60, 75, 90, 120])
def test_nested_call_splits_as_black(depth: int, size: int) -> None:
    args = ["ptr + '/field'", repr("m" * size) + " + repr(v1) + ')'", "'format'", "'name'"]
    text = _written(depth, args)
    if all(len(line) <= LINE_LENGTH for line in text.splitlines()):
        assert _black(text) == text
    else:  # the writer leaves such a chunk to black
        assert format_emitted(text) == _black(text)


@pytest.mark.parametrize("message", ["'x' * 130", "'x' * 130 + ' (got ' + repr(v1) + ')'"])
def test_a_string_too_long_for_any_line_is_left_as_black_leaves_it(message: str) -> None:
    args = ["ptr", repr(eval(message.split(" + ")[0])) + message[9:], "'enum'"]
    text = _written(3, args)
    assert format_emitted(text) == text  # no chunk sent to black: the writer vouches
    assert _black(text) == text


@pytest.mark.parametrize("depth", [1, 5])
@pytest.mark.parametrize("size", [20, 70, 95])
def test_single_call_splits_as_black(depth: int, size: int) -> None:
    writer = BlackWriter()
    text = "".join("    " * level + f"for x{level} in y:\n" for level in range(depth))
    writer._depth = depth
    writer.call(["_check_Thing"], ["item1", "ptr + '/" + "p" * size + "' + '/' + str(i1)", "out"])
    text += writer.text()
    assert _black(text) == text


@pytest.mark.parametrize("count", [1, 3, 8, 12, 30])
@pytest.mark.parametrize("wrapper", ["", "frozenset"])
def test_black_constant_as_black(count: int, wrapper: str) -> None:
    items = tuple(f"value_{n}, with a comma" for n in range(count))
    expression = f"{wrapper}({items!r})" if wrapper else repr(items)
    text = black_constant("_C1", expression) + "\n"
    if count > 1 or len(text) <= LINE_LENGTH:  # a long one-tuple is left to black
        assert max(len(line) for line in text.splitlines()) <= LINE_LENGTH
        assert _black(text) == text
    assert format_emitted(text) == _black(text)
    assert eval(text.split(" = ", 1)[1]) == eval(expression)


def test_format_emitted_sends_chunks_black_would_change_to_black() -> None:
    short = "_C0 = ('a', 'b')\n"
    long = "_C1 = (" + ", ".join(f"'item{n}'" for n in range(30)) + ")\n"
    code = short + long + "\n\ndef f() -> None:\n    pass\n"
    assert format_emitted(code) == _black(code)  # the short chunk's quotes made black's too


def test_format_emitted_joins_an_empty_table_as_black_does() -> None:
    code = "EMPTY: dict[str, int] = {\n}\nFULL: dict[str, int] = {\n    'a': 1,\n}\n"
    assert format_emitted(code) == _black(code)


def test_format_rendered_keeps_black_layout_and_sends_long_lines_to_black() -> None:
    stable = 'x = "short"\n'
    assert format_rendered(stable) == stable
    long = "x = call(" + ", ".join(f"argument_{n}" for n in range(20)) + ")\n"
    assert format_rendered(long) == _black(long) != long
    wide = "x = '" + "\u4e00" * 48 + "'\n"  # 53 characters, 101 columns as black counts them
    assert format_rendered(wide) == _black(wide)


def test_black_stable_templates_exist() -> None:
    from generator.emit import render

    names = {path.name for path in (ROOT / "templates").glob("*.jinja")}
    assert names >= render._BLACK_STABLE


@pytest.mark.parametrize(
    "line",
    [
        "# " + ("a long comment " * 8).rstrip(),
        '    """' + ("A long one-line docstring. " * 5).rstrip() + '"""',
        "    usage = 'a JSON object: " + '{"status": 503}' * 7 + "'",
        '        f"' + "{value} is not allowed here " * 4 + '"',  # a lone argument
    ],
)
def test_lines_black_cannot_split_are_kept(line: str) -> None:
    code = f"def f() -> None:\n{line}\n" if line.startswith(" ") else line + "\n"
    if line.startswith('        f"'):
        code = f"def f() -> None:\n    raise ValueError(\n{line}\n    )\n"
    assert format_emitted(code) == code == _black(code)


@pytest.mark.parametrize(
    "code",
    [
        "x = 'single quotes'\n",  # black's quotes
        'some_rather_long_name = "' + "a" * 88 + '"\n',  # fits once wrapped in parentheses
        "def f() -> None:\n    x = 1   \n",  # trailing whitespace
        'class A:\n    """\nunindented docstring line\n    """\n',
    ],
)
def test_lines_black_would_change_go_through_black(code: str) -> None:
    assert format_emitted(code) == _black(code) != code


def test_a_chunk_that_does_not_stand_alone_sends_the_whole_text_to_black() -> None:
    code = "x = '''\nabc = 1\n''' + " + repr("a" * 120) + "\n"  # ''' is not tracked as a string
    assert format_emitted(code) == _black(code)


# Construct specs go through the same templates with other shapes (multipart
# uploads, standard-webhooks signatures, header paging, long spec names):
# their packages must be black's layout too.
CONSTRUCTS = ("multipartupload", "webhookstandard", "pagingheaders", "carrier_params")


@pytest.fixture(scope="module")
def construct_packages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    import yaml

    from generator.cli.main import main

    root = tmp_path_factory.mktemp("constructs")
    (root / "specs").mkdir()
    for name in CONSTRUCTS:
        source = ROOT / "tests/specs" / f"{name}.yaml"
        provider = yaml.safe_load(source.read_text("utf-8"))["provider"]
        shutil.copy(source, root / "specs" / f"{provider}.yaml")
    assert main(["--project", str(root), "generate"]) == 0
    return root / "generated"


def test_black_changes_no_file_of_the_construct_packages(construct_packages: Path) -> None:
    files = sorted(construct_packages.glob("*/**/*.py"))
    assert len(files) > 40
    changed = [p.name for p in files if _black(p.read_text("utf-8")) != p.read_text("utf-8")]
    assert changed == []


@pytest.mark.parametrize("count", [0, 1, 2, 5, 30])
@pytest.mark.parametrize("width", [4, 20, 60])
@pytest.mark.parametrize("magic", [False, True])
def test_black_items_as_black(count: int, width: int, magic: bool) -> None:
    items = [repr(f"{n}" + "x" * width) for n in range(count)]
    for brackets in ("()", "[]"):
        line = black_items(items, "values: tuple[str, ...] = ", 4, brackets, magic=magic)
        # a template writes the items with a trailing comma where `magic` is set
        comma = ", " if magic and items else "," if count == 1 and brackets == "()" else ""
        written = f"{brackets[0]}{', '.join(items)}{comma}{brackets[1]}"
        source = f"def f() -> None:\n    values: tuple[str, ...] = {written}\n"
        assert _black(source) == f"def f() -> None:\n    {line}\n".replace("'", '"')


@pytest.mark.parametrize("name", ["f", "a_rather_long_function_name_" * 2])
@pytest.mark.parametrize("count", [1, 2, 4, 9])
def test_black_def_as_black(name: str, count: int) -> None:
    params = [f"argument_{n}: dict[str, int]" for n in range(count)]
    header = black_def(params, f"def {name}", "dict[str, tuple[int, ...]]")
    source = header + "\n    pass\n"
    assert _black(source) == source


@pytest.mark.parametrize("constant", ["ops.GET", "ops.SET_GROUP_STOCK_" + "X" * 40])
@pytest.mark.parametrize("count", [0, 1, 2, 4, 7])
@pytest.mark.parametrize("body", ["None", "_multipart.Upload(body, {'document': document})"])
@pytest.mark.parametrize("head", ["return self._call", "return await self._call"])
def test_black_call_as_black(constant: str, count: int, body: str, head: str) -> None:
    """A method's one statement: short, its arguments on one line, or one a line
    (the parameters' dict exploded when its own line is too long)."""
    entries = [f'"{name}": {name}' for name in ("sku", "product_group_id", "start_date" * 3)]
    entries = (entries * 3)[:count]
    line = black_call([constant, entries, body.replace("'", '"'), "options"], head, 8)
    source = f"class C:\n    async def f(self) -> None:\n        {line}\n"
    assert _black(source) == source


@pytest.mark.parametrize(
    "value",
    [
        [],
        {"a": 1},
        [{"id": "x" * 30, "fills": {}, "statuses": [200, 201], "path": None}] * 3,
        {"op": (("document", True, ("application/pdf",), 2000),)},
        {"op": (("a" * 40, True, ("b" * 40, "c" * 30), None), ("d", False, (), 1))},
        {"long": ["y" * 120]},
        {"k": 'it\'s "quoted"' * 9},
    ],
)
def test_black_literal_as_black(value: object) -> None:
    source = black_literal(value, "CASES: Any = ") + "\n"
    assert _black(source) == source
    assert eval(source.split(" = ", 1)[1]) == value


@pytest.mark.parametrize(
    "rule",
    [
        "_paging.Cursor(field='/next')",
        "_paging.TotalCount(total_field='/info/total_rows', end_field='/info/end_record')",
    ],
)
def test_black_at_as_black(rule: str) -> None:
    page = "_paging.Page(raw.parsed, raw.headers, len(items), seen, page)"
    statement = f"page = {rule}.next_page(\n    {page}\n)"
    nest = "def f() -> None:\n    while True:\n        if x:\n"
    source = nest + "            " + black_at(statement, 12) + "\n"
    assert _black(source) == source
