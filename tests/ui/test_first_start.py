"""First start with `--db` naming a file that holds no site yet: the site is offered there,
新建空白站点 proposes that file, and Qt's own dialogs speak Chinese."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLabel, QMessageBox

from editor.ui.dialogs.site_dialogs import WelcomeDialog, offer_new_site
from editor.workspace import Workspace


def test_missing_db_file_is_offered_as_a_new_site(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "county" / "县融媒体.newsdesk"
    path.parent.mkdir()
    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes,
    )
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("县融媒体中心", True))
    location = offer_new_site(str(path))
    assert str(path) in asked[0] and "newsdesk --db" not in asked[0]
    assert location == str(path.resolve()) and path.is_file()
    with Workspace.open(location, user="tester") as ws:
        assert ws.site.get().name == "县融媒体中心"
    assert offer_new_site(location) == location  # an existing site is opened as it is


def test_new_blank_site_proposes_the_db_path(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "站点" / "site.newsdesk"
    path.parent.mkdir()
    proposed = []

    def save_name(parent, caption, suggested, filters):
        proposed.append(suggested)
        return suggested, filters

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("新站点", True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)

    def click_new(dialog):
        dialog.new_button.click()
        return dialog.result()

    monkeypatch.setattr(WelcomeDialog, "exec", click_new)
    location = offer_new_site(str(path))
    assert proposed == [str(path)]
    assert location == str(path.resolve()) and path.is_file()


def test_qt_dialogs_are_chinese(qtbot):
    from editor.ui.i18n import install_language

    install_language("zh_CN")
    dialog = QFileDialog(None, "打开站点")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert "查找范围(&L)：" in labels and "文件类型(&T)：" in labels
    assert "Look in:" not in labels
