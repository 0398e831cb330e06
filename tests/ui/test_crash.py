"""An error nobody caught: the draft is kept, the trace logged (without passwords), and a
dialog in the UI language says where."""

from __future__ import annotations

import json
from types import SimpleNamespace

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from editor.errors import SiteBusyError
from editor.ui.crash import CrashReporter, log_path
from tests.ui.helpers import commit_text


def _boom() -> None:
    raise RuntimeError("lost in postgresql://editor:s3cret@db.example/news")


def _reporter(window, monkeypatch) -> tuple[CrashReporter, list]:
    reporter = CrashReporter(SimpleNamespace(window=window))
    shown = []
    monkeypatch.setattr(reporter, "show", lambda *args: shown.append(args))
    reporter.install()
    return reporter, shown


def test_an_error_in_a_slot_keeps_the_draft_and_logs_the_trace(qtbot, window, monkeypatch):
    window.articles.select_row(0)
    commit_text(window.editor.body, "崩溃前写的一段")
    reporter, shown = _reporter(window, monkeypatch)
    try:
        QTimer.singleShot(0, _boom)  # raised inside the event loop, as a slot would
        qtbot.waitUntil(lambda: bool(shown), timeout=3000)
    finally:
        reporter.uninstall()
    assert reporter.last_draft == "site"
    draft = window.workspace.drafts.get(f"article:{window.editor.article_id}")
    assert "崩溃前写的一段" in draft.fields["body"]
    trace = log_path().read_text(encoding="utf-8")
    assert "RuntimeError" in trace and "_boom" in trace
    assert "s3cret" not in trace and "editor:***@" in trace


def test_when_the_site_cannot_take_the_draft_it_goes_to_a_file(qtbot, window, monkeypatch):
    window.articles.select_row(0)
    commit_text(window.editor.body, "站点写不进去")

    def busy(*_args, **_kwargs):
        raise SiteBusyError(window.workspace.location, 10)

    monkeypatch.setattr(window.workspace.drafts, "save", busy)
    reporter, shown = _reporter(window, monkeypatch)
    try:
        reporter.handle(RuntimeError, RuntimeError("x"), None)
    finally:
        reporter.uninstall()
    kept = json.loads(open(reporter.last_draft, encoding="utf-8").read())
    assert kept["article_id"] == window.editor.article_id
    assert "站点写不进去" in kept["fields"]["body"]
    assert shown


def test_a_user_error_that_slipped_through_is_shown_as_its_message(window, monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    reporter = CrashReporter(SimpleNamespace(window=window))
    error = SiteBusyError(window.workspace.location, 10)
    reporter.handle(SiteBusyError, error, None)
    assert said == [str(error)]
    assert reporter.last_log is None


def test_the_report_dialog_speaks_the_ui_language(qtbot, window):
    from editor.ui.i18n import install_language

    reporter = CrashReporter(SimpleNamespace(window=window))
    texts = {}
    for language in ("zh_CN", "en"):
        install_language(language)
        QTimer.singleShot(50, lambda: reporter.dialog.done(0))
        reporter.last_log = log_path()
        reporter.show(window, RuntimeError, RuntimeError("x"), None)
        texts[language] = reporter.dialog.text()
    install_language("zh_CN")
    assert "意外错误" in texts["zh_CN"] and str(log_path()) in texts["zh_CN"]
    assert "unexpected error" in texts["en"] and str(log_path()) in texts["en"]


def test_an_error_in_a_worker_thread_is_reported_in_the_gui_thread(qtbot, window, monkeypatch):
    from PySide6.QtCore import QThread

    reporter = CrashReporter(SimpleNamespace(window=window))
    threads = []
    monkeypatch.setattr(reporter, "show", lambda *args: threads.append(QThread.currentThread()))
    reporter.install()

    class Worker(QThread):
        def run(self) -> None:
            _boom()

    worker = Worker()
    try:
        worker.start()
        qtbot.waitUntil(lambda: bool(threads), timeout=5000)
    finally:
        worker.wait()
        reporter.uninstall()
    assert threads == [window.thread()]
    assert "RuntimeError" in log_path().read_text(encoding="utf-8")
