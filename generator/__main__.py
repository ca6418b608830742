"""`python -m generator` runs the shipspec command line."""

import sys

from generator.cli.main import main

sys.exit(main())
