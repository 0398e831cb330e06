"""The shared real-world fixtures next to the checkout (`../shared`), never copied into it.

Without them a test is skipped on a developer's machine and fails on CI (`CI=true`), where a
missing folder would otherwise turn the ingest and end-to-end tests into silent skips.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
CI_VALUES = {"true", "1", "yes"}


def on_ci() -> bool:
    """Whether the tests run on CI (the CI variable set to true)."""
    return os.environ.get("CI", "").strip().lower() in CI_VALUES


def missing(what: str) -> NoReturn:
    """Skip the test for a missing shared fixture, or fail it on CI."""
    if on_ci():
        pytest.fail(f"{what}; CI needs the shared fixtures", pytrace=False)
    pytest.skip(what)
