"""UI language: 简体中文 by default (the source strings), English from resources/translations."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from editor.config import resource
from editor.i18n import set_language as set_message_language

DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
TRANSLATIONS_DIR = ("translations",)

_installed: list[QTranslator] = []


def translations_dir():
    """The folder of the shipped .qm files."""
    return resource(*TRANSLATIONS_DIR)


def install_language(language: str) -> str:
    """Load the translators for `language` into the running application; returns the code used.

    The source strings are 简体中文, so zh_CN needs only Qt's own translations (button
    texts of standard dialogs); English loads newsdesk_en.qm.
    """
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_language needs a QApplication")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    code = language if language in LANGUAGES else DEFAULT_LANGUAGE
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_translator = QTranslator(app)
    if qt_translator.load(QLocale(code), "qtbase", "_", qt_dir):
        app.installTranslator(qt_translator)
        _installed.append(qt_translator)
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
