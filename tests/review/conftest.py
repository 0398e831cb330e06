"""Review tests hash many passwords: a cheaper scrypt keeps them quick (the salt and the
comparison are the same)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def quick_password_hashes(monkeypatch):
    from editor.content import users

    monkeypatch.setattr(users, "_SCRYPT", {**users._SCRYPT, "n": 2**8})
