"""The import dialog: review one source before saving, or import a batch off the GUI thread."""

from __future__ import annotations

import re

import pytest

from editor.ui.dialogs.import_table import ARTICLE, NOTE, RESULT
from tests.ingest.helpers import http_server, news_page
from tests.shared_fixtures import SHARED, missing

SEED = SHARED / "seeds" / "000_3021b4d87fc04072.txt"


@pytest.fixture
def dialog(qtbot, ui_workspace):
    from editor.ui.dialogs.import_dialog import ImportDialog

    dlg = ImportDialog(ui_workspace)
    qtbot.addWidget(dlg)
    dlg.show()
    yield dlg
    dlg.done(0)


def _extract(qtbot, dlg):
    with qtbot.waitSignal(dlg.extracted, timeout=20000):
        dlg.extract_button.click()
    qtbot.waitUntil(lambda: dlg.task is None, timeout=5000)


def test_dialog_offers_files_folder_url_and_paste_in_chinese(dialog):
    assert dialog.windowTitle() == "导入文章"
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "文件",
        "文件夹",
        "网址",
        "粘贴",
    ]
    assert dialog.section.itemData(0) is None
    assert dialog.section.findData("华商走世界/川商走世界") > 0
    assert not dialog.save_button.isEnabled()


def test_paste_html_review_edit_and_save(qtbot, dialog, ui_workspace):
    dialog.tabs.setCurrentIndex(3)
    dialog.paste.setPlainText(news_page())
    _extract(qtbot, dialog)
    assert dialog.title.text() == "成都与上海交大共建5个高能级研究平台"
    assert dialog.source.text() == "成都日报"
    assert dialog.reporters.text() == "黄雪松"
    assert dialog.editor_name.text() == "网宣黄怡竞"
    assert dialog.publish_time.text() == "2023-11-23 10:00"
    assert dialog.source_url.text() == "https://news.example.cn/a/1.html"
    assert "校地协同发展" in dialog.body.toPlainText()
    assert dialog.save_button.isEnabled()
    dialog.title.setText("成都与上海交大共建研究平台(编辑修改)")
    dialog.photographers.setText("魏麟潇、李明")
    dialog.select_section("经济/科技")
    with qtbot.waitSignal(dialog.articleImported) as saved:
        dialog.save_button.click()
    fields = ui_workspace.articles.fields_of(saved.args[0])
    assert fields["title"] == "成都与上海交大共建研究平台(编辑修改)"
    assert fields["photographers"] == ["魏麟潇", "李明"]
    assert ui_workspace.sections.path_of(fields["section"]) == "经济/科技"
    assert fields["status"] == "draft"
    assert not dialog.save_button.isEnabled()
    dialog.save_button.setEnabled(True)  # saving the same story again is refused, visibly
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "Already imported" in dialog.message.text(), timeout=10000)


def test_seed_file_suggests_its_section(qtbot, dialog):
    if not SEED.is_file():
        missing(f"the seed page is not at {SEED}")
    dialog.add_files([str(SEED)])
    _extract(qtbot, dialog)
    assert dialog.section.currentData() == "华商走世界/川商走世界"
    assert dialog.reporters.text() == "黄雪松"
    assert dialog.photographers.text() == "魏麟潇"
    assert dialog.body.toPlainText().count(":::box 新闻拓展") == 1


def test_url_is_read_off_the_gui_thread(qtbot, dialog):
    page = news_page(charset=None).encode("gbk")
    with http_server({"/a.html": (page, "text/html; charset=gbk")}) as base:
        dialog.tabs.setCurrentIndex(2)
        dialog.url.setText(f"{base}/a.html")
        _extract(qtbot, dialog)
    assert dialog.title.text() == "成都与上海交大共建5个高能级研究平台"


def test_batch_import_shows_progress_and_a_result_per_file(qtbot, dialog, tmp_path, ui_workspace):
    paths = []
    for i in range(3):
        page = tmp_path / f"p{i}.html"
        page.write_text(
            news_page(title=f"批量导入的第{i}篇稿件", url=f"https://n.example.cn/{i}.html"),
            encoding="utf-8",
        )
        paths.append(str(page))
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    dialog.add_files([*paths, str(empty), paths[0]])  # the repeat is listed once
    assert dialog.file_list.count() == 4
    dialog.status_choice.setCurrentIndex(dialog.status_choice.findData("review"))
    with qtbot.waitSignal(dialog.batchFinished, timeout=30000) as finished:
        dialog.batch_button.click()
    data = finished.args[0]
    assert (data["imported"], data["duplicates"], data["failed"]) == (3, 0, 1)
    qtbot.waitUntil(lambda: dialog.task is None, timeout=5000)
    assert dialog.results.rowCount() == 4
    assert [dialog.results.item(r, RESULT).text() for r in range(4)] == [
        "已导入",
        "已导入",
        "已导入",
        "失败",
    ]
    assert "empty" in dialog.results.item(3, NOTE).text()
    assert dialog.progress.value() == dialog.progress.maximum() == 4
    assert "导入 3 篇" in dialog.message.text()
    row = ui_workspace.articles.get(int(dialog.results.item(0, ARTICLE).text()))
    assert row.status == "review"
    assert dialog.batch_button.isEnabled()


def test_folder_batch(qtbot, dialog, tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html").write_text(news_page(), encoding="utf-8")
    (folder / "note.md").write_text("---\ntitle: 一篇笔记\n---\n正文。\n", encoding="utf-8")
    dialog.tabs.setCurrentIndex(1)
    dialog.folder.setText(str(folder))
    with qtbot.waitSignal(dialog.batchFinished, timeout=30000) as finished:
        dialog.batch_button.click()
    assert finished.args[0]["imported"] == 2


def test_nothing_to_read_says_so(dialog):
    dialog.tabs.setCurrentIndex(2)
    dialog.extract_button.click()
    assert "没有可识别的内容" in dialog.message.text()
    assert dialog.task is None


def test_a_doubtful_body_is_a_warning_in_review_and_in_the_batch_table(qtbot, dialog, tmp_path):
    short = (
        '<html><head><meta charset="utf-8"><title>只有一句话的短讯_示例网</title></head><body>'
        "<h1>只有一句话的短讯</h1><div class='info'>2023-11-23 10:00 来源：成都日报</div>"
        "<div class='article-content'><p>成都今天召开新闻发布会，介绍了有关情况。</p></div>"
        "</body></html>"
    )
    dialog.tabs.setCurrentIndex(3)
    dialog.paste.setPlainText(short)
    _extract(qtbot, dialog)
    assert "The body is only" in dialog.warnings.text()
    page = tmp_path / "short.html"
    page.write_text(short, encoding="utf-8")
    dialog.tabs.setCurrentIndex(0)
    dialog.add_files([str(page)])
    with qtbot.waitSignal(dialog.batchFinished, timeout=30000):
        dialog.batch_button.click()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=5000)
    assert dialog.results.item(0, RESULT).text() == "已导入"
    assert "The body is only" in dialog.results.item(0, NOTE).text()


def test_saving_a_reviewed_page_stores_its_pictures(qtbot, dialog, ui_workspace):
    from tests.ingest.helpers import png_bytes

    picture = png_bytes("blue")
    with http_server({"/img/a.png": (picture, "image/png")}) as base:
        page = news_page().replace(
            "<p>（责任编辑",
            f'<p><img src="{base}/img/a.png" alt="现场"></p><p>图为现场。</p>'
            f'<p><img src="{base}/img/gone.png" alt="旧图"></p><p>（责任编辑',
        )
        dialog.tabs.setCurrentIndex(3)
        dialog.paste.setPlainText(page)
        _extract(qtbot, dialog)
        assert f"{base}/img/a.png" in dialog.body.toPlainText()
        with qtbot.waitSignal(dialog.articleImported, timeout=30000) as saved:
            dialog.save_button.click()
    body = ui_workspace.articles.fields_of(saved.args[0])["body"]
    stored = ui_workspace.media.get(re.search(r"asset:([0-9a-f]+)", body).group(1))
    assert stored.data == picture and stored.source_url == f"{base}/img/a.png"
    assert f"{base}/img/gone.png" in body
    assert f"{base}/img/gone.png" in dialog.warnings.text()
    assert not dialog.save_button.isEnabled()
