"""`python -m generator` runs the shipspec command line."""

import sys

from .cli import main

sys.exit(main())
