"""Target passwords in the OS keyring (Secret Service on Linux, Keychain, Credential
Locker), never in the database, a backup, the settings or a log.

When no keyring backend is available the editor is told so; nothing falls back to plain
text. `NEWSDESK_TARGET_SECRET` can hand a secret to one command (for scripts and CI) without
storing it anywhere.
"""

from __future__ import annotations

import os

from editor.errors import NewsdeskError
from editor.i18n import tr

SERVICE = "newsdesk-publish"
SECRET_ENV = "NEWSDESK_TARGET_SECRET"


class KeyringUnavailableError(NewsdeskError):
    """No usable OS keyring: a secret can neither be saved nor read."""


def _backend():
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        return None
    return backend


def keyring_available() -> bool:
    """Whether secrets can be kept in an OS keyring here."""
    return _backend() is not None


def _unavailable() -> KeyringUnavailableError:
    return KeyringUnavailableError(
        tr(
            "No system keyring is available (on Linux: the Secret Service of GNOME Keyring or "
            "KWallet, unlocked), so the password cannot be saved. Passwords are never kept in "
            "plain text: start a keyring, use an SSH key, or give the password for one run in "
            "NEWSDESK_TARGET_SECRET."
        )
    )


def store_secret(key: str, secret: str) -> None:
    """Keep `secret` in the keyring under `key` (a target's secret key)."""
    backend = _backend()
    if backend is None:
        raise _unavailable()
    try:
        backend.set_password(SERVICE, key, secret)
    except Exception as exc:  # keyring errors vary by backend (locked, dismissed, D-Bus)
        raise KeyringUnavailableError(
            tr("The system keyring refused to save the password: {reason}", reason=exc)
        ) from exc


def load_secret(key: str, *, required: bool) -> str | None:
    """The secret for `key`: NEWSDESK_TARGET_SECRET when set, else the keyring's. Raises
    when `required` and there is none."""
    given = os.environ.get(SECRET_ENV)
    if given:
        return given
    backend = _backend()
    if backend is None:
        if required:
            raise _unavailable()
        return None
    try:
        secret = backend.get_password(SERVICE, key)
    except Exception as exc:
        raise KeyringUnavailableError(
            tr("The system keyring could not be read: {reason}", reason=exc)
        ) from exc
    if secret is None and required:
        raise NewsdeskError(
            tr(
                "No password is saved for this target: add the target again with its "
                "password, or give it in NEWSDESK_TARGET_SECRET."
            )
        )
    return secret


def delete_secret(key: str) -> None:
    """Forget a target's secret (when the target is removed); quiet when there is none."""
    backend = _backend()
    if backend is None:
        return
    try:
        backend.delete_password(SERVICE, key)
    except Exception:  # no such entry: nothing to forget
        pass
