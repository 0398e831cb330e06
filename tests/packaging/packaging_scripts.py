"""Load the helper scripts in packaging/ by path for the packaging tests.

packaging/ is no Python package (and its name is taken by the PyPA library), so its
modules are loaded from their files under the name newsdesk_packaging_<name>.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def load(name: str):
    """Import packaging/<name>.py (once) and return the module."""
    module_name = f"newsdesk_packaging_{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, PACKAGING / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module
