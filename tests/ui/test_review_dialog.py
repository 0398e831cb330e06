"""三审签发 in the GUI: sign in, submit, claim, return with a comment, sign at each level,
override a blocking finding with a reason, the timeline, the 审签单 and the 待审 queue."""

from __future__ import annotations

import os

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from editor.content import users
from editor.ui.dialogs import review_dialog
from editor.ui.dialogs.review_dialog import QueueDialog, ReviewDialog
from tests.conftest import PG_ENV
from tests.review.helpers import PASSWORD, add_people


@pytest.fixture(autouse=True)
def quick_password_hashes(monkeypatch):
    monkeypatch.setattr(users, "_SCRYPT", {**users._SCRYPT, "n": 2**8})


@pytest.fixture
def newsroom(ui_workspace):
    ws = ui_workspace
    add_people(ws)
    with ws.edit():
        ws.review.set_mode("三审")
        article = ws.articles.create(
            {"title": "新楼电梯安装完毕", "section": 1, "body": "师傅上门按装了电梯。"}
        )
    return ws, article.id


def _panel(qtbot, ws, article_id: int, user: str) -> ReviewDialog:
    dialog = ReviewDialog(None, ws, article_id, user)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.task is not None and dialog.task.isFinished(), timeout=10000)
    qtbot.waitUntil(lambda: dialog.checks.item(0).text() != "正在检查……", timeout=5000)
    return dialog


def test_an_article_goes_through_three_levels_in_the_panel(qtbot, newsroom, monkeypatch, tmp_path):
    ws, article_id = newsroom
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))

    reporter = _panel(qtbot, ws, article_id, "rep")
    texts = [reporter.checks.item(i).text() for i in range(reporter.checks.count())]
    assert any("按装" in text and "安装" in text for text in texts)
    reporter.buttons["submit"].click()
    assert "按装" in warnings[-1]  # an error blocks the submit without a reason
    assert ws.review.state(article_id).state == "draft"
    reporter.override.setText("引语原文，保留")
    reporter.buttons["submit"].click()
    assert ws.review.state(article_id).state == "first"
    assert "待初审" in reporter.state.text()
    assert "没有改动" in reporter.changes.toPlainText()

    editor = _panel(qtbot, ws, article_id, "ed")
    editor.buttons["claim"].click()
    assert "ed 已领取" in editor.state.text()
    editor.buttons["return_"].click()
    assert "comment" in warnings[-1] or "意见" in warnings[-1]
    editor.comment.setPlainText("请核实电梯品牌")
    editor.buttons["return_"].click()
    assert ws.review.state(article_id).state == "draft"

    reporter.refresh()
    reporter.override.setText("引语原文，保留")
    reporter.buttons["submit"].click()
    for user in ("ed", "head", "chief"):
        panel = _panel(qtbot, ws, article_id, user)
        panel.override.setText("已核实")
        panel.comment.setPlainText(f"{user} 同意")
        panel.buttons["sign"].click()
    assert ws.review.state(article_id).state == "signed"
    rows = panel.timeline.rowCount()
    timeline = [[panel.timeline.item(r, c).text() for c in range(5)] for r in range(rows)]
    assert [row[2] for row in timeline] == ["送审", "领取", "退回", "送审", "签发", "签发", "签发"]
    assert timeline[-1][1:4] == ["终审", "签发", "王总编"]
    assert "已核实" in timeline[-1][4] and "请核实电梯品牌" in timeline[2][4]
    assert "记录完整" in panel.state.text() and panel.buttons["withdraw"].isEnabled()

    sheet = tmp_path / "sheet.html"
    monkeypatch.setattr(
        review_dialog.QFileDialog, "getSaveFileName", lambda *a, **k: (str(sheet), "")
    )
    panel.buttons["sheet"].click()
    saved = [sheet.read_text(encoding="utf-8")]
    assert "审签单" in saved[0] and "王总编" in saved[0]


def test_the_queue_lists_what_waits_for_the_user(qtbot, newsroom):
    ws, article_id = newsroom
    with ws.edit():
        ws.review.submit(article_id, "rep", "引语原文")
    queue = QueueDialog(None, ws, "ed")
    qtbot.addWidget(queue)
    assert queue.table.rowCount() == 1
    assert queue.table.item(0, 0).text() == "新楼电梯安装完毕"
    assert queue.table.item(0, 4).text() == "待初审"
    with ws.edit():
        ws.review.claim(article_id, "ed2")
    qtbot.waitUntil(lambda: "ed2 已领取" in queue.table.item(0, 6).text(), timeout=8000)
    assert QueueDialog(None, ws, "rep").table.rowCount() == 0


def test_the_queue_shows_a_check_badge_per_article(qtbot, newsroom):
    ws, typo_id = newsroom
    with ws.edit():
        clean_id = ws.articles.create(
            {
                "title": "市民公园开放",
                "section": 1,
                "body": "公园今天开放。",
                "reporters": ["赵记者"],
            }
        ).id
        ws.review.submit(typo_id, "rep", "引语原文")
        ws.review.submit(clean_id, "rep")
    queue = QueueDialog(None, ws, "ed")
    qtbot.addWidget(queue)
    assert queue.table.horizontalHeaderItem(1).text() == "检查"

    def badges():
        return {queue.table.item(r, 0).text(): queue.table.item(r, 1).text() for r in range(2)}

    # the reporter's name filled the byline at submit: that version is checked in the background
    qtbot.waitUntil(lambda: "…" not in badges().values(), timeout=15000)
    assert badges() == {"新楼电梯安装完毕": "✖ 1", "市民公园开放": "✓"}
    typo_row = next(r for r in range(2) if queue.table.item(r, 0).text() == "新楼电梯安装完毕")
    assert "1 个错误" in queue.table.item(typo_row, 1).toolTip()


def test_sign_in_checks_the_password(qtbot, newsroom, monkeypatch):
    ws, _ = newsroom
    dialog = review_dialog.SignInDialog(None, ws)
    qtbot.addWidget(dialog)
    dialog.name.setText("ed")
    dialog.password.setText("wrong-one")
    dialog.check()
    assert dialog.signed is None and dialog.message.text() and dialog.password.text() == ""
    dialog.password.setText("secret123")
    dialog.check()
    assert dialog.signed == "ed"

    def answer(self):
        self.name.setText("head")
        self.password.setText("secret123")
        self.check()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(review_dialog.SignInDialog, "exec", answer)

    class Parent(review_dialog.QWidget):
        review_user = ""

    parent = Parent()
    qtbot.addWidget(parent)
    assert review_dialog.sign_in(parent, ws) == "head"
    assert parent.review_user == "head"


def test_the_article_menu_opens_the_panel_and_the_queue(qtbot, window, monkeypatch):
    ws = window.workspace
    add_people(ws)
    opened = []
    monkeypatch.setattr(review_dialog, "sign_in", lambda parent, workspace: "ed")
    monkeypatch.setattr(
        ReviewDialog, "exec", lambda self: opened.append(("panel", self.article_id, self.user))
    )
    monkeypatch.setattr(
        QueueDialog, "exec", lambda self: opened.append(("queue", self.table.rowCount(), self.user))
    )
    first = ws.articles.list()[0]
    window.open_article(first.id)
    window.actions["review_article"].trigger()
    window.actions["review_queue"].trigger()
    assert opened == [("panel", first.id, "ed"), ("queue", 0, "ed")]


@pytest.mark.skipif(not os.environ.get(PG_ENV), reason=f"needs {PG_ENV}")
def test_on_postgresql_the_queue_refreshes_when_another_workstation_acts(qtbot, monkeypatch):
    from editor.workspace import Workspace
    from tests.conftest import reset_postgres
    from tests.review.helpers import new_article

    monkeypatch.setattr(review_dialog, "QUEUE_POLL_MS", 600_000)  # no polling in this test
    url = os.environ[PG_ENV]
    reset_postgres(url)
    with Workspace.open(url, create=True, user="desk") as desk:
        add_people(desk)
        with desk.edit():
            desk.review.set_mode("三审")
        article_id = new_article(desk)
        queue = QueueDialog(None, desk, "ed")
        qtbot.addWidget(queue)
        assert queue.listener is not None and queue.table.rowCount() == 0
        import subprocess
        import sys

        other_workstation = subprocess.run(
            [
                sys.executable,
                "-m",
                "editor",
                "--db",
                url,
                "--user",
                "rep",
                "submit",
                str(article_id),
            ],
            env={**os.environ, "NEWSDESK_PASSWORD": PASSWORD},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert other_workstation.returncode == 0, other_workstation.stderr
        qtbot.waitUntil(lambda: queue.table.rowCount() == 1, timeout=5000)
        queue.done(0)
        assert queue.listener is None


def test_the_panel_shows_a_reprint_against_its_original(qtbot, newsroom):
    from editor.i18n import tr

    ws, _ = newsroom
    with ws.edit():
        reprint = ws.articles.create(
            {
                "title": "暴雨来袭",
                "section": 1,
                "body": "昨日暴雨，全市停课。",
                "source": "成都日报",
            },
            kind="imported",
        )
        ws.articles.update(reprint.id, {"body": "昨日暴雨，全市中小学停课。"}, reprint.version)
    panel = _panel(qtbot, ws, reprint.id, "rep")
    shown = panel.changes.toPlainText()
    assert tr("Against the imported original") in shown and "中小学" in shown
    html = panel.changes.toHtml()
    assert html.count("中小学") == 1  # shown once, as an addition
