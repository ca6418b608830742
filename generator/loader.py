"""Read a YAML spec into plain values plus the source position of every node.

PyYAML's composer keeps marks on nodes; we walk the node tree once and
record, for every JSON Pointer, where its key and its value start. Later
passes look positions up by pointer, so the model stays plain data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostic, SpecError


def escape_pointer_token(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def child_pointer(pointer: str, token: str | int) -> str:
    return f"{pointer}/{escape_pointer_token(str(token))}"


@dataclass
class SourceMap:
    """Pointer -> (line, col) of the value, and of the key for mapping entries."""

    file: str
    values: dict[str, tuple[int, int]] = field(default_factory=dict)
    keys: dict[str, tuple[int, int]] = field(default_factory=dict)

    def position(self, pointer: str, *, key: bool = False) -> tuple[int, int]:
        """Closest known position: walk up the pointer until one is recorded."""
        table = self.keys if key else self.values
        probe = pointer
        while True:
            if probe in table:
                return table[probe]
            if probe in self.values:
                return self.values[probe]
            if not probe:
                return (1, 1)
            probe = probe.rsplit("/", 1)[0]

    def diagnostic(self, pointer: str, message: str, *, key: bool = False) -> Diagnostic:
        line, col = self.position(pointer, key=key)
        return Diagnostic(self.file, line, col, message, pointer)


@dataclass(frozen=True)
class LoadedSpec:
    data: Any
    source: SourceMap
    text: str


class SpecLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 scalars: no dates, no yes/no/on/off booleans.

    A spec carries payload examples; `2023-11-23` must stay the string it
    is on the wire and `N` must not turn into False.
    """


SpecLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
SpecLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    def __init__(self, source: SourceMap) -> None:
        self.source = source
        self.problems: list[Diagnostic] = []
        self._constructor = SpecLoader("")

    def build(self, node: yaml.Node, pointer: str) -> Any:
        self.source.values[pointer] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, pointer)
        if isinstance(node, yaml.SequenceNode):
            return [
                self.build(item, child_pointer(pointer, i)) for i, item in enumerate(node.value)
            ]
        assert isinstance(node, yaml.ScalarNode)
        return self._constructor.construct_object(node, deep=True)

    def _mapping(self, node: yaml.MappingNode, pointer: str) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self._constructor.construct_object(key_node, deep=True)
            if isinstance(key, bool | int | float):
                key = str(key).lower() if isinstance(key, bool) else str(key)
            if not isinstance(key, str):
                line, col = _mark(key_node)
                self.problems.append(
                    Diagnostic(self.source.file, line, col, "mapping keys must be strings", pointer)
                )
                continue
            child = child_pointer(pointer, key)
            if key in result:
                line, col = _mark(key_node)
                self.problems.append(
                    Diagnostic(self.source.file, line, col, f"duplicate key '{key}'", child)
                )
                continue
            self.source.keys[child] = _mark(key_node)
            result[key] = self.build(value_node, child)
        return result


def load_text(text: str, display_name: str) -> LoadedSpec:
    """Parse YAML text; raise SpecError with positions for every problem."""
    source = SourceMap(display_name)
    try:
        node = yaml.compose(text, Loader=SpecLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise SpecError(
            [Diagnostic(display_name, line, col, f"YAML syntax error: {exc.problem}")]
        ) from None
    except yaml.YAMLError as exc:
        raise SpecError([Diagnostic(display_name, 1, 1, f"YAML error: {exc}")]) from None
    if node is None:
        raise SpecError([Diagnostic(display_name, 1, 1, "the spec is empty")])
    builder = _Builder(source)
    try:
        data = builder.build(node, "")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise SpecError([Diagnostic(display_name, line, col, f"YAML error: {exc}")]) from None
    if builder.problems:
        raise SpecError(builder.problems)
    return LoadedSpec(data=data, source=source, text=text)


def load_file(path: Path, display_name: str | None = None) -> LoadedSpec:
    name = display_name or path.as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SpecError([Diagnostic(name, 1, 1, f"cannot read spec: {exc.strerror}")]) from None
    except UnicodeDecodeError:
        raise SpecError([Diagnostic(name, 1, 1, "spec is not valid UTF-8")]) from None
    return load_text(text, name)
