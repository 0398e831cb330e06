"""The pre-publish checks on articles: word lists kept in the site (import and export as
text and CSV), the word-boundary rule, offsets into the body, and a blocking finding that a
submit needs an override for."""

from __future__ import annotations

import pytest

from editor.content import checks
from editor.content.copy_checks import on_word_boundary, plain_view
from editor.content.review import ReviewRefusedError
from editor.errors import ValidationError
from tests.review.helpers import newsroom, step


def _findings(ws, body: str, title: str = "测试稿件", **fields) -> list[checks.Finding]:
    with ws.edit():
        tree = ws.sections.tree()
        section = next((n.id for n in tree), None) or ws.sections.create("测试", slug="t").id
        article = ws.articles.create({"title": title, "section": section, "body": body, **fields})
    return ws.checks.article(article.id)


@pytest.mark.parametrize(
    ("text", "hit", "kept"),
    [
        ("既使他不来，我们也开会。", "既使", True),
        ("我们既使用了新方法。", "既使", False),
        ("为了望见雪山。", "了望", False),
        ("他登上了望台。", "了望", True),
        ("吃过午饭就要回教室。", "回教", False),
    ],
)
def test_two_character_hits_keep_to_word_boundaries(text, hit, kept):
    start = text.index(hit)
    assert on_word_boundary(text, start, start + len(hit)) is kept


def test_the_plain_view_keeps_offsets_and_drops_markup():
    body = "## 标题\n\n见[链接](http://a.cn/x,y)和![图](asset:abc123)。"
    view = plain_view(body)
    assert len(view) == len(body)
    assert "http" not in view and "asset" not in view and "#" not in view
    assert view.index("链接") == body.index("链接")


def test_findings_name_rule_place_and_fix(workspace):
    ws = workspace
    body = "第一段没有问题。\n\n工人正在为新楼按装电梯...据悉北朝鲜也有报道。"
    found = {f.rule: f for f in _findings(ws, body, title="今日要闻。")}
    typo = found["words.typo"]
    assert (typo.level, typo.offset, typo.suggestion) == ("error", body.index("按装"), "安装")
    assert "按装" in typo.excerpt
    assert found["punct.ellipsis"].offset == body.index("...")
    assert found["words.forbidden"].suggestion == "朝鲜"
    assert found["title.period"].offset is None and found["title.period"].suggestion == "今日要闻"


def test_pictures_links_and_the_real_name_of_the_editor(workspace):
    ws = workspace
    newsroom(ws)
    body = "![](asset:0123456789ab) 详见 http://example.cn/a 。"
    found = {f.rule: f for f in _findings(ws, body, responsible_editor="路人甲")}
    assert found["images.missing"].level == "error"
    assert found["images.alt"].level == "warning"
    assert found["links.http"].suggestion == "https://example.cn/a"
    assert found["fields.editor"].level == "error"
    assert "fields.editor" not in {
        f.rule for f in _findings(ws, "正文。", responsible_editor="李编辑")
    }


def test_a_reprint_with_a_changed_title_names_its_original_title(workspace):
    ws = workspace
    with ws.edit():
        section = ws.sections.create("测试", slug="t").id
        article = ws.articles.create(
            {"title": "原来的标题", "section": section, "body": "正文。"}, kind="imported"
        )
        ws.articles.update(article.id, {"title": "改过的标题"}, article.version)
    found = [f for f in ws.checks.article(article.id) if f.rule == "fields.reprint"]
    assert [(f.level, f.suggestion) for f in found] == [("error", "原来的标题")]
    with ws.edit():
        current = ws.articles.get(article.id)
        ws.articles.update(article.id, {"original_title": "原来的标题"}, current.version)
    assert [f for f in ws.checks.article(article.id) if f.rule == "fields.reprint"] == []


def test_word_lists_are_kept_in_the_site_and_travel_as_text_and_csv(workspace):
    ws = workspace
    lists = ws.wordlists
    assert any(e.word == "北朝鲜" for e in lists.entries("forbidden"))
    with ws.edit():
        assert lists.import_text("# 本社规范\n某某集团→某集团\t\n特大喜讯\n", "cautioned") == 2
    body = "某某集团发布了特大喜讯。"
    found = [f for f in _findings(ws, body) if f.rule == "words.cautioned"]
    assert sorted((f.offset, f.suggestion) for f in found) == [(0, "某集团"), (7, "")]
    exported = lists.export_csv("cautioned")
    assert exported.splitlines()[0] == "kind,word,level,replacement,note"
    assert "cautioned,某某集团,warning,某集团," in exported
    with ws.edit():
        lists.remove("cautioned", "某某集团")
        lists.import_text(exported)  # CSV back in
        lists.add("cautioned", "特大喜讯", "error", "喜讯")
    entry = next(e for e in lists.entries("cautioned") if e.word == "特大喜讯")
    assert (entry.level, entry.replacement) == ("error", "喜讯")
    found = [f for f in _findings(ws, "特大喜讯") if f.rule == "words.cautioned"]
    assert [(f.level, f.suggestion) for f in found] == [("error", "喜讯")]
    with pytest.raises(ValidationError, match="Line 2"), ws.edit():
        lists.import_text("kind,word,level,replacement,note\nnonsense,词,error,,\n")


def test_a_typo_blocks_a_submit_until_an_override_is_given(workspace):
    ws = workspace
    article_id = newsroom(ws)
    with ws.edit():
        article = ws.articles.get(article_id)
        ws.articles.update(article_id, {"body": "师傅上门按装了净水器。"}, article.version)
    with pytest.raises(ReviewRefusedError, match="按装"):
        step(ws, "submit", article_id, "rep")
    step(ws, "submit", article_id, "rep", "原文引语，保留")
    record = ws.review.document(article_id)["signoffs"][0]
    assert record["override"] == {"reason": "原文引语，保留", "rules": ["words.typo"]}


def test_a_reprint_source_must_be_permitted_and_pictures_name_a_photographer(workspace):
    ws = workspace
    assert [f for f in _findings(ws, "正文。", source="某某网") if f.rule == "fields.source"] == []
    with ws.edit():
        ws.review.set_setting("review.sources", "新华社、成都日报, 四川日报")
    assert ws.site.get().settings["review.sources"] == ["新华社", "成都日报", "四川日报"]
    found = [f for f in _findings(ws, "正文。", source="某某网") if f.rule == "fields.source"]
    assert [(f.level, f.excerpt) for f in found] == [("error", "某某网")]
    assert not [f for f in _findings(ws, "正文。", source="新华社") if f.rule == "fields.source"]
    rules = {f.rule for f in _findings(ws, "![现场](asset:0123456789ab)")}
    assert "fields.photographer" in rules
    rules = {f.rule for f in _findings(ws, "![现场](asset:0123456789ab)", photographers=["刘摄"])}
    assert "fields.photographer" not in rules
    with pytest.raises(ValidationError, match="from 5 to 200"), ws.edit():
        ws.review.set_setting("review.title_max", "2")
    with ws.edit():
        ws.review.set_setting("review.title_max", "8")
    assert "title.length" in {
        f.rule for f in _findings(ws, "正文。", title="一个超过八个字的长标题")
    }


def test_the_word_list_commands(tmp_path, capsys, monkeypatch):
    import json

    from editor.cli import main

    db = str(tmp_path / "site.newsdesk")
    assert main(["--db", db, "init"]) == 0
    source = tmp_path / "list.txt"
    source.write_text("某某集团→某集团\n特大喜讯\n", encoding="utf-8")
    assert main(["--db", db, "words", "import", str(source), "--list", "cautioned"]) == 0
    assert "Read 2" in capsys.readouterr().out
    out = tmp_path / "out.csv"
    assert main(["--db", db, "words", "export", str(out), "--list", "cautioned"]) == 0
    assert "cautioned,某某集团,warning,某集团," in out.read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["--db", db, "words", "--list", "confusion", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)["entries"]
    assert {
        "kind": "confusion",
        "word": "按装",
        "level": "error",
        "replacement": "安装",
        "note": "",
    } in entries
    assert main(["--db", db, "words", "import", str(tmp_path / "missing.txt")]) == 1
    assert "Cannot read" in capsys.readouterr().err
    assert main(["--db", db, "words", "import", str(source)]) == 1
    assert "Say which list" in capsys.readouterr().err


def test_traditional_characters_in_simplified_copy(workspace):
    ws = workspace
    found = [f for f in _findings(ws, "市政府昨天召开會议。") if f.rule.startswith("script.")]
    assert [(f.rule, f.level, f.offset, f.suggestion) for f in found] == [
        ("script.mixed", "error", 7, "会")
    ]
    body = "記者張學友報道，市政府召开会议。"
    with_name = _findings(ws, body, reporters=["張學友"])
    # 記 and 報 are flagged; the reporter's own name 張學友 is not
    assert [f.offset for f in with_name if f.rule == "script.mixed"] == [0, 5]
    whole = [f for f in _findings(ws, "這個國家的經濟發展很快。") if f.rule.startswith("script.")]
    assert [(f.rule, f.level) for f in whole] == [("script.traditional", "warning")]
