"""`python -m build_tools.importer RAW` — the same as `policyref import RAW`."""
import sys

from . import main

sys.exit(main(sys.argv[1:]))
