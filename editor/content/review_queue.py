"""The 待审 queues and the printable 审签单 of the review workflow."""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from peewee import JOIN

from editor.content.review import LEVEL_NAMES, STATE_NAMES, ReviewService
from editor.i18n import tr
from editor.store.models import Article, CheckSummary, ReviewState, Revision, Section, Source

DECISION_NAMES = {
    "submit": "送审",
    "claim": "领取",
    "approve": "签发",
    "return": "退回",
    "withdraw": "撤稿",
}


@dataclass
class QueueRow:
    """One article waiting in a 待审 queue."""

    article_id: int
    title: str
    section: str
    source: str
    state: str
    submitter: str
    claimed_by: str
    waiting_since: datetime
    errors: int | None = None  # what the checks found in this version; None: not checked
    warnings: int | None = None

    @property
    def checked(self) -> bool:
        """Whether the checks ran on the version waiting (the badge is current)."""
        return self.errors is not None


def waiting_queue(levels: Iterable[str], limit: int = 1000) -> list[QueueRow]:
    """The articles waiting at `levels`, longest-waiting first, with the counts the checks
    last found in the version waiting (one query)."""
    query = (
        ReviewState.select(
            ReviewState.article_id,
            Article.title,
            Section.name,
            Source.name,
            ReviewState.state,
            ReviewState.submitter,
            ReviewState.claimed_by,
            ReviewState.waiting_since,
            CheckSummary.errors,
            CheckSummary.warnings,
        )
        .join(Article, on=(Article.id == ReviewState.article_id))
        .join(Section, on=(Section.id == Article.section))
        .join(Source, JOIN.LEFT_OUTER, on=(Source.id == Article.source))
        .join(
            CheckSummary,
            JOIN.LEFT_OUTER,
            on=(
                (CheckSummary.article_id == ReviewState.article_id)
                & (CheckSummary.version == Article.version)
            ),
        )
        .where(ReviewState.state.in_(list(levels)))
        .order_by(ReviewState.waiting_since, ReviewState.article_id)
        .limit(limit)
    )
    return [
        QueueRow(aid, title, section, source or "", *rest)
        for aid, title, section, source, *rest in query.tuples()
    ]


def queue_for(review: ReviewService, user: str, limit: int = 1000) -> list[QueueRow]:
    """The 待审 queue of a user: the articles waiting at the levels the user may act at."""
    actor = review.actor(user)
    levels = [level for level in review.levels() if review.may_act(actor, level)]
    return waiting_queue(levels, limit) if levels else []


def signing_sheet(review: ReviewService, article_id: int) -> str:
    """The 审签单 of an article as a printable HTML page: the article's facts, every step
    of its record and whether the record is intact."""
    document = review.document(article_id)
    fields = review.workspace.articles.fields_of(article_id)
    e = html.escape
    facts = [
        ("标题", fields["title"]),
        ("原标题", fields.get("original_title") or ""),
        ("来源", fields.get("source") or ""),
        ("记者", "、".join(fields.get("reporters") or [])),
        ("责编", fields.get("responsible_editor") or ""),
        ("状态", STATE_NAMES.get(document["state"], document["state"])),
        ("版本", str(document["version"])),
        ("内容指纹", document["content_hash"]),
        ("审签方式", document["mode"]),
    ]
    rows = "".join(
        "<tr><td>{time}</td><td>{level}</td><td>{decision}</td><td>{name}</td><td>{role}</td>"
        "<td>{comment}</td><td><code>{hash}</code></td></tr>".format(
            time=e(s["time"]),
            level=e(LEVEL_NAMES.get(s["level"], s["level"]) or "—"),
            decision=e(DECISION_NAMES.get(s["decision"], s["decision"])),
            name=e(
                s["real_name"] + (f"（代 {s['delegated_from']}）" if s["delegated_from"] else "")
            ),
            role=e(s["role"]),
            comment=e(
                s["comment"] + (f"〔越过检查：{s['override']['reason']}〕" if s["override"] else "")
            ),
            hash=e(s["content_hash"][:12]),
        )
        for s in document["signoffs"]
    )
    verdict = tr("Record intact.") if document["chain_ok"] else tr("Record tampered with!")
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>审签单 · {e(fields['title'])}</title><style>"
        "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%}"
        "td,th{border:1px solid #888;padding:4px 8px;text-align:left;vertical-align:top}"
        "th{background:#eee}code{font-size:90%}@media print{body{margin:0}}</style></head>"
        "<body><h1>审签单</h1><table>"
        + "".join(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in facts)
        + "</table><h2>审签记录</h2><table><tr><th>时间</th><th>审级</th><th>操作</th>"
        "<th>签名</th><th>角色</th><th>审读意见</th><th>内容指纹</th></tr>"
        + rows
        + f"</table><p>{e(verdict)}</p></body></html>"
    )


def imported_original(article_id: int) -> dict | None:
    """The text a 转载 was imported with (title, body and the other fields as the importer
    made them): the snapshot of the article's first version when an import wrote it.
    Revisions are never pruned, so it stays as long as the article's history does."""
    first = (
        Revision.select(Revision.kind, Revision.snapshot)
        .where(Revision.article_id == article_id)
        .order_by(Revision.version)
        .first()
    )
    return dict(first.snapshot or {}) if first is not None and first.kind == "imported" else None


def compared_versions(review: ReviewService, article_id: int) -> list[tuple[str, list]]:
    """What changed since the review record's last steps: (label, word-diff runs of title
    and body) against the version submitted and against the last level's approved one,
    for each of them that exists, and for a 转载 against the original it was imported
    with."""
    from editor.content.revisions import word_diff
    from editor.store.models import ArticleSnapshot

    records = review.records(article_id)
    wanted = (
        ("submit", tr("Against the submitted version")),
        ("approve", tr("Against the last sign-off")),
    )
    current = review.snapshot_of(article_id)
    now_text = f"{current['title']}\n\n{current['body']}"
    compared = []
    for decision, label in wanted:
        record = next((r for r in reversed(records) if r.decision == decision), None)
        if record is None or not record.content_hash:
            continue
        snap = ArticleSnapshot.get_or_none(
            (ArticleSnapshot.article_id == article_id)
            & (ArticleSnapshot.content_hash == record.content_hash)
        )
        if snap is None:
            continue
        then = f"{snap.snapshot.get('title', '')}\n\n{snap.snapshot.get('body', '')}"
        compared.append((label, word_diff(then, now_text)))
    original = imported_original(article_id)
    if original is not None:
        then = f"{original.get('title') or ''}\n\n{original.get('body') or ''}"
        compared.append((tr("Against the imported original"), word_diff(then, now_text)))
    return compared
