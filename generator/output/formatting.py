"""Python source through black (pinned, in-process), with a content-addressed cache.

black is most of what generation costs; the same input always formats to
the same output, so a result is kept under the hash of (black's version,
mode, source) and reused whenever that exact source comes back, which is
most files of most regenerations.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import os
import re
import tempfile
from pathlib import Path

LINE_LENGTH = 100


@functools.cache
def cache_dir() -> Path | None:
    """$SHIPSPEC_CACHE_DIR, else the user cache; None when SHIPSPEC_CACHE_DIR is empty."""
    configured = os.environ.get("SHIPSPEC_CACHE_DIR")
    if configured == "":
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "shipspec" / "black"


@functools.cache
def _black_version() -> str:
    """From black's .dist-info name: importlib.metadata cost ~15 ms of a spec edit's run."""
    from generator.output.fingerprint import _tool_version

    return _tool_version("black")


def _key(source: str) -> str:
    seed = f"black {_black_version()} py311 {LINE_LENGTH}\n".encode()
    return hashlib.sha256(seed + source.encode()).hexdigest()


def format_python(source: str) -> str:
    folder = cache_dir()
    path = folder / _key(source) if folder is not None else None
    if path is not None:
        try:
            return path.read_text("utf-8")
        except OSError:
            pass
    formatted = _black(source)
    if path is not None:
        _store(path, formatted)
    return formatted


def _black(source: str) -> str:
    import black  # heavy: imported only when something has to be formatted
    from black.mode import TargetVersion

    mode = black.Mode(line_length=LINE_LENGTH, target_versions={TargetVersion.PY311})
    # One pass, not format_str's two: black runs a second pass only to settle
    # rare unstable layouts, none of which our output has (it cost ~45% of the
    # time); tests/test_formatting.py runs full black over every generated file.
    once = getattr(black, "_format_str_once", None)  # black is pinned exactly
    return str(once(source, mode=mode)) if once else black.format_str(source, mode=mode)


def _store(path: Path, text: str) -> None:
    """Write atomically; a cache that cannot be written is simply not used."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except OSError:
        return


# A line holding nothing but a string (an argument, a `+` operand, a keyword
# argument's or a dict entry's value, split out as black splits): black cannot
# split it further, whatever its length (its quotes are checked apart).
_STRING = r"""[fFrR]?(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')"""
_LONE_STRING = re.compile(
    rf" *(?:\+ )?{_STRING},?"  # an argument or a `+` operand
    rf"|  +(?:\w+=|{_STRING}: ){_STRING},"  # a keyword argument, a dict entry (in brackets)
)
# `name = "a string"` whose string alone is too long for a line: black cannot make
# it fit by wrapping it in parentheses, so it leaves the line as it is.
_STRING_ASSIGNED = re.compile(
    r"( *)[\w.]+(?:: [^=]+)? = "  # indent, name, annotation
    r"""([fFrR]?(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"))"""  # one string literal
)


def _as_black_leaves_it(line: str) -> bool:
    """A line black leaves as it is, however long: it fits, or black cannot split it
    (a comment, a lone string, a one-line docstring or the opening of one)."""
    if _width(line) <= LINE_LENGTH or _LONE_STRING.fullmatch(line) is not None:
        return True
    stripped = line.lstrip()
    if stripped.startswith(("#", '"""')):
        return True
    assigned = _STRING_ASSIGNED.fullmatch(line)
    return assigned is not None and len(assigned[1]) + 4 + _width(assigned[2]) > LINE_LENGTH


def _width(line: str) -> int:
    """Columns as black counts them: east-Asian wide and full-width characters take two."""
    if line.isascii():
        return len(line)
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line)


def format_rendered(source: str) -> str:
    """A template's output that is black's layout as rendered (render._BLACK_STABLE).

    As format_emitted: only a top-level chunk black would change (a value from
    the spec made a line too long) goes through black. tests/test_formatting.py
    runs black over every generated file and asserts it changes nothing.
    """
    return format_emitted(source)


def _empty_split(body: list[str]) -> bool:
    """An opening bracket ending a line whose next line closes it: black joins them (`{}`)."""
    return any(
        line.endswith(("{", "(", "[")) and following.strip()[:1] in ("}", ")", "]")
        for line, following in itertools.pairwise(body)
    )


def _chunks(code: str) -> list[list[str]]:
    """Top-level statements with their blocks (and the blank lines after them);
    a line inside a triple-quoted string never starts one."""
    chunks: list[list[str]] = []
    in_string = False
    for line in code.split("\n"):
        starts = line[:1].isalpha() or line[:1] in ("_", "@")  # not "" (a blank line)
        if chunks and (in_string or not starts):
            chunks[-1].append(line)  # a block, a closing bracket, a blank line, a docstring
        else:
            chunks.append([line])
        if line.count('"""') % 2:
            in_string = not in_string
    return chunks


def _quoted_as_black(line: str) -> bool:
    """No string literal black would re-quote (comments are not looked at)."""
    if "'" not in line or line.lstrip().startswith("#"):
        return True
    from generator.emit.codewriter import black_quotes

    return black_quotes(line) == line


def _vouched(body: list[str]) -> bool:
    """Lines black would leave as they are: short enough (or a lone string), no
    trailing whitespace or tabs, docstring lines indented as their opening quotes."""
    indent: str | None = None  # inside a triple-quoted string: its opening line's indent
    for line in body:
        if line != line.rstrip() or "\t" in line:
            return False
        if indent is not None:
            if line and not line.startswith(indent):
                return False  # black re-indents docstrings
        elif not _as_black_leaves_it(line):
            return False
        elif not line.lstrip().startswith('"""') and not _quoted_as_black(line):
            return False  # (black leaves a docstring's text and quotes as they are)
        if line.count('"""') % 2:
            indent = None if indent is not None else line[: len(line) - len(line.lstrip())]
    return indent is None and not _empty_split(body)


def format_emitted(code: str) -> str:
    """Code written in black's style (codewriter.BlackWriter, models_emit), made exactly black's.

    Split into top-level chunks (a statement and its block); a chunk is kept
    as written unless black would change a line of it: too long (black would
    split it in a way the writer does not attempt; a lone string it cannot
    split is fine), not ASCII (black measures the width of some characters as
    two columns), trailing whitespace, a docstring line black would re-indent.
    Such a chunk alone goes through black, cached like any file, so a spec
    edit re-formats only the chunks it changed. Blank lines between chunks
    are kept. Should a chunk not stand alone (black cannot parse it), the
    whole text goes through black instead.
    """
    try:
        return _format_chunks(code)
    except ValueError:  # black.InvalidInput: a chunk that is not a statement on its own
        return format_python(code)


def _format_chunks(code: str) -> str:
    out: list[str] = []
    for chunk in _chunks(code):
        body_end = len(chunk)
        while body_end > 0 and not chunk[body_end - 1]:
            body_end -= 1
        body = chunk[:body_end]
        if _vouched(body):
            out.extend(chunk)
            continue
        formatted = format_python("\n".join(body) + "\n")
        out.extend(formatted.rstrip("\n").split("\n"))
        out.extend(chunk[body_end:])
    return "\n".join(out)
