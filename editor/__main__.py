"""`python -m editor` runs the same program as `newsdesk` and `python app.py`."""

from __future__ import annotations

import sys

from editor.cli import main

if __name__ == "__main__":
    sys.exit(main())
