"""The 待审 queue of each role and the printable 审签单."""

from __future__ import annotations

from editor.content.review_queue import queue_for, signing_sheet
from tests.review.helpers import new_article, newsroom, step


def test_each_role_sees_the_articles_waiting_at_its_levels(workspace):
    ws = workspace
    first = newsroom(ws)
    second = new_article(ws, "第二篇稿件")
    step(ws, "submit", first, "rep")
    step(ws, "submit", second, "rep")
    step(ws, "sign", second, "ed")
    step(ws, "claim", first, "ed2")

    def titles(user: str) -> list[tuple[str, str, str]]:
        return [(r.title, r.state, r.claimed_by) for r in queue_for(ws.review, user)]

    assert titles("ed") == [("市政府召开常务会议", "first", "ed2")]
    assert titles("head") == [("市政府召开常务会议", "first", "ed2"), ("第二篇稿件", "second", "")]
    assert titles("chief") == titles("head")
    assert titles("rep") == [] and titles("proof") == []
    row = queue_for(ws.review, "ed")[0]
    assert (row.section, row.submitter) == ("要闻", "rep")


def test_the_signing_sheet_prints_the_whole_record(workspace):
    ws = workspace
    article_id = newsroom(ws)
    step(ws, "submit", article_id, "rep")
    step(ws, "sign", article_id, "ed", "事实清楚<核实>")
    step(ws, "sign", article_id, "head")
    step(ws, "sign", article_id, "chief", "同意")
    sheet = signing_sheet(ws.review, article_id)
    assert sheet.startswith("<!DOCTYPE html>") and "<h1>审签单</h1>" in sheet
    for text in ("市政府召开常务会议", "赵记者", "李编辑", "张主任", "王总编", "终审", "已签发"):
        assert text in sheet
    assert "事实清楚&lt;核实&gt;" in sheet
    assert "Record intact." in sheet


def test_the_changes_since_submit_and_since_the_last_sign_off(workspace):
    from editor.content.review_queue import compared_versions

    ws = workspace
    article_id = newsroom(ws)
    assert compared_versions(ws.review, article_id) == []
    step(ws, "submit", article_id, "rep")
    with ws.edit():
        article = ws.articles.get(article_id)
        ws.articles.update(article_id, {"body": "会议研究了明年的重点工作。"}, article.version)
    ((label, runs),) = compared_versions(ws.review, article_id)
    assert label == "Against the submitted version"
    assert ("-", "今") in runs and ("+", "明") in runs
    step(ws, "sign", article_id, "ed")
    compared = dict(compared_versions(ws.review, article_id))
    assert all(op == "=" for op, _ in compared["Against the last sign-off"])


def test_queue_rows_carry_the_counts_checked_in_the_version_waiting(workspace):
    from editor.content.review_queue import waiting_queue
    from tests.review.helpers import newsroom, step

    ws = workspace
    article_id = newsroom(ws)
    with ws.edit():
        current = ws.articles.get(article_id)
        ws.articles.update(
            article_id, {"body": "工人按装电梯...", "reporters": ["赵记者"]}, current.version
        )
    step(ws, "submit", article_id, "rep", "引语原文")
    (row,) = waiting_queue(["first"])
    assert (row.errors, row.warnings) == (2, 0) and row.checked  # 按装 and ...
    with ws.edit():
        current = ws.articles.get(article_id)
        ws.articles.update(article_id, {"body": "工人安装电梯。"}, current.version)
    (row,) = waiting_queue(["first"])
    assert not row.checked and row.errors is None  # the counts were of another version
    ws.checks.article(article_id)
    (row,) = waiting_queue(["first"])
    assert (row.errors, row.warnings) == (0, 0)


def test_a_reprint_is_compared_with_the_original_it_was_imported_with(workspace):
    from editor.content.review_queue import compared_versions, imported_original

    ws = workspace
    newsroom(ws)
    with ws.edit():
        section = next(iter(ws.sections.tree())).id
        fields = {"title": "原标题：暴雨来袭", "section": section, "body": "昨日暴雨，全市停课。"}
        reprint = ws.articles.create({**fields, "source": "成都日报"}, kind="imported")
        own = ws.articles.create({**fields, "title": "本站稿件"})
    assert imported_original(reprint.id)["body"] == "昨日暴雨，全市停课。"
    assert imported_original(own.id) is None
    with ws.edit():
        ws.articles.update(
            reprint.id, {"title": "暴雨来袭", "body": "昨日暴雨，全市中小学停课。"}, reprint.version
        )
    compared = dict(compared_versions(ws.review, reprint.id))
    runs = compared["Against the imported original"]
    assert ("+", "中小学") in runs or any(op == "+" and "中" in text for op, text in runs)
    assert any(op == "-" and "原标题" in text for op, text in runs)
    step(ws, "submit", reprint.id, "rep", "转载原文")
    assert list(dict(compared_versions(ws.review, reprint.id))) == [
        "Against the submitted version",
        "Against the imported original",
    ]
    assert compared_versions(ws.review, own.id) == []
