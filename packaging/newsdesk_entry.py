"""Entry point of the frozen Newsdesk application: the same program as `python app.py`."""

from __future__ import annotations

import multiprocessing
import sys

from editor.cli import main

if __name__ == "__main__":
    # Export renders pages in spawned worker processes; in a frozen build each worker
    # starts this executable again, and freeze_support() turns it into the worker.
    multiprocessing.freeze_support()
    sys.exit(main())
