"""PySide6 checks every module imported after it for the word PySide6; the application makes
that check read the file without keeping its text in linecache (about 10 MB with the editor
open), and the answer stays the one PySide6 would give."""

from __future__ import annotations

import linecache
import sys

import pytest

from editor.ui.app import keep_no_module_sources


def test_imported_modules_leave_no_source_behind(tmp_path, monkeypatch):
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not hasattr(feature, "_mod_uses_pyside"):
        pytest.skip("this PySide6 does not look at imported modules' sources")
    keep_no_module_sources()
    keep_no_module_sources()  # twice changes nothing
    assert feature._mod_uses_pyside.reads_file_once
    (tmp_path / "uses_qt_here.py").write_text("import PySide6.QtCore\nVALUE = 1\n")
    (tmp_path / "plain_python_here.py").write_text("VALUE = 2\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        import plain_python_here  # an import statement: PySide6 watches those
        import uses_qt_here

        assert (uses_qt_here.VALUE, plain_python_here.VALUE) == (1, 2)
        assert feature.pyside_feature_dict["uses_qt_here"] == 0  # uses PySide6: features apply
        assert feature.pyside_feature_dict["plain_python_here"] == -1  # ignored, as before
        kept = {str(path) for path in linecache.cache}
        assert str(tmp_path / "uses_qt_here.py") not in kept
        assert str(tmp_path / "plain_python_here.py") not in kept
        assert feature._mod_uses_pyside(sys) is False  # built-in modules: the original answer
    finally:
        for name in ("uses_qt_here", "plain_python_here"):
            sys.modules.pop(name, None)
            feature.pyside_feature_dict.pop(name, None)
