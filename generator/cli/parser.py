"""The `shipspec` argument parser: one `_add_<name>` per subcommand with its examples
epilog, kept apart from the handlers so `--help` text reads in one place.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from generator import __version__
from generator.cli.serve import add_mock_command

_Formatter = argparse.RawDescriptionHelpFormatter


EPILOG_MAIN = """examples:
  shipspec new acme                     start specs/acme.yaml from a commented skeleton
  shipspec generate                     regenerate every provider under generated/
  shipspec generate --check             CI: exit 1 if generated/ is stale
  shipspec diff                         what regenerating would change, and the next version
  shipspec list                         providers and their operations
  shipspec validate novatech place_order order.json
  shipspec docs --out build/docs        one HTML reference page per provider
  shipspec mock novatech                serve a local mock of the provider

exit status: 0 ok, 1 drift, an invalid payload or a breaking change,
2 a broken spec or a usage error.
Run `shipspec COMMAND --help` for a command's options.
"""


EPILOG_GENERATE = """examples:
  shipspec generate                 regenerate every provider under generated/
  shipspec generate novatech        just one
  shipspec generate --check         exit 1 and list files if generated/ is stale
  shipspec generate acme --out /tmp/out   try a spec without touching generated/

A provider whose spec, templates and tools are unchanged is skipped. Problems
are reported as specs/x.yaml:LINE:COL: message, and that provider's tree is
left as it was. Every changed tree is staged first and all are swapped in
together; a second run on the same output waits for the first.
exit: 0 ok, 1 --check found drift, 2 broken spec or unknown provider
"""


EPILOG_DIFF = """examples:
  shipspec diff                     every provider against what generated/ records
  shipspec diff novatech --against HEAD~3
  shipspec diff --json              machine-readable

Each change is printed as specs/x.yaml:LINE:COL: LEVEL: sentence, LEVEL being
breaking (next major version), feature (minor) or fix (patch); the rules are
in specs/README.md, "Changes and versions".
exit: 0 no breaking change, 1 a breaking change, 2 broken spec or usage error
"""


EPILOG_VALIDATE = """examples:
  shipspec validate novatech place_order order.json
  shipspec validate novatech place_order a.json b.json --json
  cat order.json | shipspec validate novatech place_order -
  shipspec validate novatech get_order --params params.json   {"ORD_NO": 6010361}

Each problem is printed as FILE: /json/pointer: message. NaN, Infinity,
duplicate keys and numbers Python cannot judge are problems too. --json adds
each problem's rule id (required, type, maxLength, ...) and, when a field is
missing, its name (field).
exit: 0 all valid, 1 any invalid, 2 usage error
"""


EPILOG_LIST = """examples:
  shipspec list                     every provider with its operations
  shipspec list novatech --json     machine-readable
"""


EPILOG_DOCS = """examples:
  shipspec docs                     build/docs/<provider>.html for every provider
  shipspec docs novatech --out site

Each page is self-contained (inline CSS, no scripts or external assets) and
works offline; index.html links them.
"""


EPILOG_NEW = """examples:
  shipspec new acme                 writes specs/acme.yaml, then edit it and run
  shipspec generate acme            to see its diagnostics or its package

Never overwrites an existing spec; outside a project it creates specs/ here.
The skeleton is a valid spec as it stands. Names: lower case letters and
digits, starting with a letter (the package is <provider>_client).
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="shipspec",
        description="Generate validated, typed Python clients from hand-written API specs.",
        epilog=EPILOG_MAIN,
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"shipspec {__version__}")
    parser.add_argument(
        "--project",
        type=Path,
        default=None,
        metavar="DIR",
        help="project root holding specs/ (default: . or the nearest parent with one)",
    )
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", title="commands"
    )
    for add in (_add_generate, _add_diff, _add_validate, _add_list, _add_docs, _add_new):
        add(commands)
    add_mock_command(commands, _Formatter)
    return parser


def _add_generate(commands: Any) -> None:
    generate = commands.add_parser(
        "generate",
        help="write generated/<provider>/ from specs/<provider>.yaml",
        description="Generate (or check) the client package of each provider.",
        epilog=EPILOG_GENERATE,
        formatter_class=_Formatter,
    )
    generate.add_argument("providers", nargs="*", metavar="PROVIDER", help="default: every spec")
    generate.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if any file differs"
    )
    generate.add_argument(
        "--out", type=Path, default=None, metavar="DIR", help="output folder (default: generated/)"
    )


def _add_diff(commands: Any) -> None:
    diff = commands.add_parser(
        "diff",
        help="classify each spec change: breaking, feature or fix",
        description="Compare the specs with the last generation (or a git ref), change by change.",
        epilog=EPILOG_DIFF,
        formatter_class=_Formatter,
    )
    diff.add_argument("providers", nargs="*", metavar="PROVIDER", help="default: every spec")
    diff.add_argument(
        "--against",
        metavar="REF",
        default=None,
        help="compare with specs/<provider>.yaml at this git ref (default: generated/'s record)",
    )
    diff.add_argument("--json", action="store_true", help="one JSON object on stdout")


def _add_validate(commands: Any) -> None:
    validate = commands.add_parser(
        "validate",
        help="validate JSON request bodies against an operation",
        description="Check JSON payloads with the same rules the client applies before sending.",
        epilog=EPILOG_VALIDATE,
        formatter_class=_Formatter,
    )
    validate.add_argument("provider", metavar="PROVIDER", help="a spec in specs/, e.g. novatech")
    validate.add_argument(
        "operation", metavar="OPERATION", help="one of its operations (see: shipspec list)"
    )
    validate.add_argument(
        "files", nargs="*", metavar="FILE", help="JSON request bodies; - reads standard input"
    )
    validate.add_argument(
        "--json", action="store_true", help="one compact JSON array on stdout (pointer, rule, ...)"
    )
    validate.add_argument(
        "--params",
        metavar="FILE",
        action="append",
        default=[],
        help="a JSON object of the operation's path/query/header parameters (repeatable)",
    )


def _add_list(commands: Any) -> None:
    listing = commands.add_parser(
        "list",
        help="show providers and their operations (method, path)",
        description="List each provider's operations as METHOD PATH.",
        epilog=EPILOG_LIST,
        formatter_class=_Formatter,
    )
    listing.add_argument("providers", nargs="*", metavar="PROVIDER", help="default: every spec")
    listing.add_argument("--json", action="store_true", help="one JSON object on stdout")


def _add_docs(commands: Any) -> None:
    docs = commands.add_parser(
        "docs",
        help="write one static HTML reference page per provider",
        description="Write self-contained HTML reference documentation.",
        epilog=EPILOG_DOCS,
        formatter_class=_Formatter,
    )
    docs.add_argument("providers", nargs="*", metavar="PROVIDER", help="default: every spec")
    docs.add_argument(
        "--out", type=Path, default=None, metavar="DIR", help="output folder (default: build/docs)"
    )


def _add_new(commands: Any) -> None:
    new = commands.add_parser(
        "new",
        help="start specs/<provider>.yaml from a commented skeleton",
        description="Scaffold a new provider spec.",
        epilog=EPILOG_NEW,
        formatter_class=_Formatter,
    )
    new.add_argument(
        "provider", metavar="PROVIDER", help="lower case letters and digits, e.g. acme or acmeeu"
    )
