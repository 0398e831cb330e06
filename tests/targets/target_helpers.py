"""Helpers for the publish-to-host tests."""

from __future__ import annotations


def edit_article(workspace, article_id: int, text: str) -> None:
    """Change an article's body and save it."""
    article = workspace.articles.get(article_id)
    fields = workspace.articles.fields_of(article_id)
    with workspace.edit():
        workspace.articles.update(
            article_id, {**fields, "body": fields["body"] + text}, article.version
        )


def first_article(workspace) -> int:
    """The id of a published article of the demo site."""
    from editor.content.articles import ArticleQuery

    rows = workspace.articles.list(ArticleQuery(status="published", limit=1))
    assert rows
    return rows[0].id
