"""A driver for the crash test: opens a site in the real application, keeps typing Chinese
into the body of the first article, and prints each autosave. The test kills it with -9.

Usage: python typing_driver.py SITE SETTINGS_DIR
"""

from __future__ import annotations

import os
import sys

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["QTWEBENGINE_DISABLE_SANDBOX"] = "1"

TEXT = "成都日报锦观新闻记者报道本市社区食堂建设进展情况"


def main() -> int:
    site, settings_dir = sys.argv[1], sys.argv[2]
    from editor.ui.app import Session, application

    app = application()
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
    session = Session(app)
    session.open(site)
    window = session.window
    window.drafts_offered = True
    window.articles.select_row(0)
    body = window.editor.body
    state = {"typed": 0}

    def type_one() -> None:
        body.setFocus()
        event = QInputMethodEvent("", [])
        event.setCommitString(TEXT[state["typed"] % len(TEXT)])
        QApplication.sendEvent(body, event)
        state["typed"] += 1

    def saved(key: str) -> None:
        draft = window.workspace.drafts.get(key)
        print(f"AUTOSAVED {key} {len(draft.fields['body'])}", flush=True)

    window.autosave.draftSaved.connect(saved)
    typist = QTimer()
    typist.setInterval(50)
    typist.timeout.connect(type_one)
    typist.start()
    print(f"STARTED {window.editor.article_id} {getattr(body, 'mode', 'source')}", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
