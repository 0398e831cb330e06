"""The article form: loading and reading fields, dirty state, title length, stats, choices."""

from __future__ import annotations

import pytest

from editor.ui.article_editor import TITLE_WARN_LENGTH, ArticleEditor
from tests.ui.helpers import commit_text


@pytest.fixture
def editor(qtbot, ui_workspace):
    widget = ArticleEditor()
    qtbot.addWidget(widget)
    ws = ui_workspace
    widget.related.articles = ui_workspace.articles
    widget.media = ui_workspace.media
    widget.set_choices(
        sections=[(n.id, n.path) for n in ws.sections.tree()],
        partners=[p.name for p in ws.partners.list()],
        sources=[s.name for s in ws.sources.list()],
        people=[p.name for p in ws.people.list()],
        editors=[p.name for p in ws.people.list(role="editor")],
    )
    return widget


def test_fields_round_trip_through_the_form(editor, ui_workspace):
    ws = ui_workspace
    article_id = ws.articles.list()[0].id
    fields = ws.articles.fields_of(article_id)
    editor.load(fields, article_id, fields["version"])
    assert not editor.is_dirty
    read = editor.fields()
    for key in (
        "title",
        "subtitle",
        "summary",
        "body",
        "section",
        "source",
        "source_url",
        "reporters",
        "photographers",
        "responsible_editor",
        "partner",
        "cover",
        "tags",
        "flags",
        "status",
        "hits",
        "related",
    ):
        assert read[key] == fields[key], key
    assert read["publish_time"][:16] == fields["publish_time"][:16]
    with ws.edit():
        saved = ws.articles.update(article_id, read, fields["version"])
    assert saved.version == fields["version"] + 1


def test_typing_chinese_marks_dirty_and_counts(qtbot, editor):
    editor.load({"section": None}, None, None)
    with qtbot.waitSignal(editor.fieldsChanged):
        commit_text(editor.title, "成都与上海交大共建5个高能级研究平台")
    assert editor.is_dirty
    assert editor.title.text() == "成都与上海交大共建5个高能级研究平台"
    assert editor.title_count.text() == f"18/{TITLE_WARN_LENGTH}"
    commit_text(editor.title, "并引育科技型企业五十家产值超过五亿元")
    assert "c62828" in editor.title_count.styleSheet()  # over the limit: red
    assert editor.title_count.toolTip()
    commit_text(editor.body, "引育科技型企业50家")
    editor.update_stats()
    assert "字数 9" in editor.stats.text()  # 8 characters and one number
    assert "有未保存的修改" in editor.state_label.text()


def test_reporters_and_scheduling(editor):
    editor.load(
        {"section": None, "status": "published", "publish_time": "2099-01-01T08:00:00"}, None, None
    )
    assert "定时发布" in editor.schedule_hint.text()
    editor.reporters.setText("黄雪松、魏麟潇")
    assert editor.fields()["reporters"] == ["黄雪松", "魏麟潇"]
    editor.has_time.setChecked(False)
    assert editor.fields()["publish_time"] is None
    editor.flag_boxes["headline"].setChecked(True)
    assert editor.fields()["flags"] == ["headline"]


def test_name_completer_completes_the_last_name(editor):
    completer = editor.people_completers[0]
    editor.reporters.setText("黄雪松、魏")
    assert completer.splitPath(editor.reporters.text()) == ["魏"]
    completer.names.setStringList(["魏麟潇"])
    index = completer.names.index(0)
    assert completer.pathFromIndex(index) == "黄雪松、魏麟潇"


def test_clear_disables_the_form(editor):
    editor.clear()
    assert not editor.isEnabled()
    assert editor.article_id is None


def test_related_picks_are_chosen_by_title(qtbot, editor, ui_workspace, monkeypatch):
    from editor.ui.related_picker import ArticleSearchDialog

    ws = ui_workspace
    editor.related.articles = ws.articles
    rows = ws.articles.list()
    own, first, second = rows[0], rows[1], rows[2]
    fields = ws.articles.fields_of(own.id)
    editor.load({**fields, "related": [second.id]}, own.id, fields["version"])
    assert editor.related.list.item(0).text() == second.title
    dialog = ArticleSearchDialog(ws.articles, {own.id, second.id})
    qtbot.addWidget(dialog)
    dialog.search.setText(first.title[:4])
    dialog.run_search()
    assert not dialog._timer.isActive()  # the search that ran was the one waiting
    titles = [dialog.results.item(i).text() for i in range(dialog.results.count())]
    assert any(first.title in t for t in titles)
    assert not any(t.startswith(own.title + " ") for t in titles)
    with qtbot.waitSignal(editor.fieldsChanged):
        editor.related.add_picks([(first.id, first.title), (own.id, own.title)])
    assert editor.fields()["related"] == [second.id, first.id]  # never itself
    editor.related.list.setCurrentRow(1)
    editor.related.move_current(-1)
    assert editor.fields()["related"] == [first.id, second.id]
    editor.related.remove_current()
    assert editor.fields()["related"] == [second.id]


def test_related_picks_survive_a_database_that_cannot_answer(editor, ui_workspace, monkeypatch):
    """A transient error while looking titles up keeps the ids (and says so); only an
    article deleted since is dropped."""
    from editor.errors import NotFoundError, SiteBusyError

    ws = ui_workspace
    rows = ws.articles.list()
    own, kept, gone = rows[0], rows[1], rows[2]
    fields = ws.articles.fields_of(own.id)
    real_get = ws.articles.get

    def flaky_get(article_id):
        if article_id == kept.id:
            raise SiteBusyError(ws.location, 10)
        if article_id == gone.id:
            raise NotFoundError("gone")
        return real_get(article_id)

    monkeypatch.setattr(ws.articles, "get", flaky_get)
    editor.load({**fields, "related": [kept.id, gone.id]}, own.id, fields["version"])
    assert editor.fields()["related"] == [kept.id]
    assert not editor.related.error.isHidden() and "busy" in editor.related.error.text()
    monkeypatch.setattr(ws.articles, "get", real_get)
    editor.load({**fields, "related": [kept.id]}, own.id, fields["version"])
    assert editor.related.list.item(0).text() == kept.title
    assert editor.related.error.isHidden()


def test_a_cover_that_cannot_be_read_now_keeps_its_id(editor, ui_workspace, monkeypatch):
    from editor.errors import SiteBusyError
    from tests.ingest.helpers import png_bytes

    ws = ui_workspace
    article = ws.articles.list()[0]
    asset = ws.media.add(png_bytes(), "cover.png", "封面")
    fields = ws.articles.fields_of(article.id)

    def busy(_ref):
        raise SiteBusyError(ws.location, 10)

    monkeypatch.setattr(ws.media, "get", busy)
    editor.load({**fields, "cover": asset.id}, article.id, fields["version"])
    assert editor.fields()["cover"] == asset.id
    assert "busy" in editor.cover_label.text()


def test_the_form_reads_and_writes_every_field_of_the_table(editor, ui_workspace):
    from editor.content.article_fields import FIELDS

    ws = ui_workspace
    article_id = ws.articles.list()[0].id
    with ws.edit():
        ws.articles.update(article_id, {"original_title": "原来的标题"}, None)
    fields = ws.articles.fields_of(article_id)
    editor.load(fields, article_id, fields["version"])
    read = editor.fields()
    assert set(read) == set(FIELDS)
    assert read["original_title"] == "原来的标题"
    form = editor.original_title.parentWidget().layout().itemAt(0).layout()
    label = form.labelForField(editor.original_title)
    assert label is not None and label.text() == "原标题"
    editor.original_title.setText("改过的原标题")
    assert editor.is_dirty
    with ws.edit():
        ws.articles.update(article_id, editor.fields(), fields["version"])
    assert ws.articles.fields_of(article_id)["original_title"] == "改过的原标题"
