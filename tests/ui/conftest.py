"""GUI test setup: offscreen Qt, QtWebEngine imported before the QApplication, QSettings and
user paths inside tmp_path, and a main window on a demo site."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu --disable-logging --log-level=3")

import PySide6.QtWebEngineWidgets  # noqa: E402,F401  (must come before the QApplication)
import pytest  # noqa: E402
from PySide6.QtCore import QCoreApplication, QSettings, Qt  # noqa: E402

from tests.ui.helpers import dispose_window  # noqa: E402

QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path, monkeypatch):
    """Every test gets its own QSettings folder and user data folder."""
    folder = tmp_path / "qsettings"
    folder.mkdir()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("NEWSDESK_USER", "tester")
    monkeypatch.delenv("NEWSDESK_DB", raising=False)
    yield folder


@pytest.fixture
def ui_site(tmp_path) -> str:
    """A demo site file."""
    from editor.content.demo import load_demo
    from editor.workspace import Workspace

    path = tmp_path / "demo.newsdesk"
    with Workspace.open(str(path), create=True, user="tester") as ws, ws.edit():
        load_demo(ws)
    return str(path)


@pytest.fixture
def ui_workspace(ui_site):
    """The demo site, open."""
    from editor.workspace import Workspace

    ws = Workspace.open(ui_site, user="tester")
    yield ws
    ws.close()


@pytest.fixture
def window(qtbot, ui_workspace):
    """The main window on the demo site, shown, with no recovery question."""
    from editor.ui.main_window import MainWindow

    win = MainWindow(ui_workspace)
    win.drafts_offered = True
    win.show()
    qtbot.waitExposed(win)
    yield win
    dispose_window(win)


class UnexpectedDialog(AssertionError):
    """A message box opened that the test did not expect (it would block forever)."""


@pytest.fixture(autouse=True)
def no_unexpected_message_boxes(monkeypatch):
    """Fail instead of hanging when a message box opens; tests that expect one patch it."""
    from PySide6.QtWidgets import QMessageBox

    def refuse(*args, **kwargs):
        texts = [a for a in args if isinstance(a, str)]
        raise UnexpectedDialog(f"unexpected message box: {texts}")

    for name in ("question", "warning", "information", "critical", "about"):
        monkeypatch.setattr(QMessageBox, name, refuse)


@pytest.fixture(autouse=True)
def clipboard_left_empty():
    """Clear the clipboard after each test: mime data a test put there would otherwise be
    deleted by Qt's exit handlers after Python has finalised, which crashes the run."""
    yield
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        QApplication.clipboard().clear()
