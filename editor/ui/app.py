"""Start the desktop application: pick the site (argument, remembered, or the welcome
dialog), open the main window, switch sites and languages, take `--screenshot` pictures."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

log = logging.getLogger(__name__)

SCREENSHOT_TIMEOUT_MS = 30000
SCREENSHOT_POLL_MS = 100
DEMO = "@demo"
CHROMIUM_FLAGS = "--disable-gpu --disable-logging --log-level=3"
# gc() for the rich editor's page (editor/ui/rich_editor.py collects its garbage with it).
# QtWebEngine's V8 grows its heap with every body the editor shows and never shrinks it,
# idle or not: 200 articles opened left a 69 MB JavaScript heap and a 200 MB renderer
# process (one article: 124 MB). V8's own --optimize-for-size kept it small too but now and
# then left the renderer unresponsive; a full collection when the editor pauses does not.
V8_FLAGS = "--js-flags=--expose-gc"


def chromium_flags(given: str | None) -> str:
    """The QtWebEngine command line: the application's, or the one set in
    QTWEBENGINE_CHROMIUM_FLAGS; the V8 memory setting is added unless that names its own
    --js-flags."""
    if given is None:
        return f"{CHROMIUM_FLAGS} {V8_FLAGS}"
    if "--js-flags" in given:
        return given
    return f"{given} {V8_FLAGS}".strip()


def prepare_qt() -> None:
    """Environment and imports QtWebEngine needs before the QApplication exists."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = chromium_flags(
        os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS")
    )
    import PySide6.QtWebEngineWidgets  # noqa: F401  (must precede QApplication)

    keep_no_module_sources()


def keep_no_module_sources() -> None:
    """Stop PySide6 keeping the source text of every module imported after it.

    PySide6 asks of each newly imported module whether its source mentions "PySide6" (to
    scope `from __feature__ import ...`) through inspect.getsource, and linecache keeps every
    file it reads that way: about 10 MB with the editor open. The same question is answered
    here from the file without keeping it; modules without a .py file are still asked the
    original way. Nothing changes when this PySide6 has no such check."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "reads_file_once", False):
        return

    def uses_pyside(module) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return original(module)

    uses_pyside.reads_file_once = True
    feature._mod_uses_pyside = uses_pyside


def application():
    """The running QApplication, created if needed."""
    prepare_qt()
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QApplication

    from editor.config import APP_AUTHOR, APP_NAME

    app = QApplication.instance()
    if app is None:
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_AUTHOR)
    app.setDesktopFileName("newsdesk")  # matches packaging/newsdesk.desktop (taskbar icon)
    from PySide6.QtGui import QIcon

    from editor.config import resource

    app_icon = resource("icons", "newsdesk.svg")
    if app_icon.is_file():
        app.setWindowIcon(QIcon(str(app_icon)))
    return app


class Session:
    """The open site and its window; replaces both when another site is opened."""

    def __init__(self, app) -> None:
        self.app = app
        self.workspace = None
        self.window = None

    def open(self, location: str, create: bool = False) -> bool:
        """Open a site (DEMO for the demo site) in a new window; False if it cannot open."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QMessageBox

        from editor.content.demo import ensure_demo
        from editor.errors import NewsdeskError
        from editor.ui import settings
        from editor.ui.main_window import MainWindow
        from editor.ui.site_access import open_workspace
        from editor.workspace import Workspace

        if location == DEMO:
            location = ensure_demo()
        old_window, old_workspace = self.window, self.workspace
        if old_window is not None and not old_window.confirm_leave():
            return False
        if old_window is not None:
            old_window.finish_background()  # nothing may run in a closing site
            old_window.autosave.stop()
            old_window.preview.stop()
            old_window.save_layout()
            old_window.hide()
        if old_workspace is not None:
            old_workspace.close()
        try:
            workspace = open_workspace(location, create=create)
        except NewsdeskError as exc:
            QMessageBox.warning(None, QMessageBox.tr("无法打开站点"), str(exc))
            if old_workspace is not None:  # go back to the site that was open
                self.workspace = Workspace.open(old_workspace.target.location)
                self._show(MainWindow(self.workspace))
                if old_window is not None:
                    old_window.deleteLater()
            return False
        self.workspace = workspace
        settings.remember_site(workspace.target.location)  # without its password
        window = MainWindow(workspace)
        self._show(window)
        if old_window is not None:
            old_window.deleteLater()
        QTimer.singleShot(0, window.offer_recovery)
        return True

    def _show(self, window) -> None:
        self.window = window
        window.siteOpenRequested.connect(self.open)
        window.newSiteRequested.connect(self.new_site)
        window.languageChangeRequested.connect(self.change_language)
        window.show()

    def new_site(self) -> None:
        from editor.ui.dialogs.site_dialogs import create_site

        location = create_site(self.window)
        if location:
            self.open(location)

    def change_language(self, code: str) -> None:
        from editor.ui import settings
        from editor.ui.i18n import install_language

        window = self.window
        if window is not None and not window.confirm_leave():  # asked in the current language
            return
        state = window.view_state() if window is not None else None
        settings.set_language(code)
        install_language(code)
        if self.workspace is not None:  # rebuild the window in the new language
            if self.open(self.workspace.target.location) and self.window is not None:
                self.window.restore_view_state(state)  # same article, section and branches

    def close(self) -> None:
        """Delete the window (its web page must go before the application) and close the site."""
        from PySide6.QtCore import QCoreApplication, QEvent

        if self.window is not None:
            self.window.finish_background()
            self.window.preview.stop()
            self.window.autosave.stop()
            self.window.deleteLater()
            self.window = None
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        if self.workspace is not None:
            self.workspace.close()
            self.workspace = None


def choose_site(db: str | None, demo: bool, screenshot: str | None) -> str | None:
    """The site to open: the argument, the remembered one, or the welcome dialog's answer."""
    from editor.ui import settings

    if db:
        return db
    remembered = settings.remembered_site()
    if remembered and (remembered == DEMO or Path(remembered).exists() or "://" in remembered):
        return remembered
    if screenshot or demo:
        return DEMO
    from editor.ui.dialogs.site_dialogs import WelcomeDialog

    dialog = WelcomeDialog()
    if not dialog.exec():
        return None
    return dialog.location


def run_gui(
    db: str | None = None,
    screenshot: str | None = None,
    demo: bool = False,
    body_mode: str | None = None,
) -> int:
    """Run the application until its window closes; returns the exit code. `body_mode`
    ("rich", "source") opens the body in that mode (a screenshot uses rich by default)."""
    app = application()
    from editor.ui import settings
    from editor.ui.i18n import DEFAULT_LANGUAGE, install_language

    install_language(settings.language() or DEFAULT_LANGUAGE)
    settings.forget_passwords()  # settings of older versions held them
    location = choose_site(db, demo, screenshot)
    if location is not None and db and location == db and not screenshot:
        from editor.ui.dialogs.site_dialogs import offer_new_site

        location = offer_new_site(db)  # a --db file without a site: create it there
    if location is None:
        return 0
    session = Session(app)
    from editor.ui.crash import CrashReporter

    reporter = CrashReporter(session)
    reporter.install()
    if not session.open(location):
        if screenshot:
            return 1
        location = choose_site(None, False, None)
        if location is None or not session.open(location):
            return 1
    if body_mode or screenshot:
        session.window.editor.body.set_mode(body_mode or "rich", remember=False)
    try:
        if screenshot:
            return take_screenshot(app, session.window, screenshot)
        return app.exec()
    finally:
        reporter.uninstall()
        session.close()


def take_screenshot(app, window, path: str) -> int:
    """Select the first article, wait for the body editor and the preview (when shown) to
    draw, save the window as PNG."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    state = {"code": 1, "rendered": False}
    window.preview.rendered.connect(lambda: state.update(rendered=True))
    clock = QElapsedTimer()
    clock.start()
    window.drafts_offered = True  # no recovery question in a picture

    def finish() -> None:
        image = window.grab()
        ok = image.save(str(path), "PNG")
        state["code"] = 0 if ok else 1
        window.editor.mark_clean()
        window.close()
        app.quit()

    def poll() -> None:
        if clock.elapsed() > SCREENSHOT_TIMEOUT_MS:
            log.warning(
                "the preview or the body editor did not draw in time; saving the window anyway"
            )
            finish()
            return
        body = window.editor.body
        body_drawn = body.mode != "rich" or (body.rich_loaded and _drawn(body.rich))
        preview = window.preview  # a switched-off preview has nothing to wait for
        preview_drawn = not preview.active or (state["rendered"] and _drawn(preview.view))
        if preview_drawn and body_drawn:
            QTimer.singleShot(200, finish)
            return
        QTimer.singleShot(SCREENSHOT_POLL_MS, poll)

    def start() -> None:
        window.articles.select_row(0)
        QTimer.singleShot(SCREENSHOT_POLL_MS, poll)

    window.resize(1600, 960)
    QTimer.singleShot(0, start)
    app.exec()
    return state["code"]


def _drawn(view) -> bool:
    """Whether a web view shows more than one colour (its grab is blank until it paints)."""
    image = view.grab().toImage()
    if image.isNull() or image.width() < 10:
        return False
    colours = set()
    step_x, step_y = max(1, image.width() // 24), max(1, image.height() // 24)
    for x in range(0, image.width(), step_x):
        for y in range(0, image.height(), step_y):
            colours.add(image.pixel(x, y))
            if len(colours) > 2:
                return True
    return False
