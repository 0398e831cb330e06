"""The QtWebEngine command line the application starts with: its own switches and V8's gc()
for the rich editor's page (which collects its garbage with it: QtWebEngine's V8 never
shrinks its heap by itself), added to switches set in QTWEBENGINE_CHROMIUM_FLAGS unless those
name their own --js-flags; the started editor page really has gc()."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from editor.ui.app import CHROMIUM_FLAGS, V8_FLAGS, chromium_flags

ROOT = Path(__file__).resolve().parents[2]


def test_the_application_flags_give_the_editor_page_gc():
    flags = chromium_flags(None).split()
    assert "--js-flags=--expose-gc" in flags
    assert "--disable-gpu" in flags
    assert chromium_flags(chromium_flags(None)) == chromium_flags(None)  # applied once


def test_flags_set_by_the_user_keep_the_memory_setting_unless_they_choose_their_own():
    assert chromium_flags("--enable-logging --v=1") == f"--enable-logging --v=1 {V8_FLAGS}"
    assert chromium_flags("") == V8_FLAGS
    assert chromium_flags("--js-flags=--trace-gc") == "--js-flags=--trace-gc"
    assert V8_FLAGS not in CHROMIUM_FLAGS


def test_the_started_application_hands_them_to_qtwebengine():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QTWEBENGINE_DISABLE_SANDBOX="1")
    env.pop("QTWEBENGINE_CHROMIUM_FLAGS", None)
    script = (
        "import os\n"
        "from editor.ui.app import application\n"
        "app = application()\n"
        "from editor.ui.rich_editor import RichEditorView\n"
        "view = RichEditorView()\n"
        "assert view.wait_ready()\n"
        "print(view.evaluate('typeof gc'))\n"
        "print(os.environ['QTWEBENGINE_CHROMIUM_FLAGS'])\n"
        "view.deleteLater()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    printed = done.stdout.strip().splitlines()
    assert printed[-1] == chromium_flags(None)
    assert printed[-2] == "function"  # the page's gc() exists: the flag reached the renderer
