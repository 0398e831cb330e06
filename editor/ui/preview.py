"""The live preview: the article as the export will show it, in a web view.

The page comes from `workspace.publisher.render_article_preview(fields)` (same templates and
CSS as the export), refreshed shortly after typing stops, keeping the scroll position.

The pane can be switched off (the rich editor is itself a faithful page): while it is off it
holds no web view, so no QtWebEngine renderer process and no cached site catalog cost memory,
and nothing is rendered.
"""

from __future__ import annotations

import html as html_lib
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QPointF, Qt, QThread, QTimer, QUrl, Signal, Slot
from PySide6.QtWebEngineCore import QWebEnginePage
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from editor.ui import settings
from editor.ui.icons import icon

log = logging.getLogger(__name__)

REFRESH_DELAY_MS = 200  # after the last keystroke; rendering runs in its own thread
PHONE_WIDTH = 390
DESKTOP_WIDTH = 960  # the theme switches to one column below 900 px; lay out wider, then scale
SET_HTML_LIMIT = 1_500_000  # QWebEngineView.setHtml refuses content over 2 MB
LARGE_PAGE_NAME = "preview.html"
KEY_SHOW_PREVIEW = "window/showPreview"
Renderer = Callable[[dict], tuple[str, str]]  # fields -> (html, base URL)


class _QuietPage(QWebEnginePage):
    """A page that keeps the preview's script messages out of the terminal."""

    def javaScriptConsoleMessage(self, level, message, line, source) -> None:  # noqa: N802
        log.debug("preview js %s:%s %s", source, line, message)


class _RenderWorker(QObject):
    """Lives in the render thread: turns fields into HTML so typing never waits for it."""

    finished = Signal(int, str, str, float, str)  # request, html, base URL, ms, error

    def __init__(self, pane: PreviewPane) -> None:
        super().__init__()
        self._renderer = lambda fields: pane.renderer(fields)
        self._job = pane.job
        self._closer = lambda: pane.thread_cleanup() if pane.thread_cleanup else None

    @Slot(int)
    def render(self, request: int) -> None:
        # Only plain numbers cross the thread boundary in signals; the fields are handed
        # over under a lock (Python objects in queued signals are not safe in PySide6).
        fields = self._job(request)
        started = time.perf_counter()
        try:
            page, base = self._renderer(fields)
            error = ""
        except Exception as exc:  # a template error must not close the editor
            log.exception("preview failed")
            page, base, error = "", "about:blank", str(exc) or type(exc).__name__
        self.finished.emit(request, page, str(base), (time.perf_counter() - started) * 1000, error)

    @Slot()
    def cleanup(self) -> None:
        try:
            self._closer()
        except Exception:  # closing this thread's connection is best effort
            log.debug("render thread cleanup failed", exc_info=True)


class PreviewPane(QWidget):
    """The web view with a desktop/phone switch. Feed it with `show_fields`."""

    rendered = Signal()  # the page has loaded (the HTML for the latest fields)
    renderFailed = Signal(str)
    closeRequested = Signal()  # the pane's own close button
    _requested = Signal(int)  # to the render thread: the number of the job to render
    _cleanup = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.renderer: Renderer | None = None
        self.view: QWebEngineView | None = None  # only while the pane is active
        self.desktop_button = self._mode_button("desktop", self.tr("电脑版"))
        self.phone_button = self._mode_button("phone", self.tr("手机版"))
        self.desktop_button.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.desktop_button)
        group.addButton(self.phone_button)
        self.phone_button.toggled.connect(self.set_phone)
        refresh = QToolButton(self)
        refresh.setIcon(icon("refresh"))
        refresh.setToolTip(self.tr("刷新预览"))
        refresh.setAutoRaise(True)
        refresh.clicked.connect(self.refresh_now)
        self.close_button = close = QToolButton(self)
        close.setIcon(icon("close"))
        close.setToolTip(self.tr("关闭预览（F6 重新打开）"))
        close.setAutoRaise(True)
        close.clicked.connect(self.closeRequested)
        self.info = QLabel(self)
        self.info.setStyleSheet("color: #757575;")
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 0, 4, 0)
        bar.addWidget(QLabel(self.tr("预览"), self))
        bar.addWidget(self.desktop_button)
        bar.addWidget(self.phone_button)
        bar.addWidget(refresh)
        bar.addStretch(1)
        bar.addWidget(self.info)
        bar.addWidget(close)
        self.frame = QHBoxLayout()
        self.frame.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addLayout(self.frame, 1)

        self._fields: dict | None = None
        self._scroll = QPointF(0, 0)
        self._restore_scroll = False
        self.last_render_ms = 0.0
        self.render_count = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh_now)
        self.thread_cleanup: Callable[[], None] | None = None  # runs in the render thread
        self._request = 0
        self._jobs: dict[int, dict] = {}
        self._job_lock = threading.Lock()
        self._busy = False
        self._queued = False
        self._expected_url: QUrl | None = None  # set while a render's page loads
        self._thread = QThread(self)
        self._thread.setObjectName("previewRenderer")
        self._worker = _RenderWorker(self)
        self._worker.moveToThread(self._thread)
        self._requested.connect(self._worker.render)
        self._cleanup.connect(self._worker.cleanup)
        self._worker.finished.connect(self._finished)
        self._thread.start()

    def _mode_button(self, name: str, text: str) -> QToolButton:
        button = QToolButton(self)
        button.setIcon(icon(name))
        button.setToolTip(text)
        button.setCheckable(True)
        button.setAutoRaise(True)
        return button

    # ---- on and off ---------------------------------------------------------------------------

    @property
    def active(self) -> bool:
        """The pane shows pages (it holds a web view)."""
        return self.view is not None

    def set_active(self, on: bool) -> None:
        """Show the pane with a fresh web view and render the latest fields, or hide it and
        release its web view (its renderer process ends)."""
        if on == self.active:
            self.setVisible(on)
            return
        if on:
            self.view = QWebEngineView(self)
            self.view.setPage(_QuietPage(self.view))
            self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
            self.view.page().scrollPositionChanged.connect(self._scrolled)
            self.view.loadFinished.connect(self._loaded)
            self.frame.addWidget(self.view, 1)
            self.show()
            self.set_phone(self.is_phone())
            self.refresh_now()
            return
        self._timer.stop()
        self._expected_url = None
        view, self.view = self.view, None
        self.frame.removeWidget(view)
        view.hide()
        view.deleteLater()
        self.hide()

    def set_phone(self, phone: bool) -> None:
        """Show the page at a phone's width (centred) or the full width."""
        if self.phone_button.isChecked() != phone:
            self.phone_button.setChecked(phone)
        if self.view is None:
            return
        if phone:
            self.view.setFixedWidth(PHONE_WIDTH)
            self.frame.setAlignment(self.view, Qt.AlignmentFlag.AlignHCenter)
        else:
            self.view.setMinimumWidth(0)
            self.view.setMaximumWidth(16777215)
            self.frame.setAlignment(self.view, Qt.AlignmentFlag(0))
        self._fit_zoom()

    def _fit_zoom(self) -> None:
        """Desktop mode lays the page out at DESKTOP_WIDTH and scales it to the pane."""
        if self.view is None:
            return
        width = self.view.width()
        zoom = 1.0 if self.is_phone() or width <= 0 else min(1.0, width / DESKTOP_WIDTH)
        if abs(self.view.zoomFactor() - zoom) > 0.01:
            self.view.setZoomFactor(max(0.25, zoom))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._fit_zoom()

    def is_phone(self) -> bool:
        return self.phone_button.isChecked()

    # ---- rendering --------------------------------------------------------------------------

    def show_fields(self, fields: dict | None, immediately: bool = False) -> None:
        """Render these fields soon (after typing stops) or now; None shows an empty page."""
        new_article = (
            self._fields is None or fields is None or (fields.get("id") != self._fields.get("id"))
        )
        self._fields = fields
        if new_article:
            self._scroll = QPointF(0, 0)
        if self.view is None:
            return  # rendered when the pane is switched on
        if immediately:
            self.refresh_now()
        else:
            self._timer.start()

    def refresh_now(self) -> None:
        """Ask the render thread for the page of the latest fields (newest request wins)."""
        self._timer.stop()
        if self.view is None:
            return
        if self._fields is None or self.renderer is None:
            self._expected_url = None  # the empty page is no render: `rendered` waits for one
            self.view.setHtml(_blank_page(self.tr("未打开文章")), QUrl("about:blank"))
            return
        self._request += 1
        if self._busy:  # one render at a time; the newest fields go next
            self._queued = True
            return
        self._send()

    def _send(self) -> None:
        self._busy = True
        self._queued = False
        with self._job_lock:
            self._jobs = {self._request: dict(self._fields)}
        self._requested.emit(self._request)

    def job(self, request: int) -> dict:
        """The fields of a render job (called from the render thread)."""
        with self._job_lock:
            return self._jobs.get(request, {"title": ""})

    def warm_up(self) -> None:
        """Let the render thread load what the renderer caches (the site catalog) now, when
        the pane is on (a switched-off pane costs no catalog)."""
        if self.view is not None and self.renderer is not None and not self._busy:
            self._busy = True
            self._requested.emit(0)

    def _finished(self, request: int, page: str, base: str, ms: float, error: str) -> None:
        self._busy = False
        if self.renderer is None or self.view is None:
            return
        if self._queued or (request != self._request and self._request):
            if self._fields is not None:
                self._send()
            return
        if request == 0:  # a warm-up
            return
        if error:
            page, base = (
                _blank_page(self.tr("预览失败：{error}").format(error=error)),
                "about:blank",
            )
            self.renderFailed.emit(error)
        self.last_render_ms = ms
        self._restore_scroll = self._scroll.y() > 0
        base_url = QUrl(base)
        if len(page.encode("utf-8")) > SET_HTML_LIMIT and base_url.isLocalFile():
            target = Path(base_url.toLocalFile()) / LARGE_PAGE_NAME
            target.write_text(page, encoding="utf-8")
            url = QUrl.fromLocalFile(str(target))
            self._expected_url = url
            self.view.load(url)
        else:
            self._expected_url = base_url
            self.view.setHtml(page, base_url)
        self.render_count += 1

    def stop(self) -> None:
        """No more renders (the window is closing): the render thread ends."""
        self._timer.stop()
        self.renderer = None
        if self._thread.isRunning():
            self._cleanup.emit()
            self._thread.quit()
            self._thread.wait()

    def _scrolled(self, position: QPointF) -> None:
        if not self._restore_scroll:
            self._scroll = position

    def _loaded(self, ok: bool) -> None:
        # The empty page shown before the first render may finish loading while the render
        # runs: that is not the render. (Loads issued back to back report one finish.)
        if (
            self.view is None
            or self._expected_url is None
            or _late_empty_page(self.view.url(), self._expected_url)
        ):
            return
        self._expected_url = None
        if self._restore_scroll:
            # scrollPosition() is in device pixels (CSS pixels times the zoom); scrollTo takes CSS
            y = int(self._scroll.y() / max(self.view.zoomFactor(), 0.01))
            # again after layout settles (late images and fonts change the page height)
            self.view.page().runJavaScript(
                f"(function(y){{function go(){{window.scrollTo(0, y);}} go();"
                f" requestAnimationFrame(go); setTimeout(go, 60); setTimeout(go, 250);}})({y});"
            )
            self._restore_scroll = False
        self.info.setText(self.tr("渲染 {ms} 毫秒").format(ms=round(self.last_render_ms)))
        self.rendered.emit()


class PreviewSwitch(QObject):
    """The 预览 action (F6), the pane's close button and the splitter kept in step: the
    pane is on when the action is checked; the editor's own choices are remembered; a pane
    dragged shut with the splitter is switched off, and gets room back when switched on."""

    def __init__(self, action, pane: PreviewPane, splitter: QSplitter, sizes: list[int]) -> None:
        super().__init__(pane)
        self.action, self.pane, self.splitter, self.sizes = action, pane, splitter, sizes
        action.toggled.connect(self._toggled)
        action.triggered.connect(lambda on: settings.set_value(KEY_SHOW_PREVIEW, on))
        pane.closeRequested.connect(action.trigger)
        splitter.splitterMoved.connect(self._moved)

    def restore(self, default: bool) -> None:
        """On or off as the editor last chose, else `default`."""
        shown = settings.value(KEY_SHOW_PREVIEW, default) in (True, "true")
        self.action.setChecked(shown)
        self.pane.set_active(shown)

    def _toggled(self, on: bool) -> None:
        self.pane.set_active(on)
        index = self.splitter.indexOf(self.pane)
        if on and self.splitter.sizes()[index] == 0:
            self.splitter.setSizes(self.sizes)

    def _moved(self, *_args) -> None:
        if self.pane.active and self.splitter.sizes()[self.splitter.indexOf(self.pane)] == 0:
            self.action.trigger()


def _late_empty_page(loaded: QUrl, expected: QUrl) -> bool:
    """The page that finished is the empty one, not the render expected (whose view URL is its
    base URL or, at times, its data: URL)."""
    return loaded.toString() == "about:blank" and expected.toString() != "about:blank"


def _blank_page(message: str) -> str:
    return (
        "<!doctype html><html><head><meta charset='utf-8'></head>"
        "<body style='font-family:sans-serif;color:#9e9e9e;display:flex;align-items:center;"
        f"justify-content:center;height:90vh'><p>{html_lib.escape(message)}</p></body></html>"
    )
