"""The article field table and everything derived from it: the services' field dict, the
cards of the export and the preview, `show --json`, restores, imports, the revisions
dialog's choice and 原标题 from import to the exported page."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pytest

from editor.content import article_fields
from editor.content.article_fields import ARTICLE_FIELDS, BOOKKEEPING, CARD_COLUMNS, FIELDS
from editor.errors import ValidationError

SECTION = "新闻"
ORIGINAL = "成都与上海交大签约共建研究平台"


@pytest.fixture
def newsroom(workspace):
    with workspace.edit():
        workspace.sections.create(SECTION)
        workspace.partners.create("锦观合作平台", units=["四川大学"])
    return workspace


def _full_fields() -> dict:
    """A value for every field of the table, none of them a blank or default."""
    return {
        "title": "校地合作新平台",
        "subtitle": "副题",
        "section": SECTION,
        "status": "published",
        "publish_time": "2023-11-20 09:30",
        "source": "成都日报",
        "source_url": "https://example.cn/a/1.html",
        "original_title": ORIGINAL,
        "responsible_editor": "王编辑",
        "reporters": ["黄雪松", "李明"],
        "photographers": ["魏麟潇"],
        "partner": "锦观合作平台",
        "tags": ["校地合作"],
        "flags": ["headline", "pinned"],
        "hits": 42,
        "summary": "摘要",
        "body": "正文第一段。",
        "cover": None,
        "hot_pin": 2,
        "hot_exclude": True,
        "related": [],
    }


def test_the_table_names_every_field_once_with_its_normaliser():
    names = [spec.name for spec in ARTICLE_FIELDS]
    assert len(names) == len(set(names)) and FIELDS == tuple(names)
    assert set(_full_fields()) == set(FIELDS)  # this test covers every field
    for spec in ARTICLE_FIELDS:
        assert callable(spec.normalize)
        assert spec.widget
        assert spec.read is not None or spec.relation or spec.card, spec.name


def test_every_label_is_translated(monkeypatch):
    from editor import i18n

    english = [spec.label_text() for spec in ARTICLE_FIELDS]
    monkeypatch.delenv(i18n.LANGUAGE_ENV)
    i18n.set_language("zh_CN")
    chinese = [spec.label_text() for spec in ARTICLE_FIELDS]
    assert all(name.isascii() for name in english)
    assert [name for name in chinese if name.isascii()] == []
    assert article_fields.label_of("original_title") == "原标题"


def test_every_card_column_is_an_attribute_of_the_card():
    from editor.content.catalog import CARD_NAMES, ArticleCard

    attributes = {f.name for f in dataclasses.fields(ArticleCard)}
    assert [c.attribute for c in CARD_COLUMNS if c.attribute not in attributes] == []
    assert "original_title" in CARD_NAMES


def test_fields_of_and_show_json_carry_every_field(newsroom):
    from editor.cli import article_document

    with newsroom.edit():
        article = newsroom.articles.create(_full_fields())
    fields = newsroom.articles.fields_of(article.id)
    assert tuple(fields) == ("id", *FIELDS, *BOOKKEEPING[1:])
    assert fields["original_title"] == ORIGINAL
    document = article_document(newsroom, article.id)
    shown = [spec.show for spec in ARTICLE_FIELDS if spec.show]
    assert set(shown) <= set(document)
    assert document["original_title"] == ORIGINAL
    assert document["editor"] == "王编辑" and document["section"] == SECTION
    assert document["published_at"] == "2023-11-20T09:30:00"
    hidden = {spec.name for spec in ARTICLE_FIELDS if not spec.show}
    assert hidden == {"cover", "hot_pin", "hot_exclude", "related"}


def test_each_field_is_normalised_by_its_own_rule(newsroom):
    values = article_fields.normalize_fields(
        {"original_title": "  成都与上海  交大 ", "flags": "headline pinned", "hits": "3"},
        newsroom.articles,
    )
    assert values.columns["original_title"] == "成都与上海 交大"
    assert values.columns["is_headline"] and not values.columns["is_featured"]
    assert values.columns["hits"] == 3
    with pytest.raises(ValidationError, match="original title"):
        article_fields.normalize_fields({"original_title": "长" * 501}, newsroom.articles)
    with pytest.raises(ValidationError, match="Unknown article fields: colour"):
        article_fields.normalize_fields({"colour": "red"}, newsroom.articles)


def test_cards_of_export_slice_and_preview_agree_on_every_card_column(newsroom):
    from editor.content.article_slice import load_slice_cards
    from editor.content.catalog import load_cards, load_site_frame

    with newsroom.edit():
        article = newsroom.articles.create(_full_fields())
    moment = datetime(2030, 1, 1)
    exported = load_cards(moment)[article.id]
    sliced = load_slice_cards(moment, [article.id])[article.id]
    fields = newsroom.articles.fields_of(article.id)
    previewed = newsroom.publisher._preview_card(load_site_frame(moment), fields)
    for column in CARD_COLUMNS:
        value = getattr(exported, column.attribute)
        assert value == getattr(sliced, column.attribute), column.attribute
        assert value == getattr(previewed, column.attribute), column.attribute
    assert exported.original_title == ORIGINAL
    assert (exported.hits, exported.hot_pin, exported.hot_exclude) == (42, 2, True)
    assert exported.is_headline and exported.is_pinned and not exported.is_featured
    assert exported.source == sliced.source == previewed.source == "成都日报"
    assert exported.editor == sliced.editor == previewed.editor == "王编辑"


def test_a_restore_brings_back_the_original_title_but_not_the_status(newsroom):
    with newsroom.edit():
        article = newsroom.articles.create(dict(_full_fields(), status="draft"))
        newsroom.articles.update(
            article.id, {"original_title": "", "status": "review"}, article.version
        )
        newsroom.revisions.restore(article.id, 1, None)
    fields = newsroom.articles.fields_of(article.id)
    assert fields["original_title"] == ORIGINAL
    assert fields["status"] == "review"


def test_the_revisions_dialog_lists_changes_by_the_table(newsroom, monkeypatch):
    from editor import i18n
    from editor.content.revisions import COMPARED_FIELDS, field_labels

    assert COMPARED_FIELDS == article_fields.COMPARED
    assert "original_title" in COMPARED_FIELDS and "body" not in COMPARED_FIELDS
    with newsroom.edit():
        article = newsroom.articles.create(_full_fields())
        newsroom.articles.update(article.id, {"original_title": "另一个标题"}, article.version)
    changes = newsroom.revisions.changed_fields(article.id, 1, 2)
    assert [name for name, *_ in changes] == ["original_title"]
    monkeypatch.delenv(i18n.LANGUAGE_ENV)
    i18n.set_language("zh_CN")
    labels = field_labels()
    assert set(labels) == set(COMPARED_FIELDS)
    assert labels["original_title"] == "原标题" and labels["title"] == "标题"


REPRINT = """<html><head><meta charset="utf-8"><title>{title}_锦观新闻</title></head>
<body><h1>{title}</h1>
<div class="info">2023-11-20 09:30 来源：成都日报</div>
<div class="content"><p>{body}</p></div></body></html>"""


def test_the_original_title_survives_import_retitle_and_export(newsroom, tmp_path):
    body = "成都市人民政府与上海交通大学二十日签署战略合作协议，双方将共建研究平台。" * 3
    page = tmp_path / "reprint.html"
    page.write_text(REPRINT.format(title=ORIGINAL, body=body), encoding="utf-8")
    report = newsroom.importer.import_paths([str(page)], section=SECTION, status="published")
    assert report.imported == 1, report.as_dict()
    article_id = report.results[0].id
    fields = newsroom.articles.fields_of(article_id)
    assert fields["title"] == fields["original_title"] == ORIGINAL
    with newsroom.edit():
        newsroom.articles.update(article_id, {"title": "校地合作有了新平台"}, fields["version"])
    fields = newsroom.articles.fields_of(article_id)
    assert fields["title"] == "校地合作有了新平台" and fields["original_title"] == ORIGINAL
    with newsroom.edit():
        plain = newsroom.articles.create(
            {"title": "本报原创稿件", "section": SECTION, "status": "published", "body": "正文"}
        )
    out = tmp_path / "site"
    newsroom.publisher.export(out, workers=1)
    pages = {p.name: p.read_text(encoding="utf-8") for p in out.rglob(f"{article_id}.html")}
    assert len(pages) == 1
    (html,) = pages.values()
    assert f'<span class="article-original-title">原标题:{ORIGINAL}</span>' in html
    (own,) = [p.read_text(encoding="utf-8") for p in out.rglob(f"{plain.id}.html")]
    assert "article-original-title" not in own


def test_an_unchanged_title_shows_no_original_title(newsroom, tmp_path):
    with newsroom.edit():
        article = newsroom.articles.create(
            {
                "title": ORIGINAL,
                "original_title": ORIGINAL,
                "section": SECTION,
                "status": "published",
                "body": "正文",
            }
        )
    html = newsroom.publisher.render_article_preview(newsroom.articles.fields_of(article.id))
    assert "article-original-title" not in html
    retitled = dict(newsroom.articles.fields_of(article.id), title="新标题")
    html = newsroom.publisher.render_article_preview(retitled)
    assert f"原标题:{ORIGINAL}" in html


def test_markdown_and_word_files_are_not_reprints(newsroom, tmp_path):
    own = tmp_path / "own.md"
    own.write_text("---\ntitle: 本报记者稿件\n---\n\n正文。\n", encoding="utf-8")
    marked = tmp_path / "marked.md"
    marked.write_text(
        f"---\ntitle: 改过的标题\noriginal_title: {ORIGINAL}\n---\n\n正文。\n", encoding="utf-8"
    )
    report = newsroom.importer.import_paths([str(own), str(marked)], section=SECTION)
    ids = [result.id for result in report.results]
    assert [newsroom.articles.fields_of(i)["original_title"] for i in ids] == ["", ORIGINAL]


def test_a_title_changed_while_reviewing_an_import_keeps_the_source_title(newsroom, tmp_path):
    body = "成都市人民政府与上海交通大学二十日签署战略合作协议，双方将共建研究平台。" * 3
    page = tmp_path / "reprint.html"
    page.write_text(REPRINT.format(title=ORIGINAL, body=body), encoding="utf-8")
    extracted = newsroom.importer.extract(str(page))  # what the import dialog shows
    extracted.fields["title"] = "校地合作有了新平台"  # the editor retitles before saving
    saved = newsroom.importer.save(extracted, section=SECTION)
    fields = newsroom.articles.fields_of(saved.id)
    assert (fields["title"], fields["original_title"]) == ("校地合作有了新平台", ORIGINAL)
