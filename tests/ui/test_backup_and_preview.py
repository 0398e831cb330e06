"""Backup and restore from the File menu; the preview keeps its scroll position and says
when the render (not the empty page) has loaded."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QFileDialog, QMessageBox

from editor.workspace import Workspace
from tests.ui.helpers import commit_text, page_text


def test_backup_then_restore_through_the_menu(qtbot, window, tmp_path, monkeypatch):
    ws = window.workspace
    location = ws.target.location
    backup_file = tmp_path / "site.backup"
    told = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(backup_file), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    window.actions["backup"].trigger()
    assert backup_file.stat().st_size > 0 and told

    window.articles.select_row(0)
    article_id = window.editor.article_id
    original_title = window.editor.title.text()
    commit_text(window.editor.title, "备份之后改的标题")
    assert window.save_article()

    reopened = []
    window.siteOpenRequested.connect(reopened.append)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(backup_file), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.actions["restore"].trigger()
    assert reopened == [location]
    with Workspace.open(location) as restored:
        assert restored.articles.get(article_id).title == original_title


def _page_has(qtbot, view, text: str) -> bool:
    return text in page_text(qtbot, view)


def test_preview_keeps_its_scroll_position(qtbot, window):
    window.actions["show_preview"].setChecked(True)  # hidden by default in rich mode
    window.articles.select_row(0)
    view = window.preview.view
    long_body = "\n\n".join(f"第{n}段:社区食堂的故事继续。" * 3 for n in range(80))
    window.editor.body.setPlainText(long_body)
    window.preview.refresh_now()
    qtbot.waitUntil(lambda: _page_has(qtbot, view, "第79段"), timeout=10000)
    view.page().runJavaScript("window.scrollTo(0, 1500);")
    qtbot.waitUntil(lambda: view.page().scrollPosition().y() > 100, timeout=5000)
    qtbot.wait(100)
    kept = view.page().scrollPosition().y()
    commit_text(window.editor.body, "新的一句")
    window.preview.refresh_now()
    qtbot.waitUntil(lambda: _page_has(qtbot, view, "新的一句"), timeout=10000)
    qtbot.waitUntil(lambda: abs(view.page().scrollPosition().y() - kept) < 5, timeout=5000)


def test_rendered_waits_for_the_render_not_the_empty_page(qtbot, window):
    """The empty page ('未打开文章') finishing loading while a render runs is not the render."""
    preview = window.preview
    window.actions["show_preview"].setChecked(True)
    window.articles.select_row(0)
    with qtbot.waitSignal(preview.rendered, timeout=10000):
        preview.refresh_now()
    fields = window.editor.fields()
    fast = preview.renderer
    empty_page_loaded = threading.Event()

    def slow(values):
        empty_page_loaded.wait(10)  # the render ends only after the empty page has loaded
        return fast(values)

    preview.renderer = slow
    preview.view.loadFinished.connect(lambda ok: empty_page_loaded.set())
    signals = []
    preview.rendered.connect(lambda: signals.append(preview.render_count))
    preview.show_fields(None, immediately=True)
    preview.show_fields(fields, immediately=True)
    with qtbot.waitSignal(preview.rendered, timeout=15000):
        pass
    assert empty_page_loaded.is_set()
    assert len(signals) == 1  # once, for the render
    assert _page_has(qtbot, preview.view, fields["title"])
