"""Every check of the site, registered: the registry core (`editor.content.checks`) and the
checks kept in their own modules (`checks.CHECK_MODULES`), which register themselves on
import.

The workspace imports this module when its checks are first asked for (`newsdesk check`, the
editor, the review panel), so that importing `checks.py` loads none of the modules that build
on it. `checks.run_checks` itself loads only the modules of the stage it runs: the export's
run of the `publish` checks leaves the copy checks unloaded.
"""

from __future__ import annotations

from editor.content import checks
from editor.content.checks import CheckService, run_checks

checks.load_checks()

__all__ = ["CheckService", "checks", "run_checks"]
