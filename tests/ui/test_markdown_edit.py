"""The Markdown body editor: formatting commands, find and replace, clean paste."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QImage, QTextCursor

from editor.ui.markdown_edit import FindReplaceBar, MarkdownEdit


@pytest.fixture
def edit(qtbot):
    widget = MarkdownEdit()
    qtbot.addWidget(widget)
    return widget


def _select(edit, start: int, end: int) -> None:
    cursor = edit.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    edit.setTextCursor(cursor)


def test_bold_italic_wrap_the_selection(edit):
    edit.setPlainText("成都日报记者报道")
    _select(edit, 0, 4)
    edit.make_bold()
    assert edit.toPlainText() == "**成都日报**记者报道"
    edit.setPlainText("")
    edit.make_italic()
    assert edit.toPlainText() == "*斜体文字*"
    assert edit.textCursor().selectedText() == "斜体文字"  # ready to type over


def test_line_prefixes_toggle(edit):
    edit.setPlainText("第一段\n第二段")
    _select(edit, 0, len(edit.toPlainText()))
    edit.make_heading()
    assert edit.toPlainText() == "## 第一段\n## 第二段"
    _select(edit, 0, len(edit.toPlainText()))
    edit.make_heading()
    assert edit.toPlainText() == "第一段\n第二段"
    _select(edit, 0, len(edit.toPlainText()))
    edit.make_numbers()
    assert edit.toPlainText() == "1. 第一段\n2. 第二段"
    _select(edit, 0, len(edit.toPlainText()))
    edit.make_quote()
    assert edit.toPlainText() == "> 第一段\n> 第二段"


def test_blocks_box_table_rule_link(edit):
    edit.setPlainText("正文")
    edit.moveCursor(QTextCursor.MoveOperation.End)
    edit.insert_box()
    assert ":::box 新闻拓展\n拓展内容\n:::" in edit.toPlainText()
    assert edit.textCursor().selectedText() == "拓展内容"
    edit.moveCursor(QTextCursor.MoveOperation.End)
    edit.insert_table()
    assert "| --- | --- |" in edit.toPlainText()
    edit.moveCursor(QTextCursor.MoveOperation.End)
    edit.insert_rule()
    assert "\n---\n" in edit.toPlainText()
    edit.setPlainText("儒经网")
    _select(edit, 0, 3)
    edit.insert_link()
    assert edit.toPlainText() == "[儒经网](https://)"
    assert edit.textCursor().selectedText() == "https://"


def test_find_and_replace(qtbot, edit):
    bar = FindReplaceBar(edit)
    qtbot.addWidget(bar)
    edit.setPlainText("成都 上海 成都 北京 成都")
    bar.find_text.setText("成都")
    assert bar.find_next()
    assert edit.textCursor().selectedText() == "成都"
    bar.replace_text.setText("蓉城")
    bar.replace_one()
    assert edit.toPlainText().startswith("蓉城 上海")
    assert bar.replace_all() == 2
    assert edit.toPlainText() == "蓉城 上海 蓉城 北京 蓉城"
    edit.document().undo()  # one undo step for "replace all"
    assert edit.toPlainText() == "蓉城 上海 成都 北京 成都"
    bar.find_text.setText("不存在")
    assert not bar.find_next()


def test_pasting_html_inserts_markdown(edit):
    mime = QMimeData()
    mime.setHtml(
        "<html><body><h2>小标题</h2><p>这是<b>重点</b>内容。</p>"
        "<p><span style='color:red'>第二段</span></p></body></html>"
    )
    mime.setText("小标题 这是重点内容。 第二段")
    edit.insertFromMimeData(mime)
    text = edit.toPlainText()
    assert "## 小标题" in text
    assert "**重点**" in text
    assert "<span" not in text and "color" not in text


class _Media:
    def __init__(self, ws):
        self.ws = ws

    def add(self, data, name="", alt=""):
        return self.ws.media.add(data, name, alt)


def _png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def test_pasting_or_dropping_an_image_stores_an_asset(edit, ui_workspace, tmp_path):
    edit.media = ui_workspace.media
    mime = QMimeData()
    mime.setImageData(QImage.fromData(_png_bytes()))
    edit.insertFromMimeData(mime)
    text = edit.toPlainText()
    assert "![](asset:" in text
    sha = text.split("asset:")[1].split(")")[0]
    assert ui_workspace.media.get(sha).width == 8
    path = tmp_path / "photo.png"
    path.write_bytes(_png_bytes())
    dropped = QMimeData()
    dropped.setUrls([QUrl.fromLocalFile(str(path))])
    edit.insertFromMimeData(dropped)
    assert edit.toPlainText().count("![](asset:") == 2


def test_an_svg_with_a_script_is_refused_with_a_message(edit, ui_workspace, tmp_path, monkeypatch):
    from editor.ui import markdown_edit

    shown = []
    monkeypatch.setattr(
        markdown_edit.QMessageBox, "warning", lambda *args: shown.append(args[2]) or 0
    )
    edit.media = ui_workspace.media
    edit.setPlainText("正文")
    path = tmp_path / "logo.svg"
    path.write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    assert edit.insert_image_file(path) is False
    assert edit.toPlainText() == "正文"
    assert len(shown) == 1 and "SVG" in shown[0]


def test_highlighter_marks_box_body(edit):
    edit.setPlainText(":::box 新闻拓展\n内容\n:::\n正文")
    doc = edit.document()
    assert doc.findBlockByNumber(1).userState() == 1
    assert doc.findBlockByNumber(3).userState() == 0
