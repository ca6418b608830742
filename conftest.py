"""Make every generated package importable in the test run without installing it."""

import sys
from pathlib import Path

for package in sorted((Path(__file__).parent / "generated").glob("*/pyproject.toml")):
    sys.path.insert(0, str(package.parent))
