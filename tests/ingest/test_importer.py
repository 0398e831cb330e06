"""The import desk on a real site: placement, duplicates, batches and bad input."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

import pytest

from editor.content.articles import ArticleQuery
from editor.errors import NotFoundError
from editor.ingest.importer import DuplicateArticleError
from editor.store.models import Article, Asset, Person, Section, Source
from tests.ingest.helpers import docx_bytes, http_server, news_page, png_bytes


def _counts():
    return {m.__name__: m.select().count() for m in (Article, Section, Source, Person, Asset)}


def test_seed_lands_in_its_breadcrumb_section_with_all_fields(demo_workspace, seed_text, tmp_path):
    ws = demo_workspace
    path = tmp_path / "seed.txt"
    path.write_text(seed_text, encoding="utf-8")
    extracted = ws.importer.extract(str(path))
    assert extracted.fields["section"] == "华商走世界/川商走世界"
    assert extracted.fields["partner"] == '儒经网"华商走世界"线上线下交流平台'
    report = ws.importer.import_paths([str(path)])
    assert report.as_dict()["imported"] == 1
    article_id = report.results[0].id
    fields = ws.articles.fields_of(article_id)
    assert ws.sections.path_of(fields["section"]) == "华商走世界/川商走世界"
    assert fields["source"] == "成都日报"
    assert fields["reporters"] == ["黄雪松"] and fields["photographers"] == ["魏麟潇"]
    assert fields["responsible_editor"] == "网宣黄怡竞"
    assert fields["publish_time"].startswith("2023-11-23")
    assert fields["status"] == "draft"
    assert ws.people.ensure("黄雪松").affiliation == "成都日报锦观新闻"
    tree = ws.sections.tree()
    partner = ws.partners.get('儒经网"华商走世界"线上线下交流平台')
    assert tree.partner_id(fields["section"]) == partner.id  # inherited: no override needed
    assert fields["partner"] is None


def test_without_that_section_the_seed_goes_to_unsorted_or_learns_the_tree(workspace, seed_text):
    ws = workspace
    first = ws.importer.save(ws.importer.extract(seed_text))
    assert ws.sections.path_of(first.section_id) == "待分类"
    article = ws.importer.extract(seed_text)
    saved = ws.importer.save(article, learn_sections=True, allow_duplicate=True)
    assert ws.sections.path_of(saved.section_id) == "华商走世界/川商走世界"
    tree = ws.sections.tree()
    assert [n.name for n in tree.roots][:3] == ["待分类", "中国故事", "中国收藏"]
    assert tree.resolve("名人/周德文经济理论") is not None
    assert tree.resolve("社科/法制") is not None


def test_chosen_section_wins_and_a_bad_one_fails_up_front(demo_workspace, tmp_path):
    ws = demo_workspace
    page = tmp_path / "page.html"
    page.write_text(news_page(), encoding="utf-8")
    report = ws.importer.import_paths([str(page)], section="经济/科技", status="review")
    article = ws.articles.get(report.results[0].id)
    assert ws.sections.path_of(article.section_id) == "经济/科技"
    assert article.status == "review"
    with pytest.raises(NotFoundError):
        ws.importer.import_paths([str(page)], section="没有/这个栏目")


def test_html_fields_and_source_link(workspace, tmp_path):
    ws = workspace
    page = tmp_path / "page.html"
    page.write_text(news_page(), encoding="utf-8")
    report = ws.importer.import_paths([str(page)])
    fields = ws.articles.fields_of(report.results[0].id)
    assert fields["title"] == "成都与上海交大共建5个高能级研究平台"
    assert fields["source"] == "成都日报" and fields["reporters"] == ["黄雪松"]
    assert fields["responsible_editor"] == "网宣黄怡竞"
    assert fields["source_url"] == "https://news.example.cn/a/1.html"
    assert fields["publish_time"] == "2023-11-23T10:00:00"
    assert (
        "首页" not in fields["body"]
        and "ICP" not in fields["body"]
        and "责任编辑" not in fields["body"]
    )
    assert ws.sources.ensure("成都日报").url == "https://www.cdrb.com.cn/"


def test_duplicates_by_url_and_by_title_and_day(workspace, tmp_path):
    ws = workspace
    first = tmp_path / "a.html"
    first.write_text(news_page(), encoding="utf-8")
    same_url = tmp_path / "b.html"
    same_url.write_text(news_page(title="另一个标题也很长", when="2023-12-01"), encoding="utf-8")
    same_title = tmp_path / "c.html"
    same_title.write_text(
        news_page(url="https://other.example.cn/x.html", when="2023-11-23 18:00"), encoding="utf-8"
    )
    other_day = tmp_path / "d.html"
    other_day.write_text(
        news_page(url="https://other.example.cn/y.html", when="2023-11-24"), encoding="utf-8"
    )
    report = ws.importer.import_paths([str(first), str(same_url), str(same_title), str(other_day)])
    statuses = [r.status for r in report.results]
    assert statuses == ["imported", "duplicate", "duplicate", "imported"]
    assert report.results[1].id == report.results[0].id == report.results[2].id
    with pytest.raises(DuplicateArticleError):
        ws.importer.save(ws.importer.extract(str(first)))


def test_bad_input_fails_with_reasons_and_the_batch_goes_on(workspace, tmp_path):
    ws = workspace
    ws.importer.fetch_timeout = 0.5
    good = tmp_path / "good.html"
    good.write_text(news_page(), encoding="utf-8")
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.html"
    binary.write_bytes(png_bytes() * 20)
    huge = tmp_path / "huge.html"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    truncated = tmp_path / "truncated.html"
    truncated.write_text(news_page()[: len(news_page()) // 2], encoding="utf-8")
    invalid = tmp_path / "invalid.txt"
    invalid.write_bytes(bytes(range(0x80, 0x100)) * 64)
    last = tmp_path / "last.md"
    last.write_text("---\ntitle: 最后一篇\ndate: 2024-01-02\n---\n正文。\n", encoding="utf-8")
    before = _counts()
    seen = []
    with http_server({}, silent=True) as base:
        paths = [
            str(good),
            str(empty),
            str(binary),
            str(huge),
            str(truncated),
            str(invalid),
            f"{base}/never.html",
            str(last),
        ]
        report = ws.importer.import_paths(
            paths, progress=lambda i, n, r: seen.append((i, n, r.status))
        )
    data = report.as_dict()
    json.dumps(data)
    statuses = {r["path"].rsplit("/", 1)[-1]: (r["status"], r["reason"]) for r in data["results"]}
    assert statuses["good.html"][0] == "imported" and statuses["last.md"][0] == "imported"
    for name, words in (
        ("empty.html", "empty"),
        ("photo.html", "binary"),
        ("huge.html", "MB"),
        ("truncated.html", "incomplete"),
        ("invalid.txt", "invalid bytes"),
        ("never.html", "did not answer"),
    ):
        status, reason = statuses[name]
        assert status == "failed" and words in reason, (name, reason)
    assert (data["imported"], data["duplicates"], data["failed"]) == (2, 0, 6)
    assert set(data["results"][0]) == {"path", "status", "id", "reason", "warnings"}
    after = _counts()
    assert after["Article"] == before["Article"] + 2
    assert seen == [(i, 8, s) for i, s in enumerate([r.status for r in report.results], 1)]


def test_a_failure_while_saving_leaves_nothing_behind(workspace, seed_text, tmp_path, monkeypatch):
    ws = workspace
    path = tmp_path / "seed.txt"
    path.write_text(seed_text, encoding="utf-8")
    article = ws.importer.extract(seed_text)
    before = _counts()

    def broken(fields, author=None, kind="saved"):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ws.articles, "create", broken)
    report = ws.importer.import_paths([str(path)], learn_sections=True)
    assert report.results[0].status == "failed" and "disk full" in report.results[0].reason
    with pytest.raises(RuntimeError):
        ws.importer.save(article, learn_sections=True)
    assert _counts() == before  # the sections learnt on the way were rolled back too


def test_progress_callback_can_stop_a_batch(workspace, tmp_path):
    paths = []
    for i in range(3):
        page = tmp_path / f"p{i}.html"
        page.write_text(
            news_page(title=f"第{i}篇稿件的标题", url=f"https://n.example.cn/{i}.html"),
            encoding="utf-8",
        )
        paths.append(str(page))
    report = workspace.importer.import_paths(paths, progress=lambda i, n, r: i < 2)
    assert [r.status for r in report.results] == ["imported", "imported"]


def test_url_import_uses_the_charset_the_server_sends(workspace):
    page = news_page(charset=None).encode("gbk")
    with http_server({"/a.html": (page, "text/html; charset=GBK")}) as base:
        report = workspace.importer.import_paths([f"{base}/a.html"])
    fields = workspace.articles.fields_of(report.results[0].id)
    assert fields["title"] == "成都与上海交大共建5个高能级研究平台"
    assert fields["source"] == "成都日报"


def test_folder_import_of_the_shared_pages(demo_workspace, pages_dir):
    report = demo_workspace.importer.import_paths([str(pages_dir)])
    data = report.as_dict()
    assert data["failed"] == 0
    # thepaper-4 is the same story as thepaper-2 (same title, same minute).
    assert data["duplicates"] == 1 and data["imported"] == 61
    unsorted = demo_workspace.sections.ensure_unsorted()
    assert demo_workspace.articles.count(ArticleQuery(section=unsorted.id)) == 61


def test_markdown_front_matter(workspace, tmp_path):
    path = tmp_path / "note.md"
    path.write_text(
        "---\ntitle: 前置信息的稿件\ndate: 2024-02-03 09:30\nsection: 待分类\nsource: 成都日报\n"
        "source_url: https://example.cn/1\nreporters: [张三, 李四]\nphotographers: 王五\n"
        "editor: 网宣黄怡竞\ntags: [成都, 科技]\nstatus: review\nhits: 12\n---\n"
        "正文第一段。\n\n## 小标题\n\n正文第二段。\n",
        encoding="utf-8",
    )
    report = workspace.importer.import_paths([str(path)])
    fields = workspace.articles.fields_of(report.results[0].id)
    assert fields["title"] == "前置信息的稿件" and fields["publish_time"] == "2024-02-03T09:30:00"
    assert fields["reporters"] == ["张三", "李四"] and fields["photographers"] == ["王五"]
    assert fields["responsible_editor"] == "网宣黄怡竞" and fields["tags"] == ["成都", "科技"]
    assert fields["status"] == "review" and fields["hits"] == 12
    assert fields["body"] == "正文第一段。\n\n## 小标题\n\n正文第二段。\n"


def test_word_manuscript_with_image_and_credits(workspace, tmp_path):
    image = png_bytes("blue")
    path = tmp_path / "稿件.docx"
    path.write_bytes(docx_bytes(image))
    extracted = workspace.importer.extract(str(path))
    assert Asset.select().count() == 0  # nothing stored before saving
    report = workspace.importer.import_paths([str(path)])
    fields = workspace.articles.fields_of(report.results[0].id)
    digest = hashlib.sha256(image).hexdigest()
    assert fields["title"] == "川商走世界：一篇Word稿件"
    assert fields["body"] == (
        "第一段正文，写明事情的经过。\n\n## 市校合作再升级\n\n"
        f'![签约现场](asset:{digest} "图为签约现场。")\n\n第二段正文。\n'
    )
    assert fields["reporters"] == ["黄雪松"] and fields["photographers"] == ["魏麟潇"]
    assert fields["responsible_editor"] == "网宣黄怡竞"
    assert workspace.media.get(digest).size == len(image)
    assert extracted.fields["title"] == fields["title"]


def test_publish_time_from_text_forms():
    from editor.ingest.fields import parse_datetime, strip_site_suffix

    assert parse_datetime("2019年09月07日 10:00") == datetime(2019, 9, 7, 10, 0)
    assert parse_datetime("发布时间：2019-09-07 10:00:05") == datetime(2019, 9, 7, 10, 0, 5)
    assert parse_datetime("2019/9/7") == datetime(2019, 9, 7)
    for title in (
        "标题很长的文章_网易财经",
        "标题很长的文章--文化--人民网",
        "标题很长的文章|公园_新浪新闻",
        "标题很长的文章_凤凰网资讯_凤凰网",
    ):
        assert strip_site_suffix(title) == "标题很长的文章"
    assert (
        strip_site_suffix("棱镜|数据业大整顿：爬虫与现金贷共生共荣")
        == "棱镜|数据业大整顿：爬虫与现金贷共生共荣"
    )
