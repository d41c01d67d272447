"""`python -m rasid.store ...` runs `rasid` with the store commands registered (they also are on `rasid` itself)."""

import sys

from rasid.cli import cli, main
from rasid.store.commands import register

register(cli)
sys.exit(main())
