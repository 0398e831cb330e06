"""The 新闻拓展 box's title is edited in place in 所见即所得 mode: typed through an input method
(no pinyin stored), cleared, Enter going on into the box, and the page showing the new title."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from editor.publish.markdown import render_markdown
from editor.ui.body_editor import RICH, BodyEditor
from tests.ui.helpers import wait_body_change
from tests.ui.test_rich_editor import assert_no_pinyin, compose, load, spin

BOX = "导语。\n\n:::box 新闻拓展\n框内文字。\n:::\n"


@pytest.fixture
def body(qtbot):
    """A body editor in 所见即所得 mode, shown (a web view takes input only on screen)."""
    widget = BodyEditor(mode=RICH)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def focus_title(body, select_all: bool = True) -> None:
    """Put the keyboard in the first box's title field (all of it selected)."""
    script = (
        "(() => { const f = document.querySelector('aside.news-box input.news-box-title');"
        f" if (!f) return false; f.focus(); {'f.select();' if select_all else ''}"
        " return document.activeElement === f })()"
    )
    assert body.rich.evaluate(script), "the box shows no title field"
    spin(50)


def shown_title(body) -> str:
    return body.rich.evaluate("document.querySelector('input.news-box-title').value")


def test_the_box_shows_its_title_in_an_editable_field(body):
    load(body, BOX)
    assert shown_title(body) == "新闻拓展"
    assert body.rich.evaluate(
        "document.querySelector('input.news-box-title').closest('[contenteditable=false]') !== null"
    )  # a field of its own, outside the document's text


def test_typing_a_title_through_an_input_method_stores_no_pinyin(body):
    load(body, BOX)
    focus_title(body)
    seen = compose(body, commit="背景资料")
    for text in seen:
        assert_no_pinyin(text)
        assert text == BOX  # nothing stored while composing
    assert body.toPlainText() == "导语。\n\n:::box 背景资料\n框内文字。\n:::\n"
    assert '<p class="news-box-title">背景资料</p>' in render_markdown(body.toPlainText())


def test_a_cleared_title_is_a_box_without_heading(body, qtbot):
    load(body, BOX)
    focus_title(body)
    before = body.toPlainText()
    qtbot.keyClick(body.rich.focusProxy(), Qt.Key.Key_Backspace)
    assert wait_body_change(body, before) == "导语。\n\n:::box\n框内文字。\n:::\n"
    assert "news-box-title" not in render_markdown(body.toPlainText())


def test_enter_in_the_title_goes_on_into_the_box(body, qtbot):
    load(body, BOX)
    focus_title(body, select_all=False)
    qtbot.keyClick(body.rich.focusProxy(), Qt.Key.Key_Return)
    spin(80)
    compose(body, pinyin=("xin",), commit="新")
    assert body.toPlainText() == "导语。\n\n:::box 新闻拓展\n新框内文字。\n:::\n"


def test_undo_takes_the_title_back(body):
    load(body, BOX)
    focus_title(body)
    compose(body, pinyin=("bei",), commit="背景")
    assert "背景" in body.toPlainText()
    before = body.toPlainText()
    body.rich.command("undo")
    assert wait_body_change(body, before) == BOX
    assert shown_title(body) == "新闻拓展"


def test_undo_right_after_opening_keeps_the_body(body):
    load(body, BOX)
    body.rich.command("undo")
    spin(150)
    assert body.rich.evaluate("NewsdeskEditor.markdown()") == BOX
    assert body.toPlainText() == BOX
