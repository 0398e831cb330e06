"""The newsroom's people who sign in: users with real names and roles, their passwords
(a salted scrypt hash in the site, so every workstation of a shared site sees the same
users) and the delegation of 终审 to a deputy for a period (夜班)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from datetime import datetime

from editor.errors import NewsdeskError, NotFoundError, ValidationError
from editor.i18n import tr
from editor.store.models import Delegation, NewsroomUser, now

REPORTER = "记者"
EDITOR = "编辑"
DESK_HEAD = "部门主任"
CHIEF = "总编辑"
PROOFREADER = "校对"
ADMIN = "admin"
ROLES = (REPORTER, EDITOR, DESK_HEAD, CHIEF, PROOFREADER, ADMIN)
MIN_PASSWORD = 6
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}


class SignInError(NewsdeskError):
    """A wrong name or password."""


def hash_password(password: str, salt: str, stored: str = "") -> str:
    """The scrypt hash of `password` with `salt` (hex) as `scrypt$n$r$p$hex`, with the cost
    of `stored` when given (so a change of the default cost keeps old hashes working)."""
    params = dict(_SCRYPT)
    parts = stored.split("$")
    if len(parts) == 5 and parts[0] == "scrypt":
        params.update(n=int(parts[1]), r=int(parts[2]), p=int(parts[3]))
    digest = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), **params).hex()
    return f"scrypt${params['n']}${params['r']}${params['p']}${digest}"


def _clean(value: str, what: str, limit: int = 100) -> str:
    value = " ".join((value or "").split())
    if not value:
        raise ValidationError(tr("A user needs a {what}.", what=what))
    if len(value) > limit:
        raise ValidationError(
            tr("A user's {what} can be at most {limit} characters.", what=what, limit=limit)
        )
    return value


class UserService:
    """Users, passwords and delegations of one site."""

    def any(self) -> bool:
        """Whether the site has any user yet."""
        return NewsroomUser.select().exists()

    def add(self, name: str, real_name: str, roles: Iterable[str], password: str) -> NewsroomUser:
        """A new user; the roles are among `ROLES`, the password at least `MIN_PASSWORD`
        characters. The first user of a site is also admin."""
        name = _clean(name, tr("name"))
        real_name = _clean(real_name, tr("real name"))
        roles = list(dict.fromkeys(roles or []))
        unknown = [role for role in roles if role not in ROLES]
        if unknown or not roles:
            raise ValidationError(
                tr(
                    "Unknown role {roles}; roles are {known}.",
                    roles="、".join(unknown) or "-",
                    known="、".join(ROLES),
                )
            )
        if len(password or "") < MIN_PASSWORD:
            raise ValidationError(
                tr("A password needs at least {count} characters.", count=MIN_PASSWORD)
            )
        if NewsroomUser.select().where(NewsroomUser.name == name).exists():
            raise ValidationError(tr("There is already a user named {name}.", name=name))
        if not self.any() and ADMIN not in roles:
            roles.append(ADMIN)
        salt = secrets.token_hex(16)
        return NewsroomUser.create(
            name=name,
            real_name=real_name,
            roles=roles,
            salt=salt,
            password_hash=hash_password(password, salt),
        )

    def get(self, name: str) -> NewsroomUser:
        """The user of that sign-in name; NotFoundError when there is none."""
        user = NewsroomUser.get_or_none(NewsroomUser.name == name)
        if user is None:
            raise NotFoundError(tr("No user named {name}.", name=name))
        return user

    def list(self) -> list[NewsroomUser]:
        """Every user, by name."""
        return list(NewsroomUser.select().order_by(NewsroomUser.name))

    def authenticate(self, name: str, password: str) -> NewsroomUser:
        """The user when the password matches its hash; SignInError otherwise (the same
        message for an unknown name, so names cannot be probed)."""
        user = NewsroomUser.get_or_none(NewsroomUser.name == (name or "").strip())
        if user is not None and user.active:
            given = hash_password(password or "", user.salt, user.password_hash)
            if hmac.compare_digest(given, user.password_hash):
                return user
        raise SignInError(tr("Wrong user name or password."))

    def delegate(
        self, principal: str, deputy: str, ends: datetime, starts: datetime | None = None
    ) -> Delegation:
        """Let `deputy` sign 终审 for `principal` (a 总编辑) from `starts` (now) to `ends`."""
        chief = self.get(principal)
        self.get(deputy)
        if CHIEF not in chief.roles:
            raise ValidationError(
                tr("Only a 总编辑 can hand 终审 to a deputy; {name} is not one.", name=principal)
            )
        starts = starts or now()
        if ends <= starts:
            raise ValidationError(tr("A delegation must end after it starts."))
        return Delegation.create(principal=principal, deputy=deputy, starts=starts, ends=ends)

    def delegation_for(self, deputy: str, at: datetime | None = None) -> Delegation | None:
        """The delegation of 终审 that `deputy` holds at `at` (now), if any."""
        at = at or now()
        return (
            Delegation.select()
            .where(
                (Delegation.deputy == deputy) & (Delegation.starts <= at) & (Delegation.ends > at)
            )
            .order_by(Delegation.ends.desc())
            .first()
        )


def user_dict(user: NewsroomUser) -> dict:
    """The `users --json` shape of a user (never the hash)."""
    return {
        "name": user.name,
        "real_name": user.real_name,
        "roles": list(user.roles),
        "active": user.active,
    }
