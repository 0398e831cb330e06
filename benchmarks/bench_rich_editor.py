"""Benchmark of the 所见即所得 body editor on the 100,000-article site, offscreen.

    python benchmarks/bench_rich_editor.py [--articles 100000] [--repeat 7] [--preview]
        [--opens N]

Targets: opening a 10,000-character article in rich mode ≤ 150 ms (setPlainText until the
rich editor has taken and checked the body); a keystroke's round trip to the word count
≤ 16 ms (an input-method commit sent to the view until the body editor has reported the
edit and the statistics are computed); a save from rich mode ≤ 50 ms (the form read, the
unchanged blocks given back, the article written; the quick checks that follow run in their
own thread, and save_to_findings_ms says when their findings are there); memory of the window with the editor
open ≤ 450 MB (proportional set size of the application process plus its QtWebEngine
processes; the RSS figures are printed too). The preview pane is off, as it starts in rich
mode (no web view, no renderer process); --preview measures with it switched on; --opens N
opens the article N times instead of --repeat times (the memory after many opened articles:
what each open leaves in the editor's renderer adds up). Reuses the corpus
of make_store_corpus.py; the article it edits is created in the corpus for the run and
deleted at the end. Prints one JSON document.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

from benchmarks.make_store_corpus import DEFAULT_OUT, ensure  # noqa: E402

TARGETS = {"open_10k_ms": 150, "keystroke_to_count_ms": 16, "save_ms": 50, "memory_mb": 450}
PARAGRAPH = (
    "　　本报讯 成都高新区今日发布三项新政，涉及人才、住房和创业补贴。据介绍，新政面向"
    "35 岁以下的青年人才，最高补贴 12 万元，**首次申请**可在网上办理。"
)


def article_body(characters: int = 10_000) -> str:
    """A body of about `characters` characters with every construct the newsroom uses."""
    parts = ["## 一、人才政策"]
    while sum(len(p) for p in parts) < characters:
        n = len(parts)
        parts.append(PARAGRAPH)
        if n % 12 == 3:
            parts.append(":::box 新闻拓展\n高新区成立于 1988 年。\n\n区内企业超过十万家。\n:::")
        if n % 12 == 7:
            parts.append("| 项目 | 金额 |\n| :--- | ---: |\n| 安家补贴 | 10 |\n| 租房补贴 | 0.2 |")
        if n % 12 == 9:
            parts.append(f"## 小标题{n}")
    return "\n\n".join(parts) + "\n"


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def _summary(samples: list[float]) -> dict:
    return {
        "median": round(statistics.median(samples), 2),
        "max": round(max(samples), 2),
        "n": len(samples),
    }


def _memory_mb(pid: int, field: str) -> float:
    """VmRSS (from status) or Pss (from smaps_rollup: shared pages split between the
    processes that map them, so the zygote-forked QtWebEngine processes are not counted
    several times) of a process, in MB."""
    source = "status" if field == "VmRSS" else "smaps_rollup"
    try:
        for line in Path(f"/proc/{pid}/{source}").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _cmdline(pid: int) -> str:
    try:
        words = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return str(pid)
    kind = next((w.decode() for w in words if w.startswith(b"--type=")), "--type=?")
    return f"{pid} {kind[7:]}"


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if parent == pid:
            found.append(int(entry.name))
            found.extend(_children(int(entry.name)))
    return found


def run(path: Path, repeat: int, preview: bool = False, opens: int | None = None) -> dict:
    from PySide6.QtCore import QSettings

    QSettings.setPath(
        QSettings.Format.IniFormat,
        QSettings.Scope.UserScope,
        tempfile.mkdtemp(prefix="bench-rich-settings-"),
    )
    from editor.ui.app import application

    app = application()
    from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    from editor.content.text import text_stats
    from editor.ui.main_window import MainWindow
    from editor.workspace import Workspace

    def settle(ms: int = 0) -> None:
        deadline = time.perf_counter() + ms / 1000
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
        while time.perf_counter() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)

    def wait(condition, limit: float = 10.0) -> None:
        started = time.perf_counter()
        while not condition() and time.perf_counter() - started < limit:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 1)
        if not condition():
            raise RuntimeError("the rich editor did not answer in time")

    ws = Workspace.open(str(path), user="bench")
    window = MainWindow(ws)
    window.drafts_offered = True
    window.autosave.stop()
    window.resize(1600, 960)
    window.actions["show_preview"].setChecked(preview)
    window.show()
    body = window.editor.body
    body.set_mode("rich", remember=False)
    wait(lambda: body.rich.is_ready)
    settle(200)
    rss_steps = {"window_shown": round(_memory_mb(os.getpid(), "VmRSS"), 1)}
    text = article_body()
    section = next(iter(ws.sections.tree())).id
    with ws.edit():
        article = ws.articles.create({"title": "富文本基准", "section": section, "body": text})
    article_id = article.id
    try:
        # opening: the body shown and checked in the rich editor
        opening = []
        for _ in range(opens or repeat):
            body.setPlainText("")
            wait(lambda: body.rich_loaded)
            started = time.perf_counter()
            window.open_article(article_id, force=True)
            wait(lambda: body.rich_loaded)
            opening.append(_ms(time.perf_counter() - started))
            settle(20)
        assert body.toPlainText() == text, "opening changed the body"
        rss_steps["article_open"] = round(_memory_mb(os.getpid(), "VmRSS"), 1)

        # a keystroke: an input-method commit until the edit is back and counted
        body.setFocus()
        body.rich.evaluate("NewsdeskEditor.select('首次申请', 'end')")
        target = body.rich.focusProxy()
        keystrokes = []
        for n in range(repeat * 3):
            before = body.toPlainText()
            event = QInputMethodEvent("", [])
            event.setCommitString("新")
            started = time.perf_counter()
            QApplication.sendEvent(target, event)
            wait(lambda b=before: body.toPlainText() != b)
            text_stats(body.toPlainText())
            keystrokes.append(_ms(time.perf_counter() - started))
            settle(5 if n % 5 else 30)

        rss_steps["after_typing"] = round(_memory_mb(os.getpid(), "VmRSS"), 1)

        # a save from rich mode: the form read (the body with its unchanged blocks given
        # back), then the whole save of the window (database write, revision, list refresh)
        saves, reads, checked = [], [], []
        for _ in range(repeat):
            before = body.toPlainText()
            QApplication.sendEvent(target, event)
            wait(lambda b=before: body._rich_text is not None and body._rich_text != b)
            body._kept = None  # nothing cached from the wait above
            started = time.perf_counter()
            window.editor.fields()
            reads.append(_ms(time.perf_counter() - started))
            body._kept = None
            started = time.perf_counter()
            assert window.save_article()
            saves.append(_ms(time.perf_counter() - started))
            # the quick checks run in their own thread; their findings follow the save
            wait(lambda: not window.save_checks.is_running())
            checked.append(_ms(time.perf_counter() - started))
            settle(30)
        saved = ws.articles.get(article_id).body
        assert saved.count("| 项目 | 金额 |") == text.count("| 项目 | 金额 |"), "tables lost"

        rss_steps["after_saves"] = round(_memory_mb(os.getpid(), "VmRSS"), 1)
        pid = os.getpid()
        children = _children(pid)
        memory = {
            "application_rss_mb": round(_memory_mb(pid, "VmRSS"), 1),
            "application_pss_mb": round(_memory_mb(pid, "Pss"), 1),
            "webengine_pss_mb": {_cmdline(c): round(_memory_mb(c, "Pss"), 1) for c in children},
            "webengine_rss_sum_mb": round(sum(_memory_mb(c, "VmRSS") for c in children), 1),
            "application_rss_steps_mb": rss_steps,
        }
        memory["total_pss_mb"] = round(
            memory["application_pss_mb"] + sum(memory["webengine_pss_mb"].values()), 1
        )
    finally:
        window.editor.mark_clean()
        with ws.edit():
            ws.articles.delete(article_id)
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        ws.close()
    figures = {
        "corpus": str(path),
        "articles": ws_articles(path),
        "body_characters": len(text),
        "preview_shown": preview,
        "open_10k_ms": _summary(opening),
        "keystroke_to_count_ms": _summary(keystrokes),
        "save_ms": _summary(saves),
        "save_form_read_ms": _summary(reads),
        "save_to_findings_ms": _summary(checked),  # off the GUI thread: not in save_ms
        "memory": memory,
        "targets": TARGETS,
    }
    figures["ok"] = {
        "open_10k": figures["open_10k_ms"]["median"] <= TARGETS["open_10k_ms"],
        "keystroke_to_count": figures["keystroke_to_count_ms"]["median"]
        <= TARGETS["keystroke_to_count_ms"],
        "save": figures["save_ms"]["median"] <= TARGETS["save_ms"],
        "memory": memory["total_pss_mb"] <= TARGETS["memory_mb"],
    }
    return figures


def ws_articles(path: Path) -> int:
    from editor.workspace import Workspace

    with Workspace.open(str(path), user="bench") as ws:
        return ws.articles.count()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--sections", type=int, default=200)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--preview", action="store_true", help="with the preview pane shown")
    parser.add_argument("--opens", type=int, help="times the article is opened (default: --repeat)")
    args = parser.parse_args()
    corpus = ensure(args.out, args.articles, args.sections)
    figures = run(Path(corpus["path"]), args.repeat, args.preview, args.opens)
    print(json.dumps(figures, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
