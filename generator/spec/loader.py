"""Read a YAML spec into plain values plus the source position of every node.

PyYAML's composer keeps marks on nodes; we walk the node tree once and
record, for every JSON Pointer, where its key and its value start. Later
passes look positions up by pointer, so the model stays plain data.

Whatever the bytes, the result is a LoadedSpec or a SpecError whose every
diagnostic has a place: size, encoding, forbidden characters, syntax,
nesting depth, alias expansion and scalars are all bounded or checked here
(see yaml12.py for the YAML dialect, text_problems.py for problems in the
text itself).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.spec import diagnostic_codes as codes
from generator.spec import pointer as _pointer
from generator.spec.diagnostic_codes import Code
from generator.spec.diagnostics import Diagnostic, SpecError, capped
from generator.spec.text_problems import (
    character_problems,
    decoding_problems,
    too_large,
    yaml_problem,
)
from generator.spec.yaml12 import (
    MAP,
    MAX_ALIAS_NODES,
    MAX_DEPTH,
    MAX_SPEC_BYTES,
    SEQ,
    AliasUse,
    ScalarProblem,
    SpecLoader,
    scalar_value,
    short_tag,
)

escape_pointer_token = _pointer.escape  # the names the stages import (generator/spec/pointer.py)
child_pointer = _pointer.join


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

    def diagnostic(
        self, pointer: str, message: str, code: Code, *, key: bool = False
    ) -> Diagnostic:
        line, col = self.position(pointer, key=key)
        return Diagnostic(self.file, line, col, message, pointer, code=code)


@dataclass(frozen=True)
class LoadedSpec:
    data: Any
    source: SourceMap
    text: str


def _mark(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _Expanded(Exception):
    """Aliases expanded past the budget, or nested past the depth limit."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic


class _Builder:
    """Node graph -> plain values, recording the place of every pointer.

    Mapping keys keep their source text (`1.10` stays "1.10", `200` is "200"):
    the spec language's keys are names and status codes, never numbers.
    """

    def __init__(self, source: SourceMap) -> None:
        self.source = source
        self.problems: list[Diagnostic] = []
        self._aliased = 0  # nodes built through aliases so far
        self._open: set[int] = set()  # collections being built: an alias to one is a cycle
        self._use: AliasUse | None = None  # the outermost alias being expanded

    def _problem(self, node: yaml.Node, message: str, pointer: str, code: Code) -> None:
        line, col = _mark(node)
        self.problems.append(Diagnostic(self.source.file, line, col, message, pointer, code=code))

    def build(self, node: yaml.Node, pointer: str, depth: int = 0, alias: bool = False) -> Any:
        self.source.values[pointer] = _mark(node)
        if isinstance(node, AliasUse):
            return self._expand(node, pointer, depth)
        if alias:
            self._aliased += 1
            if self._aliased > MAX_ALIAS_NODES and self._use is not None:
                line, col = _mark(self._use)
                message = f"aliases expand to more than {MAX_ALIAS_NODES} nodes"
                raise _Expanded(
                    Diagnostic(self.source.file, line, col, message, pointer, code=codes.ALIAS_BOMB)
                )
        if depth > MAX_DEPTH:
            raise _Expanded(
                self.source.diagnostic(
                    pointer, f"nesting deeper than {MAX_DEPTH} levels", codes.TOO_DEEP
                )
            )
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode):
            self._open.add(id(node))
            try:
                return self._collection(node, pointer, depth, alias)
            finally:
                self._open.discard(id(node))
        assert isinstance(node, yaml.ScalarNode)
        try:
            return scalar_value(node)
        except ScalarProblem as problem:
            self._problem(node, str(problem), pointer, problem.code)
            return None

    def _collection(self, node: yaml.Node, pointer: str, depth: int, alias: bool) -> Any:
        if isinstance(node, yaml.MappingNode):
            if node.tag != MAP:
                message = f"unsupported tag {short_tag(node.tag)} on a mapping"
                self._problem(node, message, pointer, codes.UNSUPPORTED_TAG)
            return self._mapping(node, pointer, depth, alias)
        if node.tag != SEQ:
            message = f"unsupported tag {short_tag(node.tag)} on a sequence"
            self._problem(node, message, pointer, codes.UNSUPPORTED_TAG)
        return [
            self.build(item, child_pointer(pointer, i), depth + 1, alias)
            for i, item in enumerate(node.value)
        ]

    def _expand(self, use: AliasUse, pointer: str, depth: int) -> Any:
        if id(use.target) in self._open:
            message = "this alias refers to a collection that contains it"
            self._problem(use, message, pointer, codes.RECURSIVE_ALIAS)
            return None
        outermost = self._use is None
        if outermost:
            self._use = use
        try:
            value = self.build(use.target, pointer, depth, alias=True)
        finally:
            if outermost:
                self._use = None
        self.source.values[pointer] = _mark(use)
        return value

    def _key(self, node: yaml.Node, pointer: str) -> str | None:
        target = node.target if isinstance(node, AliasUse) else node
        if isinstance(target, yaml.ScalarNode):
            text: str = target.value
            return text
        message = "mapping keys must be strings, not collections"
        self._problem(node, message, pointer, codes.NON_STRING_KEY)
        return None

    def _mapping(self, node: yaml.MappingNode, pointer: str, depth: int, alias: bool) -> Any:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self._key(key_node, pointer)
            if key is None:
                continue
            child = child_pointer(pointer, key)
            if key in result:
                self._problem(key_node, f"duplicate key '{key}'", child, codes.DUPLICATE_KEY)
                continue
            self.source.keys[child] = _mark(key_node)
            result[key] = self.build(value_node, child, depth + 1, alias)
        return result


def load_text(text: str, display_name: str) -> LoadedSpec:
    """Parse YAML text; raise SpecError with positions for every problem."""
    if len(text) > MAX_SPEC_BYTES:
        raise SpecError([too_large(len(text.encode("utf-8", "replace")), display_name)])
    text = text.removeprefix("\ufeff")  # a leading byte-order mark is allowed by YAML
    if problems := character_problems(text, display_name):
        raise SpecError(problems)
    source = SourceMap(display_name)
    try:
        node = yaml.compose(text, Loader=SpecLoader)
    except yaml.YAMLError as exc:
        raise SpecError([yaml_problem(exc, text, display_name)]) from None
    if node is None:
        raise SpecError(
            [Diagnostic(display_name, 1, 1, "the spec is empty", code=codes.EMPTY_SPEC)]
        )
    builder = _Builder(source)
    try:
        data = builder.build(node, "")
    except _Expanded as stop:
        raise SpecError([*builder.problems, stop.diagnostic]) from None
    if builder.problems:
        raise SpecError(capped(builder.problems, display_name))
    return LoadedSpec(data=data, source=source, text=text)


def load_file(path: Path, display_name: str | None = None) -> LoadedSpec:
    name = display_name or path.as_posix()
    try:
        size = path.stat().st_size
        if size > MAX_SPEC_BYTES:
            raise SpecError([too_large(size, name)])
        data = path.read_bytes()
    except OSError as exc:
        raise SpecError(
            [
                Diagnostic(
                    name, 1, 1, f"cannot read spec: {exc.strerror}", code=codes.UNREADABLE_SPEC
                )
            ]
        ) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise SpecError(decoding_problems(data, name)) from None
    return load_text(text, name)
