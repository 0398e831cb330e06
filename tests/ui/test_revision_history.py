"""The revision history reads as an editor's account: names, a label per version, fields
and words that changed in colour, a restore that asks first and says what it did."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox

from editor.ui.dialogs.revisions_dialog import ADDED_COLOUR, REMOVED_COLOUR, RevisionsDialog
from tests.ui.helpers import commit_text


def test_revisions_name_label_diff_and_confirmed_restore(qtbot, window, monkeypatch):
    ws = window.workspace
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("网宣王岚", True))
    window.actions["editor_name"].trigger()
    window.new_article()
    commit_text(window.editor.title, "成都与上海交大共建研究平台")
    commit_text(window.editor.body, "成都市与上海交通大学签约共建五个研究平台。")
    assert window.save_article()
    article_id = window.editor.article_id
    window.editor.title.setText("成都和上海交大共建研究平台")
    window.editor.source.setText("四川日报")
    window.editor.body.setPlainText("成都市和上海交通大学签约共建六个研究平台。")
    window.editor.status.setCurrentIndex(window.editor.status.findData("published"))
    assert window.save_article()

    from editor import i18n

    monkeypatch.delenv(i18n.LANGUAGE_ENV)  # messages in the UI language, as the app sets them
    i18n.set_language("zh_CN")
    dialog = RevisionsDialog(ws, article_id, window)
    qtbot.addWidget(dialog)
    rows = [
        [dialog.table.item(row, column).text() for column in range(3)]
        for row in range(dialog.table.rowCount())
    ]
    assert rows == [["2", "发布", "网宣王岚"], ["1", "保存", "网宣王岚"]]
    assert dialog.selected_version() == 1
    html = dialog.diff.toHtml()
    text = dialog.diff.toPlainText()
    assert "来源" in text and "四川日报" in text and "标题" in text
    # the body compared character by character: 与→和, 五→六, the rest unmarked
    assert (
        f"background-color:{REMOVED_COLOUR}" in html and f"background-color:{ADDED_COLOUR}" in html
    )
    assert "成都市" in text and "上海交通大学签约共建" in text
    assert ">" + "和" + "<" in html.replace("</span>", "<") and ">六<" in html.replace(
        "</span>", "<"
    )

    # restore: refused once, then confirmed; a message says what happened
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    asked = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return next(answers)

    monkeypatch.setattr(QMessageBox, "question", question)
    dialog._restore()
    assert dialog.restore_version is None and dialog.result() == 0
    assert "版本 1" in asked[0]

    def run_restore(d):
        d.table.selectRow(1)
        d._restore()
        return d.result()

    monkeypatch.setattr(RevisionsDialog, "exec", run_restore)
    window.show_revisions()
    assert len(asked) == 2
    assert ws.articles.fields_of(article_id)["title"] == "成都与上海交大共建研究平台"
    assert "已恢复版本 1" in window.statusBar().currentMessage()
    kinds = [(r.version, r.kind, r.author) for r in ws.revisions.list(article_id)]
    assert kinds[0] == (3, "restored", "网宣王岚")


def test_a_save_of_a_recovered_draft_is_labelled_so(qtbot, window):
    ws = window.workspace
    article_id = ws.articles.list()[0].id
    fields = ws.articles.fields_of(article_id)
    version = ws.articles.get(article_id).version
    with ws.edit():
        draft = ws.drafts.save(
            ws.drafts.key_for(article_id),
            {**fields, "title": fields["title"] + "（恢复的草稿）"},
            article_id,
            version,
        )
    window.load_draft(draft)
    assert window.save_article()
    newest = ws.revisions.list(article_id)[0]
    assert (newest.version, newest.kind) == (version + 1, "recovered")
    dialog = RevisionsDialog(ws, article_id, window)
    qtbot.addWidget(dialog)
    assert dialog.table.item(0, 1).text() == "自动保存恢复"
    window.editor.title.setText(window.editor.title.text() + "再改")
    assert window.save_article()
    assert ws.revisions.list(article_id)[0].kind == "saved"  # only the save that took it in
