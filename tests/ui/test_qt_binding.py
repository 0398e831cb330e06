"""The Qt binding itself: PySide6 6.12.0 drops a reference to None on every void call,
which aborts Python 3.11 after a few thousand calls (pyproject refuses that release)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_calls_keep_none_alive(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("编辑台")
    assert sys.getrefcount(None) >= before - 50
