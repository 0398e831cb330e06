"""The `newsdesk` command line (the contract is in ARCHITECTURE.md).

`python app.py` with no command opens the GUI. Errors are one line on stderr with exit
code 1 (bad input) or 2 (usage); `--json` prints one JSON document on stdout and nothing
else.

core.py builds the parser, runs `main` and holds the shared output and sign-in helpers; the
commands live in one module per group: site, content, review and hosting.
"""

from __future__ import annotations

from editor.cli.core import UsageError, build_parser, import_status_words, main
from editor.cli.site import article_document

__all__ = ["UsageError", "article_document", "build_parser", "import_status_words", "main"]
