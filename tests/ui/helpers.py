"""Helpers for GUI tests: Chinese input, the text of a web view, disposing of main windows."""

from __future__ import annotations


def dispose_window(win) -> None:
    """Close and delete a main window now, so its web page goes before the application."""
    from PySide6.QtCore import QCoreApplication, QEvent

    win.editor.mark_clean()
    win.close()
    win.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def commit_text(widget, text: str) -> None:
    """Type Chinese the way an input method does: a QInputMethodEvent with a commit string."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def page_text(qtbot, view) -> str:
    """The plain text of the page a web view shows (asked for, then waited for)."""
    result = {}
    view.page().toPlainText(lambda text: result.setdefault("text", text))
    qtbot.waitUntil(lambda: "text" in result, timeout=5000)
    return result["text"]
