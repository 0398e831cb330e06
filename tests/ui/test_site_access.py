"""A PostgreSQL site's password: in the keyring only, never in settings or menus; asked for
when there is no keyring, and the editor is told that it is not kept."""

from __future__ import annotations

import os

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from PySide6.QtWidgets import QMessageBox

from editor import credentials
from editor.ui import settings, site_access
from tests.conftest import PG_ENV, reset_postgres

SECRET_URL = "postgresql://editor:s3cret%40x@db.example:5433/news"
BARE_URL = "postgresql://editor@db.example:5433/news"


class MemoryKeyring(KeyringBackend):
    """A keyring that lives for one test."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.saved: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.saved.get((service, username))

    def set_password(self, service, username, password):
        self.saved[(service, username)] = password

    def delete_password(self, service, username):
        self.saved.pop((service, username), None)


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    site_access._told_no_keyring.clear()
    yield
    keyring.set_keyring(previous)


def _settings_text() -> str:
    path = settings.app_settings().fileName()
    return open(path, encoding="utf-8").read() if os.path.exists(path) else ""


def test_a_remembered_site_keeps_no_password(isolated_qsettings):
    settings.remember_site(SECRET_URL)
    assert settings.remembered_site() == BARE_URL
    assert settings.recent_sites() == [BARE_URL]
    assert "s3cret" not in _settings_text()


def test_passwords_left_in_old_settings_move_to_the_keyring(isolated_qsettings, memory_keyring):
    store = settings.app_settings()
    store.setValue(settings.KEY_SITE, SECRET_URL)
    store.setValue(settings.KEY_RECENT, [SECRET_URL, "/home/editor/site.newsdesk"])
    store.sync()
    settings.forget_passwords()
    assert "s3cret" not in _settings_text()
    assert settings.recent_sites() == [BARE_URL, "/home/editor/site.newsdesk"]
    assert credentials.load_password(BARE_URL) == "s3cret@x"


def test_the_recent_menu_shows_addresses_without_password(qtbot, window):
    settings.remember_site(SECRET_URL)
    menu = next(
        action.menu()
        for action in window.menuBar().actions()
        if action.menu() and any(a.text() == "最近打开的站点" for a in action.menu().actions())
    )
    recent = next(a.menu() for a in menu.actions() if a.text() == "最近打开的站点")
    menu.aboutToShow.emit()
    texts = [a.text() for a in recent.actions()]
    assert "postgresql://db.example/news" in texts
    assert not any("s3cret" in t or "editor@" in t for t in texts)
    assert "s3cret" not in window.windowTitle()


@pytest.fixture
def pg_url():
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"{PG_ENV} is not set")
    reset_postgres(url)
    from editor.workspace import Workspace

    Workspace.open(url, create=True).close()
    return url


def test_a_typed_password_goes_to_the_keyring_and_is_used_next_time(
    pg_url, memory_keyring, monkeypatch
):
    bare, password = credentials.split_password(pg_url)
    workspace = site_access.open_workspace(pg_url)
    workspace.close()
    assert memory_keyring.saved == {(credentials.SERVICE, bare): password}
    monkeypatch.setattr(site_access, "ask_password", pytest.fail)  # must not ask
    site_access.open_workspace(bare).close()


def test_a_refused_saved_password_is_forgotten_and_asked_for(pg_url, memory_keyring, monkeypatch):
    bare, password = credentials.split_password(pg_url)
    credentials.save_password(bare, "wrong")
    asked = []
    monkeypatch.setattr(
        site_access, "ask_password", lambda parent, site, reason: asked.append(site) or password
    )
    site_access.open_workspace(bare).close()
    assert asked == [settings.describe_location(bare)]  # shown without user or password
    assert credentials.load_password(bare) == password


def test_without_a_keyring_the_editor_is_told_and_asked(pg_url, no_keyring, monkeypatch):
    bare, password = credentials.split_password(pg_url)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    site_access.open_workspace(pg_url).close()
    assert len(told) == 1 and "密钥环" in told[0]
    asked = []
    monkeypatch.setattr(
        site_access, "ask_password", lambda parent, site, reason: asked.append(reason) or password
    )
    site_access.open_workspace(bare).close()
    assert asked and "password" in asked[0]
    assert not credentials.keyring_available()


def test_a_read_only_site_says_so_in_the_title(qtbot, ui_site, monkeypatch):
    from editor.store import db as store_db
    from editor.ui.main_window import MainWindow
    from editor.workspace import Workspace
    from tests.ui.helpers import dispose_window

    monkeypatch.setattr(store_db, "is_read_only", lambda path: True)
    with Workspace.open(ui_site) as ws:
        window = MainWindow(ws)
        window.drafts_offered = True
        try:
            assert window.windowTitle().endswith("（只读）")
        finally:
            dispose_window(window)
