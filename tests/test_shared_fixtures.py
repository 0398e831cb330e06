"""A missing shared fixture skips a test locally and fails it on CI."""

from __future__ import annotations

import pytest

from tests.shared_fixtures import missing, on_ci


def test_missing_fixtures_skip_locally_and_fail_on_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    assert not on_ci()
    with pytest.raises(pytest.skip.Exception, match="pages are not at"):
        missing("the shared news pages are not at /nowhere")
    for value in ("true", "TRUE", "1"):
        monkeypatch.setenv("CI", value)
        assert on_ci()
        with pytest.raises(pytest.fail.Exception, match="CI needs the shared fixtures"):
            missing("the shared news pages are not at /nowhere")
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception):
        missing("the seed page is not at /nowhere")
