"""The import block of a generated models.py: exactly the names its classes use.

The classes are written first and note every name they spell (`Uses`), so
ruff finds neither an unused nor a missing import in the generated module.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.concepts import formats


@dataclass
class Uses:
    """What the emitted source refers to, so that it imports exactly that.

    `shadowed` holds field names: a format type a field shares its name with
    (a field `date` of format date) is imported under a private alias, as a
    class body would otherwise read the field for the type.
    """

    names: set[str]
    shadowed: frozenset[str] = frozenset()

    def note(self, name: str) -> str:
        self.names.add(name)
        return name

    def format_type(self, name: str) -> str:
        self.names.add(name)
        return f"_{name}" if name in self.shadowed else name


def import_block(uses: Uses, base_module: str) -> str:
    names = uses.names
    stdlib = sorted(
        formats.PYTHON_TYPE_IMPORTS[n] + (f" as _{n}" if n in uses.shadowed else "")
        for n in names
        if n in ("date", "UUID")
    )
    typing = sorted(
        (
            n
            for n in names
            if n in ("Annotated", "Any", "Literal", "NotRequired", "TypeAlias", "TypedDict")
        ),
        key=str.lower,
    )
    if typing:
        stdlib.append(f"from typing import {', '.join(typing)}")
    pydantic = sorted(
        (
            f"{n} as _{n}" if n in uses.shadowed else n
            for n in names
            if n in ("AwareDatetime", "ConfigDict", "Field", "RootModel")
        ),
        key=lambda n: (not n[:1].isupper(), n),
    )
    groups = [["from __future__ import annotations"], sorted(stdlib, key=_module_order)]
    if pydantic:
        groups.append([f"from pydantic import {', '.join(pydantic)}"])
    bases = sorted(n for n in names if n in ("ClosedModel", "ClosedRequestModel", "Model"))
    if bases:  # a spec of primitives only declares no model
        groups.append([f"from {base_module} import {', '.join(bases)}"])
    return "\n\n".join("\n".join(group) for group in groups if group)


def _module_order(line: str) -> str:
    return line.split()[1]
