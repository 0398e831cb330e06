"""Fixtures for publishing tests: the demo site, exported."""

from __future__ import annotations

import pytest


@pytest.fixture
def bundle(demo_workspace, tmp_path):
    """The demo site exported into tmp_path/site (rendered in this process)."""
    out = tmp_path / "site"
    result = demo_workspace.publisher.export(out, workers=1)
    return out, result
