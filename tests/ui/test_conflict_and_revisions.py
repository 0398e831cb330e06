"""A save that conflicts with another workstation's save; revision history and restore."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from editor.ui.dialogs.conflict_dialog import ConflictDialog
from editor.ui.dialogs.revisions_dialog import RevisionsDialog
from tests.ui.helpers import commit_text


@pytest.fixture
def conflicted(window):
    """The window has article 0 open with an edit; another editor saved it meanwhile."""
    ws = window.workspace
    window.articles.select_row(0)
    article_id = window.editor.article_id
    theirs = ws.articles.fields_of(article_id)
    with ws.edit():
        ws.articles.update(
            article_id,
            {"body": "对方编辑保存的正文"},
            theirs["version"],
            author="王编辑@另一台电脑",
        )
    commit_text(window.editor.body, "我的补充")
    return window, article_id


def _answer(monkeypatch, choice: str, merged: str | None = None):
    seen = {}

    def exec_(dialog):
        seen["dialog"] = dialog
        seen["mine"] = dialog.mine.toPlainText()
        seen["theirs"] = dialog.theirs.toPlainText()
        if merged is not None:
            dialog._start_merge()
            dialog.merge.setPlainText(merged)
        dialog._choose(choice)
        return 1

    monkeypatch.setattr(ConflictDialog, "exec", exec_)
    return seen


def test_conflict_shows_both_and_keeps_mine(conflicted, monkeypatch):
    window, article_id = conflicted
    ws = window.workspace
    seen = _answer(monkeypatch, "mine")
    assert window.save_article()
    assert "我的补充" in seen["mine"] and "对方编辑保存的正文" in seen["theirs"]
    saved = ws.articles.fields_of(article_id)
    assert "我的补充" in saved["body"]
    assert saved["version"] == window.editor.base_version == 3
    assert not [d for d in ws.drafts.pending(kind=None) if d.kind == "conflict"]


def test_conflict_keep_theirs(conflicted, monkeypatch):
    window, article_id = conflicted
    _answer(monkeypatch, "theirs")
    assert window.save_article()
    assert window.editor.body.toPlainText() == "对方编辑保存的正文"
    assert not window.editor.is_dirty


def test_conflict_merge_by_hand(conflicted, monkeypatch):
    window, article_id = conflicted
    _answer(monkeypatch, "merge", merged="对方编辑保存的正文\n\n我的补充")
    assert not window.save_article()  # the merge goes into the editor to be checked
    assert window.editor.body.toPlainText() == "对方编辑保存的正文\n\n我的补充"
    assert window.editor.base_version == 2
    assert window.save_article()
    assert window.workspace.articles.fields_of(article_id)["body"].endswith("我的补充")


def test_conflict_decide_later_keeps_the_draft(conflicted, monkeypatch):
    window, article_id = conflicted
    monkeypatch.setattr(ConflictDialog, "exec", lambda dialog: 0)
    assert not window.save_article()
    assert window.editor.is_dirty
    kept = [d for d in window.workspace.drafts.pending(kind=None) if d.kind == "conflict"]
    assert kept and "我的补充" in kept[0].fields["body"]


def test_revisions_dialog_diffs_and_restores(qtbot, window, monkeypatch):
    ws = window.workspace
    window.articles.select_row(0)
    article_id = window.editor.article_id
    original = window.editor.body.toPlainText()
    commit_text(window.editor.body, "第二版新增")
    assert window.save_article()
    dialog = RevisionsDialog(ws, article_id)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 2).text() == "tester"
    assert dialog.selected_version() == 1
    assert "第二版新增" in dialog.diff.toPlainText()

    def restore_first(d):
        d.table.selectRow(1)
        d._restore()
        return 1

    monkeypatch.setattr(RevisionsDialog, "exec", restore_first)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.editor.revisions_button.click()
    assert ws.articles.fields_of(article_id)["body"] == original
    assert window.editor.body.toPlainText() == original
    assert ws.articles.get(article_id).version == 3


def test_conflict_texts_mark_what_differs():
    from editor.ui.dialogs.conflict_dialog import MINE_COLOUR, THEIRS_COLOUR, highlighted

    mine, theirs = highlighted("第一段\n老人吃饭\n我的补充\n", "第一段\n长者吃饭\n")
    assert f'background:{MINE_COLOUR}">老人<' in mine
    assert f'background:{THEIRS_COLOUR}">长者<' in theirs
    assert f'background:{MINE_COLOUR}">我的补充' in mine
    assert "第一段" in mine and "background" not in mine.split("老人")[0].split("第一段")[0]
