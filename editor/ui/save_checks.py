"""The quick checks after a save, run off the GUI thread so a save returns at once.

The status bar says 已保存 straight away; the findings button and the message naming the first
finding follow when the checks end, and only while the same article (id and version) is still
the open one: a newer save supersedes the result of an older check. The window waits for the
checks that still run before its site is closed or replaced (`finish`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Slot

from editor.content.checks import ARTICLE
from editor.ui.tasks import BackgroundTask


class SaveChecks(QObject):
    """Runs the quick checks of each save in a `BackgroundTask` and shows what they found."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.task: BackgroundTask | None = None  # the check of the latest save
        self.saved = ""  # its 已保存 message
        self.running: set[BackgroundTask] = set()  # older checks still running too

    def start(self, article_id: int, version: int, saved: str) -> None:
        """Check the article just saved at `version`; `saved` is the status message so far."""
        self.window.statusBar().showMessage(saved, 3000)
        self._drop_current()

        def job(task: BackgroundTask) -> tuple[int, int, list]:
            findings = task.workspace.checks.run(ARTICLE, [article_id], quick=True)
            return article_id, version, list(findings)

        task = BackgroundTask(self.window.workspace, job, None, name="checks after a save")
        self.task, self.saved = task, saved
        task.succeeded.connect(self._checked)
        task.failed.connect(self._failed)
        self.running.add(task)
        task.finished.connect(self._ended)
        task.start()

    def is_running(self) -> bool:
        """True while a check of some save is still running."""
        return any(task.isRunning() for task in self.running)

    def finish(self) -> None:
        """Before the site closes or another opens: drop the results and wait for the checks."""
        self._drop_current()
        for task in list(self.running):
            task.stop.set()
            task.wait()
        self.running.clear()

    def _drop_current(self) -> None:
        if self.task is not None:
            self.task.succeeded.disconnect(self._checked)
            self.task.failed.disconnect(self._failed)
            self.task = None

    def _is_current(self, article_id: int | None = None, version: int | None = None) -> bool:
        """The result comes from the latest save's check and that article is still open."""
        if self.task is None or self.sender() is not self.task:
            return False
        editor = self.window.editor
        if article_id is not None and (editor.article_id, editor.base_version) != (
            article_id,
            version,
        ):
            return False
        return True

    @Slot(object)
    def _checked(self, result: tuple[int, int, list]) -> None:
        article_id, version, findings = result
        if not self._is_current(article_id, version):
            return  # a newer save, or another article, is what the window shows now
        self.task = None
        window = self.window
        window.findings_button.show_findings(article_id, findings)
        if findings:  # the same registry as `newsdesk check --article` and the export
            message = self.tr("{saved}；检查发现 {count} 个问题：{first}").format(
                saved=self.saved, count=len(findings), first=findings[0].message
            )
            window.statusBar().showMessage(message, 10000)

    @Slot(str)
    def _failed(self, message: str) -> None:
        if not self._is_current():
            return
        self.task = None
        text = self.tr("{saved}；检查未能完成：{error}").format(saved=self.saved, error=message)
        self.window.statusBar().showMessage(text, 10000)

    @Slot()
    def _ended(self) -> None:
        for task in [task for task in self.running if task.isFinished()]:
            self.running.discard(task)
