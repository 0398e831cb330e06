"""Every check of the site, registered: the registry core (`editor.content.checks`) and the
checks kept in their own modules, which register themselves on import.

`checks.run_checks` imports this module when it first runs (and the workspace when its
checks are first asked for), so that importing `checks.py` loads none of the modules that
build on it, and a command that runs no check loads none of them.
"""

from __future__ import annotations

from editor.content import (  # noqa: F401
    checks,
    copy_checks,
    field_checks,
    media,
    review_checks,
    script_check,
    simhash,
)
from editor.content.checks import CheckService, run_checks

__all__ = ["CheckService", "checks", "run_checks"]
