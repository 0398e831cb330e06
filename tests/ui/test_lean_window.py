"""The main window with the rich editor open loads only what it uses: not qtawesome and its
qtpy (which star-import QtOpenGL and QtDataVisualization and make every Qt class and enum at
once), not lxml (the paste cleaner's, loaded with the first paste). Run in a fresh process,
as an editor starts the application."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOT_AT_START = ("qtawesome", "qtpy", "PySide6.QtOpenGL", "PySide6.QtDataVisualization", "lxml")

SCRIPT = """
import json, sys
from editor.ui.app import application
app = application()
from editor.ui.main_window import MainWindow
from editor.workspace import Workspace
ws = Workspace.open(sys.argv[1], user="tester")
window = MainWindow(ws)
window.drafts_offered = True
window.show()
body = window.editor.body
body.set_mode("rich", remember=False)
assert body.rich.wait_ready(), "the rich editor page did not start"
window.articles.select_row(0)
assert body.wait_rich(), "the rich editor did not take the first article"
loaded = sorted(
    name for name in sys.modules
    if any(name == gone or name.startswith(gone + ".") for gone in json.loads(sys.argv[2]))
)
body_text = body.toPlainText()
cleaned = body.paste.markdown("<p>粘贴的<b>正文</b></p>")
print(json.dumps({"loaded": loaded, "body": len(body_text), "pasted": cleaned,
                  "lxml_after_paste": "lxml" in sys.modules}, ensure_ascii=False))
window.editor.mark_clean()
window.close()
window.deleteLater()
from PySide6.QtCore import QCoreApplication, QEvent
QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
ws.close()
"""


def test_the_open_window_leaves_unused_modules_alone(ui_site, tmp_path):
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        QTWEBENGINE_DISABLE_SANDBOX="1",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
    )
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, ui_site, json.dumps(NOT_AT_START)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["body"] > 0  # the window really showed an article in the rich editor
    assert report["loaded"] == []
    assert report["pasted"] == "粘贴的**正文**\n"  # and pasting still cleans, loading lxml then
    assert report["lxml_after_paste"] is True
