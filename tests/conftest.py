"""Shared test setup: offscreen Qt, user paths inside tmp_path, and site fixtures.

Store and content tests take the `workspace` fixture, which runs each test on SQLite and,
when NEWSDESK_TEST_PG holds a PostgreSQL URL, once more on that server.
"""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("NEWSDESK_USER", "tester")

PG_ENV = "NEWSDESK_TEST_PG"
BACKENDS = ["sqlite", "postgres"] if os.environ.get(PG_ENV) else ["sqlite"]


@pytest.fixture(autouse=True)
def isolated_user_paths(tmp_path_factory, monkeypatch):
    """Keep every test away from the real user data, config and site files."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("NEWSDESK_DB", raising=False)
    yield home


@pytest.fixture(autouse=True)
def english_messages(monkeypatch):
    """Errors and import warnings in English, whatever the locale or the UI language an
    earlier test chose (tests of the Chinese catalog delete NEWSDESK_LANG)."""
    from editor import i18n

    monkeypatch.setenv(i18n.LANGUAGE_ENV, "en")
    yield
    i18n.set_language(None)


@pytest.fixture(autouse=True)
def pictures_stay_offline(monkeypatch):
    """Importing the shared pages would download their pictures from the portals: tests
    reach only servers they start on 127.0.0.1; other hosts fail fast like a dead link."""
    from urllib.parse import urlsplit

    from editor.errors import NewsdeskError
    from editor.ingest.images import ImageFetcher

    download = ImageFetcher._download

    def local_only(self, url, page):
        if urlsplit(url).hostname not in ("127.0.0.1", "localhost"):
            raise NewsdeskError("no network in tests")
        return download(self, url, page)

    monkeypatch.setattr(ImageFetcher, "_download", local_only)


def reset_postgres(url: str) -> None:
    """Empty the test database on the PostgreSQL server."""
    import psycopg2

    connection = psycopg2.connect(url)
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public")
    finally:
        connection.close()


@pytest.fixture(params=BACKENDS)
def site_location(request, tmp_path) -> str:
    """Where a fresh, empty site lives: a SQLite file or the PostgreSQL test database."""
    if request.param == "postgres":
        url = os.environ[PG_ENV]
        reset_postgres(url)
        return url
    return str(tmp_path / "site.newsdesk")


@pytest.fixture
def workspace(site_location):
    """A new, empty site."""
    from editor.workspace import Workspace

    ws = Workspace.open(site_location, create=True, user="tester")
    yield ws
    ws.close()


@pytest.fixture
def demo_workspace(site_location):
    """A site filled with the demo content."""
    from editor.content.demo import load_demo
    from editor.workspace import Workspace

    ws = Workspace.open(site_location, create=True, user="tester")
    with ws.edit():
        load_demo(ws)
    yield ws
    ws.close()
