"""The quick checks after a save run off the GUI thread: a stale result is never shown, a
failing check is a status message, and a window closed while one runs waits for it."""

from __future__ import annotations

import threading

import pytest


@pytest.fixture
def held_check(monkeypatch):
    """A check registry of one article check whose first run waits for `release`; each run
    reports its number (第1次, 第2次 …) as a finding and in `seen`."""
    # the whole registry loaded first: its checks must not register into the patched one
    from editor.content import all_checks, checks  # noqa: F401

    release = threading.Event()
    seen: list[int] = []
    calls = iter(range(1, 100))

    class Numbered:
        rule = "test.numbered"
        stages = frozenset({checks.ARTICLE})

        def run(self, context):
            number = next(calls)
            if number == 1:
                assert release.wait(10)
            seen.append(number)
            yield checks.Finding(self.rule, checks.WARNING, f"第{number}次检查")

    monkeypatch.setattr(checks, "CHECKS", {Numbered.rule: Numbered()})
    return release, seen


def _retitle(window, title: str) -> None:
    window.editor.title.setText(title)
    window.editor._changed()


def test_a_newer_save_supersedes_the_check_of_an_older_one(qtbot, window, held_check):
    release, seen = held_check
    window.open_article(window.workspace.articles.list()[0].id)
    _retitle(window, "第一个标题")
    assert window.save_article()
    assert window.statusBar().currentMessage().startswith("已保存")  # at once, unchecked
    assert window.save_checks.is_running()  # the first check waits for `release`
    _retitle(window, "第二个标题")
    assert window.save_article()
    qtbot.waitUntil(lambda: "第2次检查" in window.statusBar().currentMessage(), timeout=10000)
    release.set()
    qtbot.waitUntil(lambda: not window.save_checks.is_running(), timeout=10000)
    qtbot.wait(50)  # the older check's result, were it delivered, would arrive now
    assert sorted(seen) == [1, 2]  # the first check did run to its end …
    message = window.statusBar().currentMessage()
    assert message.endswith("检查发现 1 个问题：第2次检查")  # … and its result was dropped
    assert [f.message for f in window.findings_button.findings] == ["第2次检查"]


def test_closing_the_window_while_a_check_runs_waits_for_it(qtbot, window, held_check):
    release, seen = held_check
    window.open_article(window.workspace.articles.list()[0].id)
    _retitle(window, "关窗前的标题")
    assert window.save_article()
    assert window.save_checks.is_running()
    threading.Timer(0.2, release.set).start()
    window.close()  # waits for the check: the site may be closed right after
    assert not window.save_checks.is_running() and seen == [1]
    assert window.workspace.articles.get(window.editor.article_id).title == "关窗前的标题"


def test_a_failing_check_is_a_status_message(qtbot, window, monkeypatch):
    # the whole registry loaded first: its checks must not register into the patched one
    from editor.content import all_checks, checks  # noqa: F401
    from editor.errors import NewsdeskError

    class Broken:
        rule = "test.broken"
        stages = frozenset({checks.ARTICLE})

        def run(self, context):
            raise NewsdeskError("词库读不出来")

    monkeypatch.setattr(checks, "CHECKS", {Broken.rule: Broken()})
    window.open_article(window.workspace.articles.list()[0].id)
    _retitle(window, "会让检查出错的标题")
    assert window.save_article()
    qtbot.waitUntil(lambda: "检查未能完成" in window.statusBar().currentMessage(), timeout=10000)
    assert window.statusBar().currentMessage().endswith("词库读不出来")
    assert window.findings_button.isHidden()
