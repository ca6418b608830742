"""Lay out every file of a generated package from the model.

Returns file contents in memory (relative path -> bytes); writer.py puts
them on disk. Python files go through black in-process, so formatting never
depends on what else is installed.
"""

from __future__ import annotations

import functools
import json
from typing import Any

import jinja2

from generator.emit import messages, naming
from generator.emit.black_layout import (
    black_at,
    black_call,
    black_def,
    black_import,
    black_items,
    black_literal,
    py_items,
)
from generator.emit.codewriter import black_quotes
from generator.emit.jsonschema_files import standalone_documents
from generator.emit.mock_data import mock_data
from generator.emit.models_emit import emit_models
from generator.emit.openapi_emit import openapi_files
from generator.emit.operation_record import default_source, record_lines
from generator.emit.render_context import Context, build_context, for_package
from generator.emit.response_checks import SplitChecks, split_checks
from generator.emit.runtime_parts import RuntimeParts, runtime_parts
from generator.emit.test_data import test_data
from generator.emit.test_data_pack import json_text as test_data_text
from generator.output.assets import templates_root
from generator.output.formatting import format_emitted, format_python, format_rendered
from generator.spec.model import Spec
from generator.versions.versioning import FIRST_VERSION

_PACKAGE_TEMPLATES = {
    "__init__.py": "__init__.py.jinja",
    "_base.py": "_base.py.jinja",
    "_problem.py": "_problem.py.jinja",
    "_results.py": "_results.py.jinja",
    "_auth.py": "_auth.py.jinja",
    "_client.py": "_client.py.jinja",
    "_core.py": "_core.py.jinja",
    "_errors.py": "_errors.py.jinja",
    "_operations.py": "_operations.py.jinja",
    "_paging.py": "_paging.py.jinja",
    "_multipart.py": "_multipart.py.jinja",
    "_pointer.py": "_pointer.py.jinja",
    "_checks.py": "_checks.py.jinja",
    "_retries.py": "_retries.py.jinja",
    "_validation.py": "_validation.py.jinja",
    "_response_checks.py": "_response_checks.py.jinja",
    "_webhooks.py": "_webhooks.py.jinja",
    "testing.py": "testing.py.jinja",
    "_mock_state.py": "_mock_state.py.jinja",
}
_TOP_TEMPLATES = {
    "pyproject.toml": "pyproject.toml.jinja",
    "README.md": "README.md.jinja",
    "LICENSE": "LICENSE.jinja",
    "tests/conftest.py": "tests_conftest.py.jinja",
    "tests/test_operations.py": "tests_operations.py.jinja",
    "tests/test_validation.py": "tests_validation.py.jinja",
    "tests/test_webhooks.py": "tests_webhooks.py.jinja",
    "tests/test_behaviour.py": "tests_behaviour.py.jinja",
    "tests/test_paging.py": "tests_paging.py.jinja",
    "tests/test_mock.py": "tests_mock.py.jinja",
}


# Templates written in black's layout: their output skips black (it was ~60 %
# of a cold build) unless a spec's value makes a line too long for it
# (formatting.format_rendered). tests/test_formatting.py is the guarantor:
# black over every generated file changes nothing. A template edited out of
# black's layout fails that test; run black's diff back into the template. A
# line whose layout depends on the spec's names goes through a black_layout
# filter (black_items, black_def, black_call, black_literal, black_import,
# black_at), or is written exploded with a magic trailing comma, which black
# keeps as is.
_BLACK_STABLE = frozenset(
    {
        "__init__.py.jinja",
        "_auth.py.jinja",
        "_base.py.jinja",
        "_checks.py.jinja",
        "_client.py.jinja",
        "_core.py.jinja",
        "_errors.py.jinja",
        "_mock_state.py.jinja",
        "_multipart.py.jinja",
        "_operations.py.jinja",
        "_paging.py.jinja",
        "_pointer.py.jinja",
        "_problem.py.jinja",
        "_response_checks.py.jinja",
        "_results.py.jinja",
        "_retries.py.jinja",
        "_validation.py.jinja",
        "_webhooks.py.jinja",
        "testing.py.jinja",
        "tests_behaviour.py.jinja",
        "tests_conftest.py.jinja",
        "tests_curls.py.jinja",
        "tests_mock.py.jinja",
        "tests_operations.py.jinja",
        "tests_paging.py.jinja",
        "tests_validation.py.jinja",
        "tests_webhooks.py.jinja",
    }
)


def _formatted(template: str, text: str) -> str:
    return format_rendered(text) if template in _BLACK_STABLE else format_python(text)


# Stands in for the compiled checks while black formats the template text of
# _validation.py and _response_checks.py; the checks (written in black's
# style) replace it afterwards.
_CHECKS_PLACEHOLDER = "_SHIPSPEC_COMPILED_CHECKS = None"


def _json_text(value: Any) -> str:
    """A quoted literal for text (valid Python, JSON and TOML), JSON for anything else."""
    if isinstance(value, str):
        return naming.py_string(value)
    return json.dumps(value, ensure_ascii=False)


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(_load_template),
        bytecode_cache=_bytecode_cache(),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["tojson"] = _json_text
    env.filters["pyrepr"] = _black_repr
    env.filters["docstring"] = naming.docstring
    env.filters["black_at"] = black_at
    env.filters["black_items"] = black_items
    env.filters["black_import"] = black_import
    env.filters["py_items"] = py_items
    env.filters["black_literal"] = black_literal
    env.filters["black_def"] = black_def
    env.filters["black_call"] = black_call
    env.globals.update(words=messages, record_lines=record_lines, record_default=default_source)
    return env


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept beside black's results: compiling ~25 templates
    costs a few tenths of a second per process. Jinja keys them by name and a
    hash of the template's source, so an edited template is compiled again."""
    from generator.output.formatting import cache_dir

    folder = cache_dir()
    if folder is None:
        return None
    try:
        (folder / "jinja").mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder / "jinja"))


def _black_repr(value: Any) -> str:
    """repr() in black's quotes, so a template's output is black-stable without black."""
    return black_quotes(repr(value))


def _load_template(name: str) -> str:
    return templates_root().joinpath(name).read_text("utf-8")


def _dump_json(value: Any) -> bytes:
    """Compact JSON: files read by programs (the mock's data, JSON Schemas), kept small."""
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


def render_package(
    spec: Spec,
    checks: SplitChecks | None = None,
    *,
    package_version: str = FIRST_VERSION,
    context: Context | None = None,
) -> dict[str, bytes]:
    """Every file of generated/<provider>/, by path relative to it.

    `checks` are the compiled validators and `context` the spec's render
    context when the caller has them already (load_checked does);
    `package_version` is the package's own version (versioning.py decides it).
    """
    split = checks if checks is not None else split_checks(spec)
    if context is None:
        context = build_context(spec, _CHECKS_PLACEHOLDER, package_version=package_version)
    else:
        context = for_package(context, _CHECKS_PLACEHOLDER, package_version=package_version)
    mock = mock_data(spec)
    use = runtime_parts(spec, mock)  # which concept-specific runtime parts it carries
    files = _package_modules(spec, context, split, use)
    header = f"# generated by shipspec from {spec.spec_path} — do not edit"
    models = emit_models(spec, header, base_module=f"{spec.package}._base")
    files[f"{spec.package}/models.py"] = format_emitted(models).encode()  # black's layout, mostly
    files[f"{spec.package}/py.typed"] = b""
    files.update(_top_files(spec, context, use))
    files["tests/data.json"] = test_data_text(test_data(spec)).encode()
    files.update(openapi_files(spec))
    files[f"{spec.package}/mock.json"] = _dump_json(mock)
    for name, schema in standalone_documents(spec).items():
        files[f"{spec.package}/schemas/{name}"] = _dump_json(schema)
    return dict(sorted(files.items()))


def _package_modules(
    spec: Spec, context: Context, split: SplitChecks, use: RuntimeParts
) -> dict[str, bytes]:
    """The package's own modules from templates; the compiled checks spliced in after black."""
    env = environment()
    files: dict[str, bytes] = {}
    for target, template in _PACKAGE_TEMPLATES.items():
        if target == "_paging.py" and not (spec.paging or any(op.paging for op in spec.operations)):
            continue
        if target == "_multipart.py" and not context.multipart:
            continue
        body = _CHECKS_PLACEHOLDER
        text = env.get_template(template).render(
            ctx=context, split=split, responses_body=body, use=use
        )
        text = _formatted(template, text)
        if target == "_validation.py":
            text = _with_checks(text, split.requests)
        elif target == "_response_checks.py":
            text = _with_checks(text, split.responses)
        files[f"{spec.package}/{target}"] = text.encode()
    return files


def _top_files(spec: Spec, context: Context, use: RuntimeParts) -> dict[str, bytes]:
    """pyproject, README, LICENSE and the generated tests, each only where it has something."""
    env = environment()
    files: dict[str, bytes] = {}
    webhook_tests = {"signed_webhooks", "standard_webhooks"}
    for target, template in _TOP_TEMPLATES.items():
        if target == "tests/test_webhooks.py" and not spec.webhooks:
            continue
        if target == "tests/test_behaviour.py" and not context.tests - webhook_tests:
            continue
        if target == "tests/test_paging.py" and not spec.paging:
            continue
        text = env.get_template(template).render(ctx=context, use=use)
        files[target] = (_formatted(template, text) if target.endswith(".py") else text).encode()
    if any(op.curls for op in spec.operations):  # the document's curls (tests/data.json)
        text = env.get_template("tests_curls.py.jinja").render(ctx=context)
        files["tests/test_curls.py"] = _formatted("tests_curls.py.jinja", text).encode()
    return files


def _with_checks(formatted: str, checks: str) -> str:
    """A validation module's formatted template text with the compiled checks in their place.

    black formats only the template's text (the same for most spec edits, so
    usually cached); the checks are already in black's style (format_emitted).
    """
    before, placeholder, after = formatted.partition(_CHECKS_PLACEHOLDER + "\n")
    if not placeholder:
        raise ValueError("the _validation.py template lost the checks' placeholder")
    rest = "\n\n\n" + after.lstrip("\n") if after.strip() else "\n"
    emitted = format_emitted(checks.strip("\n"))
    if emitted.startswith(("def ", "class ", "@")):  # black: two blank lines before a def
        before = before.rstrip("\n") + "\n\n\n"
    # (before an assignment, black's lines before the placeholder's assignment stand)
    return before + emitted + rest


def render_validation(
    spec: Spec, checks: SplitChecks, context: Context | None = None
) -> dict[str, str]:
    """The validation modules' sources (unformatted), in import order, for checking examples.

    `context`, when given, is build_context(spec, checks.requests) already made
    (load_checked keeps it for render_package).
    """
    if context is None:
        context = build_context(spec, checks.requests)
    return {
        module: environment()
        .get_template(_PACKAGE_TEMPLATES[f"{module}.py"])
        .render(ctx=context, split=checks, responses_body=checks.responses)
        for module in ("_problem", "_pointer", "_checks", "_validation", "_response_checks")
    }
