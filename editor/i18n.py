"""Messages from the Qt-free layers (errors, import reasons and warnings, command-line
summaries) in the editor's language.

The English text is the template and the key: `tr("No article with id {article_id}.",
article_id=7)` looks the template up in the catalog of the current message language
(resources/translations/messages_<code>.json, English template → translation) and fills in
the named values with `str.format`. A template missing from the catalog, or a translation
that does not format, falls back to English.

The language is, in this order: NEWSDESK_LANG when set; else the one `set_language` chose
(the GUI passes the UI language); else 简体中文 when the locale (LANGUAGE, LC_ALL,
LC_MESSAGES, LANG) starts with "zh"; else English. So the command line speaks English unless
the environment asks for Chinese.
"""

from __future__ import annotations

import json
import os
from functools import cache

from editor.config import resource

LANGUAGE_ENV = "NEWSDESK_LANG"
LOCALE_ENVS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
ENGLISH = "en"
CHINESE = "zh_CN"
CATALOG_DIR = ("translations",)

_chosen: str | None = None


def normalize(code: str | None) -> str | None:
    """The message language for a language or locale code ("zh_CN.UTF-8" → "zh_CN"); None
    for an empty code."""
    if not code:
        return None
    text = code.strip().split(":")[0].split(".")[0].split("@")[0].replace("-", "_")
    if not text:
        return None
    if text.lower().startswith("zh"):
        return CHINESE
    return ENGLISH


def set_language(code: str | None) -> None:
    """Choose the message language ("zh_CN", "en"); None goes back to the locale's choice.
    NEWSDESK_LANG, when set, still wins."""
    global _chosen
    _chosen = normalize(code)


def _locale_language() -> str:
    for name in LOCALE_ENVS:
        value = os.environ.get(name)
        if value:  # the first one set decides, as gettext does
            return CHINESE if value.lower().startswith("zh") else ENGLISH
    return ENGLISH


def language() -> str:
    """The current message language code: "zh_CN" or "en"."""
    return normalize(os.environ.get(LANGUAGE_ENV)) or _chosen or _locale_language()


@cache
def catalog(code: str) -> dict[str, str]:
    """The translations of one language (English template → translation), read once; empty
    for English or a language without a catalog file."""
    if code == ENGLISH:
        return {}
    path = resource(*CATALOG_DIR, f"messages_{code}.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    return {str(key): str(value) for key, value in data.items()}


def tr(template: str, /, **values: object) -> str:
    """`template` (English, with `{name}` placeholders) in the current message language,
    filled with `values`."""
    translated = catalog(language()).get(template)
    if translated is not None:
        try:
            return translated.format(**values)
        except (KeyError, IndexError, ValueError):
            pass  # a broken translation must not hide the message: fall back to English
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template
