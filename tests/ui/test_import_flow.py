"""The import dialog as a flow: a file is recognised when chosen, many files are recognised
in the background into a table the editor corrects before 全部导入, the progress bar counts
the files, each article is announced as it arrives, the chosen 栏目 is kept, the body is
shown rendered, and 待分类 stays off the published site."""

from __future__ import annotations

from editor.ui.dialogs.import_dialog import ImportDialog
from editor.ui.dialogs.import_table import RESULT, SECTION, TITLE
from tests.ingest.helpers import news_page


def _pages(tmp_path, count):
    paths = []
    for i in range(count):
        page = tmp_path / f"p{i}.html"
        page.write_text(
            news_page(title=f"流程测试第{i}篇稿件", url=f"https://n.example.cn/f{i}.html"),
            encoding="utf-8",
        )
        paths.append(str(page))
    return paths


def test_recognise_correct_import_and_keep_the_section(qtbot, window, tmp_path):
    ws = window.workspace
    dialog = ImportDialog(ws, window)
    qtbot.addWidget(dialog)
    dialog.show()
    first, *others = _pages(tmp_path, 4)

    # one file: recognised as soon as it is chosen, body shown rendered
    with qtbot.waitSignal(dialog.extracted, timeout=20000):
        dialog.add_files([first])
    assert dialog.title.text() == "流程测试第0篇稿件"
    assert dialog.body_tabs.currentWidget() is dialog.body_view
    shown = dialog.body_view.toPlainText()
    assert "第0段" in shown and "**" not in shown and "<p>" not in dialog.body_view.toPlainText()

    # more files: recognised in the background into the table, corrected there
    dialog.file_list.clear()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10000)
    dialog.add_files(others)
    qtbot.waitUntil(lambda: dialog.task is None, timeout=30000)
    table = dialog.results
    assert table.rowCount() == 3
    assert [table.item(r, RESULT).text() for r in range(3)] == ["已识别"] * 3
    assert table.item(1, TITLE).text() == "流程测试第2篇稿件"
    table.item(1, TITLE).setText("流程测试第2篇（编辑改过的标题）")
    picker = table.cellWidget(2, SECTION)
    picker.setCurrentIndex(picker.findData("经济/科技"))
    # the editor's 栏目 for the rest
    dialog.section.setCurrentIndex(dialog.section.findData("文旅/旅游"))
    dialog.section.activated.emit(dialog.section.currentIndex())

    arrived = []
    dialog.articleImported.connect(arrived.append)
    window.tree.select_section(0)
    before = window.articles.model.total()
    dialog.articleImported.connect(lambda _id: window.refresh_after_article_change())
    with qtbot.waitSignal(dialog.batchFinished, timeout=30000) as finished:
        dialog.batch_button.click()
    assert finished.args[0]["imported"] == 3
    assert (dialog.progress.value(), dialog.progress.maximum()) == (3, 3)
    assert len(arrived) == 3 and window.articles.model.total() == before + 3
    titles = {
        ws.articles.fields_of(i)["title"]: ws.articles.fields_of(i)["section"] for i in arrived
    }
    assert "流程测试第2篇（编辑改过的标题）" in titles
    paths = {title: ws.sections.path_of(section) for title, section in titles.items()}
    assert paths["流程测试第3篇稿件"] == "经济/科技"
    assert paths["流程测试第1篇稿件"] == "文旅/旅游"
    assert dialog.section.currentData() == "文旅/旅游"  # kept after the saves
    dialog.done(0)

    again = ImportDialog(ws, window)
    qtbot.addWidget(again)
    assert again.section.currentData() == "文旅/旅游"  # and the next time
    again.done(0)


def test_unsorted_is_never_public(qtbot, window, tmp_path):
    from editor.errors import ValidationError

    ws = window.workspace
    dialog = ImportDialog(ws, window)
    qtbot.addWidget(dialog)
    page = tmp_path / "nowhere.html"
    page.write_text(news_page(title="无处归类的稿件", url="https://n.example.cn/x.html"), "utf-8")
    dialog.status_choice.setCurrentIndex(dialog.status_choice.findData("published"))
    dialog.tabs.setCurrentIndex(1)
    dialog.folder.setText(str(tmp_path))
    with qtbot.waitSignal(dialog.batchFinished, timeout=30000) as finished:
        dialog.batch_button.click()
    dialog.done(0)
    article_id = finished.args[0]["results"][0]["id"]
    fields = ws.articles.fields_of(article_id)
    assert ws.sections.path_of(fields["section"]) == "待分类"
    assert fields["status"] == "draft"
    try:
        with ws.edit():
            ws.articles.publish(article_id)
    except ValidationError as exc:
        assert "待分类" in exc.message
    else:
        raise AssertionError("an article in 待分类 was published")
    out = tmp_path / "site"
    ws.publisher.export(out, full=True, workers=1)
    pages = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.html"))
    assert "无处归类的稿件" not in pages
    assert "unsorted/" not in pages and ">待分类<" not in pages  # no link, no menu entry
    assert not (out / "unsorted").exists()
