"""Paste into the rich editor: Word and WPS clipboard HTML and clipboard captures of two
shared news pages become clean Markdown (real lists, no office styles, no runs of &nbsp;,
no doubled numbering, headings kept), images on the clipboard are stored as assets; and
一键排版 tidies a body in either mode.

Regenerate the web captures with `python -m tests.ui.test_rich_paste` (see
data/paste/README.md); the Word and WPS files are constructed samples.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QApplication

from editor.content.typeset import typeset
from editor.publish.markdown import render_markdown
from editor.ui.body_editor import RICH, SOURCE, BodyEditor
from editor.ui.paste import PasteCleaner
from tests.ui.helpers import wait_body_change

DATA = Path(__file__).parent / "data" / "paste"
SAMPLES = ("word", "wps", "web-sina-1", "web-xinhuanet-1")
CAPTURED = {"web-sina-1": "sina-1", "web-xinhuanet-1": "xinhuanet-1"}


def sample(name: str) -> tuple[str, str]:
    html = (DATA / f"{name}.html").read_text(encoding="utf-8")
    expected = (DATA / f"{name}.expected.md").read_text(encoding="utf-8")
    return html, expected


@pytest.mark.parametrize("name", SAMPLES)
def test_clipboard_html_becomes_the_expected_markdown(name):
    html, expected = sample(name)
    markdown = PasteCleaner().markdown(html)
    assert markdown == expected
    for junk in ("mso-", "&nbsp;", "\u00a0", "<span", "o:p", "MsoNormal", "font-family"):
        assert junk not in markdown


def test_office_lists_are_lists_without_doubled_numbers():
    html, _ = sample("word")
    markdown = PasteCleaner().markdown(html)
    assert "1. 提交申请\n2. 街道审核" in markdown
    assert "- 午餐12元\n- 晚餐10元" in markdown
    assert "1. 1." not in markdown and "l 午餐" not in markdown
    assert markdown.startswith("## 一、项目概况")
    html = render_markdown(markdown)
    assert "<ol>" in html and "<ul>" in html and "<h2" in html
    wps = render_markdown(PasteCleaner().markdown(sample("wps")[0]))
    assert "<ol>" in wps and "<table>" in wps and "<td>桂溪街道</td>" in wps


def test_word_images_on_the_clipboard_are_stored_as_assets(ui_workspace, tmp_path):
    from PIL import Image

    picture = tmp_path / "clip_image002.jpg"
    Image.new("RGB", (80, 45), (200, 40, 40)).save(picture)
    html, _ = sample("word")
    html = html.replace(
        "file:///C:/Users/ADMINI~1/AppData/Local/Temp/msohtmlclip1/01/clip_image002.jpg",
        picture.as_uri(),
    )
    cleaner = PasteCleaner()
    with ui_workspace.edit():
        markdown = cleaner.markdown(html, ui_workspace.media)
    [sha] = cleaner.stored
    ref = ui_workspace.media.short_ref(ui_workspace.media.get(sha))
    assert f"![](asset:{ref})" in markdown
    assert ui_workspace.media.get(ref).width == 80
    assert "file:" not in markdown


@pytest.fixture
def body(qtbot, ui_workspace):
    widget = BodyEditor(mode=RICH)
    widget.media = ui_workspace.media
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.mark.parametrize("name", ("word", "web-sina-1"))
def test_pasting_with_ctrl_v_in_the_rich_editor(qtbot, body, name):
    html, expected = sample(name)
    body.setPlainText("")
    assert body.wait_rich()
    body.setFocus()
    data = QMimeData()
    data.setHtml(html)
    data.setText("plain")
    QApplication.clipboard().setMimeData(data)
    qtbot.keyClick(body.rich.focusProxy(), Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    stored = wait_body_change(body, "")
    assert render_markdown(stored) == render_markdown(expected)
    assert "mso-" not in stored and "&nbsp;" not in stored


def test_a_pasted_event_goes_through_the_cleaner(body):
    """The page's own paste handler: the HTML of a ClipboardEvent reaches the cleaner."""
    html, expected = sample("wps")
    body.setPlainText("")
    assert body.wait_rich()
    script = f"""
        (() => {{
          const data = new DataTransfer()
          data.setData('text/html', {json.dumps(html)})
          data.setData('text/plain', 'plain')
          const event = new ClipboardEvent('paste', {{ clipboardData: data, bubbles: true, cancelable: true }})
          document.querySelector('.ProseMirror').dispatchEvent(event)
          return event.defaultPrevented
        }})()
    """
    assert body.rich.evaluate(script)
    stored = wait_body_change(body, "")
    assert render_markdown(stored) == render_markdown(expected)


# ---- 一键排版 -------------------------------------------------------------------------------

MESSY = (
    "　　成都 市今天召开会议,宣布三项新政:一是补贴;二是住房(含公租房)。\n\n"
    "&nbsp;\n\n　　\n\n"
    "## 　小标题\n\n"
    "- 第一项 ,内容\n\n"
    "见[官网](https://a.b/c,d:e) 和 English, text。\n\n"
    "```\na, b:c\n```\n"
)
TIDY = (
    "成都市今天召开会议，宣布三项新政：一是补贴；二是住房（含公租房）。\n\n"
    "## 小标题\n\n"
    "- 第一项，内容\n\n"
    "见[官网](https://a.b/c,d:e) 和 English, text。\n\n"
    "```\na, b:c\n```\n"
)


def test_typeset_tidies_the_way_portal_editors_expect():
    assert typeset(MESSY) == TIDY
    assert typeset(TIDY) == TIDY


def test_typeset_command_in_both_modes(body):
    messy = MESSY.split("```")[0].replace("&nbsp;\n\n", "").rstrip() + "\n"
    body.setPlainText(messy)
    assert body.wait_rich(), body.note.text()
    before = body.toPlainText()
    assert body.typeset()
    stored = wait_body_change(body, before)
    assert stored == TIDY.split("```")[0].rstrip() + "\n"
    body.set_mode(SOURCE, remember=False)
    body.setPlainText(MESSY)
    assert body.typeset()
    assert body.toPlainText() == TIDY
    body.source.undo()
    assert body.toPlainText() == MESSY  # one undoable edit


# ---- regenerating the captures --------------------------------------------------------------


def capture(page: str) -> str:
    """Select the article body of a shared fixture page in a web view and copy it: the
    HTML Chromium puts on the clipboard (run as a script, not a test)."""
    from PySide6.QtCore import QCoreApplication, QElapsedTimer, QUrl
    from PySide6.QtWebEngineWidgets import QWebEngineView

    from tests.ingest.conftest import PAGES

    view = QWebEngineView()
    view.resize(1200, 900)
    view.show()
    loaded: list[bool] = []
    view.loadFinished.connect(loaded.append)
    view.setUrl(QUrl.fromLocalFile(str((PAGES / f"{page}.html").resolve())))
    clock = QElapsedTimer()
    clock.start()
    while not loaded and clock.elapsed() < 15000:
        QCoreApplication.processEvents()
    selected: list = []
    view.page().runJavaScript(
        """(() => { let best = null, most = 0
        for (const el of document.querySelectorAll('div, article, section, td')) {
          const n = Array.from(el.children).filter(c => c.tagName === 'P').length
          if (n > most) { most = n; best = el } }
        const range = document.createRange(); range.selectNodeContents(best)
        getSelection().removeAllRanges(); getSelection().addRange(range); return most })()""",
        0,
        selected.append,
    )
    while not selected:
        QCoreApplication.processEvents()
    QApplication.clipboard().clear()
    view.setFocus()
    view.page().triggerAction(view.page().WebAction.Copy)
    clock.restart()

    def copied():
        data = QApplication.clipboard().mimeData()
        return data if data is not None and data.hasHtml() else None

    while copied() is None and clock.elapsed() < 5000:
        QCoreApplication.processEvents()
    html = copied().html()
    view.deleteLater()
    return html


if __name__ == "__main__":
    from editor.ui.app import application

    application()
    for name, page in CAPTURED.items():
        (DATA / f"{name}.html").write_text(capture(page), encoding="utf-8")
        print(f"captured {page} → {name}.html")
