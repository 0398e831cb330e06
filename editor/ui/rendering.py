"""The preview's renderer: the publisher's article page for unsaved fields, with the base URL
its CSS, scripts and images resolve against."""

from __future__ import annotations


def render_preview(workspace, fields: dict) -> tuple[str, str]:
    """(html, base URL) of the article page for these (unsaved) fields."""
    publisher = workspace.publisher
    html = publisher.render_article_preview(fields)
    return html, publisher.preview_base_dir().as_uri() + "/"
