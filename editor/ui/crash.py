"""The last line of defence in the desktop application: an error nobody caught.

`CrashReporter.install()` replaces `sys.excepthook` (PySide6 hands exceptions raised in
slots to it). A NewsdeskError that slipped through is shown as the message it is. Anything
else is a bug: the open article is kept as a draft first (in the site, or in a file when the
site itself is failing), the trace goes to a log file in the user data folder, and a dialog
says so, with the trace under 详细信息.
"""

from __future__ import annotations

import json
import logging
import sys
import traceback
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QThread, QTimer
from PySide6.QtWidgets import QMessageBox

from editor.config import user_data_dir
from editor.credentials import hide_passwords
from editor.errors import NewsdeskError

log = logging.getLogger(__name__)

LOG_FOLDER = "logs"
LOG_NAME = "newsdesk-errors.log"


def _tr(text: str) -> str:
    return QCoreApplication.translate("CrashReporter", text)


def log_path() -> Path:
    """The file the traces of unexpected errors are appended to."""
    folder = user_data_dir() / LOG_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder / LOG_NAME


def write_trace(exc_type, exc, tb) -> Path:
    """Append the trace (passwords hidden) to the log file; return the file."""
    path = log_path()
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    with path.open("a", encoding="utf-8") as out:
        out.write(f"==== {stamp}\n{hide_passwords(text)}\n")
    return path


class CrashReporter:
    """Installs itself as `sys.excepthook` for the session's lifetime."""

    def __init__(self, session) -> None:
        self.session = session
        self._previous = None
        self._busy = False
        self.last_log: Path | None = None
        self.last_draft: str | None = None  # "site" or the path of a draft file

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        if sys.excepthook == self.handle:
            sys.excepthook = self._previous or sys.__excepthook__

    def handle(self, exc_type, exc, tb) -> None:
        """Report one uncaught exception (never raises itself)."""
        if issubclass(exc_type, KeyboardInterrupt) or self._busy:
            (self._previous or sys.__excepthook__)(exc_type, exc, tb)
            return
        app = QCoreApplication.instance()
        if app is not None and QThread.currentThread() != app.thread():
            # raised in a worker thread: widgets belong to the GUI thread, report there
            QTimer.singleShot(0, app, lambda: self.handle(exc_type, exc, tb))
            return
        self._busy = True
        try:
            window = getattr(self.session, "window", None)
            if isinstance(exc, NewsdeskError):
                QMessageBox.warning(window, _tr("无法完成"), str(exc))
                return
            self.last_draft = self.keep_draft(window)
            self.last_log = write_trace(exc_type, exc, tb)
            self.show(window, exc_type, exc, tb)
        except Exception:  # the report itself failed: the console still gets the trace
            (self._previous or sys.__excepthook__)(exc_type, exc, tb)
        finally:
            self._busy = False

    def keep_draft(self, window) -> str | None:
        """Write the open article's unsaved text as a draft; "site" when the site took it,
        the path of a JSON file when only the disk did, None when there was nothing."""
        editor = getattr(window, "editor", None)
        if editor is None or not editor.is_dirty:
            return None
        try:
            if window.autosave.save_now(force=True):
                return "site"
        except Exception as exc:  # the site is what failed: keep the text beside the log
            log.warning("the draft could not be written to the site: %s", exc)
        fields = editor.fields()
        path = log_path().with_name(f"draft-{datetime.now():%Y%m%d-%H%M%S}.json")
        path.write_text(
            json.dumps(
                {"article_id": editor.article_id, "fields": fields},
                ensure_ascii=False,
                indent=2,
                default=str,
            ),
            encoding="utf-8",
        )
        return str(path)

    def show(self, window, exc_type, exc, tb) -> None:
        box = QMessageBox(window)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(_tr("出错了"))
        if self.last_draft == "site":
            kept = _tr("正在编辑的稿件已保存为草稿，下次打开时会提示恢复。")
        elif self.last_draft:
            kept = _tr("站点无法写入，正在编辑的稿件已保存到文件：{path}").format(
                path=self.last_draft
            )
        else:
            kept = _tr("没有未保存的修改。")
        box.setText(
            _tr("编辑台遇到了一个意外错误。{kept}\n错误报告已写入：{path}").format(
                kept=kept, path=self.last_log
            )
        )
        box.setInformativeText(_tr("可以继续工作；如果问题重复出现，请把错误报告发给技术支持。"))
        box.setDetailedText(hide_passwords("".join(traceback.format_exception(exc_type, exc, tb))))
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        self.dialog = box
        box.exec()
