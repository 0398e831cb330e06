"""The layer rules of ARCHITECTURE.md, checked on the source."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "editor"
QT_IMPORT = re.compile(r"^\s*(from|import)\s+(PySide6|qtawesome)\b", re.M)
QUERY_CALL = re.compile(r"\.(select|insert|insert_many|delete|update|get_or_none)\(")


def _modules(outside: tuple[str, ...]):
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE).as_posix()
        if not relative.startswith(outside):
            yield relative, path.read_text(encoding="utf-8")


def test_qt_is_imported_only_under_ui():
    offenders = [name for name, text in _modules(("ui/",)) if QT_IMPORT.search(text)]
    assert offenders == []


def test_models_are_queried_only_in_store_and_content():
    offenders = []
    for name, text in _modules(("store/", "content/")):
        if "editor.store.models" in text and QUERY_CALL.search(text):
            offenders.append(name)
    assert offenders == []
