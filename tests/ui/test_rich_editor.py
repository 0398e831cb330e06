"""The 所见即所得 body editor in the article editor: Chinese input through an input method,
toolbar commands, a box and a captioned image saved and reopened, text kept byte for byte,
refused bodies staying in source mode, find and replace, local-only loading."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QElapsedTimer, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from editor.publish.markdown import render_markdown
from editor.ui.body_editor import RICH, SOURCE, BodyEditor
from tests.ui.helpers import commit_text, wait_body_change

DATA = Path(__file__).parent / "data" / "rich"
PINYIN = ("x", "xin", "xinw", "xinwen")


def spin(ms: int) -> None:
    clock = QElapsedTimer()
    clock.start()
    while clock.elapsed() < ms:
        QCoreApplication.processEvents()


@pytest.fixture
def body(qtbot):
    widget = BodyEditor(mode=RICH)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def load(body: BodyEditor, text: str) -> None:
    body.setPlainText(text)
    assert body.wait_rich(), "the rich editor did not take the body"
    body.setFocus()
    spin(50)


def compose(body: BodyEditor, pinyin=PINYIN, commit: str = "新闻") -> list[str]:
    """Type through an input method: preedit strings, then the commit. Returns the stored
    text seen after each preedit step."""
    target = body.rich.focusProxy()
    seen = []
    before = body.toPlainText()
    for step in pinyin:
        attributes = [
            QInputMethodEvent.Attribute(QInputMethodEvent.AttributeType.Cursor, len(step), 1)
        ]
        QApplication.sendEvent(target, QInputMethodEvent(step, attributes))
        spin(60)
        seen.append(body.toPlainText())
    event = QInputMethodEvent("", [])
    event.setCommitString(commit)
    QApplication.sendEvent(target, event)
    wait_body_change(body, before)
    return seen


def select(body: BodyEditor, text: str, collapse: str | None = None) -> None:
    assert body.rich.evaluate(f"NewsdeskEditor.select({json.dumps(text)}, {json.dumps(collapse)})")


def assert_no_pinyin(text: str) -> None:
    letters = text.replace(":::box", "")
    for step in PINYIN:
        assert step not in letters


# ---- input methods --------------------------------------------------------------------------


def test_composition_in_an_empty_paragraph_stores_only_the_commit(body, qtbot):
    load(body, "第一段。\n")
    select(body, "第一段。", "end")
    qtbot.keyClick(body.rich.focusProxy(), Qt.Key.Key_Return)
    spin(100)
    seen = compose(body)
    for text in seen:
        assert_no_pinyin(text)
    assert body.toPlainText() == "第一段。\n\n新闻\n"


def test_composition_replacing_a_selection(body):
    load(body, "今日要闻:本市召开发布会。\n")
    select(body, "要闻")
    seen = compose(body)
    for text in seen:
        assert_no_pinyin(text)
    assert body.toPlainText() == "今日新闻:本市召开发布会。\n"


def test_composition_in_a_table_cell(body):
    load(body, "| 项目 | 金额 |\n| --- | --- |\n| 补贴 | 10 |\n")
    select(body, "补贴", "end")
    for seen in compose(body):
        assert_no_pinyin(seen)
    text = body.toPlainText()
    assert_no_pinyin(text)
    assert "补贴新闻" in text
    assert "<td>补贴新闻</td>" in render_markdown(text)


def test_composition_inside_the_box(body):
    load(body, "导语。\n\n:::box 新闻拓展\n框内文字。\n:::\n")
    select(body, "框内", "end")
    for seen in compose(body):
        assert_no_pinyin(seen)
    text = body.toPlainText()
    assert_no_pinyin(text)
    assert text == "导语。\n\n:::box 新闻拓展\n框内新闻文字。\n:::\n"


# ---- text kept exactly ----------------------------------------------------------------------


def test_unchanged_blocks_are_kept_byte_for_byte(body):
    original = "　　第一段,行首有全角空格。\n\n|项目|金额|\n|:-|-:|\n|补贴|10|\n\n第三段。\n"
    load(body, original)
    assert body.toPlainText() == original  # loading is not an edit
    select(body, "第三段", "end")
    commit_text(body, "新增")
    text = body.toPlainText()
    assert text == original.replace("第三段", "第三段新增")  # the table keeps its bytes


def test_switching_modes_is_not_an_edit(body):
    original = (DATA / "every_construct.md").read_text(encoding="utf-8")
    load(body, original)
    changes = []
    body.textChanged.connect(lambda: changes.append(1))
    body.set_mode(SOURCE, remember=False)
    assert body.source.toPlainText() == original
    body.set_mode(RICH, remember=False)
    assert body.wait_rich()
    assert body.toPlainText() == original
    assert changes == []


def test_a_body_the_editor_cannot_keep_stays_in_source_mode(body):
    original = (DATA / "edge_cases.md").read_text(encoding="utf-8")
    body.setPlainText(original)
    clock = QElapsedTimer()
    clock.start()
    while body.mode == RICH and clock.elapsed() < 5000:
        spin(20)
    assert body.mode == SOURCE
    assert body.note.isVisible()
    assert "HTML" in body.note.text() and "源码模式" in body.note.text()
    assert body.source.toPlainText() == original
    assert body.toPlainText() == original


# ---- commands -------------------------------------------------------------------------------


def test_find_and_replace_in_rich_mode(body):
    from editor.ui.body_editor import BodyFindBar

    load(body, "成都日报记者报道,成都市召开会议。\n")
    bar = BodyFindBar(body)
    bar.find_text.setText("成都")
    assert bar.find_next()
    assert body.rich.evaluate("NewsdeskEditor.selectedText()") == "成都"
    bar.replace_text.setText("蓉城")
    before = body.toPlainText()
    assert bar.replace_all() == 2
    assert wait_body_change(body, before) == "蓉城日报记者报道,蓉城市召开会议。\n"


def test_find_and_replace_reach_the_titles_of_boxes(body):
    """A box's title is typed into a field above the box, not the document's text: find
    selects a match there (before the box's content), and replace changes the title."""
    from editor.ui.body_editor import BodyFindBar

    load(body, ":::box 新闻背景\n背景资料在框内。\n:::\n\n正文也谈背景。\n")
    bar = BodyFindBar(body)
    bar.find_text.setText("背景")
    in_title = "document.activeElement.className === 'news-box-title'"
    found = []
    for _ in range(4):  # from the cursor in the box: its content, the text after, the title
        assert bar.find_next()
        found.append(
            (body.rich.evaluate(in_title), body.rich.evaluate("NewsdeskEditor.selectedText()"))
        )
    assert found == [(False, "背景"), (False, "背景"), (True, "背景"), (False, "背景")]
    assert bar.find_next(backward=True)  # back to the title
    assert body.rich.evaluate(in_title)
    bar.replace_text.setText("链接")
    before = body.toPlainText()
    bar.replace_one()
    assert (
        wait_body_change(body, before)
        == ":::box 新闻链接\n背景资料在框内。\n:::\n\n正文也谈背景。\n"
    )

    def replace_all(find: str, replacement: str) -> tuple[int, str]:
        bar.find_text.setText(find)
        bar.replace_text.setText(replacement)
        before = body.toPlainText()
        return bar.replace_all(), wait_body_change(body, before)

    assert replace_all("链接", "背景") == (
        1,
        ":::box 新闻背景\n背景资料在框内。\n:::\n\n正文也谈背景。\n",
    )
    assert replace_all("背景", "资料") == (
        3,
        ":::box 新闻资料\n资料资料在框内。\n:::\n\n正文也谈资料。\n",
    )


def test_only_local_urls_load(body):
    from editor.ui.rich_editor import editor_profile

    load(body, "![远程](https://example.invalid/a.png)\n")  # drawn as a card, not asked for
    body.rich.call(
        "const i = new Image(); i.src = 'https://example.invalid/b.png';"
        " document.body.appendChild(i)"
    )
    clock = QElapsedTimer()
    clock.start()
    blocked = editor_profile().interceptor.blocked
    while "https://example.invalid/b.png" not in blocked and clock.elapsed() < 3000:
        spin(20)
    assert "https://example.invalid/b.png" in blocked
    assert "https://example.invalid/a.png" not in blocked


def test_type_bold_box_captioned_image_save_and_reopen(qtbot, window, tmp_path):
    editor = window.editor
    window.new_article()
    editor.title.setText("社区食堂开业")
    body = editor.body
    assert body.mode == RICH
    assert body.wait_rich()
    stored_images = []
    body.imageStored.connect(stored_images.append)
    commit_text(body, "本报讯 社区食堂今天开业。")
    before = body.toPlainText()
    editor.format_actions["bold"].trigger()
    body.rich.evaluate("true")  # the command has run in the page
    commit_text(body, "午餐12元")
    assert wait_body_change(body, before)
    image = tmp_path / "canteen.png"
    from PySide6.QtGui import QColor, QImage

    picture = QImage(40, 30, QImage.Format.Format_RGB32)
    picture.fill(QColor("#c0392b"))
    assert picture.save(str(image))
    before = body.toPlainText()
    assert body.insert_image_file(image)
    wait_body_change(body, before)
    commit_text(body, "食堂开业当天")  # the cursor is in the caption
    before = body.toPlainText()
    qtbot.keyClick(body.rich.focusProxy(), Qt.Key.Key_Return)  # leave the caption
    spin(100)
    editor.format_actions["box"].trigger()
    wait_body_change(body, before)
    body.rich.evaluate("true")
    commit_text(body, "食堂由街道运营。")
    stored = body.toPlainText()
    [sha] = stored_images
    ref = window.workspace.media.short_ref(window.workspace.media.get(sha))
    assert len(ref) == 12
    expected = (
        "本报讯 社区食堂今天开业。**午餐12元**\n\n"
        f'![](asset:{ref} "食堂开业当天")\n\n'
        ":::box 新闻拓展\n食堂由街道运营。\n:::\n"
    )
    assert stored == expected
    html = render_markdown(stored)
    assert "<strong>午餐12元</strong>" in html
    assert "<figcaption>食堂开业当天</figcaption>" in html
    assert '<aside class="news-box">' in html
    assert window.save_article()
    article_id = editor.article_id
    assert window.workspace.articles.get(article_id).body == expected
    window.open_article(article_id, force=True)
    assert body.wait_rich()
    assert body.toPlainText() == expected
    assert not editor.is_dirty
    body.set_mode(SOURCE, remember=False)
    assert body.source.toPlainText() == expected
    assert not editor.is_dirty
    body.set_mode(RICH, remember=False)


def test_kill_while_typing_in_rich_mode_then_restart_recovers(
    qtbot, ui_site, tmp_path, monkeypatch
):
    import signal
    import time

    from editor.ui.app import Session, application
    from tests.ui.test_autosave import _recover_first, start_typing_driver
    from tests.ui.typing_driver import TEXT

    process = start_typing_driver(ui_site, tmp_path)
    started, saved_length = None, None
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            if line.startswith("STARTED"):
                started = line.split()
            if line.startswith("AUTOSAVED") and TEXT[:6] in _draft_body(ui_site):
                saved_length = int(line.split()[2])
                break
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    assert started is not None and started[2] == RICH  # the driver typed in rich mode
    assert saved_length is not None, "the driver never autosaved what it typed"

    _recover_first(monkeypatch)
    session = Session(application())
    assert session.open(ui_site)
    window = session.window
    qtbot.waitUntil(lambda: getattr(window, "drafts_offered", False), timeout=5000)
    body = window.editor.body
    assert window.editor.article_id == int(started[1])
    assert body.mode == RICH
    assert body.wait_rich()
    shown = body.rich.markdown()
    assert TEXT[:6] in shown  # the recovered text is in the rich editor
    assert body.toPlainText() == window.workspace.drafts.pending()[0].fields["body"]
    assert window.editor.is_dirty
    window.editor.mark_clean()
    session.close()


def _draft_body(site: str) -> str:
    from editor.workspace import Workspace

    with Workspace.open(site, user="tester") as workspace:
        drafts = workspace.drafts.pending()
        return drafts[0].fields["body"] if drafts else ""


def test_image_button_in_rich_mode_inserts_a_captioned_figure(qtbot, window, monkeypatch, tmp_path):
    from PySide6.QtGui import QColor, QImage

    from editor.ui.dialogs.image_dialog import ImageDialog

    photo = tmp_path / "signing.png"
    picture = QImage(64, 40, QImage.Format.Format_RGB32)
    picture.fill(QColor("#1e5aa0"))
    assert picture.save(str(photo))
    window.new_article()
    body = window.editor.body
    assert body.mode == RICH and body.wait_rich()
    commit_text(body, "第一段文字。")

    def fill(dialog):
        dialog.caption.setText("签约仪式现场")
        dialog.alt.setText("会场全景")
        return ImageDialog.DialogCode.Accepted

    monkeypatch.setattr(window.editor, "_pick_image", lambda: str(photo))
    monkeypatch.setattr(ImageDialog, "exec", fill)
    before = body.toPlainText()
    stored = []
    body.imageStored.connect(stored.append)
    window.editor.choose_image()
    text = wait_body_change(body, before)
    [sha] = stored
    ref = window.workspace.media.short_ref(window.workspace.media.get(sha))
    assert text == f'第一段文字。\n\n![会场全景](asset:{ref} "签约仪式现场")\n'
    html = render_markdown(text)
    assert "<figcaption>签约仪式现场</figcaption>" in html
    shown = body.rich.evaluate("document.querySelector('figure img').getAttribute('src')")
    assert shown.startswith("file:///") and shown.endswith(ref)


def test_the_box_button_inside_a_box_removes_the_box_and_keeps_its_text(body):
    load(body, "导语。\n\n:::box 新闻拓展\n框内文字。\n:::\n")
    select(body, "框内", "end")
    before = body.toPlainText()
    body.insert_box()
    assert wait_body_change(body, before) == "导语。\n\n框内文字。\n"
    select(body, "框内文字。")
    before = body.toPlainText()
    body.insert_box()  # and back: the selected paragraph goes into a new box
    assert wait_body_change(body, before) == "导语。\n\n:::box 新闻拓展\n框内文字。\n:::\n"
    select(body, "导语。", "start")
    before = body.toPlainText()
    body.insert_box()  # no selection: an empty box after the paragraph, the cursor in it
    wait_body_change(body, before)
    commit_text(body, "新框")
    assert body.toPlainText() == (
        "导语。\n\n:::box 新闻拓展\n新框\n:::\n\n:::box 新闻拓展\n框内文字。\n:::\n"
    )


def test_a_dropped_picture_is_stored_and_shown_as_a_figure(body, ui_workspace, tmp_path):
    import base64

    from PySide6.QtGui import QColor, QImage

    body.media = ui_workspace.media
    load(body, "第一段。\n")
    select(body, "第一段。", "end")
    picture = QImage(30, 20, QImage.Format.Format_RGB32)
    picture.fill(QColor("#2e7d32"))
    path = tmp_path / "drop.png"
    assert picture.save(str(path))
    data = base64.b64encode(path.read_bytes()).decode()
    stored = []
    body.imageStored.connect(stored.append)
    script = f"""
        (() => {{
          const bytes = Uint8Array.from(atob({json.dumps(data)}), c => c.charCodeAt(0))
          const transfer = new DataTransfer()
          transfer.items.add(new File([bytes], 'drop.png', {{ type: 'image/png' }}))
          const box = document.querySelector('.ProseMirror p').getBoundingClientRect()
          const event = new DragEvent('drop', {{ dataTransfer: transfer, bubbles: true,
            cancelable: true, clientX: box.right - 2, clientY: box.top + 4 }})
          document.querySelector('.ProseMirror').dispatchEvent(event)
          return event.defaultPrevented
        }})()
    """
    before = body.toPlainText()
    assert body.rich.evaluate(script)
    text = wait_body_change(body, before)
    [sha] = stored
    ref = ui_workspace.media.short_ref(ui_workspace.media.get(sha))
    assert text == f"第一段。\n\n![](asset:{ref})\n"
    assert ui_workspace.media.get(ref).width == 30


def test_gui_source_flag_opens_the_body_in_source_mode(monkeypatch, ui_site):
    import editor.ui.app as app_module
    from editor.cli import main

    calls = []
    monkeypatch.setattr(app_module, "run_gui", lambda *a, **k: calls.append(k) or 0)
    assert main(["--db", ui_site, "gui", "--screenshot", "x.png", "--source"]) == 0
    assert main(["--db", ui_site, "gui", "--screenshot", "x.png"]) == 0
    assert [c["body_mode"] for c in calls] == ["source", None]


def test_an_empty_caption_shows_its_hint_where_the_cursor_is(body):
    load(body, "导语。\n")
    before = body.toPlainText()
    body.rich.command("image", "https://example.invalid/a.png", "", "")
    wait_body_change(body, before)  # the cursor is in the new figure's caption
    hint = body.rich.evaluate(
        "getComputedStyle(document.querySelector('figcaption'), '::before').content"
    )
    assert hint == '"图注"'
