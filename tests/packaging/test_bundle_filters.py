"""What the slim bundle keeps and leaves out (packaging/bundle_filters.py)."""

from __future__ import annotations

import pytest
from packaging_scripts import load

filters = load("bundle_filters")
QT = "PySide6/Qt"


@pytest.mark.parametrize(
    "name",
    [
        f"{QT}/translations/qtbase_zh_CN.qm",
        f"{QT}/translations/qt_zh_CN.qm",
        f"{QT}/translations/qtwebengine_en.qm",
        f"{QT}/translations/qtwebengine_locales/zh-CN.pak",
        f"{QT}/translations/qtwebengine_locales/en-US.pak",
        f"{QT}/resources/qtwebengine_resources.pak",
        f"{QT}/resources/icudtl.dat",
        f"{QT}/plugins/platforms/libqxcb.so",
        f"{QT}/plugins/platforms/libqwayland.so",
        f"{QT}/plugins/platforms/libqoffscreen.so",
        f"{QT}/plugins/platformthemes/libqxdgdesktopportal.so",
        f"{QT}/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
        f"{QT}/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
        f"{QT}/plugins/imageformats/libqjpeg.so",
        f"{QT}/plugins/imageformats/libqsvg.so",
        f"{QT}/plugins/tls/libqopensslbackend.so",
        "resources/themes/portal/templates/article.html",
        "resources/translations/newsdesk_en.qm",
        "PySide6\\Qt\\translations\\qtbase_zh_CN.qm",
    ],
)
def test_keeps_what_the_application_uses(name):
    assert filters.keep_entry(name)


@pytest.mark.parametrize(
    "name",
    [
        f"{QT}/translations/qtbase_de.qm",
        f"{QT}/translations/qt_ja.qm",
        f"{QT}/translations/qtwebengine_zh_TW.qm",
        f"{QT}/translations/designer_zh_CN.qm",
        f"{QT}/translations/qt_help_zh_CN.qm",
        f"{QT}/translations/qtwebengine_locales/de.pak",
        f"{QT}/translations/qtwebengine_locales/zh-TW.pak",
        f"{QT}/resources/qtwebengine_devtools_resources.pak",
        f"{QT}/plugins/platformthemes/libqgtk3.so",
        f"{QT}/plugins/platforms/libqeglfs.so",
        f"{QT}/plugins/platforms/libqvnc.so",
        f"{QT}/plugins/platforms/libqlinuxfb.so",
        f"{QT}/plugins/egldeviceintegrations/libqeglfs-kms-integration.so",
        f"{QT}/plugins/generic/libqevdevtouchplugin.so",
        f"{QT}/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
        f"{QT}/plugins/imageformats/libqpdf.so",
        "PySide6\\Qt\\translations\\qtbase_fr.qm",
    ],
)
def test_leaves_out_what_it_never_loads(name):
    assert not filters.keep_entry(name)


def test_slim_toc_filters_entries_by_their_name_in_the_bundle():
    toc = [
        (f"{QT}/translations/qtbase_zh_CN.qm", "/src/qtbase_zh_CN.qm", "DATA"),
        (f"{QT}/translations/qtbase_de.qm", "/src/qtbase_de.qm", "DATA"),
    ]
    assert filters.slim_toc(toc) == toc[:1]


def test_pruning_keeps_linked_qt_libraries_and_their_links(monkeypatch, tmp_path):
    plugin = tmp_path / "libqxcb.so"
    plugin.write_bytes(b"\x7fELF")
    gui, pdf = tmp_path / "libQt6Gui.so.6", tmp_path / "libQt6Pdf.so.6"
    for path in (gui, pdf):
        path.write_bytes(b"\x7fELF")
    monkeypatch.setattr(filters.sys, "platform", "linux")
    monkeypatch.setattr(filters.shutil, "which", lambda name: "/usr/bin/ldd")
    monkeypatch.setattr(
        filters,
        "linked_libraries",
        lambda path: {"libQt6Gui.so.6"} if path == str(plugin) else set(),
    )
    binaries = [
        (f"{QT}/plugins/platforms/libqxcb.so", str(plugin), "BINARY"),
        (f"{QT}/lib/libQt6Gui.so.6", str(gui), "BINARY"),
        (f"{QT}/lib/libQt6Pdf.so.6", str(pdf), "BINARY"),
    ]
    datas = [
        ("libQt6Gui.so.6", f"{QT}/lib/libQt6Gui.so.6", "SYMLINK"),
        ("libQt6Pdf.so.6", f"{QT}/lib/libQt6Pdf.so.6", "SYMLINK"),
        ("resources/demo/site.json", "/src/site.json", "DATA"),
    ]
    kept_binaries, kept_datas = filters.prune_unlinked_libraries(binaries, datas)
    assert [e[0] for e in kept_binaries] == [binaries[0][0], binaries[1][0]]
    assert [e[0] for e in kept_datas] == ["libQt6Gui.so.6", "resources/demo/site.json"]


def test_pruning_never_touches_libraries_outside_its_list(monkeypatch, tmp_path):
    nss = tmp_path / "libsoftokn3.so"  # opened by QtWebEngine at run time, linked by nothing
    nss.write_bytes(b"\x7fELF")
    monkeypatch.setattr(filters.sys, "platform", "linux")
    monkeypatch.setattr(filters.shutil, "which", lambda name: "/usr/bin/ldd")
    monkeypatch.setattr(filters, "linked_libraries", lambda path: set())
    binaries = [("libsoftokn3.so", str(nss), "BINARY")]
    assert filters.prune_unlinked_libraries(binaries, []) == (binaries, [])


def test_unused_qt_modules_spare_the_ones_the_gui_imports():
    excluded = set(filters.UNUSED_QT_MODULES)
    for needed in (
        "QtCore",
        "QtGui",
        "QtWidgets",
        "QtNetwork",
        "QtPrintSupport",
        "QtSvg",
        "QtWebChannel",
        "QtWebEngineCore",
        "QtWebEngineWidgets",
    ):
        assert f"PySide6.{needed}" not in excluded
    assert "PySide6.QtMultimedia" in excluded


@pytest.mark.parametrize(
    ("name", "leftover"),
    [
        ("resources/__pycache__/__init__.cpython-311.pyc", True),
        ("resources/demo/__pycache__/make_images.cpython-311.pyc", True),
        ("resources\\demo\\x.pyc", True),
        ("resources/demo/site.json", False),
        ("resources/__init__.py", False),
        ("PySide6/__pycache__/x.pyc", False),
    ],
)
def test_resource_leftovers(name, leftover):
    assert filters.is_resource_leftover(name) is leftover
