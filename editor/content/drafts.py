"""Autosave: the unsaved state of an open article, offered back after a crash."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from editor.store.models import Draft, active_database, now


def _plain(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, datetime | date) else v) for k, v in fields.items()}


class DraftService:
    """Drafts keyed by the article they belong to (or a new article's temporary key)."""

    def __init__(self, user: str = "") -> None:
        self.user = user

    @staticmethod
    def key_for(article_id: int | None, temporary: str = "") -> str:
        return f"article:{article_id}" if article_id else f"new:{temporary}"

    def save(
        self,
        key: str,
        fields: dict[str, Any],
        article_id: int | None = None,
        base_version: int | None = None,
    ) -> Draft:
        """Write (or overwrite) the draft under `key`."""
        values = {
            "article_id": article_id,
            "base_version": base_version,
            "author": self.user,
            "kind": "autosave",
            "fields": _plain(fields),
            "saved_at": now(),
        }
        with active_database().atomic():
            updated = Draft.update(**values).where(Draft.key == key).execute()
            if not updated:
                Draft.create(key=key, **values)
        return Draft.get(Draft.key == key)

    def get(self, key: str) -> Draft | None:
        return Draft.get_or_none(Draft.key == key)

    def pending(self, kind: str | None = "autosave") -> list[Draft]:
        """Drafts waiting to be recovered or discarded, newest first."""
        query = Draft.select().order_by(Draft.saved_at.desc())
        if kind:
            query = query.where(Draft.kind == kind)
        return list(query)

    def discard(self, key: str) -> None:
        Draft.delete().where(Draft.key == key).execute()

    def discard_id(self, draft_id: int) -> None:
        Draft.delete().where(Draft.id == draft_id).execute()
