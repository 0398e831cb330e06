"""发布 updates the export folder, as a portal CMS regenerates an article's pages on publish.

After articles are published, taken back, moved or deleted from the article list, the site
is exported again into the folder the export dialog last used for this site, when that
folder holds a bundle and 发布后更新导出文件夹 (the File menu) is on. The export runs off the
GUI thread in two passes (`Publisher.export(first=…)`): the status bar says when the pages
that must show the change are out, then when the whole folder is current, or why it could
not be updated (the articles stay as saved; the export dialog can try again). A change
made while an export runs makes one more export when it ends. Before the site is closed
or replaced the window cancels a running export and waits for it (`finish`): what its
first pass wrote stays, and the next export writes the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Slot

from editor.ui import settings
from editor.ui.tasks import BackgroundTask

KEY_ENABLED = "export/after_publish"
# the longest the list's refresh waits for an export's first pass (`LiveExport.after_change`)
SETTLE_MS = 250
FIRST_PASS_STEP = "first pass"  # (the progress key its job reports the first pass with)
MANIFEST = "manifest.json"


def folder_key(location: str) -> str:
    """The setting that remembers a site's export folder (the export dialog's)."""
    return f"export/folder/{location}"


def enabled() -> bool:
    """Whether 发布后更新导出文件夹 is on (it is unless turned off)."""
    value = settings.value(KEY_ENABLED, True)
    return value not in (False, "false", "0", 0)


def set_enabled(on: bool) -> None:
    """Turn 发布后更新导出文件夹 on or off (the File menu's check)."""
    settings.set_value(KEY_ENABLED, bool(on))


class LiveExport(QObject):
    """Exports the site again into its export folder after the list changed what readers see."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.task: BackgroundTask | None = None
        self.again = False  # a change came while the task ran: export once more after it
        self.first_out = False  # the running export's first pass is out
        self._waiting: list[Callable[[], None]] = []  # refreshes for after the first pass

    def folder(self) -> Path | None:
        """The site's export folder, when it holds a bundle."""
        value = settings.value(folder_key(self.window.workspace.location))
        if not value:
            return None
        folder = Path(str(value)).expanduser()
        return folder if (folder / MANIFEST).is_file() else None

    def after_change(self, then: Callable[[], None] | None = None) -> None:
        """Articles readers see changed: export again (see the module docstring). `then`
        (the list's refresh) runs once the export's first pass is out, or at once when no
        export starts, and never later than `SETTLE_MS`: redrawing the list is Python work
        too, and on one interpreter lock it would slow the first pass."""
        if then is not None:
            self._waiting.append(then)
            QTimer.singleShot(SETTLE_MS, self._settle)
        if not enabled() or self.window.workspace.read_only or self.folder() is None:
            self._settle()
            return
        if self.task is not None:
            self.again = True
            return
        self._start()
        if self.task is None:
            self._settle()

    def _settle(self) -> None:
        """Run the refreshes that waited for the first pass."""
        waiting, self._waiting = self._waiting, []
        for then in waiting:
            then()

    def is_running(self) -> bool:
        return self.task is not None

    def finish(self) -> None:
        """Before the site closes or another opens: ask no more, cancel the running export
        and wait for it (the slots drop what it still says: `_is_current`)."""
        self.again = False
        self._waiting.clear()  # (the site is closing: nothing to redraw)
        task, self.task = self.task, None
        if task is not None:
            task.stop.set()
            task.wait()

    def _is_current(self) -> bool:
        """The signal comes from the running export (not one `finish` let go)."""
        return self.task is not None and self.sender() is self.task

    def _start(self) -> None:
        from editor.publish.export import ExportCancelled
        from editor.publish.result import ExportResult

        folder = self.folder()
        if folder is None:
            return
        self.again, self.first_out = False, False

        def job(task: BackgroundTask) -> dict:
            def first(result: ExportResult) -> None:  # the pages that must show the change are out
                task.report(0, 0, FIRST_PASS_STEP, f"{result.written}\t{result.seconds:.3f}")

            result = task.workspace.publisher.export(folder, cancel=task.stop, first=first)
            return {"written": result.written, "seconds": result.seconds, "out": result.out}

        task = BackgroundTask(
            self.window.workspace,
            job,
            None,
            name="export after publishing",
            cancel_errors=(ExportCancelled,),
        )
        task.progressed.connect(self._progressed)
        task.succeeded.connect(self._succeeded)
        task.failed.connect(self._failed)
        task.finished.connect(self._ended)
        self.task = task
        task.start()

    def _say(self, text: str, timeout: int = 0) -> None:
        self.window.statusBar().showMessage(text, timeout)

    @Slot(int, int, str, str)
    def _progressed(self, _done: int, _total: int, text: str, detail: str) -> None:
        if text != FIRST_PASS_STEP or not self._is_current():
            return
        self.first_out = True
        written, _tab, seconds = detail.partition("\t")
        self._say(
            self.tr(
                "导出文件夹中必须显示改动的 {written} 个文件已更新（{seconds:.2f} 秒），"
                "正在更新其余页面…"
            ).format(written=written, seconds=float(seconds or 0))
        )
        self._settle()

    @Slot(object)
    def _succeeded(self, data: dict) -> None:
        if not self._is_current():
            return
        self._say(
            self.tr("导出文件夹已更新：写入 {written} 个文件，用时 {seconds:.2f} 秒。").format(
                written=data["written"], seconds=float(data["seconds"])
            ),
            8000,
        )
        settings.set_value(
            f"{settings.KEY_LAST_EXPORT}/{self.window.workspace.location}",
            datetime.now().strftime("%Y-%m-%d %H:%M"),
        )
        self.window.update_status()

    @Slot(str)
    def _failed(self, message: str) -> None:
        if not self._is_current():
            return
        if self.first_out:  # (what the first pass published stays)
            text = self.tr("导出文件夹中必须显示改动的页面已更新，其余页面没有更新：{message}")
        else:
            text = self.tr("导出文件夹没有更新：{message}")
        self._say(text.format(message=message), 20000)

    @Slot()
    def _ended(self) -> None:
        task = self.sender()
        if task is not None:
            task.deleteLater()  # (it holds the site: let both go)
        if task is self.task:
            self.task = None
            self._settle()
            if self.again:
                self._start()
