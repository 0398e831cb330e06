"""Lookups the importer needs: is this article already in the site?"""

from __future__ import annotations

from datetime import datetime, timedelta

from editor.store.models import Article


def article_by_source_url(url: str) -> int | None:
    """The id of an article imported from this original URL, if any."""
    url = (url or "").strip()
    if not url:
        return None
    row = Article.select(Article.id).where(Article.source_url == url).order_by(Article.id).first()
    return row.id if row else None


def article_by_title_and_date(title: str, publish_time: datetime | None) -> int | None:
    """The id of an article with the same title published the same day (or also undated)."""
    title = " ".join((title or "").split())
    if not title:
        return None
    query = Article.select(Article.id).where(Article.title == title)
    if publish_time is None:
        query = query.where(Article.publish_time.is_null())
    else:
        day = publish_time.replace(hour=0, minute=0, second=0, microsecond=0)
        query = query.where(
            (Article.publish_time >= day) & (Article.publish_time < day + timedelta(days=1))
        )
    row = query.order_by(Article.id).first()
    return row.id if row else None


def find_duplicate(source_url: str, title: str, publish_time: datetime | None) -> int | None:
    """An existing article that is the same story: same original URL, or same title and day."""
    return article_by_source_url(source_url) or article_by_title_and_date(title, publish_time)
