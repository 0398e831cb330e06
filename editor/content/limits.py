"""Limits of the article list that the command line checks while reading its arguments
(kept apart from `editor.content.articles` so that parsing a command imports nothing
heavy)."""

from __future__ import annotations

from editor.store.models import MAX_INTEGER

MAX_PAGE = 100_000  # articles in one page of `list`
MAX_OFFSET = MAX_INTEGER  # where a page of `list` may start at most
