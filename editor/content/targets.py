"""Publish targets of the site (several, one default) and their publish history.

A target is a name, a URL without any secret (`sftp://user@host/path`, `ftps://…`,
`s3://bucket/prefix?endpoint=…`, `file:///path`), a mode ("release" or "in-place"), an
optional base URL for checking the published pages over HTTP(S), and, for SFTP, the host
key pinned on the first connection. Passwords live in the OS keyring under the target's
`secret_key` (see `editor.publish.targets.secrets`), never here.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime

from editor.errors import NotFoundError, ValidationError
from editor.i18n import tr
from editor.store.models import PublishRecord, PublishTarget, database

MODES = ("release", "in-place")
NAME_PATTERN = re.compile(r"^[\w.\-]{1,100}$")


@dataclass(frozen=True)
class TargetInfo:
    """One publish target as the services and interfaces see it."""

    name: str
    url: str
    mode: str
    base_url: str
    default: bool
    secret_key: str
    host_key: str
    keep: int

    def as_dict(self) -> dict:
        """The `targets --json` entry."""
        return {"name": self.name, "url": self.url, "mode": self.mode, "default": self.default}


@dataclass(frozen=True)
class PublishEntry:
    """One line of a target's publish history."""

    target: str
    release: str
    action: str
    user: str
    started_at: datetime
    seconds: float
    sent: int
    unchanged: int
    deleted: int
    bytes: int
    result: str
    message: str

    def as_dict(self) -> dict:
        """The history entry as JSON-ready values."""
        return {
            "target": self.target,
            "release": self.release,
            "action": self.action,
            "user": self.user,
            "time": self.started_at.isoformat(sep=" "),
            "seconds": round(self.seconds, 3),
            "sent": self.sent,
            "unchanged": self.unchanged,
            "deleted": self.deleted,
            "bytes": self.bytes,
            "result": self.result,
            "message": self.message,
        }


def _info(row: PublishTarget) -> TargetInfo:
    return TargetInfo(
        name=row.name,
        url=row.url,
        mode=row.mode,
        base_url=row.base_url or "",
        default=bool(row.is_default),
        secret_key=row.secret_key,
        host_key=row.host_key or "",
        keep=row.keep,
    )


class TargetService:
    """Add, list, change and remove publish targets; keep the publish history."""

    def list(self) -> list[TargetInfo]:
        """Every target, the default first, then by name."""
        rows = PublishTarget.select().order_by(PublishTarget.is_default.desc(), PublishTarget.name)
        return [_info(row) for row in rows]

    def get(self, name: str | None = None) -> TargetInfo:
        """The target called `name`, or the default one when `name` is None."""
        if name is None:
            row = PublishTarget.get_or_none(PublishTarget.is_default == True)  # noqa: E712
            if row is None:
                raise NotFoundError(
                    tr("No publish target is set up: add one with `newsdesk targets add`.")
                )
            return _info(row)
        row = PublishTarget.get_or_none(PublishTarget.name == name)
        if row is None:
            raise NotFoundError(tr("No publish target named “{name}”.", name=name))
        return _info(row)

    def add(
        self, name: str, url: str, *, mode: str, base_url: str = "", keep: int = 5
    ) -> TargetInfo:
        """A new target; the first one becomes the default."""
        name = name.strip()
        if not NAME_PATTERN.match(name):
            raise ValidationError(
                tr(
                    "A target name is 1 to 100 letters, digits, dots, dashes or underscores: "
                    "“{name}” is not.",
                    name=name,
                )
            )
        if mode not in MODES:
            raise ValidationError(
                tr("The mode must be release or in-place, not “{mode}”.", mode=mode)
            )
        if base_url and not base_url.startswith(("http://", "https://")):
            raise ValidationError(tr("The base URL must start with http:// or https://."))
        if PublishTarget.get_or_none(PublishTarget.name == name) is not None:
            raise ValidationError(
                tr("There is already a publish target named “{name}”.", name=name)
            )
        with database.atomic():
            first = not PublishTarget.select().exists()
            row = PublishTarget.create(
                name=name,
                url=url,
                mode=mode,
                base_url=base_url.rstrip("/") + "/" if base_url else "",
                is_default=first,
                secret_key=uuid.uuid4().hex,
                keep=max(2, keep),
            )
        return _info(row)

    def set_default(self, name: str) -> None:
        """Make `name` the default target."""
        self.get(name)
        with database.atomic():
            PublishTarget.update(is_default=False).execute()
            PublishTarget.update(is_default=True).where(PublishTarget.name == name).execute()

    def pin_host_key(self, name: str, host_key: str) -> None:
        """Remember the server's host key seen on the first connection."""
        PublishTarget.update(host_key=host_key).where(PublishTarget.name == name).execute()

    def remove(self, name: str) -> TargetInfo:
        """Remove a target (its history stays); another one becomes the default."""
        info = self.get(name)
        with database.atomic():
            PublishTarget.delete().where(PublishTarget.name == name).execute()
            if info.default:
                first = PublishTarget.select().order_by(PublishTarget.name).first()
                if first is not None:
                    PublishTarget.update(is_default=True).where(
                        PublishTarget.id == first.id
                    ).execute()
        return info

    # ---- history -----------------------------------------------------------------------

    def record(self, target: str, **values) -> None:
        """Add one publish, dry run or rollback to the history."""
        PublishRecord.create(target=target, **values)

    def history(self, target: str, limit: int = 50) -> list[PublishEntry]:
        """The latest publishes of a target, newest first."""
        rows = (
            PublishRecord.select()
            .where(PublishRecord.target == target)
            .order_by(PublishRecord.id.desc())
            .limit(limit)
        )
        return [
            PublishEntry(
                target=row.target,
                release=row.release,
                action=row.action,
                user=row.user,
                started_at=row.started_at,
                seconds=row.seconds,
                sent=row.sent,
                unchanged=row.unchanged,
                deleted=row.deleted,
                bytes=row.bytes,
                result=row.result,
                message=row.message,
            )
            for row in rows
        ]
