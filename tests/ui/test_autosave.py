"""Never lose work: drafts while typing, on focus change, after a crash, on close."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from editor.ui.dialogs.recover_dialog import RecoverDialog
from tests.ui.helpers import commit_text
from tests.ui.typing_driver import TEXT

DRIVER = Path(__file__).with_name("typing_driver.py")


def test_typing_writes_a_draft(qtbot, window):
    window.articles.select_row(0)
    article_id = window.editor.article_id
    window.autosave._timer.setInterval(50)
    with qtbot.waitSignal(window.autosave.draftSaved, timeout=3000) as blocker:
        commit_text(window.editor.body, "补充一段")
    assert blocker.args == [f"article:{article_id}"]
    draft = window.workspace.drafts.get(f"article:{article_id}")
    assert "补充一段" in draft.fields["body"]
    assert draft.base_version == window.editor.base_version
    assert window.autosave.save_now() is False  # nothing new since


def test_focus_leaving_the_editor_writes_a_draft(qtbot, window):
    window.articles.select_row(0)
    commit_text(window.editor.title, "焦点")
    with qtbot.waitSignal(window.autosave.draftSaved, timeout=3000):
        window.articles.search.setFocus()
        window.autosave._focus_changed(window.editor.title, window.articles.search)
    assert window.workspace.drafts.pending()


def test_saving_discards_the_draft(qtbot, window):
    window.articles.select_row(0)
    commit_text(window.editor.body, "保存后草稿消失")
    window.autosave.save_now()
    assert window.workspace.drafts.pending()
    assert window.save_article()
    assert not window.workspace.drafts.pending()


def test_close_with_unsaved_changes_asks(qtbot, window, monkeypatch):
    window.articles.select_row(0)
    commit_text(window.editor.body, "未保存")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    assert not window.close()
    assert window.isVisible()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    assert window.close()
    assert not window.workspace.drafts.pending()


def test_opening_an_article_with_a_draft_offers_it(qtbot, window, monkeypatch):
    ws = window.workspace
    article_id = window.articles.model.article_id(2)
    fields = ws.articles.fields_of(article_id)
    ws.drafts.save(
        f"article:{article_id}", {**fields, "body": "草稿里的正文"}, article_id, fields["version"]
    )
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.articles.select_row(2)
    assert window.editor.body.toPlainText() == "草稿里的正文"
    assert window.editor.is_dirty


def _recover_first(monkeypatch):
    def accept_first(dialog):
        dialog.chosen = dialog._drafts[0]
        return True

    monkeypatch.setattr(RecoverDialog, "exec", accept_first)


def start_typing_driver(site: str, tmp_path: Path) -> subprocess.Popen:
    """The typing driver (a real window in its own process) on `site`, with its own settings;
    it prints STARTED and AUTOSAVED lines on its stdout."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        QTWEBENGINE_DISABLE_SANDBOX="1",
        PYTHONPATH=str(Path(__file__).resolve().parents[2]),
    )
    settings_dir = tmp_path / "driver-settings"
    settings_dir.mkdir()
    return subprocess.Popen(
        [sys.executable, str(DRIVER), site, str(settings_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )


def test_kill_while_typing_then_restart_recovers(qtbot, ui_site, tmp_path, monkeypatch):
    process = start_typing_driver(ui_site, tmp_path)
    saved_length = None
    article_id = None
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            if line.startswith("STARTED"):
                article_id = int(line.split()[1])
            if line.startswith("AUTOSAVED"):
                saved_length = int(line.split()[2])
                break
    finally:
        process.send_signal(signal.SIGKILL)  # in the middle of typing: no goodbye
        process.wait(10)
    assert process.returncode == -signal.SIGKILL
    assert saved_length is not None, "the driver never autosaved"

    from editor.ui.app import Session, application

    _recover_first(monkeypatch)
    session = Session(application())
    assert session.open(ui_site)
    window = session.window
    qtbot.waitUntil(lambda: getattr(window, "drafts_offered", False), timeout=5000)
    body = window.editor.body.toPlainText()
    assert window.editor.article_id == article_id
    assert window.editor.is_dirty
    assert TEXT in body  # what was typed before the last autosave is back
    assert len(body) >= saved_length
    window.editor.mark_clean()
    session.close()


def test_a_draft_the_site_cannot_take_is_kept_for_the_next_try(qtbot, window, monkeypatch):
    from editor.errors import SiteBusyError

    window.articles.select_row(0)
    commit_text(window.editor.body, "站点正忙时写的")
    real_save = window.workspace.drafts.save

    def busy(*_args, **_kwargs):
        raise SiteBusyError(window.workspace.location, 10)

    monkeypatch.setattr(window.workspace.drafts, "save", busy)
    with qtbot.waitSignal(window.autosave.draftFailed) as failed:
        assert window.autosave.save_now() is False  # no exception reaches the event loop
    assert "busy" in failed.args[0]
    assert "busy" in window.statusBar().currentMessage()
    monkeypatch.setattr(window.workspace.drafts, "save", real_save)
    assert window.autosave.save_now() is True  # still pending: written once the site is free
    draft = window.workspace.drafts.get(f"article:{window.editor.article_id}")
    assert "站点正忙时写的" in draft.fields["body"]
