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
    rich = getattr(widget, "mode", None) == "rich"  # the body editor in 所见即所得 mode
    if rich:
        if not widget.isVisible():  # a web view takes input only when it is on screen
            widget.window().show()
            QApplication.processEvents()
        widget.setFocus()
        widget.wait_rich()
        before = widget.toPlainText()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)
    if rich:
        wait_body_change(widget, before)


def wait_body_change(body, before: str, timeout_ms: int = 5000) -> str:
    """Let the rich body editor report its edit: the event loop runs until its text is no
    longer `before` (the page answers asynchronously). Returns the new text."""
    from PySide6.QtCore import QCoreApplication, QElapsedTimer

    clock = QElapsedTimer()
    clock.start()
    while body.toPlainText() == before and clock.elapsed() < timeout_ms:
        QCoreApplication.processEvents()
    text = body.toPlainText()
    assert text != before, "the rich editor did not report the edit"
    return text


def page_text(qtbot, view) -> str:
    """The plain text of the page a web view shows (asked for, then waited for)."""
    result = {}
    view.page().toPlainText(lambda text: result.setdefault("text", text))
    qtbot.waitUntil(lambda: "text" in result, timeout=5000)
    return result["text"]
