"""Every check of the site, registered: the registry core (`editor.content.checks`) and the
checks kept in their own modules, which register themselves on import.

Import this module (not `checks` alone) where the registry is run — the workspace does — so
that `checks.py` itself imports none of the modules that build on it.
"""

from __future__ import annotations

from editor.content import (  # noqa: F401
    checks,
    copy_checks,
    field_checks,
    review_checks,
    script_check,
    simhash,
)
from editor.content.checks import CheckService, run_checks

__all__ = ["CheckService", "checks", "run_checks"]
