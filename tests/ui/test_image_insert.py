"""The image button: caption and alt asked for, a short reference inserted, and the image
rendered as a centred figure that never runs past the column on a phone."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from PIL import Image

from editor.ui.dialogs.image_dialog import ImageDialog

FRAME = """<!doctype html><html><body style="margin:0">
<iframe id="page" src="{src}" style="border:0;width:{width}px;height:1200px"></iframe>
<script>
document.getElementById("page").addEventListener("load", function () {{
  var inner = this.contentWindow;
  document.body.setAttribute(
    "data-measure", inner.document.documentElement.scrollWidth + "x" + inner.innerWidth);
}});
</script></body></html>"""


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def _scroll_and_viewport(browser: str, page, width: int) -> tuple[int, int]:
    """Page scroll width and viewport width of `page` shown `width` px wide in headless
    Chromium (in a frame of that width: a headless window cannot be narrower than 500 px)."""
    frame = page.with_name("measure-frame.html")
    frame.write_text(FRAME.format(src=page.name, width=width), encoding="utf-8")
    run = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--allow-file-access-from-files",
            "--window-size=800,1400",
            "--virtual-time-budget=5000",
            "--dump-dom",
            frame.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    found = re.search(r'data-measure="(\d+)x(\d+)"', run.stdout)
    assert found, run.stdout[-1000:] + run.stderr[-2000:]
    return int(found.group(1)), int(found.group(2))


def test_image_button_inserts_a_short_captioned_reference_that_fits_a_phone(
    qtbot, window, monkeypatch, tmp_path
):
    browser = _chromium()
    if browser is None:
        pytest.skip("chromium is not installed")
    ws = window.workspace
    photo = tmp_path / "wide.png"
    Image.new("RGB", (1600, 500), (30, 90, 160)).save(photo)
    window.new_article()
    window.editor.title.setText("宽图测试")
    window.editor.body.set_mode("source", remember=False)  # the Markdown editor's cursor
    window.editor.body.setPlainText("第一段文字。\n\n")
    cursor = window.editor.body.source.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    window.editor.body.source.setTextCursor(cursor)

    asked = {}

    def fill(dialog):
        asked["title"] = dialog.windowTitle()
        dialog.caption.setText("签约仪式现场")
        dialog.alt.setText("会场全景")
        return ImageDialog.DialogCode.Accepted

    monkeypatch.setattr(window.editor, "_pick_image", lambda: str(photo))
    monkeypatch.setattr(ImageDialog, "exec", fill)
    window.editor.choose_image()

    assert "wide.png" in asked["title"]
    body = window.editor.body.toPlainText()
    inserted = re.search(r'!\[([^\]]*)\]\(asset:([0-9a-f]+) "([^"]*)"\)', body)
    assert inserted, body
    assert inserted.group(1) == "会场全景" and inserted.group(3) == "签约仪式现场"
    ref = inserted.group(2)
    assert len(ref) == 12, "a short reference, not the 64-digit hash"
    assert ws.media.get(ref).width == 1600

    # A captionless image of the same width, the way older bodies and pastes write it.
    full = ws.media.get(ref).sha256
    window.editor.body.setPlainText(body + f"\n![](asset:{full})\n\n最后一段。\n")
    page = ws.publisher.write_article_preview(window.editor.fields())
    html = page.read_text(encoding="utf-8")
    assert html.count('<figure class="figure">') == 2
    assert "<figcaption>签约仪式现场</figcaption>" in html
    assert "asset:" not in html
    scroll, viewport = _scroll_and_viewport(browser, page, 375)
    assert viewport == 375
    assert scroll <= viewport
