"""The 所见即所得 body editor: the bundled web editor (resources/rich_editor/, built from
editor-web/) in a QWebEngineView, bridged to Python with QWebChannel.

Markdown stays the stored format. The page sends the body's Markdown after every change
except while an input method is composing, so pinyin never reaches the article. The view
may load only local files: a request interceptor refuses every other URL. Pictures that
pasted web HTML links are downloaded in the background and stored as assets; until then (or
when that fails, with the reason) the page draws a placeholder, never a broken image.
"""

from __future__ import annotations

import atexit
import base64
import json
import logging
import re
import shutil
import tempfile
import weakref
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEventLoop, QObject, QTimer, QUrl, Signal, Slot
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
    QWebEngineUrlRequestInterceptor,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication

from editor.config import resource

log = logging.getLogger(__name__)

LOCAL_SCHEMES = frozenset({"file", "qrc", "data", "blob", "about"})
READY_TIMEOUT_MS = 20000
CALL_TIMEOUT_MS = 10000
ASSET_IN_MARKDOWN = re.compile(r"asset:([0-9a-fA-F]{8,64})")
WEB_IMAGE = re.compile(r"!\[[^\]]*\]\(((?:https?:)?//[^\s)]+)")
FETCH_POLL_MS = 50
FETCH_THREADS = 3
COLLECT_AFTER_MS = 2000  # the page's garbage is collected this long after work in it began
COLLECT = "typeof gc === 'function' && gc()"  # gc() is there with --js-flags=--expose-gc


def editor_page() -> Path:
    """The editor's HTML page (the built bundle sits beside it)."""
    return resource("rich_editor", "editor.html")


class LocalOnlyInterceptor(QWebEngineUrlRequestInterceptor):
    """Blocks every request of the editor view that is not for a local file or resource."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.blocked: list[str] = []

    def interceptRequest(self, info) -> None:  # noqa: N802 (Qt API)
        url = info.requestUrl()
        if url.scheme().lower() not in LOCAL_SCHEMES:
            self.blocked.append(url.toString())
            info.block(True)


_profile: QWebEngineProfile | None = None
_pages: weakref.WeakSet = weakref.WeakSet()


def _release_profile() -> None:
    """Delete the editor pages before their profile: a profile released while one of its
    pages lives crashes QtWebEngine at exit ("WebEnginePage still not deleted")."""
    global _profile
    for page in list(_pages):
        if shiboken6.isValid(page):
            shiboken6.delete(page)
    if _profile is not None and shiboken6.isValid(_profile):
        shiboken6.delete(_profile)
    _profile = None


def editor_profile() -> QWebEngineProfile:
    """One off-the-record profile for every editor view, with the local-only interceptor."""
    global _profile
    if _profile is None:
        atexit.register(_release_profile)
        _profile = QWebEngineProfile(QApplication.instance())
        _profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.NoCache)
        _profile.setPersistentCookiesPolicy(
            QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies
        )
        interceptor = LocalOnlyInterceptor(_profile)
        _profile.setUrlRequestInterceptor(interceptor)
        _profile.interceptor = interceptor
    return _profile


class _Page(QWebEnginePage):
    def javaScriptConsoleMessage(self, level, message, line, source) -> None:  # noqa: N802
        log.debug("rich editor js %s:%s %s", source, line, message)


class Bridge(QObject):
    """The object the page sees as `bridge`."""

    pageReady = Signal()
    markdownChanged = Signal(str)

    def __init__(self, view: RichEditorView) -> None:
        super().__init__(view)
        self.view = view

    @Slot()
    def ready(self) -> None:
        self.pageReady.emit()

    @Slot(str)
    def contentChanged(self, markdown: str) -> None:  # noqa: N802 (called from the page)
        self.markdownChanged.emit(markdown)

    @Slot(str, result=str)
    def cleanPaste(self, html: str) -> str:  # noqa: N802
        return self.view.paste_markdown(html)

    @Slot(str, str, result=str)
    def storeImage(self, data: str, name: str) -> str:  # noqa: N802
        try:
            return self.view.store_image(base64.b64decode(data), name)
        except Exception:  # a broken picture is not worth losing the editor over
            log.exception("storing a pasted image failed")
            return ""


class RichEditorView(QWebEngineView):
    """The web editor. `load_markdown` shows a body; `markdownChanged` carries every edit."""

    ready = Signal()
    markdownChanged = Signal(str)
    imageStored = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.media = None
        self.paste_cleaner = None  # html -> Markdown; the body editor sets it
        self.is_ready = False
        self.placeholder = ""
        self._asset_dir: Path | None = None
        self._written: set[str] = set()
        self._fetches: dict[str, Future] = {}  # web address -> its download
        self._fetch_pool: ThreadPoolExecutor | None = None
        self._fetch_timer = QTimer(self)
        self._fetch_timer.setInterval(FETCH_POLL_MS)
        self._fetch_timer.timeout.connect(self._collect_fetches)
        # QtWebEngine's V8 never shrinks its heap by itself: each body shown and each edit
        # would leave its garbage in the renderer for good (see editor/ui/app.py V8_FLAGS).
        self._collect_timer = QTimer(self)
        self._collect_timer.setSingleShot(True)
        self._collect_timer.setInterval(COLLECT_AFTER_MS)
        self._collect_timer.timeout.connect(self.collect_garbage)
        page = _Page(editor_profile(), self)
        _pages.add(page)
        self.setPage(page)
        settings = self.page().settings()
        # Remote requests reach the interceptor, the one gate that refuses them all.
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, True)
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, True)
        settings.setAttribute(QWebEngineSettings.WebAttribute.JavascriptCanAccessClipboard, True)
        settings.setAttribute(QWebEngineSettings.WebAttribute.JavascriptCanPaste, True)
        self.bridge = Bridge(self)
        self.bridge.pageReady.connect(self._on_ready)
        self.bridge.markdownChanged.connect(self.markdownChanged)
        self.bridge.markdownChanged.connect(self.garbage_made)
        self.channel = QWebChannel(self.page())
        self.channel.registerObject("bridge", self.bridge)
        self.page().setWebChannel(self.channel)
        self.setUrl(QUrl.fromLocalFile(str(editor_page())))
        self.destroyed.connect(lambda *_: None)

    # ---- start-up ---------------------------------------------------------------------------

    def _on_ready(self) -> None:
        self.is_ready = True
        self.call(f"NewsdeskEditor.setAssetBase({json.dumps(self._asset_base())})")
        self.call(f"NewsdeskEditor.setTexts({json.dumps(self.page_texts(), ensure_ascii=False)})")
        self.set_placeholder(self.placeholder)
        self.ready.emit()

    def page_texts(self) -> dict[str, str]:
        """The words the editor page shows itself, in the application's language."""
        return {
            "caption": self.tr("图注"),
            "boxTitle": self.tr("框标题（可留空）"),
            "boxTitleHint": self.tr("新闻拓展框的标题，回车进入框内"),
            "imageFetching": self.tr("正在把网络图片存入本站…"),
            "imageFailed": self.tr("网络图片没有存入本站，发布时仍链接原地址"),
            "imageRemote": self.tr("网络图片（链接原地址，编辑器里不显示）"),
        }

    def set_placeholder(self, text: str) -> None:
        """The grey hint an empty body shows."""
        self.placeholder = text
        if self.is_ready:
            self.call(f"NewsdeskEditor.setPlaceholder({json.dumps(text)})")

    def wait_ready(self, timeout_ms: int = READY_TIMEOUT_MS) -> bool:
        """Spin the event loop until the page has connected its bridge."""
        if self.is_ready:
            return True
        loop = QEventLoop()
        self.ready.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
        return self.is_ready

    # ---- calls into the page ----------------------------------------------------------------

    def garbage_made(self, *_args) -> None:
        """Work in the page left garbage: collect it COLLECT_AFTER_MS from the first such
        work since the last collection (while the editor keeps working, every so often)."""
        if not self._collect_timer.isActive():
            self._collect_timer.start()

    def collect_garbage(self) -> None:
        """A full collection of the page's JavaScript heap, giving its empty pages back."""
        self._collect_timer.stop()
        self.page().runJavaScript(COLLECT)

    def call(self, script: str, callback=None) -> None:
        """Run a script in the page; `callback(result)` when given."""
        self.garbage_made()
        if callback is None:
            self.page().runJavaScript(script)
        else:
            self.page().runJavaScript(script, 0, callback)

    def evaluate(self, script: str, timeout_ms: int = CALL_TIMEOUT_MS):
        """Run a script and wait for its result (the event loop keeps running)."""
        self.garbage_made()
        box: list = []
        loop = QEventLoop()

        def done(value) -> None:
            box.append(value)
            loop.quit()

        self.page().runJavaScript(script, 0, done)
        if not box:
            QTimer.singleShot(timeout_ms, loop.quit)
            loop.exec()
        if not box:
            raise TimeoutError("the rich editor did not answer")
        return box[0]

    def load_markdown(self, markdown: str) -> str:
        """Show a body; returns the Markdown the editor would store for it unchanged."""
        self.ensure_assets(markdown)
        return self.evaluate(f"NewsdeskEditor.load({json.dumps(markdown)})")

    def round_trip(self, markdown: str) -> str:
        """The body after one trip through the editor, leaving the shown body alone."""
        return self.evaluate(f"NewsdeskEditor.roundTrip({json.dumps(markdown)})")

    def round_trips(self, bodies: list[str]) -> list[str]:
        """`round_trip` of each body, in one call into the page."""
        if not bodies:
            return []
        return json.loads(self.evaluate(f"NewsdeskEditor.roundTripAll({json.dumps(bodies)})"))

    def markdown(self) -> str:
        return self.evaluate("NewsdeskEditor.markdown()")

    def command(self, name: str, *args) -> None:
        """A formatting command (bold, italic, heading, quote, bullets, numbers, link, table,
        box, rule, image, markdown, undo, redo)."""
        arguments = ", ".join(json.dumps(a) for a in (name, *args))
        self.call(f"NewsdeskEditor.command({arguments})")

    # ---- images -----------------------------------------------------------------------------

    def _asset_base(self) -> str:
        if self._asset_dir is None:
            self._asset_dir = Path(tempfile.mkdtemp(prefix="newsdesk-images-"))
            self.destroyed.connect(lambda *_a, d=self._asset_dir: shutil.rmtree(d, True))
        return QUrl.fromLocalFile(str(self._asset_dir)).toString() + "/"

    def ensure_assets(self, markdown: str) -> None:
        """Write the stored images a body shows into the view's image folder."""
        if self.media is None or "asset:" not in markdown:
            return
        self._asset_base()
        for ref in set(ASSET_IN_MARKDOWN.findall(markdown)):  # a SHA-256 or a short reference
            if ref in self._written:
                continue
            try:
                data = self.media.get(ref).data
            except Exception:  # an image the site does not hold shows as broken
                continue
            (self._asset_dir / ref).write_bytes(bytes(data))
            self._written.add(ref)

    def store_image(self, data: bytes, name: str, alt: str = "") -> str:
        """Store image bytes as an asset and make them showable; returns the reference a
        body uses for it (the short one of MediaService.short_ref), '' when not stored."""
        if self.media is None or not data:
            return ""
        asset = self.media.add(data, name or "pasted.png", alt)
        ref = self.media.short_ref(asset)
        self.ensure_assets(f"asset:{ref}")
        self.imageStored.emit(asset.sha256)
        return ref

    def insert_image_file(self, path: str | Path, alt: str = "", caption: str = "") -> bool:
        """Store an image file and insert it as a figure (the cursor goes to its caption);
        False when it cannot be stored."""
        path = Path(path)
        if self.media is None:
            return False
        ref = self.store_image(path.read_bytes(), path.name, alt)
        if not ref:
            return False
        self.command("image", f"asset:{ref}", alt, caption)
        return True

    def paste_markdown(self, html: str) -> str:
        """Pasted HTML as clean Markdown (the body editor supplies the cleaner); the web
        pictures it links start downloading to be stored as assets."""
        if self.paste_cleaner is None:
            return ""
        try:
            markdown = self.paste_cleaner(html)
        except Exception:
            log.exception("cleaning pasted HTML failed")
            return ""
        self.fetch_web_images(WEB_IMAGE.findall(markdown))
        return markdown

    # ---- pictures pasted from the web -------------------------------------------------------

    def fetch_web_images(self, addresses: list[str]) -> None:
        """Download these picture addresses in the background and store each as an asset;
        the page shows placeholders meanwhile and swaps in the stored picture (or says why
        it could not be had)."""
        if self.media is None:
            return
        wanted = [a for a in dict.fromkeys(addresses) if a not in self._fetches]
        if not wanted:
            return
        if self._fetch_pool is None:
            self._fetch_pool = ThreadPoolExecutor(FETCH_THREADS, thread_name_prefix="paste-image")
            self.destroyed.connect(lambda *_a, pool=self._fetch_pool: _stop_pool(pool))
        for address in wanted:
            self._fetches[address] = self._fetch_pool.submit(_fetch, address)
        self.call(f"NewsdeskEditor.imagesFetching({json.dumps(wanted)})")
        self._fetch_timer.start()

    @property
    def fetching(self) -> int:
        """How many pasted web pictures are still downloading."""
        return len(self._fetches)

    def _collect_fetches(self) -> None:
        for address, job in list(self._fetches.items()):
            if not job.done():
                continue
            del self._fetches[address]
            try:
                data, name = job.result()
                ref = self.store_image(data, name)
                if not ref:
                    raise ValueError(self.tr("没有打开站点"))
            except Exception as exc:  # noqa: BLE001 (every failure is shown on the picture)
                reason = getattr(exc, "message", None) or str(exc) or type(exc).__name__
                log.info("pasted picture %s not stored: %s", address, reason)
                self.call(
                    f"NewsdeskEditor.imageFailed({json.dumps(address)}, {json.dumps(reason)})"
                )
                continue
            self.call(f"NewsdeskEditor.imageStored({json.dumps(address)}, 'asset:{ref}')")
        if not self._fetches:
            self._fetch_timer.stop()


def _fetch(address: str) -> tuple[bytes, str]:
    from editor.ingest.images import fetch_picture

    return fetch_picture(address)


def _stop_pool(pool: ThreadPoolExecutor) -> None:
    pool.shutdown(wait=False, cancel_futures=True)
