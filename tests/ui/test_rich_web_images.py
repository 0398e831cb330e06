"""Pictures in pasted web HTML: downloaded in the background (from a local http.server here)
and stored as assets; a placeholder meanwhile, and one saying why when the download fails;
never a broken image, and the view itself never asks the web for them."""

from __future__ import annotations

import json
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

import pytest

from editor.ui.body_editor import RICH, BodyEditor
from editor.ui.rich_editor import editor_profile
from tests.ui.helpers import wait_body_change


class _Pictures(SimpleHTTPRequestHandler):
    release: threading.Event

    def do_GET(self):  # noqa: N802 (http.server API)
        if self.path.startswith("/slow"):
            self.release.wait(20)
            self.path = "/photo.png"
        super().do_GET()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def picture_server(tmp_path):
    """A local web server with /photo.png (120×80), /slow.png (served once released) and
    nothing else."""
    from PIL import Image

    folder = tmp_path / "web"
    folder.mkdir()
    Image.new("RGB", (120, 80), (30, 90, 160)).save(folder / "photo.png")
    release = threading.Event()
    handler = type("Handler", (_Pictures,), {"release": release})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", release
    release.set()
    server.shutdown()
    server.server_close()


@pytest.fixture
def body(qtbot, ui_workspace):
    widget = BodyEditor(mode=RICH)
    widget.media = ui_workspace.media
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.setPlainText("")
    assert widget.wait_rich()
    editor_profile().interceptor.blocked.clear()
    return widget


def paste(body, html: str) -> None:
    """Paste HTML the way the page receives Ctrl+V from a browser's clipboard."""
    script = f"""
        (() => {{
          const data = new DataTransfer()
          data.setData('text/html', {json.dumps(html)})
          const event = new ClipboardEvent('paste', {{ clipboardData: data, bubbles: true, cancelable: true }})
          document.querySelector('.ProseMirror').dispatchEvent(event)
          return event.defaultPrevented
        }})()
    """
    before = body.toPlainText()
    assert body.rich.evaluate(script)
    wait_body_change(body, before)


def shown_images(qtbot, body) -> list[dict]:
    """The images the page shows, once each has finished loading: its own address, the
    address the view loaded and its drawn width (0 for a broken image)."""
    script = """JSON.stringify([...document.querySelectorAll('.ProseMirror img')].map(i => ({
        src: i.getAttribute('data-src'), loaded: i.currentSrc || i.src,
        complete: i.complete, width: i.naturalWidth })))"""

    def images() -> list[dict]:
        return json.loads(body.rich.evaluate(script))

    qtbot.waitUntil(lambda: all(i["complete"] for i in images()), timeout=5000)
    return images()


def drawn_text(image: dict) -> str:
    assert image["loaded"].startswith("data:image/svg+xml"), image["loaded"]
    return unquote(image["loaded"].split(",", 1)[1])


def test_a_pasted_web_picture_is_stored_as_an_asset(qtbot, body, picture_server, ui_workspace):
    base, _release = picture_server
    paste(body, f'<p>成都讯 社区食堂开张。</p><p><img src="{base}/photo.png" alt="食堂"></p>')
    qtbot.waitUntil(lambda: "asset:" in body.toPlainText(), timeout=10000)
    assert body.rich.fetching == 0
    text = body.toPlainText()
    assert "127.0.0.1" not in text
    ref = text.split("asset:", 1)[1].split(")", 1)[0].split()[0]
    assert ui_workspace.media.get(ref).width == 120
    assert f"![食堂](asset:{ref})" in text, text
    [image] = shown_images(qtbot, body)
    assert image["src"] == f"asset:{ref}" and image["width"] == 120  # the picture itself
    assert not [u for u in editor_profile().interceptor.blocked if "127.0.0.1" in u]


def test_a_picture_that_cannot_be_had_says_why_and_keeps_its_link(qtbot, body, picture_server):
    base, _release = picture_server
    paste(body, f'<p>导语。</p><p><img src="{base}/missing.png" alt="缺"></p>')
    qtbot.waitUntil(lambda: body.rich.fetching == 0, timeout=10000)
    qtbot.waitUntil(lambda: "404" in drawn_text(shown_images(qtbot, body)[0]), timeout=5000)
    [image] = shown_images(qtbot, body)
    assert image["width"] == 640  # the drawn card, not a broken image
    assert "网络图片没有存入本站" in drawn_text(image)
    assert f"{base}/missing.png" in body.toPlainText()  # the body still links it
    assert not [u for u in editor_profile().interceptor.blocked if "127.0.0.1" in u]


def test_a_slow_picture_shows_a_placeholder_until_it_is_stored(qtbot, body, picture_server):
    base, release = picture_server
    paste(body, f'<p><img src="{base}/slow.png" alt="慢"></p>')
    qtbot.waitUntil(
        lambda: "正在把网络图片存入本站" in drawn_text(shown_images(qtbot, body)[0]), timeout=5000
    )
    assert shown_images(qtbot, body)[0]["width"] == 640
    assert body.rich.fetching == 1
    release.set()
    qtbot.waitUntil(lambda: "asset:" in body.toPlainText(), timeout=10000)
    [image] = shown_images(qtbot, body)
    assert image["src"].startswith("asset:") and image["width"] == 120


def test_a_linked_picture_in_a_saved_body_is_drawn_not_fetched(qtbot, body):
    body.setPlainText("导语。\n\n![图](http://127.0.0.1:9/photo.png)\n")
    assert body.wait_rich()
    [image] = shown_images(qtbot, body)
    assert image["width"] == 640 and "网络图片（链接原地址" in drawn_text(image)
    assert body.rich.fetching == 0
    assert body.toPlainText() == "导语。\n\n![图](http://127.0.0.1:9/photo.png)\n"


def test_a_picture_dragged_from_a_browser_is_stored_too(qtbot, body, picture_server):
    base, _release = picture_server
    body.setPlainText("第一段。\n")
    assert body.wait_rich()
    html = f'<img src="{base}/photo.png" alt="拖来的">'
    script = f"""
        (() => {{
          const transfer = new DataTransfer()
          transfer.setData('text/html', {json.dumps(html)})
          transfer.setData('text/uri-list', {json.dumps(base + "/photo.png")})
          const box = document.querySelector('.ProseMirror p').getBoundingClientRect()
          const event = new DragEvent('drop', {{ dataTransfer: transfer, bubbles: true,
            cancelable: true, clientX: box.right - 2, clientY: box.top + 4 }})
          document.querySelector('.ProseMirror').dispatchEvent(event)
          return event.defaultPrevented
        }})()
    """
    assert body.rich.evaluate(script)
    qtbot.waitUntil(lambda: "asset:" in body.toPlainText(), timeout=10000)
    text = body.toPlainText()
    assert text.startswith("第一段。") and "127.0.0.1" not in text and "![拖来的](asset:" in text
