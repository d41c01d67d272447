"""`python -m rasid` runs the command line."""

import sys

from rasid.cli import main

sys.exit(main())
