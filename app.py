"""Start Newsdesk: `python app.py` opens the GUI; `python app.py COMMAND ...` runs the command line."""

from __future__ import annotations

import sys

from editor.cli import main

if __name__ == "__main__":
    sys.exit(main())
