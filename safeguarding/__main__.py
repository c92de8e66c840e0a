"""Run the command line: python -m safeguarding."""

import sys

from safeguarding.cli import main

sys.exit(main())
