"""`python -m etl …`: the command line lives in etl/cli/."""

import sys

from etl.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
