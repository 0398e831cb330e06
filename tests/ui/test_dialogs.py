"""Dialogs: section properties, site settings, list managers, recovery, welcome, about,
export cancel."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QMessageBox

from editor import __version__
from editor.ui.dialogs.lists_dialog import ListManagerDialog
from editor.ui.dialogs.recover_dialog import RecoverDialog
from editor.ui.dialogs.section_dialog import SectionDialog
from editor.ui.dialogs.site_dialogs import WelcomeDialog, create_site
from editor.ui.dialogs.site_settings import SiteSettingsDialog


def test_section_properties(qtbot, ui_workspace):
    ws = ui_workspace
    section = ws.sections.tree().resolve("华商走世界/川商走世界")
    dialog = SectionDialog(ws, section.id)
    qtbot.addWidget(dialog)
    assert dialog.slug.text() == section.slug
    dialog.slug.setText("sichuan")
    dialog.in_navigation.setChecked(False)
    dialog.page_size.setValue(30)
    partner = ws.partners.list()[0]
    dialog.partner.setCurrentIndex(dialog.partner.findData(partner.id))
    with ws.edit():
        ws.sections.update(section.id, **dialog.values())
    node = ws.sections.tree().get(section.id)
    assert (node.slug, node.in_navigation, node.page_size, node.partner_id) == (
        "sichuan",
        False,
        30,
        partner.id,
    )


def test_site_settings_save(qtbot, ui_workspace):
    ws = ui_workspace
    dialog = SiteSettingsDialog(ws)
    qtbot.addWidget(dialog)
    assert dialog.lines["name"].text() == "儒经网"
    dialog.lines["slogan"].setText("新的口号")
    dialog.lines["icp_number"].setText("蜀ICP备00000000号-1")
    dialog.founded.setValue(2008)
    dialog.add_link("关于我们", "/about.html")
    dialog.accept()
    site = ws.site.get()
    assert site.slogan == "新的口号" and site.founded_year == 2008
    assert site.icp_number == "蜀ICP备00000000号-1"
    assert {"title": "关于我们", "url": "/about.html"} in site.footer_links


def test_site_settings_refuse_bad_base_url(qtbot, ui_workspace, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    dialog = SiteSettingsDialog(ui_workspace)
    qtbot.addWidget(dialog)
    dialog.lines["base_url"].setText("www.example.com")
    dialog.accept()
    assert shown and "http" in shown[0]
    assert ui_workspace.site.get().base_url != "www.example.com"


def test_people_manager(qtbot, ui_workspace):
    ws = ui_workspace
    dialog = ListManagerDialog(ws, "people")
    qtbot.addWidget(dialog)
    dialog.new_entry()
    dialog.inputs["name"].setText("魏麟潇")
    dialog.inputs["affiliation"].setText("成都日报锦观新闻")
    dialog.inputs["role_photographer"].setChecked(True)
    dialog.save_entry()
    person = next(p for p in ws.people.list(prefix="魏麟潇"))
    assert person.affiliation == "成都日报锦观新闻" and person.roles == ["photographer"]
    assert dialog.list.currentItem().text() == "魏麟潇"


def test_partner_and_source_managers(qtbot, ui_workspace, monkeypatch):
    ws = ui_workspace
    dialog = ListManagerDialog(ws, "partners")
    qtbot.addWidget(dialog)
    dialog.new_entry()
    dialog.inputs["name"].setText("川商交流平台")
    dialog.inputs["units"].setPlainText("四川省川商研究会\n锦江书院")
    dialog.inputs["wechat"].setText("13800000000")
    dialog.save_entry()
    partner = ws.partners.get("川商交流平台")
    assert partner.units == ["四川省川商研究会", "锦江书院"] and partner.wechat == "13800000000"
    sources = ListManagerDialog(ws, "sources")
    qtbot.addWidget(sources)
    sources.new_entry()
    sources.inputs["name"].setText("锦观新闻")
    sources.inputs["url"].setText("https://example.com/")
    sources.save_entry()
    assert any(s.name == "锦观新闻" for s in ws.sources.list())
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    sources.delete_entry()
    assert not any(s.name == "锦观新闻" for s in ws.sources.list())


def test_recover_dialog_discard_and_choose(qtbot, ui_workspace):
    ws = ui_workspace
    ws.drafts.save("new:a", {"title": "草稿甲"}, None, None)
    ws.drafts.save("new:b", {"title": "草稿乙"}, None, None)
    dialog = RecoverDialog(ws.drafts.pending())
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 2
    first = dialog._drafts[0]
    dialog._discard()
    assert dialog.discarded == [first]
    dialog._recover()
    assert dialog.chosen is not None and dialog.chosen is not first


def test_welcome_dialog_choices(qtbot, tmp_path, monkeypatch):
    from editor.ui import settings
    from editor.ui.i18n import install_language

    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    assert dialog.language.currentData() == "zh_CN"
    try:
        dialog.language.setCurrentIndex(dialog.language.findData("en"))
        assert dialog.demo_button.text() == "Open the demo site"
        assert settings.language() == "en"
    finally:
        install_language("zh_CN")
    dialog.choose_demo()
    assert dialog.location == "@demo"
    from editor.workspace import Workspace

    location = create_site(None, name="县融媒体中心", path=str(tmp_path / "county"))
    assert location.endswith("county.newsdesk")
    with Workspace.open(location) as ws:
        assert ws.site.get().name == "县融媒体中心"


def test_about_shows_the_version(qtbot, monkeypatch):
    from editor.ui.dialogs.about_dialog import show_about

    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    show_about(None)
    assert __version__ in shown[0]


def test_export_can_be_cancelled(qtbot, ui_workspace, tmp_path, monkeypatch):
    from editor.ui.dialogs.export_dialog import ExportDialog

    started = threading.Event()
    publisher = ui_workspace.publisher
    original = publisher.export

    def slow_export(out_dir, **options):
        cancel = options["cancel"]

        def progress(done, total, message=""):
            options["progress"](done, total, message)
            started.set()
            cancel.wait(5)  # hold until the dialog cancels

        return original(out_dir, **{**options, "progress": progress})

    monkeypatch.setattr(publisher, "export", slow_export)
    dialog = ExportDialog(ui_workspace)
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(tmp_path / "out"))
    dialog.start()
    qtbot.waitUntil(started.is_set, timeout=20000)
    dialog.cancel()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=30000)
    assert dialog.result_data is None
    assert "取消" in dialog.status.text()
    assert not (tmp_path / "out" / "index.html").exists()


def _exported_then_a_new_article(ws, tmp_path, title: str):
    """The site exported into tmp_path/out (returned), then a published article saved."""
    from datetime import datetime

    out = tmp_path / "out"
    ws.publisher.export(out, workers=1)
    section = next(n for n in ws.sections.public_tree() if n.parent_id is not None)
    with ws.edit():
        ws.articles.create(
            {
                "title": title,
                "section": section.id,
                "body": "正文。",
                "status": "published",
                "publish_time": datetime.now().replace(microsecond=0),
            }
        )
    return out


def test_export_after_a_new_article_says_when_its_pages_were_out_and_names_each_step(
    qtbot, ui_workspace, tmp_path
):
    from editor.ui.dialogs.export_dialog import ExportDialog

    ws = ui_workspace
    out = _exported_then_a_new_article(ws, tmp_path, "对话框里先发布的稿件")
    dialog = ExportDialog(ws)
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(out))
    shown: list[str] = []
    real_set_text = dialog.status.setText
    dialog.status.setText = lambda text: (shown.append(text), real_set_text(text))
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=60000)
    data = dialog.result_data
    assert data is not None, dialog.status.text()
    assert 0 < data["first"]["written"] < data["written"]
    assert "先发布" in dialog.summary.text()
    assert any(text.startswith("已先发布必须显示改动的") for text in shown)
    assert "正在比较上次导出…" in shown  # the steps in words, never their keys
    assert not {"planning", "rendering pages", "done"} & set(shown)
    assert "对话框里先发布的稿件" in (out / "index.html").read_text(encoding="utf-8")


def test_cancelled_after_the_first_pass_the_dialog_says_what_is_out(
    qtbot, ui_workspace, tmp_path, monkeypatch
):
    from editor.publish.export import Exporter
    from editor.ui.dialogs.export_dialog import ExportDialog

    ws = ui_workspace
    out = _exported_then_a_new_article(ws, tmp_path, "取消后仍在线的稿件")
    dialog = ExportDialog(ws)
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(out))
    real = Exporter.run_rest

    def cancelled_during_the_rest(self):
        dialog.worker.stop.set()  # 取消 pressed during the second pass
        return real(self)

    monkeypatch.setattr(Exporter, "run_rest", cancelled_during_the_rest)
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=60000)
    assert dialog.status.text() == "已取消；必须显示改动的页面已发布，其余页面在下次导出时更新。"
    assert "取消后仍在线的稿件" in (out / "index.html").read_text(encoding="utf-8")
