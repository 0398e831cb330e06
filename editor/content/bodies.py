"""Article bodies read in batches, for checks that look at every body (the rich editor's
round trip)."""

from __future__ import annotations

from collections.abc import Iterator

from editor.errors import NotFoundError
from editor.i18n import tr
from editor.store.models import Article

BATCH = 500


def article_bodies(article_id: int | None = None) -> Iterator[tuple[int, str, str]]:
    """(id, title, body) of one article or of every article in id order, a batch at a time."""
    if article_id is not None:
        row = (
            Article.select(Article.id, Article.title, Article.body)
            .where(Article.id == article_id)
            .tuples()
            .first()
        )
        if row is None:
            raise NotFoundError(tr("No article with id {article_id}.", article_id=article_id))
        yield row
        return
    last = 0
    while True:
        rows = list(
            Article.select(Article.id, Article.title, Article.body)
            .where(Article.id > last)
            .order_by(Article.id)
            .limit(BATCH)
            .tuples()
        )
        if not rows:
            return
        yield from rows
        last = rows[-1][0]


def article_body_count(article_id: int | None = None) -> int:
    """How many bodies `article_bodies(article_id)` yields (for a progress report)."""
    if article_id is not None:
        return 1
    return Article.select().count()
