"""Database passwords: kept in the OS keyring, never in settings, menus, logs or titles.

A site's location is remembered without its password (`postgresql://user@host:port/db`);
the password is saved in the keyring under that location and put back when the site is
opened. Without a keyring backend nothing is saved and the application asks again.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import quote, unquote, urlsplit, urlunsplit

log = logging.getLogger(__name__)

SERVICE = "Newsdesk"
POSTGRES_SCHEMES = ("postgresql", "postgres")
PASSWORD_IN_URL = re.compile(r"((?:postgres|postgresql)://[^:/@\s]*:)[^@\s]*@", re.I)


def _parts(location: str):
    parts = urlsplit(location)
    if parts.scheme.lower() not in POSTGRES_SCHEMES:
        return None
    return parts


def _netloc(parts, password: str | None) -> str:
    user = parts.username
    host = parts.hostname or ""
    if ":" in host:  # an IPv6 address
        host = f"[{host}]"
    if parts.port:
        host = f"{host}:{parts.port}"
    if user is None:
        return host
    credentials = quote(unquote(user), safe="")
    if password is not None:
        credentials += ":" + quote(password, safe="")
    return f"{credentials}@{host}"


def split_password(location: str) -> tuple[str, str | None]:
    """The location without its password, and the password (None when it has none). Paths
    and sqlite:/// addresses come back unchanged."""
    parts = _parts(location)
    if parts is None or parts.password is None:
        return location, None
    bare = urlunsplit(parts._replace(netloc=_netloc(parts, None)))
    return bare, unquote(parts.password)


def with_password(location: str, password: str) -> str:
    """The location with `password` put in (for connecting only: never store the result)."""
    parts = _parts(location)
    if parts is None:
        return location
    return urlunsplit(parts._replace(netloc=_netloc(parts, password)))


def needs_password(location: str) -> bool:
    """Whether the location is a server address without a password in it."""
    parts = _parts(location)
    return parts is not None and parts.password is None


def refused_password(exc: BaseException) -> bool:
    """Whether opening a server failed for want of a (right) password."""
    seen = exc
    while seen is not None:
        text = str(seen).lower()
        if "password" in text or "authentication failed" in text:
            return True
        seen = seen.__cause__
    return False


def hide_passwords(text: str) -> str:
    """`text` with the password of every server address in it replaced by ***."""
    return PASSWORD_IN_URL.sub(r"\1***@", text)


def keyring_available() -> bool:
    """Whether the OS offers a keyring to keep passwords in."""
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
    except Exception:  # keyring missing or its backend failing to load
        return False
    return not isinstance(backend, fail.Keyring) and getattr(backend, "priority", 1) > 0


def save_password(location: str, password: str) -> bool:
    """Keep `password` for the (password-free) location; False when there is no keyring."""
    if not keyring_available():
        return False
    import keyring

    try:
        keyring.set_password(SERVICE, split_password(location)[0], password)
    except Exception as exc:  # a locked or refusing keyring: nothing saved, say so
        log.warning("the keyring did not take the password: %s", type(exc).__name__)
        return False
    return True


def load_password(location: str) -> str | None:
    """The password saved for the location, or None."""
    if not keyring_available():
        return None
    import keyring

    try:
        return keyring.get_password(SERVICE, split_password(location)[0])
    except Exception as exc:
        log.warning("the keyring could not be read: %s", type(exc).__name__)
        return None


def forget_password(location: str) -> None:
    """Remove a saved password (after it was refused by the server)."""
    if not keyring_available():
        return
    import keyring

    try:
        keyring.delete_password(SERVICE, split_password(location)[0])
    except Exception:  # nothing saved, or the keyring refuses: nothing to forget
        pass
