"""Helpers for GUI tests: Chinese input and disposing of main windows."""

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
