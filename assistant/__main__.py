"""`python -m assistant` runs the command line."""

import sys

from assistant.cli import main

if __name__ == "__main__":  # a spawned server worker imports this module too
    sys.exit(main())
