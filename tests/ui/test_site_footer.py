"""The site footer follows the site settings: founding year, rights notice and copyright
line, in Chinese unless the editor writes otherwise."""

from __future__ import annotations

from datetime import datetime

from editor.ui.dialogs.site_settings import SiteSettingsDialog
from tests.ui.helpers import page_text


def _footer_lines(qtbot, window) -> list[str]:
    window.actions["show_preview"].setChecked(True)  # hidden by default in rich mode
    window.open_article(window.workspace.articles.list()[0].id)
    with qtbot.waitSignal(window.preview.rendered, timeout=10000):
        window.preview.refresh_now()
    text = page_text(qtbot, window.preview.view)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-6:]


def test_footer_takes_founding_year_and_lines_from_site_settings(qtbot, window):
    year = datetime.now().year
    dialog = SiteSettingsDialog(window.workspace, window)
    qtbot.addWidget(dialog)
    dialog.founded.setValue(2010)
    dialog.rights.setPlainText("")
    dialog.copyright_line.setText("")
    dialog.accept()
    lines = _footer_lines(qtbot, window)
    assert "儒经网版权所有，未经书面授权禁止使用" in lines, lines
    assert f"© 2010–{year} 儒经网" in lines, lines
    assert not any("Copyright" in line or "rights reserved" in line for line in lines), lines

    dialog = SiteSettingsDialog(window.workspace, window)
    qtbot.addWidget(dialog)
    dialog.founded.setValue(0)  # not set: one year, never "2026–2026"
    dialog.copyright_line.setText("版权所有 © {years} {name}（{domain}）")
    dialog.accept()
    assert window.workspace.site.get().settings["copyright_line"].startswith("版权所有")
    lines = _footer_lines(qtbot, window)
    assert f"版权所有 © {year} 儒经网（www.sccsbbs.com）" in lines, lines
