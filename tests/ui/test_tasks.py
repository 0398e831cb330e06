"""The one background-task class of the GUI: how a job's end is reported, stop, connection."""

from __future__ import annotations

import logging

import pytest

from editor.errors import NewsdeskError, ValidationError
from editor.ui.tasks import BackgroundTask


class _Connection:
    def __init__(self) -> None:
        self.closed = 0

    def close(self) -> None:
        self.closed += 1


class _Site:
    def __init__(self) -> None:
        self.db = _Connection()


class Stopped(NewsdeskError):
    """What a job raises when it stops on request (like ExportCancelled)."""


def _run(qtbot, job, **options) -> tuple[BackgroundTask, dict]:
    site = _Site()
    task = BackgroundTask(site, job, **options)
    seen: dict = {"progress": []}
    task.succeeded.connect(lambda result: seen.update(succeeded=result))
    task.failed.connect(lambda message: seen.update(failed=message))
    task.cancelled.connect(lambda: seen.update(cancelled=True))
    task.progressed.connect(lambda *args: seen["progress"].append(args))
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.start()
    qtbot.wait(10)  # queued signals from the thread arrive
    assert site.db.closed == 1  # the thread's own connection is closed whatever happened
    return task, seen


def test_a_job_reports_progress_and_its_result(qtbot):
    def job(task):
        assert task.report(1, 2, "a.html", "imported")
        task.report(2, 2)
        return {"imported": 2}

    _task, seen = _run(qtbot, job)
    assert seen["succeeded"] == {"imported": 2}
    assert seen["progress"] == [(1, 2, "a.html", "imported"), (2, 2, "", "")]
    assert "failed" not in seen and "cancelled" not in seen


def test_a_newsdesk_error_is_a_failure_with_its_message(qtbot):
    def job(task):
        raise ValidationError("文件太大")

    _task, seen = _run(qtbot, job, cancel_errors=(Stopped,))
    assert seen["failed"] == "文件太大" and "succeeded" not in seen


def test_a_bug_is_logged_and_reported_with_its_type(qtbot, caplog):
    def job(task):
        raise KeyError("title")

    with caplog.at_level(logging.ERROR, logger="editor.ui.tasks"):
        _task, seen = _run(qtbot, job, name="import")
    assert seen["failed"] == "KeyError: 'title'"
    assert any("import failed" in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize("cancel_errors", [(Stopped,), ()])
def test_stop_ends_the_job_as_cancelled_or_with_what_it_has(qtbot, cancel_errors):
    def job(task):
        task.stop.set()  # the user pressed 停止 while the job ran
        if not task.report(1, 10, "first"):
            if cancel_errors:
                raise Stopped("stopped")
            return "partial"
        return "whole"

    _task, seen = _run(qtbot, job, cancel_errors=cancel_errors)
    if cancel_errors:
        assert seen.get("cancelled") is True and "failed" not in seen
    else:
        assert seen["succeeded"] == "partial" and "cancelled" not in seen
