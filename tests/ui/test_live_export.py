"""发布 from the article list updates the export folder (`editor.ui.live_export`): the pages
that must show the change first, the status bar saying so, then the rest; nothing without a
remembered export folder holding a bundle, or with 发布后更新导出文件夹 turned off."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent

from editor.ui import live_export, settings


def _draft(ws, title: str) -> int:
    section = next(n for n in ws.sections.public_tree() if n.parent_id is not None)
    with ws.edit():
        return ws.articles.create({"title": title, "section": section.id, "body": "正文。"}).id


def _exported_folder(ws, tmp_path):
    out = tmp_path / "out"
    ws.publisher.export(out, workers=1)
    settings.set_value(live_export.folder_key(ws.location), str(out))
    return out


def test_publishing_from_the_list_updates_the_export_folder(qtbot, window, tmp_path, monkeypatch):
    ws = window.workspace
    out = _exported_folder(ws, tmp_path)
    said: list[str] = []
    window.statusBar().messageChanged.connect(said.append)
    real_refresh = window.refresh_after_article_change

    def refresh() -> None:  # (the list is redrawn once the first pass is out)
        said.append("(refresh)")
        real_refresh()

    monkeypatch.setattr(window, "refresh_after_article_change", refresh)
    first, second = _draft(ws, "列表里发布的稿件"), _draft(ws, "紧接着发布的稿件")
    exported, go_on = [], threading.Event()
    real = ws.publisher.export

    def held(*args, **kwargs):  # the first export ends only once the second 发布 is done
        result = real(*args, **kwargs)
        exported.append(result)
        if len(exported) == 1:
            go_on.wait(30)
        return result

    monkeypatch.setattr(ws.publisher, "export", held)
    window.publish_articles([first])
    assert window.live_export.is_running()
    task = window.live_export.task
    qtbot.waitUntil(lambda: len(exported) == 1, timeout=60000)
    window.publish_articles([second])  # (while the first export runs: one more after it)
    go_on.set()
    qtbot.waitUntil(lambda: not window.live_export.is_running(), timeout=60000)
    assert len(exported) == 2 and exported[0].first is not None
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "列表里发布的稿件" in home and "紧接着发布的稿件" in home
    assert list(out.rglob(f"{first}.html")) and list(out.rglob(f"{second}.html"))
    out_first = next(
        i for i, text in enumerate(said) if text.startswith("导出文件夹中必须显示改动的")
    )
    assert said.index("(refresh)") > out_first
    assert window.statusBar().currentMessage().startswith("导出文件夹已更新：")
    assert window.export_label.text().startswith("上次导出：")
    assert ws.publisher.export(out, workers=1).written == 0  # (the folder is current)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(task)  # (a finished export lets go of the site)


def test_nothing_is_exported_without_a_folder_or_when_turned_off(qtbot, window, tmp_path):
    ws = window.workspace
    window.publish_articles([_draft(ws, "没有导出文件夹")])
    assert not window.live_export.is_running()  # (never exported: no folder)
    out = _exported_folder(ws, tmp_path)
    before = (out / "index.html").read_bytes()
    action = window.actions["export_after_publish"]
    assert action.isChecked()
    action.setChecked(False)
    assert not live_export.enabled()  # (remembered)
    window.publish_articles([_draft(ws, "关掉了自动更新")])
    assert not window.live_export.is_running()
    assert (out / "index.html").read_bytes() == before
    action.setChecked(True)
    window.publish_articles([_draft(ws, "重新打开后发布")])
    assert window.live_export.is_running()
    qtbot.waitUntil(lambda: not window.live_export.is_running(), timeout=60000)
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "重新打开后发布" in home and "关掉了自动更新" in home


def test_an_export_failure_is_said_in_the_status_bar(qtbot, window, tmp_path, monkeypatch):
    from editor.errors import NewsdeskError

    ws = window.workspace
    _exported_folder(ws, tmp_path)

    def refused(*_args, **_kwargs):
        raise NewsdeskError("磁盘已满")

    monkeypatch.setattr(ws.publisher, "export", refused)
    window.publish_articles([_draft(ws, "导出失败的稿件")])
    qtbot.waitUntil(lambda: not window.live_export.is_running(), timeout=60000)
    assert window.statusBar().currentMessage() == "导出文件夹没有更新：磁盘已满"


def test_a_failed_second_pass_says_the_first_pass_s_pages_are_out(
    qtbot, window, tmp_path, monkeypatch
):
    from editor.publish.bundle import ExportError
    from editor.publish.export import Exporter

    ws = window.workspace
    out = _exported_folder(ws, tmp_path)

    def full_disk(self):
        raise ExportError("磁盘已满")

    monkeypatch.setattr(Exporter, "run_rest", full_disk)
    window.publish_articles([_draft(ws, "第二遍失败的稿件")])
    qtbot.waitUntil(lambda: not window.live_export.is_running(), timeout=60000)
    assert window.statusBar().currentMessage() == (
        "导出文件夹中必须显示改动的页面已更新，其余页面没有更新：磁盘已满"
    )
    assert "第二遍失败的稿件" in (out / "index.html").read_text(encoding="utf-8")


def test_a_refused_publish_exports_nothing(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from editor.errors import ValidationError

    ws = window.workspace
    _exported_folder(ws, tmp_path)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warned.append(text))

    def refused(*_args, **_kwargs):
        raise ValidationError("三审未完成")

    monkeypatch.setattr(ws.articles, "publish", refused)
    window.publish_articles([_draft(ws, "不能发布的稿件")])
    assert warned == ["三审未完成"] and not window.live_export.is_running()


def test_a_read_only_site_exports_nothing_after_a_publish(qtbot, ui_site, tmp_path, monkeypatch):
    from editor.store import db as store_db
    from editor.ui.main_window import MainWindow
    from editor.workspace import Workspace
    from tests.ui.helpers import dispose_window

    with Workspace.open(ui_site) as ws:
        _exported_folder(ws, tmp_path)
    monkeypatch.setattr(store_db, "is_read_only", lambda path: True)
    with Workspace.open(ui_site) as ws:
        window = MainWindow(ws)
        window.drafts_offered = True
        try:
            window.live_export.after_change()  # (as a publish that went through would)
            assert not window.live_export.is_running()
        finally:
            dispose_window(window)


def test_what_an_export_says_after_its_site_closed_is_dropped(qtbot, window, tmp_path, monkeypatch):
    ws = window.workspace
    _exported_folder(ws, tmp_path)
    said: list[str] = []
    window.statusBar().messageChanged.connect(said.append)
    exported = threading.Event()
    real = ws.publisher.export

    def slow(*args, **kwargs):
        result = real(*args, **kwargs)
        exported.set()
        threading.Event().wait(0.3)  # (its result comes after the window let it go)
        return result

    monkeypatch.setattr(ws.publisher, "export", slow)
    window.publish_articles([_draft(ws, "关闭前发布的稿件")])
    assert exported.wait(30)
    window.finish_background()  # (as closing or replacing the site does)
    assert not window.live_export.is_running()
    qtbot.wait(100)  # (what the export emitted is delivered now, and dropped)
    assert not any(text.startswith("导出文件夹已更新") for text in said)
