"""三审签发: the review workflow of an article and its record.

States: 草稿 (`draft`) → 待初审 (`first`) → 待复审 (`second`) → 待终审 (`final`) → 已签发
(`signed`); 退回 goes back to the author or one level; 撤稿 (`withdrawn`) takes a signed
article down. The site's `review.mode` chooses 三审 (first, second, final), 二审 (first,
final) or 关闭 (the default: one 自审签发 step, `self`, that writes the same records).

Every transition is a compare-and-swap on the article's `ReviewState` (state, seq) inside
one transaction, so two workstations can never both claim or both sign. Each step appends
a `Signoff` whose hash covers its fields and the previous record's hash (the article's
chain); what is signed is an `ArticleSnapshot` of the reviewed fields and its content hash.
Signing 终审 (or 自审签发) publishes the article (at its publish time when that is still
ahead). A later edit changes the content hash, and the export refuses the article until it
is signed again (`submit` of a signed article is a 更正: straight to 终审).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from editor.content.users import ADMIN, CHIEF, DESK_HEAD, EDITOR, REPORTER, UserService
from editor.errors import NewsdeskError, ValidationError
from editor.i18n import tr
from editor.store.models import (
    Article,
    ArticleSnapshot,
    Asset,
    NewsroomUser,
    ReviewState,
    Signoff,
    Site,
    active_database,
    is_sqlite,
    now,
)
from editor.store.notify import notify

THREE, TWO, OFF = "三审", "二审", "关闭"
MODES = (THREE, TWO, OFF)
LEVELS = {THREE: ("first", "second", "final"), TWO: ("first", "final"), OFF: ("self",)}
MODE_KEY = "review.mode"
MODE_SINCE_KEY = "review.mode_since"
TITLE_MAX_KEY = "review.title_max"
SOURCES_KEY = "review.sources"
LEVEL_NAMES = {"first": "初审", "second": "复审", "final": "终审", "self": "自审签发"}
STATE_NAMES = {
    "draft": "草稿",
    "first": "待初审",
    "second": "待复审",
    "final": "待终审",
    "self": "待签发",
    "signed": "已签发",
    "withdrawn": "已撤稿",
}
WAITING = ("first", "second", "final", "self")
LEVEL_ROLES = {
    "first": {EDITOR, DESK_HEAD, CHIEF},
    "second": {DESK_HEAD, CHIEF},
    "final": {CHIEF},
    "self": {REPORTER, EDITOR, DESK_HEAD, CHIEF, ADMIN},
}
SUBMIT_ROLES = {REPORTER, EDITOR, DESK_HEAD, CHIEF}
APPROVE, SUBMIT, CLAIM, RETURN, WITHDRAW = "approve", "submit", "claim", "return", "withdraw"
# The fields a snapshot keeps and the content hash covers (missing ones count as empty).
SNAPSHOT_FIELDS = (
    "title",
    "subtitle",
    "summary",
    "body",
    "section",
    "source",
    "source_url",
    "original_title",
    "original_author",
    "reporters",
    "photographers",
    "responsible_editor",
    "cover",
)
_IMAGE = re.compile(r"!\[([^\]]*)\]\(asset:([0-9a-f]{6,64})(?:\s+\"([^\"]*)\")?\)")


class ReviewRefusedError(NewsdeskError):
    """A review step the rules do not allow (wrong role, same person, stale state, a
    blocking finding without an override)."""


@dataclass
class Actor:
    """The signed-in user taking a step, with the 终审 delegation they hold now, if any."""

    user: NewsroomUser
    delegated_from: str = ""

    @property
    def name(self) -> str:
        return self.user.name


def canonical(value: object) -> str:
    """The JSON text a hash is taken over (sorted keys, no spaces)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def sha256_text(text: str) -> str:
    """The hex SHA-256 of a text (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def signoff_hash(fields: dict) -> str:
    """The hash of a sign-off record: its fields (including `prev_hash`), canonical."""
    return sha256_text(canonical({k: fields[k] for k in sorted(fields) if k != "hash"}))


def _record_fields(row: Signoff) -> dict:
    return {
        "article_id": row.article_id,
        "level": row.level,
        "decision": row.decision,
        "comment": row.comment,
        "user": row.user,
        "real_name": row.real_name,
        "role": row.role,
        "delegated_from": row.delegated_from,
        "override": row.override,
        "content_hash": row.content_hash,
        "version": row.version,
        "created_at": _time_text(row.created_at),
        "prev_hash": row.prev_hash,
    }


def _time_text(value: datetime | str) -> str:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(microsecond=0).isoformat(sep=" ")


def server_time() -> datetime:
    """The database server's clock on PostgreSQL (one clock for every workstation), the
    local clock on SQLite."""
    db = active_database()
    if is_sqlite(db):
        return now()
    (moment,) = db.execute_sql("SELECT LOCALTIMESTAMP(0)").fetchone()
    return moment.replace(tzinfo=None, microsecond=0)


class ReviewService:
    """The review workflow of one site (its workspace's services)."""

    def __init__(self, workspace: Any) -> None:
        self.workspace = workspace
        self.users = UserService()

    # ---- settings --------------------------------------------------------------------------

    def mode(self) -> str:
        """The site's review mode: 三审, 二审 or 关闭 (the default)."""
        site = Site.select(Site.settings).order_by(Site.id).first()
        mode = (site.settings or {}).get(MODE_KEY) if site else None
        return mode if mode in MODES else OFF

    def set_mode(self, mode: str) -> None:
        """Choose 三审, 二审 or 关闭; articles waiting keep their place only when it exists in
        the new mode (otherwise set_mode refuses)."""
        if mode not in MODES:
            raise ValidationError(tr("review.mode must be one of {modes}.", modes="、".join(MODES)))
        levels = set(LEVELS[mode])
        stranded = (
            ReviewState.select()
            .where(ReviewState.state.in_(WAITING) & ReviewState.state.not_in(levels))
            .count()
        )
        if stranded:
            raise ValidationError(
                tr(
                    "{count} articles wait at a level {mode} does not have; return them first.",
                    count=stranded,
                    mode=mode,
                )
            )
        site = self.workspace.site.get()
        settings = dict(site.settings or {})
        if settings.get(MODE_KEY) != mode:
            settings[MODE_KEY] = mode
            settings[MODE_SINCE_KEY] = now().isoformat(sep=" ")
            Site.update(settings=settings).where(Site.id == site.id).execute()

    def set_setting(self, key: str, value: str) -> None:
        """`review.title_max` (a number of characters, 5 to 200) or `review.sources` (the
        permitted 来源 of a 转载, separated by commas or 、; empty: any)."""
        if key == TITLE_MAX_KEY:
            try:
                stored: object = int(value)
            except ValueError:
                stored = 0
            if not 5 <= stored <= 200:
                raise ValidationError(tr("{key} is a number from 5 to 200.", key=key))
        elif key == SOURCES_KEY:
            stored = [name.strip() for name in re.split(r"[,，、]", value) if name.strip()]
        else:
            raise ValidationError(tr("Unknown setting {key}.", key=key))
        site = self.workspace.site.get()
        settings = dict(site.settings or {})
        settings[key] = stored
        Site.update(settings=settings).where(Site.id == site.id).execute()

    def levels(self) -> tuple[str, ...]:
        return LEVELS[self.mode()]

    # ---- content ---------------------------------------------------------------------------

    def snapshot_of(self, article: Article | int) -> dict:
        """The reviewed fields of the article as it is now, with each picture's sha256, alt
        and caption."""
        fields = self.workspace.articles.fields_of(article)
        snap = {name: fields.get(name, "") for name in SNAPSHOT_FIELDS}
        images = []
        for alt, ref, caption in _IMAGE.findall(fields.get("body") or ""):
            asset = Asset.select(Asset.sha256).where(Asset.sha256.startswith(ref)).first()
            images.append(
                {"sha256": asset.sha256 if asset else ref, "alt": alt, "caption": caption or ""}
            )
        if fields.get("cover"):
            cover = Asset.get_or_none(Asset.id == fields["cover"])
            snap["cover"] = cover.sha256 if cover else ""
        snap["images"] = images
        return snap

    def content_hash(self, article: Article | int) -> str:
        """The hash of the article's reviewed fields now."""
        return sha256_text(canonical(self.snapshot_of(article)))

    def _keep_snapshot(self, article: Article) -> tuple[str, int]:
        snap = self.snapshot_of(article)
        digest = sha256_text(canonical(snap))
        if not (
            ArticleSnapshot.select()
            .where(
                (ArticleSnapshot.article_id == article.id)
                & (ArticleSnapshot.content_hash == digest)
            )
            .exists()
        ):
            ArticleSnapshot.insert(
                article_id=article.id,
                version=article.version,
                content_hash=digest,
                snapshot=snap,
                created_at=server_time(),
            ).on_conflict_ignore().execute()
        return digest, article.version

    # ---- state -----------------------------------------------------------------------------

    def state(self, article_id: int) -> ReviewState:
        """The article's review state (草稿 for an article never submitted)."""
        self.workspace.articles.get(article_id)
        row = ReviewState.get_or_none(ReviewState.article_id == article_id)
        return row if row is not None else ReviewState(article_id=article_id, state="draft")

    def _current(self, article_id: int) -> ReviewState:
        self.workspace.articles.get(article_id)
        ReviewState.insert(article_id=article_id, state="draft").on_conflict_ignore().execute()
        return ReviewState.get(ReviewState.article_id == article_id)

    def _swap(self, row: ReviewState, **changes) -> None:
        changed = (
            ReviewState.update(seq=row.seq + 1, **changes)
            .where(
                (ReviewState.article_id == row.article_id)
                & (ReviewState.state == row.state)
                & (ReviewState.seq == row.seq)
            )
            .execute()
        )
        if changed == 1:
            notify(active_database())  # other workstations' queues refresh at commit
        if changed != 1:
            raise ReviewRefusedError(
                tr(
                    "Article {article} changed state meanwhile (someone else acted on it); "
                    "look again.",
                    article=row.article_id,
                )
            )

    def _append(self, row: ReviewState, actor: Actor, level: str, decision: str, **extra) -> str:
        fields = {
            "article_id": row.article_id,
            "level": level,
            "decision": decision,
            "comment": extra.get("comment", ""),
            "user": actor.name,
            "real_name": actor.user.real_name,
            "role": "、".join(actor.user.roles),
            "delegated_from": actor.delegated_from,
            "override": extra.get("override", ""),
            "content_hash": extra.get("content_hash", ""),
            "version": extra.get("version", 0),
            "created_at": _time_text(server_time()),
            "prev_hash": row.head,
        }
        digest = signoff_hash(fields)
        Signoff.insert(
            **{**fields, "created_at": datetime.fromisoformat(fields["created_at"])}, hash=digest
        ).execute()
        return digest

    # ---- who may ---------------------------------------------------------------------------

    def actor(self, name: str) -> Actor:
        """The user taking steps, with any 终审 delegation they hold now."""
        user = self.users.get(name)
        delegation = self.users.delegation_for(user.name, server_time())
        return Actor(user, delegation.principal if delegation else "")

    def may_act(self, actor: Actor, level: str) -> bool:
        """Whether the actor may claim, return or sign at `level`."""
        if set(actor.user.roles) & LEVEL_ROLES[level]:
            return True
        return level == "final" and bool(actor.delegated_from)

    def _require_level(self, actor: Actor, level: str) -> None:
        if not self.may_act(actor, level):
            raise ReviewRefusedError(
                tr(
                    "{user} ({roles}) may not act at {level}.",
                    user=actor.user.real_name,
                    roles="、".join(actor.user.roles),
                    level=LEVEL_NAMES[level],
                )
            )

    def _require_waiting(self, row: ReviewState) -> str:
        if row.state not in WAITING:
            raise ReviewRefusedError(
                tr(
                    "Article {article} is {state}, not waiting for review.",
                    article=row.article_id,
                    state=STATE_NAMES.get(row.state, row.state),
                )
            )
        return row.state

    def _require_claim(self, row: ReviewState, actor: Actor) -> None:
        if row.claimed_by and row.claimed_by != actor.name:
            raise ReviewRefusedError(
                tr(
                    "Article {article} is claimed by {user}.",
                    article=row.article_id,
                    user=row.claimed_by,
                )
            )

    def _round_signers(self, article_id: int) -> dict[str, str]:
        """Who approved which level since the last submit: {user: level}."""
        signers: dict[str, str] = {}
        for record in (
            Signoff.select(Signoff.decision, Signoff.user, Signoff.level)
            .where(Signoff.article_id == article_id)
            .order_by(Signoff.id)
        ):
            if record.decision == SUBMIT:
                signers = {}
            elif record.decision == APPROVE:
                signers[record.user] = record.level
        return signers

    def _blocking(self, article_id: int, override: str | None) -> str:
        """The override text to record; refuses when an error finding of the quick checks
        (near-duplicates only warn) blocks and no reason was given."""
        errors = [
            f
            for f in self.workspace.checks.run("article", [article_id], quick=True)
            if f.level == "error" and not f.rule.startswith("review.")  # the record's own
        ]
        if not errors:
            return ""
        reason = (override or "").strip()
        if not reason:
            raise ReviewRefusedError(
                tr(
                    "Checks found {count} errors: {messages} Fix them or give --override REASON.",
                    count=len(errors),
                    messages=" ".join(f.message for f in errors[:5]),
                )
            )
        rules = sorted({f.rule for f in errors})
        return canonical({"reason": reason, "rules": rules})

    # ---- steps -----------------------------------------------------------------------------

    def submit(self, article_id: int, user: str, override: str | None = None) -> ReviewState:
        """送审: a draft (or a returned, withdrawn or, as a 更正, a signed article) goes to
        the first level; a signed one straight to 终审."""
        actor = self.actor(user)
        with active_database().atomic():
            row = self._current(article_id)
            if row.state in WAITING:
                raise ReviewRefusedError(
                    tr("Article {article} is already waiting for review.", article=article_id)
                )
            if not set(actor.user.roles) & (SUBMIT_ROLES | LEVEL_ROLES[self.levels()[0]]):
                raise ReviewRefusedError(
                    tr(
                        "{user} ({roles}) may not submit articles.",
                        user=actor.user.real_name,
                        roles="、".join(actor.user.roles),
                    )
                )
            levels = self.levels()
            target = levels[-1] if row.state == "signed" else levels[0]
            override_text = self._blocking(article_id, override)
            article = self.workspace.articles.get(article_id)
            if (
                REPORTER in actor.user.roles
                and not self.workspace.articles.fields_of(article)["reporters"]
            ):  # the byline is the reporter's real name, not typed text
                article = self.workspace.articles.update(
                    article_id, {"reporters": [actor.user.real_name]}, None, actor.name
                )
            digest, version = self._keep_snapshot(article)
            head = self._append(
                row,
                actor,
                "",
                SUBMIT,
                override=override_text,
                content_hash=digest,
                version=version,
            )
            self._swap(
                row,
                state=target,
                claimed_by="",
                submitter=actor.name,
                round=row.round + 1,
                head=head,
                waiting_since=server_time(),
            )
        return self.state(article_id)

    def claim(self, article_id: int, user: str) -> ReviewState:
        """领取: take the article at its level so no one else reviews it meanwhile."""
        actor = self.actor(user)
        with active_database().atomic():
            row = self._current(article_id)
            level = self._require_waiting(row)
            self._require_level(actor, level)
            self._require_claim(row, actor)
            if row.claimed_by == actor.name:
                return row
            head = self._append(row, actor, level, CLAIM)
            self._swap(row, claimed_by=actor.name, head=head)
        return self.state(article_id)

    def sign(
        self, article_id: int, user: str, comment: str = "", override: str | None = None
    ) -> ReviewState:
        """签发 at the article's current level; 终审 (or 自审签发) publishes it. In 关闭 mode a
        draft is submitted and signed in one step."""
        actor = self.actor(user)
        with active_database().atomic():
            row = self._current(article_id)
            if self.mode() == OFF and row.state not in WAITING:
                self.submit(article_id, user, override)
                row = self._current(article_id)
            level = self._require_waiting(row)
            self._require_level(actor, level)
            self._require_claim(row, actor)
            if level != "self":
                earlier = self._round_signers(article_id).get(actor.name)
                if earlier and earlier != level:
                    raise ReviewRefusedError(
                        tr(
                            "{user} already signed {level} of this article; one person "
                            "signs one level.",
                            user=actor.user.real_name,
                            level=LEVEL_NAMES[earlier],
                        )
                    )
            override_text = self._blocking(article_id, override)
            articles = self.workspace.articles
            article = articles.get(article_id)
            if level in ("first", "self") and article.responsible_editor_id is None:
                article = articles.update(
                    article_id, {"responsible_editor": actor.user.real_name}, None, actor.name
                )
            levels = self.levels()
            last = level == levels[-1]
            if last and article.status != "published":
                article = articles.update(
                    article_id, {"status": "published"}, None, actor.user.real_name
                )
            digest, version = self._keep_snapshot(article)
            head = self._append(
                row,
                actor,
                level,
                APPROVE,
                comment=(comment or "").strip(),
                override=override_text,
                content_hash=digest,
                version=version,
            )
            following = "signed" if last else levels[levels.index(level) + 1]
            self._swap(row, state=following, claimed_by="", head=head, waiting_since=server_time())
        return self.state(article_id)

    def return_(self, article_id: int, user: str, comment: str, to: str = "author") -> ReviewState:
        """退回 with a required comment: to the author (草稿) or one level back."""
        comment = (comment or "").strip()
        if not comment:
            raise ReviewRefusedError(tr("A return needs a comment for the author."))
        if to not in ("author", "previous"):
            raise ValidationError(tr("--to is author or previous."))
        actor = self.actor(user)
        with active_database().atomic():
            row = self._current(article_id)
            level = self._require_waiting(row)
            self._require_level(actor, level)
            self._require_claim(row, actor)
            levels = self.levels()
            position = levels.index(level)
            target = levels[position - 1] if to == "previous" and position > 0 else "draft"
            head = self._append(row, actor, level, RETURN, comment=comment)
            self._swap(row, state=target, claimed_by="", head=head, waiting_since=server_time())
        return self.state(article_id)

    def withdraw(self, article_id: int, user: str, reason: str) -> ReviewState:
        """撤稿 by 终审 with a reason: the signed article is taken off the site (back to
        draft status) and must be submitted again."""
        reason = (reason or "").strip()
        if not reason:
            raise ReviewRefusedError(tr("A withdrawal needs a reason."))
        actor = self.actor(user)
        with active_database().atomic():
            row = self._current(article_id)
            if row.state != "signed":
                raise ReviewRefusedError(
                    tr(
                        "Only a signed article can be withdrawn; article {article} is {state}.",
                        article=article_id,
                        state=STATE_NAMES.get(row.state, row.state),
                    )
                )
            level = self.levels()[-1]
            self._require_level(actor, level)
            self.workspace.articles.update(
                article_id, {"status": "draft"}, None, actor.user.real_name
            )
            head = self._append(row, actor, level, WITHDRAW, comment=reason)
            self._swap(row, state="withdrawn", claimed_by="", head=head)
        return self.state(article_id)

    # ---- the record ------------------------------------------------------------------------

    def records(self, article_id: int) -> list[Signoff]:
        """The article's review records, oldest first."""
        return list(Signoff.select().where(Signoff.article_id == article_id).order_by(Signoff.id))

    def chain_problems(self, article_id: int, head: str | None = None) -> list[str]:
        """What is wrong with the article's chain of records (empty when intact): a changed
        record, one missing from the middle or the end, or a snapshot whose hash is off."""
        problems = []
        previous = ""
        for record in self.records(article_id):
            if record.prev_hash != previous:
                problems.append(tr("record {id} does not follow the one before it", id=record.id))
            if signoff_hash(_record_fields(record)) != record.hash:
                problems.append(tr("record {id} was changed after it was written", id=record.id))
            previous = record.hash
        if head is None:
            state = ReviewState.get_or_none(ReviewState.article_id == article_id)
            head = state.head if state else ""
        if head != previous:
            problems.append(tr("the last records are missing"))
        for snap in ArticleSnapshot.select().where(ArticleSnapshot.article_id == article_id):
            if sha256_text(canonical(snap.snapshot)) != snap.content_hash:
                problems.append(tr("snapshot {id} was changed", id=snap.id))
        return problems

    def signed_hash(self, article_id: int) -> str | None:
        """The content hash the last 终审 (or 自审签发) approved, if any."""
        final = (
            Signoff.select(Signoff.content_hash)
            .where(
                (Signoff.article_id == article_id)
                & (Signoff.decision == APPROVE)
                & (Signoff.level.in_(("final", "self")))
            )
            .order_by(Signoff.id.desc())
            .first()
        )
        return final.content_hash if final else None

    def document(self, article_id: int) -> dict:
        """The `review --json` document of an article."""
        row = self.state(article_id)
        return {
            "article": article_id,
            "mode": self.mode(),
            "state": row.state,
            "state_name": STATE_NAMES.get(row.state, row.state),
            "claimed_by": row.claimed_by,
            "version": self.workspace.articles.get(article_id).version,
            "content_hash": self.content_hash(article_id),
            "signed_hash": self.signed_hash(article_id),
            "signoffs": [
                {
                    "level": record.level,
                    "decision": record.decision,
                    "user": record.user,
                    "real_name": record.real_name,
                    "role": record.role,
                    "delegated_from": record.delegated_from,
                    "comment": record.comment,
                    "override": json.loads(record.override) if record.override else None,
                    "time": _time_text(record.created_at),
                    "content_hash": record.content_hash,
                }
                for record in self.records(article_id)
            ],
            "chain_ok": not self.chain_problems(article_id, row.head),
        }
