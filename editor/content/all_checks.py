"""Every check of the site, registered: the registry core (`editor.content.checks`) and the
checks kept in their own modules (`checks.CHECK_MODULES`), which register themselves on
import.

Importing it loads the whole registry, for callers that need every check at once (tests);
the program's runs load only the modules of the stage they run (`checks.load_checks`, from
`checks.run_checks`): the export's run of the `publish` checks leaves the copy checks
unloaded, and importing `checks.py` loads none of the modules that build on it.
"""

from __future__ import annotations

from editor.content import checks
from editor.content.checks import CheckService, run_checks

checks.load_checks()

__all__ = ["CheckService", "checks", "run_checks"]
