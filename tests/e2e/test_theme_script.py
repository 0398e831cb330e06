"""The theme's script in a real browser engine (QtWebEngine, offscreen): the font-size
toggle works without reloading and is remembered, the phone menu opens, and the page
reads without the script."""

from __future__ import annotations

import json
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
webengine = pytest.importorskip("PySide6.QtWebEngineWidgets")  # before any QApplication

pytestmark = pytest.mark.gui


def _load(qtbot, view, url) -> None:
    with qtbot.waitSignal(view.loadFinished, timeout=30000) as blocker:
        view.load(url)
    assert blocker.args == [True]


def _js(qtbot, view, code: str):
    box = []
    wrapped = f"JSON.stringify((function () {{ {code} }})())"
    view.page().runJavaScript(wrapped, 0, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=10000)
    return json.loads(box[0])


def test_font_toggle_is_remembered_and_menu_opens(seed_site, qtbot):
    from PySide6.QtCore import QUrl

    _ws, out, article_id, _result = seed_site
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    url = QUrl.fromLocalFile(str(out / manifest["articles"][str(article_id)]))
    view = webengine.QWebEngineView()
    qtbot.addWidget(view)
    view.resize(375, 800)
    view.show()
    _load(qtbot, view, url)
    qtbot.waitUntil(lambda: "js" in _js(qtbot, view, "return document.documentElement.className;"))
    assert _js(qtbot, view, "return document.body.classList.contains('font-small');") is False
    state = _js(
        qtbot,
        view,
        """
        document.querySelector('.font-toggle').click();
        return [document.body.classList.contains('font-small'),
         document.querySelector('.font-toggle').textContent,
         getComputedStyle(document.querySelector('.article-body')).fontSize]""",
    )
    assert state == [True, "大字号", "15px"], state
    _load(qtbot, view, url)  # a reload: the choice is remembered by the browser
    qtbot.waitUntil(
        lambda: _js(qtbot, view, "return document.body.classList.contains('font-small');")
    )
    nav_hidden = _js(
        qtbot, view, "return getComputedStyle(document.getElementById('site-nav')).display;"
    )
    assert nav_hidden == "none"  # phone width: the menu is folded behind its button
    opened = _js(
        qtbot,
        view,
        """
        document.querySelector('.nav-toggle').click();
        return [getComputedStyle(document.getElementById('site-nav')).display,
         document.querySelector('.nav-toggle').getAttribute('aria-expanded')]""",
    )
    assert opened == ["block", "true"]
    width = _js(qtbot, view, "return document.documentElement.scrollWidth;")
    assert width <= 375  # nothing sticks out sideways at phone width
    _js(qtbot, view, "localStorage.clear(); return true;")


def test_page_reads_without_the_script(seed_site, qtbot):
    from PySide6.QtCore import QUrl
    from PySide6.QtWebEngineCore import QWebEngineSettings

    _ws, out, article_id, _result = seed_site
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    view = webengine.QWebEngineView()
    qtbot.addWidget(view)
    view.settings().setAttribute(QWebEngineSettings.WebAttribute.JavascriptEnabled, False)
    view.resize(375, 800)
    view.show()
    _load(qtbot, view, QUrl.fromLocalFile(str(out / manifest["articles"][str(article_id)])))
    # scripts off: runJavaScript still works from the application side (main world)
    page = view.page()
    box = []
    page.toPlainText(box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=10000)
    text = box[0]
    assert "川商走世界:成都与上海交大共建5个高能级研究平台" in text
    assert "北京故事" in text  # the navigation is open, not folded away
    assert "小字号" not in text  # a button that would do nothing is hidden
