"""UI language, the start-up choice of site, the welcome path and `gui --screenshot`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt

from editor.ui import settings
from editor.ui.i18n import install_language, translations_dir
from tests.ui.helpers import dispose_window


def test_english_is_shipped_and_selectable(qtbot, ui_workspace):
    assert (translations_dir() / "newsdesk_en.qm").is_file()
    assert (translations_dir() / "newsdesk_en.ts").is_file()
    from editor.ui.main_window import MainWindow

    try:
        assert install_language("en") == "en"
        window = MainWindow(ui_workspace)
        titles = [action.text() for action in window.menuBar().actions()]
        assert titles[0] == "&File" and "&Help" in titles
        assert window.editor.tabs.tabText(1) == "Details"
        assert window.articles.model.headerData(3, Qt.Orientation.Horizontal) == "Source"
        assert window.articles.status_filter.itemText(1) == "Draft"
        dispose_window(window)
    finally:
        install_language("zh_CN")
    window = MainWindow(ui_workspace)
    assert window.menuBar().actions()[0].text() == "文件(&F)"
    dispose_window(window)


def test_choose_site_prefers_argument_then_remembered(tmp_path, ui_site):
    from editor.ui.app import DEMO, choose_site

    assert choose_site("x.newsdesk", False, None) == "x.newsdesk"
    settings.remember_site(ui_site)
    assert choose_site(None, False, None) == ui_site
    assert settings.recent_sites()[0] == ui_site
    settings.set_value(settings.KEY_SITE, str(tmp_path / "gone.newsdesk"))
    assert choose_site(None, False, "shot.png") == DEMO  # a screenshot never waits for a dialog


def test_first_start_shows_the_welcome_dialog(qtbot, monkeypatch):
    from editor.ui import app
    from editor.ui.dialogs.site_dialogs import WelcomeDialog

    def choose_demo(dialog):
        dialog.choose_demo()
        return 1

    monkeypatch.setattr(WelcomeDialog, "exec", choose_demo)
    assert app.choose_site(None, False, None) == app.DEMO


def test_session_opens_and_switches_sites(qtbot, ui_site, tmp_path):
    from editor.ui.app import Session, application
    from editor.ui.dialogs.site_dialogs import create_site

    other = create_site(None, name="第二站点", path=str(tmp_path / "second.newsdesk"))
    session = Session(application())
    assert session.open(ui_site)
    first = session.window
    first.drafts_offered = True
    assert session.open(other)
    assert session.window is not first
    assert session.workspace.site.get().name == "第二站点"
    assert settings.recent_sites()[:2] == [other, ui_site]
    session.window.drafts_offered = True
    session.window.editor.mark_clean()
    session.close()


def test_gui_screenshot_command(tmp_path, ui_site):
    shot = tmp_path / "window.png"
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        QTWEBENGINE_DISABLE_SANDBOX="1",
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, str(root / "app.py"), "--db", ui_site, "gui", "--screenshot", str(shot)],
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    assert b"did not draw in time" not in result.stderr  # nothing waited for in vain
    with Image.open(shot) as image:
        assert image.size == (1600, 960)
        right = image.crop((1250, 150, 1590, 700)).convert("L")
        assert len(right.getcolors(maxcolors=65536)) > 8  # the preview drew a page, not blank


def test_every_ui_string_has_an_english_translation(tmp_path):
    import shutil
    import xml.etree.ElementTree as ET

    def messages(path):
        tree = ET.parse(path)
        return {
            (
                context.find("name").text,
                m.find("source").text,
                m.find("translation").get("type"),
                bool((m.find("translation").text or "").strip()),
            )
            for context in tree.iter("context")
            for m in context.iter("message")
        }

    shipped = messages(translations_dir() / "newsdesk_en.ts")
    assert all(kind is None and filled for _context, _source, kind, filled in shipped)
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists() and not shutil.which("pyside6-lupdate"):
        return
    root = Path(__file__).resolve().parents[2] / "editor" / "ui"
    sources = [str(p) for p in [*root.glob("*.py"), *root.glob("dialogs/*.py")]]
    fresh = tmp_path / "fresh.ts"
    subprocess.run([str(lupdate), *sources, "-ts", str(fresh)], check=True, capture_output=True)
    needed = {(context, source) for context, source, _kind, _filled in messages(fresh)}
    assert needed <= {(context, source) for context, source, _kind, _filled in shipped}
