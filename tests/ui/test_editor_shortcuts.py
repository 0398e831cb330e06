"""Shortcuts pressed in the body editor reach the body's own actions: no window action
shares a key with them (Qt runs neither of two actions with the same key)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from tests.ui.helpers import wait_body_change

SHIFT_CTRL = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_no_window_shortcut_shadows_an_editor_shortcut(window):
    editor_keys = {
        action.shortcut().toString()
        for action in [*window.editor.format_actions.values(), window.editor.body.mode_action]
        if not action.shortcut().isEmpty()
    }
    window_keys = {
        action.shortcut().toString(): name
        for name, action in window.actions.items()
        if not action.shortcut().isEmpty()
        and action.shortcutContext() == Qt.ShortcutContext.WindowShortcut
    }
    assert not editor_keys & set(window_keys), {
        k: window_keys[k] for k in editor_keys & set(window_keys)
    }
    assert window.actions["browser_preview"].shortcut() == QKeySequence("F12")


def test_ctrl_shift_m_switches_modes_in_the_body_and_moves_from_the_list(
    qtbot, window, monkeypatch
):
    moved = []
    monkeypatch.setattr(window, "move_articles", lambda ids: moved.append(ids))
    window.articles.select_row(0)
    body = window.editor.body
    assert body.wait_rich()
    body.rich.focusProxy().setFocus()
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_M, SHIFT_CTRL)
    assert body.mode == "source" and moved == []
    qtbot.keyClick(body.source, Qt.Key.Key_M, SHIFT_CTRL)
    assert body.mode == "rich" and body.wait_rich()

    window.articles.table.setFocus()
    qtbot.keyClick(window.articles.table, Qt.Key.Key_M, SHIFT_CTRL)
    assert moved == [[window.articles.current_id()]]


def test_ctrl_shift_b_in_the_body_inserts_a_box(qtbot, window, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    window.articles.select_row(0)
    body = window.editor.body
    assert body.wait_rich()
    body.rich.focusProxy().setFocus()
    before = body.toPlainText()
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_B, SHIFT_CTRL)
    after = wait_body_change(body, before)
    assert after.count(":::box") == before.count(":::box") + 1  # a new box
    assert opened == []  # not the browser preview
