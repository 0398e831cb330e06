"""Opening a site from the desktop application: a PostgreSQL site's password comes from the
OS keyring or from the editor, never from the settings; without a keyring the editor is
told that the password is not kept."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from editor.credentials import (
    forget_password,
    load_password,
    needs_password,
    refused_password,
    save_password,
    split_password,
    with_password,
)
from editor.errors import DatabaseFileError, NewsdeskError
from editor.ui.settings import describe_location

_told_no_keyring: set[str] = set()  # sites whose editor already heard it this session


def _tr(text: str) -> str:
    return QCoreApplication.translate("SiteAccess", text)


def ask_password(parent, site: str, reason: str) -> str | None:
    """Ask for the server password (hidden as typed); None when the editor cancels."""
    text, ok = QInputDialog.getText(
        parent,
        _tr("数据库密码"),
        _tr("打开 {site} 需要密码（{reason}）。\n密码：").format(site=site, reason=reason),
        QLineEdit.EchoMode.Password,
    )
    return text if ok else None


def tell_no_keyring(parent, site: str) -> None:
    """Say once per site and session that a password could not be kept."""
    if site in _told_no_keyring:
        return
    _told_no_keyring.add(site)
    QMessageBox.information(
        parent,
        _tr("密码没有保存"),
        _tr("这台电脑没有可用的系统密钥环，{site} 的密码不会被保存；下次打开时会再次询问。").format(
            site=site
        ),
    )


def open_workspace(location: str, *, create: bool = False, parent=None):
    """Open the site at `location`, putting in the saved password or asking for one; a
    password that worked is kept in the keyring. Raises NewsdeskError when it cannot open
    (or the editor gives up)."""
    from editor.workspace import Workspace

    bare, password = split_password(location)
    from_keyring = False
    if password is None and needs_password(bare):
        password = load_password(bare)
        from_keyring = password is not None
    while True:
        attempt = with_password(bare, password) if password is not None else bare
        try:
            workspace = Workspace.open(attempt, create=create)
            break
        except DatabaseFileError as exc:
            if not (needs_password(bare) and refused_password(exc)):
                raise
            if from_keyring:
                forget_password(bare)  # changed on the server: ask instead
            password = ask_password(parent, describe_location(bare), _reason(exc))
            if password is None:
                raise NewsdeskError(
                    _tr("没有输入 {site} 的密码，站点没有打开。").format(
                        site=describe_location(bare)
                    )
                ) from exc
            from_keyring = False
    if password is not None and not from_keyring and not save_password(bare, password):
        tell_no_keyring(parent, describe_location(bare))
    return workspace


def _reason(exc: Exception) -> str:
    """The server's answer without the connection preamble ("fe_sendauth: no password
    supplied", "password authentication failed for user …")."""
    text = str(exc.__cause__ or exc).strip()
    line = text.splitlines()[0] if text else ""
    return line.rsplit("failed:", 1)[-1].strip() if "failed:" in line else line
