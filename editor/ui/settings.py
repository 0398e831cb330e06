"""What the application remembers between runs (QSettings): open site, recent sites,
language, window layout. Tests point QSettings.setPath at a temporary folder."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from editor.config import APP_AUTHOR, APP_NAME
from editor.credentials import save_password, split_password

RECENT_LIMIT = 8
KEY_SITE = "site/current"
KEY_RECENT = "site/recent"
KEY_LANGUAGE = "ui/language"
KEY_LAST_EXPORT = "export/last"


def app_settings() -> QSettings:
    """The application's settings store (an INI file in the user config folder)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_AUTHOR, APP_NAME)


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [str(v) for v in value if v]


def remembered_site() -> str | None:
    """The site that was open when the application last closed (without a password)."""
    value = app_settings().value(KEY_SITE)
    return split_password(str(value))[0] if value else None


def remember_site(location: str) -> None:
    """Make `location` the current site and put it first in the recent list. A password in
    the location is left out: passwords live in the keyring only."""
    location = split_password(location)[0]
    settings = app_settings()
    settings.setValue(KEY_SITE, location)
    recent = [location] + [r for r in recent_sites() if r != location]
    settings.setValue(KEY_RECENT, recent[:RECENT_LIMIT])
    settings.sync()


def recent_sites() -> list[str]:
    """Sites opened lately, newest first (without passwords)."""
    found = [split_password(r)[0] for r in _as_list(app_settings().value(KEY_RECENT))]
    return list(dict.fromkeys(found))


def describe_location(location: str) -> str:
    """How menus and titles name a site: `Target.describe()`, never with a password."""
    from editor.errors import NewsdeskError
    from editor.store.db import parse_target

    try:
        return parse_target(location).describe()
    except NewsdeskError:
        return split_password(location)[0]


def forget_passwords() -> None:
    """Rewrite settings that older versions stored with a password in a site's address;
    the password goes to the keyring when there is one, else it is dropped."""
    settings = app_settings()
    stored = [str(v) for v in [settings.value(KEY_SITE)] if v]
    stored += _as_list(settings.value(KEY_RECENT))
    leaked = [(bare, password) for bare, password in map(split_password, stored) if password]
    if not leaked:
        return
    for bare, password in leaked:
        save_password(bare, password)
    current = settings.value(KEY_SITE)
    if current:
        settings.setValue(KEY_SITE, split_password(str(current))[0])
    settings.setValue(KEY_RECENT, recent_sites())
    settings.sync()


def language() -> str | None:
    value = app_settings().value(KEY_LANGUAGE)
    return str(value) if value else None


def set_language(code: str) -> None:
    settings = app_settings()
    settings.setValue(KEY_LANGUAGE, code)
    settings.sync()


def value(key: str, default=None):
    """Any remembered value."""
    return app_settings().value(key, default)


def set_value(key: str, data) -> None:
    settings = app_settings()
    settings.setValue(key, data)
    settings.sync()
