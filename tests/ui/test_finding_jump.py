"""Each finding of the checks jumps to its place in the article editor — the body in 所见即所得
and in source mode, the title, the fields on the 稿件信息 tab — and applies its fix as an edit
that can be undone; the review panel's 定位 and 修正 buttons lead there."""

from __future__ import annotations

import pytest

from editor.ui.body_editor import RICH, SOURCE
from editor.ui.finding_jump import FindingNavigator

BODY = (
    "## 施工进展\n\n工人为**新楼**按装电梯，详见[公告](http://example.cn/a)。\n\n"
    "第二段也提到按装一事...完毕。"
)


def _open(window, body: str = BODY, mode: str = RICH, **fields):
    ws = window.workspace
    with ws.edit():
        article = ws.articles.create(
            {"title": "电梯工程进展。", "section": 1, "body": body, **fields}
        )
    window.editor.body.set_mode(mode, remember=False)
    window.open_article(article.id, force=True)
    if mode == RICH:
        assert window.editor.body.wait_rich()
    findings = ws.checks.article(article.id)
    return article.id, {(f.rule, f.start): f for f in findings}, FindingNavigator(window.editor)


def _typos(found):
    return [
        f
        for (rule, _), f in sorted(found.items(), key=lambda i: i[0][1] or 0)
        if rule == "words.typo"
    ]


@pytest.mark.parametrize("mode", [RICH, SOURCE])
def test_a_body_finding_is_selected_in_either_mode(window, mode):
    _, found, navigator = _open(window, mode=mode)
    first, second = _typos(found)
    body = window.editor.body
    assert navigator.locate(second)
    assert window.editor.tabs.currentIndex() == 0
    if mode == RICH:
        assert body.rich.evaluate("NewsdeskEditor.selectedText()") == "按装"
    else:
        cursor = body.source.textCursor()
        assert cursor.selectedText() == "按装"
        assert cursor.selectionStart() == BODY.index("按装", BODY.index("第二段"))
    link = next(f for (rule, _), f in found.items() if rule == "links.http")
    assert navigator.locate(link)  # rich mode shows the link's words, source mode its address
    if mode == SOURCE:
        assert body.source.textCursor().selectedText() == "http://"


@pytest.mark.parametrize("mode", [RICH, SOURCE])
def test_a_fix_is_applied_as_one_undoable_edit(window, mode):
    _, found, navigator = _open(window, mode=mode)
    body = window.editor.body
    first, _ = _typos(found)
    assert navigator.apply(first)
    expected = BODY.replace("按装", "安装", 1)
    if mode == RICH:
        assert body.wait_rich()
    assert body.toPlainText().rstrip("\n") == expected
    assert window.editor.is_dirty
    if mode == SOURCE:
        assert body.source.textCursor().selectedText() == "安装"
        body.source.undo()
        assert body.toPlainText() == BODY
        assert navigator.apply(first) and body.toPlainText() == expected
    ellipsis = next(f for (rule, _), f in found.items() if rule == "punct.ellipsis")
    assert navigator.apply(ellipsis)
    if mode == RICH:
        assert body.wait_rich()
    assert "……完毕" in body.toPlainText()


def test_title_and_detail_fields_are_shown_and_fixed(window):
    ws = window.workspace
    from tests.review.helpers import add_people

    add_people(ws)
    _, found, navigator = _open(window, body="正文。", mode=SOURCE, responsible_editor="路人甲")
    period = found[("title.period", len("电梯工程进展。") - 1)]
    assert navigator.locate(period)
    assert window.editor.title.selectedText() == "。"
    assert navigator.apply(period)
    assert window.editor.title.text() == "电梯工程进展"
    window.editor.title.undo()
    assert window.editor.title.text() == "电梯工程进展。"
    editor = next(f for (rule, _), f in found.items() if rule == "fields.editor")
    assert navigator.locate(editor) and not navigator.can_fix(editor)
    assert window.editor.tabs.currentIndex() == 1
    assert window.editor.responsible_editor.selectedText() == "路人甲"


def _panel_on(qtbot, window, article_id):
    from editor.ui.dialogs.review_dialog import ReviewDialog
    from editor.ui.finding_jump import WindowFindings

    panel = ReviewDialog(window, window.workspace, article_id, "rep", WindowFindings(window))
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.task is not None and panel.task.isFinished(), timeout=10000)
    qtbot.waitUntil(lambda: bool(panel.findings), timeout=5000)
    return panel


def _choose(panel, rule: str) -> None:
    row = next(i for i, f in enumerate(panel.findings) if f.rule == rule)
    panel.checks.setCurrentRow(row)


@pytest.mark.parametrize("mode", [RICH, SOURCE])
def test_the_review_panel_fixes_a_finding_in_the_editor_and_saves(qtbot, window, mode):
    from tests.review.helpers import add_people

    add_people(window.workspace)
    article_id, _, _ = _open(window, mode=mode)
    panel = _panel_on(qtbot, window, article_id)
    _choose(panel, "punct.ellipsis")
    assert panel.fix_button.isEnabled() and panel.jump_button.isEnabled()
    before = panel.findings
    panel.fix_button.click()
    stored = window.workspace.articles.get(article_id).body
    assert "一事……完毕" in stored and "..." not in stored
    assert not window.editor.is_dirty
    qtbot.waitUntil(lambda: panel.findings is not before, timeout=10000)
    assert "punct.ellipsis" not in {f.rule for f in panel.findings}
    _choose(panel, "links.http")
    assert panel.jump_button.isEnabled() and panel.fix_button.isEnabled()


def test_jumping_from_the_review_panel_closes_it_and_selects_the_place(qtbot, window):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from editor.ui.dialogs.review_dialog import ReviewDialog
    from tests.review.helpers import add_people

    add_people(window.workspace)
    article_id, _, _ = _open(window, mode=SOURCE)
    window.review_user = "rep"
    seen = []

    def jump_in_the_panel():
        panel = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ReviewDialog))
        qtbot.waitUntil(lambda: bool(panel.findings), timeout=10000)
        rows = [i for i, f in enumerate(panel.findings) if f.rule == "words.typo"]
        panel.checks.setCurrentRow(rows[1])
        seen.append(panel.findings[rows[1]])
        panel.jump_button.click()

    QTimer.singleShot(300, jump_in_the_panel)
    window.show_review()  # returns when the panel closes
    assert seen and window.editor.article_id == article_id
    cursor = window.editor.body.source.textCursor()
    assert cursor.selectedText() == "按装"
    assert cursor.selectionStart() == BODY.index("按装", BODY.index("第二段"))


@pytest.mark.parametrize("mode", [RICH, SOURCE])
def test_the_status_bar_lists_the_findings_of_a_save_and_jumps_and_fixes(qtbot, window, mode):
    article_id, _, _ = _open(window, mode=mode)
    button = window.findings_button
    assert button.isHidden()  # nothing saved yet in this session
    window.editor.title.setText("电梯工程进展。")
    window.editor._changed()
    assert window.save_article()  # the checks run off the GUI thread; their result follows
    qtbot.waitUntil(lambda: button.isVisible(), timeout=10000)
    assert button.text().startswith("检查：✖")
    texts = [a.text() for a in button.menu().actions()]
    assert any("按装" in t for t in texts) and any("修正为“安装”" in t for t in texts)
    second = [f for f in button.findings if f.rule == "words.typo"][1]
    assert button.locate(second)
    if mode == SOURCE:
        assert window.editor.body.source.textCursor().selectedText() == "按装"
    else:
        assert window.editor.body.rich.evaluate("NewsdeskEditor.selectedText()") == "按装"
    before = button.findings
    assert button.fix(second)  # applied and saved; the save checks again
    stored = window.workspace.articles.get(article_id).body
    assert stored.count("按装") == 1 and "提到安装一事" in stored
    qtbot.waitUntil(lambda: button.findings is not before, timeout=10000)
    assert len([f for f in button.findings if f.rule == "words.typo"]) == 1
    window.open_article(window.workspace.articles.list()[0].id, force=True)
    assert button.isHidden() and button.findings == []


def test_a_word_in_a_caption_does_not_shift_the_occurrence_selected(window, tmp_path):
    from PIL import Image

    picture = tmp_path / "lift.png"
    Image.new("RGB", (8, 8), "red").save(picture)
    with window.workspace.edit():
        asset = window.workspace.media.add(picture.read_bytes(), "lift.png", "电梯")
    body = f'![电梯](asset:{asset.sha256[:12]} "工人按装电梯")\n\n第二段写着按装一事。'
    _, found, navigator = _open(window, body=body, mode=RICH)
    (typo,) = _typos(found)  # the caption is not checked
    assert navigator.locate(typo)
    rich = window.editor.body.rich
    assert rich.evaluate("NewsdeskEditor.selectedText()") == "按装"
    assert rich.evaluate(
        "window.getSelection().anchorNode.parentElement.closest('figcaption') === null"
    )
