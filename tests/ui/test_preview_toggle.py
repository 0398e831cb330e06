"""The preview pane can be switched off (F6, 视图 → 预览, its own close button). While it is
off it holds no web view (no QtWebEngine renderer process) and renders nothing; in 所见即所得
mode it starts off, in source mode on, and the editor's choice is remembered."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent

from editor.ui import settings
from editor.ui.main_window import MainWindow
from editor.ui.preview import KEY_SHOW_PREVIEW
from tests.ui.helpers import dispose_window, page_text


def _counting_renderer(window) -> list[int]:
    calls: list[int] = []
    render = window.preview.renderer

    def counted(fields):
        calls.append(1)
        return render(fields)

    window.preview.renderer = counted
    return calls


def test_rich_mode_starts_without_a_preview_view_and_renders_nothing(qtbot, window):
    assert window.editor.body.mode == "rich"
    assert not window.actions["show_preview"].isChecked()
    assert window.preview.view is None and window.preview.isHidden()
    calls = _counting_renderer(window)
    window.articles.select_row(0)
    window.refresh_preview()
    window.preview.refresh_now()
    window.preview.warm_up()
    qtbot.wait(400)
    assert calls == [] and window.preview.render_count == 0


def test_switching_on_renders_the_open_article_and_off_releases_the_view(qtbot, window):
    window.articles.select_row(0)
    title = window.editor.title.text()
    with qtbot.waitSignal(window.preview.rendered, timeout=10000):
        window.actions["show_preview"].trigger()  # as the menu or F6 does
    assert not window.preview.isHidden()
    assert title in page_text(qtbot, window.preview.view)
    assert settings.value(KEY_SHOW_PREVIEW) in (True, "true")

    view = window.preview.view
    window.preview.close_button.click()  # the pane's own close button
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert window.preview.view is None and window.preview.isHidden()
    assert not shiboken6.isValid(view)  # the web view and its page are gone
    assert not window.actions["show_preview"].isChecked()
    assert settings.value(KEY_SHOW_PREVIEW) in (False, "false")

    calls = _counting_renderer(window)
    window.editor.title.setText("关掉预览以后")
    qtbot.wait(400)
    assert calls == []  # typing renders nothing while the pane is off

    with qtbot.waitSignal(window.preview.rendered, timeout=10000):
        window.actions["show_preview"].trigger()
    assert "关掉预览以后" in page_text(qtbot, window.preview.view)  # the latest fields


def test_the_choice_is_remembered_by_the_next_window(qtbot, window, ui_workspace):
    window.actions["show_preview"].trigger()
    again = MainWindow(ui_workspace)
    again.drafts_offered = True
    try:
        assert again.actions["show_preview"].isChecked()
        assert again.preview.view is not None
    finally:
        dispose_window(again)


def test_source_mode_starts_with_the_preview_on(qtbot, ui_workspace):
    settings.set_value("editor/body_mode", "source")
    win = MainWindow(ui_workspace)
    win.drafts_offered = True
    try:
        assert win.actions["show_preview"].isChecked()
        assert win.preview.view is not None
    finally:
        dispose_window(win)


def test_dragging_the_preview_shut_switches_it_off_and_it_comes_back_with_room(qtbot, window):
    window.actions["show_preview"].trigger()
    assert window.preview.active
    handle = window.right.handle(1)
    window.right.moveSplitter(window.right.width(), 1)  # as dragging the handle to the edge
    assert handle is not None and window.right.sizes()[1] == 0
    assert not window.preview.active and not window.actions["show_preview"].isChecked()
    assert settings.value(KEY_SHOW_PREVIEW) in (False, "false")
    window.actions["show_preview"].trigger()
    assert window.preview.active and window.right.sizes()[1] > 0
