"""Static HTML reference pages, one per provider, for `shipspec docs`.

Each page is self-contained (inline CSS, no scripts, fonts or images), so it
can be mailed, attached to a ticket or opened offline. The content is the
same ReferenceDoc the generated README lays out.
"""

from __future__ import annotations

import functools
import html

import jinja2

from generator.emit.reference import reference_doc
from generator.emit.render_context import auth_summary
from generator.output.assets import templates_root
from generator.spec.model import Spec


def _load(name: str) -> str:
    return templates_root().joinpath(name).read_text("utf-8")


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FunctionLoader(_load),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=True,  # spec text is data: a "<" in a description must not become markup
    )


def docs_html(spec: Spec) -> str:
    """The reference page of one provider."""
    ref = reference_doc(spec, auth_summary=auth_summary(spec))
    return _environment().get_template("docs.html.jinja").render(ref=ref, spec=spec)


def index_html(pages: list[tuple[str, str, str]]) -> str:
    """A page linking (file name, title, provider) pages written together."""
    items = "\n".join(
        f'<li><a href="{html.escape(name)}">{html.escape(title)}</a>'
        f" <code>{html.escape(provider)}</code></li>"
        for name, title, provider in pages
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<title>shipspec API reference</title>\n"
        "<style>body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem; }</style>\n"
        f"</head>\n<body>\n<h1>API reference</h1>\n<ul>\n{items}\n</ul>\n</body>\n</html>\n"
    )
