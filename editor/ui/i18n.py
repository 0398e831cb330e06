"""UI language: 简体中文 by default (the source strings), English from resources/translations."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from editor.config import resource
from editor.i18n import set_language as set_message_language

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
TRANSLATIONS_DIR = ("translations",)

_installed: list[QTranslator] = []


def translations_dir():
    """The folder of the shipped .qm files."""
    return resource(*TRANSLATIONS_DIR)


def qt_translation_dirs() -> list[str]:
    """Where Qt's own catalogs (qtbase_zh_CN.qm) may be: Qt's translations folder, the
    PySide6 package's (a system Qt may lack them) and ours (a frozen build)."""
    folders = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)]
    try:
        import PySide6

        folders.append(str(Path(PySide6.__file__).resolve().parent / "Qt" / "translations"))
    except (ImportError, TypeError):
        pass
    folders.append(str(translations_dir()))
    return [folder for folder in dict.fromkeys(folders) if folder and Path(folder).is_dir()]


def qt_translations(code: str) -> QTranslator | None:
    """Qt's translation of its standard dialogs and buttons (“查找范围：”, “取消”) for
    `code`, None for the source language of Qt (English) or when no catalog is found."""
    if code == "en":
        return None
    for folder in qt_translation_dirs():
        translator = QTranslator(QCoreApplication.instance())
        if translator.load(f"qtbase_{code}", folder) or translator.load(
            QLocale(code), "qtbase", "_", folder
        ):
            return translator
    log.warning("Qt's own %s translations (qtbase_%s.qm) were not found", code, code)
    return None


def install_language(language: str) -> str:
    """Load the translators for `language` into the running application; returns the code used.

    The source strings are 简体中文, so zh_CN needs only Qt's own translations (button
    texts of standard dialogs) and qt_extra_zh_CN.qm for the few texts Qt's catalog lacks;
    English loads newsdesk_en.qm.
    """
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_language needs a QApplication")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    code = language if language in LANGUAGES else DEFAULT_LANGUAGE
    qt_translator = qt_translations(code)
    if qt_translator is not None:
        app.installTranslator(qt_translator)
        _installed.append(qt_translator)
    extra = QTranslator(app)  # what Qt's catalog misses (the file dialog's “&Look in:”)
    if code != "en" and extra.load(f"qt_extra_{code}", str(translations_dir())):
        app.installTranslator(extra)
        _installed.append(extra)
    ours = QTranslator(app)
    if ours.load(f"newsdesk_{code}", str(translations_dir())):
        app.installTranslator(ours)
        _installed.append(ours)
    QLocale.setDefault(QLocale(code))
    set_message_language(code)  # errors and import warnings from the Qt-free layers
    return code


def tr(context: str, text: str) -> str:
    """Translate a string outside a QObject (module-level labels)."""
    return QCoreApplication.translate(context, text)
