"""The errors a user must see, as opposed to bugs.

`NewsdeskError` carries a message meant for the editor: the GUI shows it in a dialog and the
command line prints it with exit code 1. Anything else that escapes is a bug and keeps its
traceback.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from editor.i18n import tr


class NewsdeskError(Exception):
    """A problem the user can act on: bad input, a missing file, a conflict."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NotFoundError(NewsdeskError):
    """An article, section or other record that does not exist."""


class ValidationError(NewsdeskError):
    """A value that the data model refuses (an empty title, a bad slug, a cycle)."""


class DatabaseFileError(NewsdeskError):
    """A file that is not a Newsdesk database, or is damaged, or cannot be opened."""


class StorageError(NewsdeskError):
    """The database or the disk failed during work: nothing of the failed step was written."""


class SiteBusyError(StorageError):
    """Another program kept the site locked for longer than the busy timeout."""

    def __init__(self, site: str, seconds: int) -> None:
        super().__init__(
            tr(
                "The site {site} is busy: another program has kept it locked for more than "
                "{seconds} seconds. Nothing was changed; try again in a moment.",
                site=site,
                seconds=seconds,
            )
        )


class DiskFullError(StorageError):
    """The disk (or the database server's disk) has no room left."""

    def __init__(self, site: str) -> None:
        super().__init__(
            tr(
                "The disk holding {site} is full: the change was not saved. Free some space "
                "and try again.",
                site=site,
            )
        )


class ReadOnlySiteError(StorageError):
    """A site that can be read but not written (file permissions, a read-only disk)."""

    def __init__(self, site: str) -> None:
        super().__init__(
            tr(
                "{site} is read-only: it can be read but not changed. Make the file writable "
                "(or work on a copy) to change it.",
                site=site,
            )
        )


class ConnectionLostError(StorageError):
    """The connection to the database server broke and could not be restored."""

    def __init__(self, site: str, reason: str) -> None:
        super().__init__(
            tr(
                "The connection to {site} was lost ({reason}). The change was not saved; check "
                "that the server is running and try again.",
                site=site,
                reason=reason,
            )
        )


class SectionNotFoundError(NotFoundError):
    """A section path that names no section; carries the closest existing paths."""

    def __init__(self, path: str, suggestions: list[str]) -> None:
        if suggestions:
            message = tr(
                "No section named “{path}”. Did you mean: {suggestions}?",
                path=path,
                suggestions=tr(", ").join(suggestions),
            )
        else:
            message = tr("No section named “{path}”.", path=path)
        super().__init__(message)
        self.path = path
        self.suggestions = suggestions


@dataclass
class ConflictInfo:
    """Who saved an article last, and the text that the refused save tried to write."""

    article_id: int
    current_version: int
    saved_by: str
    saved_at: datetime | None
    mine: dict[str, Any] = field(default_factory=dict)
    draft_id: int | None = None
    base_version: int | None = None  # the version the refused save was based on
    author: str = ""  # who tried to save


class ConflictError(NewsdeskError):
    """A save based on a stale version: someone else saved the article in between.

    Nothing is lost: the other save stays in the database and the refused fields are kept
    as a draft (`info.draft_id`) and in `info.mine`.
    """

    def __init__(self, info: ConflictInfo) -> None:
        if info.saved_at:
            when = info.saved_at.strftime("%Y-%m-%d %H:%M:%S")
        else:
            when = tr("unknown time")
        super().__init__(
            tr(
                "Article {article_id} was changed by {saved_by} at {when} (now version "
                "{version}). Your text was kept as a draft; compare the two versions and save "
                "again.",
                article_id=info.article_id,
                saved_by=info.saved_by,
                when=when,
                version=info.current_version,
            )
        )
        self.info = info


def unreadable(path, exc: OSError, error: type[NewsdeskError] | None = None) -> NewsdeskError:
    """The error for a file that cannot be read, with the system's reason."""
    error = error or ValidationError
    return error(tr("Cannot read {path}: {reason}.", path=path, reason=exc.strerror or exc))


def os_error_reason(exc: OSError) -> str:
    """Why a file operation failed, in the message language (the system's text otherwise)."""
    reasons = {
        errno.ENOSPC: tr("the disk is full"),
        errno.EDQUOT: tr("the disk quota is used up"),
        errno.EACCES: tr("permission denied"),
        errno.EPERM: tr("the operation is not permitted"),
        errno.EROFS: tr("the disk is read-only"),
        errno.ENAMETOOLONG: tr("a file name is too long"),
        errno.ENOENT: tr("no such file or folder"),
    }
    return reasons.get(exc.errno, exc.strerror or str(exc))
