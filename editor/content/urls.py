"""Where pages live inside an exported bundle (relative paths, `/` separated)."""

from __future__ import annotations

from datetime import datetime


def article_path(
    section_slug_path: str, publish_time: datetime | None, article_id: int
) -> str | None:
    """`<section slugs>/<yyyy>/<mmdd>/<id>.html`, or None before a publish time is set."""
    if publish_time is None:
        return None
    return f"{section_slug_path}/{publish_time:%Y}/{publish_time:%m%d}/{article_id}.html"


def section_path(section_slug_path: str, page: int = 1) -> str:
    """`<section slugs>/index.html`, then `index_2.html`, `index_3.html`…"""
    name = "index.html" if page <= 1 else f"index_{page}.html"
    return f"{section_slug_path}/{name}"
