"""Problems in a spec's bytes and text, found before or while YAML reads it.

Each becomes a Diagnostic at its line and column, so that a spec in the
wrong encoding, with a control character or a YAML syntax error still
gets `specs/x.yaml:LINE:COL: message` rather than a traceback.
"""

from __future__ import annotations

import re

import yaml

from generator.spec import diagnostic_codes as codes
from generator.spec.diagnostics import Diagnostic
from generator.spec.yaml12 import MAX_SPEC_BYTES, TooDeep


def _place(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


_FORBIDDEN = re.compile(f"{yaml.reader.Reader.NON_PRINTABLE.pattern}|\ufeff")
_REPORT_AT_MOST = 20


def character_problems(text: str, file: str) -> list[Diagnostic]:
    """Characters YAML does not allow (NUL, control characters, a BOM past the start)."""
    problems = []
    for match in _FORBIDDEN.finditer(text):
        line, col = _place(text, match.start())
        char = match.group()
        what = "a byte-order mark" if char == "\ufeff" else "the character"
        problems.append(
            Diagnostic(
                file,
                line,
                col,
                f"{what} U+{ord(char):04X} is not allowed in a spec",
                code=codes.FORBIDDEN_CHARACTER,
            )
        )
        if len(problems) == _REPORT_AT_MOST:
            break
    return problems


def yaml_problem(exc: yaml.YAMLError, text: str, file: str) -> Diagnostic:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = str(exc.problem)
        if mark and _tab_near(text, mark.line):
            problem = f"{problem} (a tab cannot indent YAML; indent with spaces)"
        code = codes.TOO_DEEP if _too_deep(exc) else codes.YAML_SYNTAX
        return Diagnostic(file, line, col, f"YAML syntax error: {problem}", code=code)
    if isinstance(exc, yaml.reader.ReaderError):
        line, col = _place(text, exc.position)
        return Diagnostic(file, line, col, f"YAML error: {exc.reason}", code=codes.YAML_SYNTAX)
    return Diagnostic(file, 1, 1, f"YAML error: {exc}", code=codes.YAML_SYNTAX)


def _too_deep(exc: yaml.MarkedYAMLError) -> bool:
    """Our composer's depth limit, or libyaml's own (which only its wording tells apart)."""
    return isinstance(exc, TooDeep) or "maximum nesting depth" in str(exc.problem)


def _tab_near(text: str, line: int) -> bool:
    """A tab in the indentation of the line (0-based) of an error, or of the one before."""
    lines = text.split("\n")
    for row in (line, line - 1):
        if 0 <= row < len(lines):
            indent = lines[row][: len(lines[row]) - len(lines[row].lstrip(" \t"))]
            if "\t" in indent:
                return True
    return False


def too_large(size: int, file: str) -> Diagnostic:
    return Diagnostic(
        file,
        1,
        1,
        f"the spec is {size} bytes; a spec may be at most {MAX_SPEC_BYTES} bytes",
        code=codes.SPEC_TOO_LARGE,
    )


def decoding_problems(data: bytes, file: str) -> list[Diagnostic]:
    """Every invalid UTF-8 sequence (up to a limit), each at its line and column."""
    problems: list[Diagnostic] = []
    start = 0
    utf16 = data[:2] in (b"\xff\xfe", b"\xfe\xff")
    hint = " (a UTF-16 file? save it as UTF-8)" if utf16 else ""
    while len(problems) < _REPORT_AT_MOST:
        try:
            data[start:].decode("utf-8")
            break
        except UnicodeDecodeError as exc:
            at = start + exc.start
            line_start = data.rfind(b"\n", 0, at) + 1
            col = len(data[line_start:at].decode("utf-8", "replace")) + 1
            line = data.count(b"\n", 0, at) + 1
            problems.append(
                Diagnostic(
                    file,
                    line,
                    col,
                    f"invalid UTF-8 byte 0x{data[at]:02X}{hint}",
                    code=codes.INVALID_UTF8,
                )
            )
            start = start + exc.end
    return problems
