"""The rich editor's page has its JavaScript garbage collected a moment after work in it
(a body shown, a command, an edit): QtWebEngine's V8 never shrinks its heap by itself, so
every article shown would stay in the renderer. The GUI tests' engine has no gc(); a stand-in
counts the collections."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QElapsedTimer

from editor.ui import rich_editor
from editor.ui.body_editor import RICH, BodyEditor
from tests.ui.helpers import commit_text, wait_body_change

COUNT = "window.__collections || 0"


@pytest.fixture
def body(qtbot, monkeypatch):
    monkeypatch.setattr(rich_editor, "COLLECT_AFTER_MS", 50)
    widget = BodyEditor(mode=RICH)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    assert widget.rich.wait_ready()
    widget.rich.evaluate(
        "window.gc = () => { window.__collections = (window.__collections || 0) + 1 }"
    )
    return widget


def collections(body: BodyEditor) -> int:
    """The stand-in's count, read straight from the page (RichEditorView.evaluate would
    count as work in the page and bring on a collection of its own)."""
    box: list = []
    body.rich.page().runJavaScript(COUNT, 0, box.append)
    clock = QElapsedTimer()
    clock.start()
    while not box and clock.elapsed() < 5000:
        QCoreApplication.processEvents()
    assert box, "the page did not answer"
    return int(box[0])


def test_showing_a_body_is_followed_by_one_collection(body, qtbot):
    qtbot.waitUntil(lambda: not body.rich._collect_timer.isActive(), timeout=5000)
    before = collections(body)
    body.setPlainText("## 小标题\n\n　　正文第一段。\n")
    assert body.wait_rich()
    qtbot.waitUntil(lambda: collections(body) == before + 1, timeout=5000)
    qtbot.wait(200)
    assert collections(body) == before + 1  # once, not again and again while idle


def test_an_edit_is_followed_by_a_collection(body, qtbot):
    body.setPlainText("　　正文。\n")
    assert body.wait_rich()
    body.setFocus()
    body.rich.evaluate("NewsdeskEditor.select('正文', 'end')")
    qtbot.waitUntil(lambda: not body.rich._collect_timer.isActive(), timeout=5000)
    before = collections(body)
    previous = body.toPlainText()
    commit_text(body, "新")
    wait_body_change(body, previous)
    assert "新" in body.toPlainText()
    qtbot.waitUntil(lambda: collections(body) > before, timeout=5000)


def test_work_goes_on_and_collections_keep_coming(body, qtbot):
    """A collection COLLECT_AFTER_MS after the first work since the last one, not only when
    the editor falls idle."""
    before = collections(body)
    for n in range(12):
        body.setPlainText(f"　　第{n}段。\n")
        qtbot.wait(20)
    assert body.wait_rich()
    assert collections(body) - before >= 2  # while loading went on, not only after it
