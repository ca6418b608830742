"""The well-formed part of a spec that failed its meta-schema check.

The meta-schema reports what is malformed; the semantic checks should
still judge everything else in the same run. So the malformed parts are
cut out (or stood in for) until the rest satisfies the meta-schema, and
the builder, which assumes a well-formed document, runs on that:

- an unknown key is dropped, or renamed to the key it nearly spells when
  that key is missing (`mehtod: GET` builds as `method: GET`);
- a required text that is missing (`source`, `title`) gets a stand-in;
- anything else malformed is removed at the smallest enclosing part that
  may be left out, except that a named part others refer to (a type, an
  operation, an error format, an erratum, a field, a parameter) is
  replaced by a neutral stand-in under its name, so nothing that refers
  to it is reported as dangling;
- a required top-level section gets a neutral stand-in.

Every pointer of the pruned tree keeps the source position of the node it
came from, so later diagnostics land where the text is. `Pruned.edited`
lists where an edit may have made the model stricter than the author's
(see `Edits.changed_meaning`, prune_edits.py): no example is judged by what lies there
(checkable.py), so the pruning never causes a false report.
"""

from __future__ import annotations

import copy
import itertools
from dataclasses import dataclass
from typing import Any

from jsonschema.exceptions import ValidationError, best_match

from generator.spec import pointer as json_pointer
from generator.spec.diagnostics import MAX_REPORTED
from generator.spec.loader import LoadedSpec, child_pointer
from generator.spec.metacheck import misspelt, near_miss, sections_validator
from generator.spec.prune_edits import (
    Edits,
    Tree,
    in_pruned_tree,
    materialise,
    sections_edited,
)
from generator.spec.prune_parts import (
    ANY_SHAPE,
    ROOT_STAND_INS,
    TEXT,
    is_named_entry,
    schemas_along,
    stand_in,
    takes_any_type,
)

_MAX_ROUNDS = 40


def _path(error: ValidationError) -> list[str | int]:
    return list(error.absolute_path)


class _Pruner:
    def __init__(self, provider: str) -> None:
        self.edits = Edits()
        self.provider = provider
        self.stood_in: set[str] = set()

    def original(self, tree: Tree, pointer: str) -> str | None:
        """The original pointer of a node of `tree`; None inside a stand-in."""
        probe = pointer
        suffix: list[str] = []
        while probe not in tree.origin:
            if not probe:
                return None
            probe, token = probe.rsplit("/", 1)
            suffix.insert(0, token)
        old = tree.origin[probe] + "".join(f"/{token}" for token in suffix)
        if any(prefix in self.stood_in for prefix in json_pointer.prefixes(old)):
            return None
        return old

    def remove(self, tree: Tree, path: list[str | int]) -> bool:
        """Drop or stand in for the smallest part around `path` that may go; False if none."""
        along = list(schemas_along(tree.data, path))
        for depth in range(len(path), 0, -1):
            parent_schema = along[depth - 1][0] if depth - 1 < len(along) else {}
            token = path[depth - 1]
            required = isinstance(token, str) and token in parent_schema.get("required", [])
            here = self.original(tree, json_pointer.from_tokens(path[:depth]))
            if here is None:
                return False
            roots = self.root_stand_ins()
            if depth == 1 and isinstance(token, str) and token in roots:
                return self._replace(here, roots[token])
            if required:
                continue
            if token == "type" and takes_any_type(parent_schema):
                return self._replace(here, "any", loosening=True)
            if depth >= 2 and is_named_entry(parent_schema, token):
                value = along[depth][1] if depth < len(along) else None
                owner = along[depth - 2][1] if depth >= 3 and depth - 2 < len(along) else None
                substitute = stand_in(str(path[depth - 2]), token, value, owner)
                if substitute is not None:
                    return self._replace(here, substitute, loosening=substitute == ANY_SHAPE)
            if here in self.edits.delete:
                return False
            self.edits.delete.add(here)
            return True
        return False

    def _replace(self, here: str, value: Any, *, loosening: bool = False) -> bool:
        if here in self.edits.replace:
            return False
        self.edits.replace[here] = value
        self.stood_in.add(here)
        if loosening:
            self.edits.loosening.add(here)
        return True

    def unknown_keys(self, tree: Tree, error: ValidationError) -> bool:
        instance, schema = error.instance, error.schema
        if not (isinstance(instance, dict) and isinstance(schema, dict)):
            return False
        allowed = sorted(schema.get("properties", {}))
        here = self.original(tree, json_pointer.from_tokens(_path(error)))
        if here is None:
            return False
        changed = False
        renamed: set[str] = set()
        unknown = sorted(set(instance) - set(allowed))
        for key in unknown:
            old = child_pointer(here, key)
            hint = near_miss(key, allowed) if len(unknown) <= MAX_REPORTED else None
            if hint and hint not in instance and hint not in renamed:
                renamed.add(hint)
                if old not in self.edits.rename:
                    self.edits.rename[old] = hint
                    changed = True
            elif old not in self.edits.delete:
                self.edits.delete.add(old)
                changed = True
        return changed

    def missing_text(self, tree: Tree, error: ValidationError) -> bool:
        """A required text that is absent gets a stand-in; other absences remove the part."""
        instance, schema = error.instance, error.schema
        if not (isinstance(instance, dict) and isinstance(schema, dict)):
            return False
        here = self.original(tree, json_pointer.from_tokens(_path(error)))
        if here is None:
            return False
        if not here:
            return self._root_stand_ins(instance)
        required: Any = error.validator_value
        missing = [key for key in required if key not in instance]
        properties = schema.get("properties", {})
        if not all(properties.get(key) == {"$ref": "#/$defs/text"} for key in missing):
            return self.remove(tree, _path(error))
        fillers = self.edits.insert.setdefault(here, {})
        before = len(fillers)
        fillers.update({key: TEXT for key in missing})
        return len(fillers) > before

    def root_stand_ins(self) -> dict[str, Any]:
        return copy.deepcopy({**ROOT_STAND_INS, "provider": self.provider})

    def _root_stand_ins(self, instance: dict[str, Any]) -> bool:
        fillers = self.edits.insert.setdefault("", {})
        before = len(fillers)
        for key, value in self.root_stand_ins().items():
            if key not in instance:
                fillers[key] = value
                self.stood_in.add(child_pointer("", key))
        return len(fillers) > before

    def fix(self, tree: Tree, error: ValidationError) -> bool:
        """Edit for one (leaf) error; True if it changed anything."""
        if "propertyNames" in error.schema_path and isinstance(error.instance, str):
            return self.remove(tree, [*_path(error), error.instance])
        if error.validator == "additionalProperties":
            return self.unknown_keys(tree, error)
        if error.validator == "required":
            return not misspelt(error) and self.missing_text(tree, error)
        return self.remove(tree, _path(error))

    def round(self, tree: Tree, errors: list[ValidationError]) -> bool | None:
        """One pass of edits; None when the tree is well-formed (stand-ins aside)."""
        if not errors:
            return None
        changed = False
        for error in errors:
            leaf = _leaf(error)
            if self.fix(tree, leaf) or (leaf is not error and self.fix(tree, error)):
                changed = True
        if changed:
            return True
        stuck = any(
            self.original(tree, json_pointer.from_tokens(_path(e))) is not None for e in errors
        )
        return False if stuck else None


def _leaf(error: ValidationError) -> ValidationError:
    while error.context:
        closest = best_match(error.context)
        if closest is None:
            break
        error = closest
    return error


@dataclass(frozen=True)
class Pruned:
    """The buildable part of a spec, and where (in its own pointers) it was edited."""

    loaded: LoadedSpec
    edited: frozenset[str]


def well_formed_part(
    loaded: LoadedSpec, provider: str, errors: list[ValidationError]
) -> Pruned | None:
    """The spec minus what the meta-schema refused; None when nothing buildable is left.

    `errors` are the meta-schema's errors for the whole spec; later rounds
    check again only the top-level sections the previous round edited.
    """
    if not isinstance(loaded.data, dict) or len(errors) > MAX_REPORTED:
        return None  # not a mapping, or too broken to be worth building
    pruner = _Pruner(provider)
    tree = materialise(loaded, pruner.edits)
    for _ in range(_MAX_ROUNDS):
        before = copy.deepcopy(pruner.edits)
        outcome = pruner.round(tree, errors)
        if outcome is None:
            break
        if outcome is False:
            return None
        tree = materialise(loaded, pruner.edits)
        errors = _errors_in(tree.data, sections_edited(before, pruner.edits))
        if len(errors) > MAX_REPORTED:
            return None
    else:
        return None
    pruned = LoadedSpec(tree.data, tree.source, loaded.text)
    return Pruned(pruned, in_pruned_tree(tree, pruner.edits.changed_meaning()))


def _errors_in(data: dict[str, Any], sections: set[str]) -> list[ValidationError]:
    part = {key: data[key] for key in sections if key in data}
    return list(itertools.islice(sections_validator().iter_errors(part), MAX_REPORTED + 1))
