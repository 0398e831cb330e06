"""Revision history of articles: list, compare and restore."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from editor.content.articles import FIELDS as ARTICLE_FIELDS
from editor.errors import NotFoundError
from editor.i18n import tr
from editor.store.models import Revision

# A restore brings back the text and the newsroom fields of an old version. It leaves alone
# what says where and when the article is published and how the site ranks it, so restoring
# never unpublishes, reschedules or re-pins anything.
KEPT_ON_RESTORE = {
    "partner",
    "cover",
    "status",
    "publish_time",
    "hot_pin",
    "hot_exclude",
    "related",
}
RESTORABLE = tuple(name for name in ARTICLE_FIELDS if name not in KEPT_ON_RESTORE)


@dataclass
class RevisionInfo:
    """One saved version, without its snapshot."""

    id: int
    article_id: int
    version: int
    author: str
    created_at: object


class RevisionService:
    """Read and restore article revisions."""

    def __init__(self, articles) -> None:
        self.articles = articles

    def list(self, article_id: int) -> list[RevisionInfo]:
        """Newest first."""
        query = (
            Revision.select(
                Revision.id,
                Revision.article_id,
                Revision.version,
                Revision.author,
                Revision.created_at,
            )
            .where(Revision.article_id == article_id)
            .order_by(Revision.version.desc())
        )
        return [RevisionInfo(r.id, r.article_id, r.version, r.author, r.created_at) for r in query]

    def get(self, article_id: int, version: int) -> dict:
        """The snapshot of one version."""
        revision = Revision.get_or_none(
            (Revision.article_id == article_id) & (Revision.version == version)
        )
        if revision is None:
            raise NotFoundError(
                tr(
                    "Article {article_id} has no version {version}.",
                    article_id=article_id,
                    version=version,
                )
            )
        return revision.snapshot

    def diff(self, article_id: int, old: int, new: int, field: str = "body") -> list[str]:
        """A unified diff of one field between two versions."""
        before = str(self.get(article_id, old).get(field) or "")
        after = str(self.get(article_id, new).get(field) or "")
        return list(
            difflib.unified_diff(
                before.splitlines(), after.splitlines(), f"v{old}", f"v{new}", lineterm=""
            )
        )

    def restore(self, article_id: int, version: int, base_version: int | None):
        """Save an old version's fields as a new version (nothing in between is lost)."""
        snapshot = self.get(article_id, version)
        fields = {key: snapshot[key] for key in RESTORABLE if key in snapshot}
        return self.articles.update(article_id, fields, base_version)
