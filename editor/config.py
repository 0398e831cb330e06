"""Where things live: resources in a checkout, a wheel or a frozen build; user data paths."""

from __future__ import annotations

import getpass
import os
import socket
import sys
from functools import cache
from pathlib import Path

APP_NAME = "Newsdesk"
APP_AUTHOR = "Newsdesk"
DB_ENV = "NEWSDESK_DB"
USER_ENV = "NEWSDESK_USER"
DEFAULT_DB_NAME = "site.newsdesk"


@cache
def resources_dir() -> Path:
    """The folder holding themes, demo data, translations and icons."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    checkout = Path(__file__).resolve().parent.parent / "resources"
    if (checkout / "themes").is_dir():
        return checkout
    import newsdesk_resources  # installed wheel: resources/ is shipped as this package

    return Path(newsdesk_resources.__file__).resolve().parent


def resource(*parts: str) -> Path:
    """A path inside the resources folder."""
    return resources_dir().joinpath(*parts)


def user_data_dir() -> Path:
    """The per-user data folder (created on demand)."""
    import platformdirs  # (its import is left to the commands that need the folder)

    path = Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_config_dir() -> Path:
    """The per-user settings folder (created on demand)."""
    import platformdirs

    path = Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database() -> str:
    """The site the command line and GUI open when no --db is given."""
    return os.environ.get(DB_ENV) or str(user_data_dir() / DEFAULT_DB_NAME)


def current_user() -> str:
    """The name written into revisions: NEWSDESK_USER, else login@host."""
    name = os.environ.get(USER_ENV)
    if name:
        return name
    try:
        login = getpass.getuser()
    except Exception:  # no login name in some containers
        login = "editor"
    return f"{login}@{socket.gethostname()}"
