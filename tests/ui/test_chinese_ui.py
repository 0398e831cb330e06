"""Chinese conventions in the window: full-width punctuation in what it shows, no “new
article” line without an article, people in pinyin order."""

from __future__ import annotations

import re

from editor.ui.dialogs.lists_dialog import ListManagerDialog

HALF_WIDTH = re.compile(r"[\u4e00-\u9fff] *[,():;?!]|[,():;?!] *[\u4e00-\u9fff]")


def test_no_article_line_punctuation_and_pinyin_order(qtbot, window):
    ws = window.workspace
    assert not window.editor.isEnabled()
    assert window.editor.state_label.text() == ""  # nothing open: no “新文章，尚未保存”

    window.new_article()
    assert window.editor.state_label.text() == "新文章，尚未保存"
    assert window.editor.subtitle.placeholderText() == "副标题（可选）"
    shown = [window.editor.state_label.text(), window.editor.subtitle.placeholderText()]
    shown += [window.counts_label.text(), window.site_label.text()]
    shown += [window.tree_model.index(0, 0).data()]
    assert [text for text in shown if HALF_WIDTH.search(text or "")] == []

    with ws.edit():
        for name in ("王岚", "黄雪松", "安娜", "李明", "周德文"):
            ws.people.ensure(name, "reporter")
    dialog = ListManagerDialog(ws, "people", window)
    qtbot.addWidget(dialog)
    names = [dialog.list.item(row).text() for row in range(dialog.list.count())]
    wanted = ["安娜", "黄雪松", "李明", "王岚", "周德文"]
    assert [name for name in names if name in wanted] == wanted
