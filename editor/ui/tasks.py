"""One way to run work on the open site off the GUI thread: import, export and what comes next.

A `BackgroundTask` runs `job(task)` in its own thread, which gets its own database connection
(closed when the job ends), and reports through signals: `progressed(done, total, text,
detail)` while it runs, then one of `succeeded(result)`, `failed(message)` or `cancelled()`,
and Qt's `finished`. The job reports progress with `task.report(...)`, whose answer is False
once the user asked to stop (`task.stop` is set); a job that cannot stop between steps
watches `task.stop` itself.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from editor.errors import NewsdeskError

log = logging.getLogger(__name__)


class BackgroundTask(QThread):
    """Runs `job(task)` in its own thread (and its own database connection)."""

    progressed = Signal(int, int, str, str)  # done, total, text, detail
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self,
        workspace: Any,
        job: Callable[[BackgroundTask], Any],
        parent: QObject | None = None,
        *,
        name: str = "background task",
        cancel_errors: tuple[type[BaseException], ...] = (),
    ) -> None:
        """`name` goes into the log when the job fails with a bug. `cancel_errors` are the
        errors that mean the job stopped on request; with any of them, an error raised after
        a stop request is reported as `cancelled` too. Without them every error is `failed`
        (a job that stops on request then simply returns what it has)."""
        super().__init__(parent)
        self.workspace = workspace
        self.job = job
        self.name = name
        self.cancel_errors = cancel_errors
        self.stop = threading.Event()

    def run(self) -> None:
        """The thread's body: run the job and say how it ended."""
        try:
            result = self.job(self)
        except Exception as exc:
            if self.cancel_errors and (self.stop.is_set() or isinstance(exc, self.cancel_errors)):
                self.cancelled.emit()
            elif isinstance(exc, NewsdeskError):
                self.failed.emit(str(exc))
            else:  # a bug: keep the traceback in the log, tell the editor
                log.exception("%s failed", self.name)
                self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.succeeded.emit(result)
        finally:
            try:
                self.workspace.db.close()  # this thread's connection only
            except Exception:  # already closed or not thread-bound
                pass

    def report(self, done: int, total: int, text: str = "", detail: str = "") -> bool:
        """A progress callback for the job; False once a stop was asked for."""
        self.progressed.emit(int(done), int(total), str(text), str(detail))
        return not self.stop.is_set()
