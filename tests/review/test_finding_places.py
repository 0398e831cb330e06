"""Where a finding sits in the article (field, offset, the text found) and the fix the editor
applies; the checks of reporters' real names and of internal links that lead nowhere."""

from __future__ import annotations

from datetime import datetime

from editor.content.checks import Finding, apply_fix, locate
from tests.review.helpers import add_people


def _article(ws, body: str = "正文。", **fields) -> int:
    with ws.edit():
        section = next((n.id for n in ws.sections.tree()), None)
        if section is None:
            section = ws.sections.create("要闻", slug="news").id
        fields = {"title": "测试稿件", "section": section, "body": body, **fields}
        return ws.articles.create(fields).id


def _found(ws, article_id: int) -> dict[str, Finding]:
    return {f.rule: f for f in ws.checks.article(article_id)}


def test_each_finding_names_its_field_the_text_found_and_the_fix(workspace):
    ws = workspace
    body = '工人为新楼按装电梯...据悉，他说:"好"。详见[这里](http://example.cn/a)。'
    found = _found(ws, _article(ws, body, title="今日要闻。", summary="本报讯,今天开会"))
    typo = found["words.typo"]
    assert (typo.field, typo.start, typo.matched, typo.fix) == (
        "body",
        body.index("按装"),
        "按装",
        "安装",
    )
    fixed, start, end = apply_fix(body, typo)
    assert fixed == body.replace("按装", "安装") and fixed[start:end] == "安装"
    assert apply_fix(body, found["punct.ellipsis"])[0] == body.replace("...", "……")
    link = found["links.http"]
    assert body[link.offset :].startswith("http://example.cn/a")
    assert apply_fix(body, link)[0] == body.replace("http://", "https://")
    quotes = [f for f in ws.checks.article(typo.article) if f.matched == '"']
    assert [f.fix for f in quotes] == ["“", "”"]  # opening, then closing
    period = found["title.period"]
    assert (period.field, period.offset) == ("title", None)  # `check --json` as before
    assert apply_fix("今日要闻。", period)[0] == "今日要闻"
    comma = next(f for f in ws.checks.article(typo.article) if f.field == "summary")
    assert apply_fix("本报讯,今天开会", comma)[0] == "本报讯，今天开会"


def test_a_fix_follows_its_text_and_refuses_when_the_text_is_gone():
    finding = Finding("words.typo", "error", "", field="body", start=2, matched="按装", fix="安装")
    assert locate("工人按装电梯", finding) == (2, 4)
    assert apply_fix("新来的工人按装电梯", finding)[0] == "新来的工人安装电梯"  # moved by 3
    assert locate("工人安装电梯", finding) is None
    assert apply_fix("工人安装电梯", finding) is None
    assert apply_fix("工人按装电梯", Finding("x", "warning", "", field="body", start=2)) is None


def test_a_reprint_fix_fills_the_original_title(workspace):
    ws = workspace
    with ws.edit():
        section = ws.sections.create("测试", slug="t").id
        article = ws.articles.create(
            {"title": "原来的标题", "section": section, "body": "正文。"}, kind="imported"
        )
        ws.articles.update(article.id, {"title": "改过的标题"}, article.version)
    reprint = _found(ws, article.id)["fields.reprint"]
    assert (reprint.field, reprint.fix) == ("original_title", "原来的标题")
    assert apply_fix("", reprint)[0] == "原来的标题"
    assert apply_fix("编辑写的原标题", reprint) is None  # never overwrites what was typed


def test_reporters_of_the_sites_own_articles_are_users_real_names(workspace):
    ws = workspace
    article_id = _article(ws, reporters=["赵记者", "路人乙"])
    assert "fields.reporter" not in _found(ws, article_id)  # a site without users
    add_people(ws)
    reporter = _found(ws, article_id)["fields.reporter"]
    assert (reporter.level, reporter.field, reporter.matched) == ("error", "reporters", "路人乙")
    assert "赵记者、路人乙"[reporter.start :].startswith("路人乙")
    assert [f for f in ws.checks.article(article_id) if f.rule == "fields.reporter"] == [reporter]
    assert "fields.reporter" not in _found(ws, _article(ws, reporters=["赵记者"]))
    reprint = _article(ws, reporters=["新华社记者 某某"], source="新华社")
    assert "fields.reporter" not in _found(ws, reprint)  # a 转载 names the outlet's reporters


def test_internal_links_that_lead_nowhere(workspace):
    ws = workspace
    moment = datetime(2024, 5, 6, 9, 0)
    target = _article(ws, status="published", publish_time=moment.isoformat())
    with ws.edit():
        ws.site.update(base_url="https://news.example.cn/")
        ws.pages.save("about", "关于我们", "本站简介。")
    good = [
        f"/news/2024/0506/{target}.html",
        f"https://news.example.cn/news/2024/0506/{target}.html",
        f"../0506/{target}.html",
        "/news/index.html",
        "/news/",
        "/about.html",
        "/",
        "https://www.gov.cn/zhengce/",
        "#第二节",
        "mailto:news@example.cn",
    ]
    bad = [
        "/news/2024/0506/99999.html",  # no such article
        f"/news/2023/0101/{target}.html",  # not at that address
        "/sport/index.html",  # no such section
        "https://news.example.cn/contact.html",  # no such page
        "../../../../../secret.html",  # above the site
    ]
    body = "\n\n".join(f"见[链接{n}]({url})。" for n, url in enumerate(good + bad))
    article_id = _article(ws, body, status="published", publish_time=moment.isoformat())
    found = [f for f in ws.checks.article(article_id) if f.rule == "links.internal"]
    assert [f.matched for f in found] == bad
    assert all(f.level == "error" and body[f.offset :].startswith(f.matched) for f in found)
