"""The main window end to end: a new section, a new article typed in Chinese, saved,
previewed, exported through the dialog; layout remembered; status bar."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QInputDialog

from editor.ui import settings
from editor.ui.section_tree import ROOT_ID
from tests.ui.helpers import commit_text, dispose_window, page_text


def test_write_save_preview_and_export(qtbot, window, monkeypatch, tmp_path):
    ws = window.workspace
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("地方新闻", True))
    window.add_section(ROOT_ID)
    section = ws.sections.tree().resolve("地方新闻")
    assert window.tree.current_section() == section.id

    window.new_article()
    assert window.editor.isEnabled() and window.editor.article_id is None
    assert window.editor.fields()["section"] == section.id
    commit_text(window.editor.title, "成都与上海交大共建研究平台")
    commit_text(window.editor.body, "本网讯 成都市与上海交通大学签约共建五个研究平台。")
    window.editor.reporters.setText("黄雪松")
    window.editor.status.setCurrentIndex(window.editor.status.findData("published"))
    assert window.save_article()
    article_id = window.editor.article_id
    assert article_id and not window.editor.is_dirty
    saved = ws.articles.fields_of(article_id)
    assert saved["title"] == "成都与上海交大共建研究平台"
    assert "上海交通大学" in saved["body"]
    assert window.articles.model.total() == 1  # the list shows the new section's article
    assert window.articles.current_id() == article_id

    with qtbot.waitSignal(window.preview.rendered, timeout=10000):
        window.actions["show_preview"].setChecked(True)  # hidden by default in rich mode
    assert "成都与上海交大共建研究平台" in page_text(qtbot, window.preview.view)

    from editor.ui.dialogs.export_dialog import ExportDialog

    dialog = ExportDialog(ws, window)
    qtbot.addWidget(dialog)
    out = tmp_path / "bundle"
    dialog.folder.setText(str(out))
    dialog.zip_check.setChecked(True)
    dialog.zip_path.setText(str(tmp_path / "bundle.zip"))
    dialog.start()
    assert dialog.is_running()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=60000)
    assert dialog.result_data is not None, dialog.status.text()
    assert dialog.result_data["written"] > 0
    assert not dialog.open_browser.isHidden()
    pages = [p for p in out.rglob(f"{article_id}.html")]
    assert pages, "the article page is in the bundle"
    assert "成都与上海交大共建研究平台" in pages[0].read_text(encoding="utf-8")
    assert (tmp_path / "bundle.zip").stat().st_size > 0


def test_typing_refreshes_the_preview_after_a_pause(qtbot, window):
    window.actions["show_preview"].setChecked(True)
    window.articles.select_row(0)
    qtbot.waitUntil(lambda: window.preview.render_count >= 1)
    before = window.preview.render_count
    commit_text(window.editor.title, "预览标题更新")
    commit_text(window.editor.title, "两次")
    assert window.preview.render_count == before  # not while typing
    qtbot.waitUntil(lambda: window.preview.render_count > before, timeout=3000)
    qtbot.wait(400)
    assert window.preview.render_count == before + 1  # two edits, one render
    qtbot.waitUntil(
        lambda: "预览标题更新两次" in page_text(qtbot, window.preview.view), timeout=5000
    )


def test_phone_switch(qtbot, window):
    window.actions["show_preview"].setChecked(True)
    window.actions["phone_preview"].setChecked(True)
    assert window.preview.view.width() <= 390
    assert window.preview.phone_button.isChecked()
    window.preview.desktop_button.setChecked(True)
    assert not window.actions["phone_preview"].isChecked()


def test_preview_in_the_browser_shows_the_unsaved_page_at_full_size(qtbot, window, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    window.actions["browser_preview"].trigger()
    assert not opened  # no article open: nothing to show
    assert window.statusBar().currentMessage()

    window.articles.select_row(0)
    commit_text(window.editor.title, "浏览器里看")
    window.actions["browser_preview"].trigger()
    assert len(opened) == 1 and opened[0].isLocalFile()
    page = Path(opened[0].toLocalFile())
    text = page.read_text(encoding="utf-8")
    assert "浏览器里看" in text  # the unsaved title, in the site's article page
    stylesheets = re.findall(r'href="(static/[^"]+\.css)"', text)
    assert stylesheets and all((page.parent / css).is_file() for css in stylesheets)
    assert window.editor.is_dirty  # nothing saved on the way


def test_status_bar_and_layout_are_remembered(qtbot, window):
    assert window.workspace.location in window.site_label.text()
    assert "14" in window.counts_label.text()
    window.resize(780, 560)  # inside the offscreen screen, so the geometry comes back as is
    window.split.setSizes([111, 250, 400])
    remembered = window.split.sizes()
    window.close()
    stored = settings.value("window/mainSplitter")
    assert stored is not None
    from editor.ui.main_window import MainWindow

    again = MainWindow(window.workspace)
    again.show()
    assert again.size() == window.size()
    assert again.split.sizes() == remembered
    dispose_window(again)
    assert Path(settings.app_settings().fileName()).is_relative_to(
        Path(settings.app_settings().fileName()).parents[1]
    )


def test_publish_unpublish_move_delete_from_the_list(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    ws = window.workspace
    window.articles.status_filter.setCurrentIndex(window.articles.status_filter.findData("draft"))
    draft_id = window.articles.model.article_id(0)
    window.publish_articles([draft_id])
    assert ws.articles.get(draft_id).status == "published"
    window.unpublish_articles([draft_id])
    assert ws.articles.get(draft_id).status == "draft"
    target = ws.sections.tree().resolve("文旅/旅游")
    window.move_articles_to([draft_id], target.id)
    assert ws.articles.get(draft_id).section_id == target.id
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    total = ws.summary()["articles"]
    window.delete_articles([draft_id])
    assert ws.summary()["articles"] == total - 1


def test_import_action_opens_the_import_dialog(qtbot, window, monkeypatch):
    import pytest

    dialog_module = pytest.importorskip("editor.ui.dialogs.import_dialog")
    opened = []
    monkeypatch.setattr(
        dialog_module.ImportDialog, "exec", lambda dialog: opened.append(dialog) or 0
    )
    action = window.actions["import"]
    assert action.isEnabled()
    action.trigger()
    assert opened and opened[0].parent() is window


def test_saving_runs_the_article_checks_and_shows_what_they_found(qtbot, window, monkeypatch):
    """The editor calls the same check registry as `newsdesk check --article`."""
    from editor.content import all_checks, checks  # noqa: F401 (the whole registry, loaded)

    # the registry without the copy checks, which have their own tests (the demo's half-width
    # commas would be found here)
    kept = {
        rule: check
        for rule, check in checks.CHECKS.items()
        if type(check).__module__
        not in (
            "editor.content.copy_checks",
            "editor.content.script_check",
            "editor.content.simhash",
        )
    }
    monkeypatch.setattr(checks, "CHECKS", kept)
    checked = []

    class TitleLength:
        rule = "test.title_length"
        stages = frozenset({checks.ARTICLE})

        def run(self, context):
            checked.extend(context.articles)
            yield checks.Finding(self.rule, checks.WARNING, "标题超过 10 个字")

    first = window.workspace.articles.list()[0]
    window.open_article(first.id)
    commit_text(window.editor.title, "一个相当长的标题，超过十个字了")
    assert window.save_article()
    message = window.statusBar().currentMessage()
    assert message.startswith("已保存") and "检查发现" not in message  # nothing found yet
    qtbot.waitUntil(lambda: not window.save_checks.is_running(), timeout=10000)
    checks.register(TitleLength())
    commit_text(window.editor.title, "另一个相当长的标题，也超过十个字")
    assert window.save_article()
    qtbot.waitUntil(lambda: "检查发现" in window.statusBar().currentMessage(), timeout=10000)
    assert checked == [first.id]
    message = window.statusBar().currentMessage()
    assert message.startswith("已保存") and message.endswith("检查发现 1 个问题：标题超过 10 个字")
