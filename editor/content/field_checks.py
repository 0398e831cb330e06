"""Checks of the fields an article must name and of the links it makes (registered into
`editor.content.checks`, stage `article`):

- `fields.reprint`: a 转载 (an article whose first version was imported) whose title was
  changed needs its 原标题; `fields.source`: a 来源 among the site's permitted ones;
  `fields.photographer`: pictures need a photographer (a warning);
- `fields.editor` and `fields.reporter`: on a site with users, 责编 and the reporters of an
  article of the site's own (not a 转载) are users' real names, never free text;
- `links.internal`: a link into the site itself (a path, or an address under the site's
  base URL) that resolves to no page: no such article, or not at that address, no such
  section or page.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from typing import ClassVar
from urllib.parse import unquote, urlsplit

from editor.content.checks import ARTICLE, ERROR, WARNING, CheckContext, Finding, registered
from editor.content.copy_checks import _IMAGE, SOURCES_KEY
from editor.content.urls import article_path
from editor.i18n import tr
from editor.store.models import Article, NewsroomUser, Page, Revision, Site

_LINK_TARGET = re.compile(r"(?<!!)\[[^\]\n]*\]\(\s*<?([^)\s>]+)")
_ARTICLE_PATH = re.compile(r"^(?:(.+)/)?(\d{4})/(\d{4})/(\d+)\.html$")
_SECTION_PAGE = re.compile(r"^(.+)/(?:index(?:_\d+)?\.html|rss\.xml)$")
_SITE_FILES = {"", "index.html", "404.html", "rss.xml", "sitemap.xml", "search.html"}


def _is_reprint(article_id: int, fields: dict, site_name: str) -> bool:
    """A 转载: imported, or naming a 来源 other than the site itself."""
    source = (fields.get("source") or "").strip()
    if source and source != site_name:
        return True
    first = (
        Revision.select(Revision.kind)
        .where(Revision.article_id == article_id)
        .order_by(Revision.version)
        .first()
    )
    return first is not None and first.kind == "imported"


@registered
class RequiredFieldsCheck:
    """What a 转载 and every article must name."""

    rule = "fields"
    stages: ClassVar[frozenset[str]] = frozenset({ARTICLE})

    def run(self, context: CheckContext) -> Iterator[Finding]:
        if context.articles is None:
            return
        real_names = {name for (name,) in NewsroomUser.select(NewsroomUser.real_name).tuples()}
        site = Site.select(Site.name, Site.settings).order_by(Site.id).first()
        permitted = set((site.settings or {}).get(SOURCES_KEY) or []) if site else set()
        site_name = site.name if site else ""
        for article_id in context.articles:
            fields = context.site.articles.fields_of(article_id)
            first = (
                Revision.select(Revision.kind, Revision.snapshot)
                .where(Revision.article_id == article_id)
                .order_by(Revision.version)
                .first()
            )
            original = (first.snapshot or {}).get("title", "") if first else ""
            if (
                first is not None
                and first.kind == "imported"
                and original
                and original != fields["title"]
                and not (fields.get("original_title") or "").strip()
            ):
                yield Finding(
                    "fields.reprint",
                    ERROR,
                    tr(
                        "A 转载 whose title was changed names its 原标题 (“{title}”).",
                        title=original,
                    ),
                    article=article_id,
                    excerpt=fields["title"][:30],
                    suggestion=original,
                    field="original_title",
                    start=0,
                    matched=fields.get("original_title") or "",
                    fix=original,
                )
            source = (fields.get("source") or "").strip()
            if permitted and source and source != site_name and source not in permitted:
                yield Finding(
                    "fields.source",
                    ERROR,
                    tr("来源 “{source}” is not among the site's permitted sources.", source=source),
                    article=article_id,
                    excerpt=source,
                    field="source",
                    start=0,
                    matched=source,
                )
            body = fields.get("body") or ""
            if _IMAGE.search(body) and not fields.get("photographers"):
                yield Finding(
                    "fields.photographer",
                    WARNING,
                    tr("The article has pictures but names no photographer."),
                    article=article_id,
                    field="photographers",
                    start=0,
                )
            yield from self._reporters(article_id, fields, real_names, site_name)
            editor = fields.get("responsible_editor") or ""
            if real_names and editor and editor not in real_names:
                yield Finding(
                    "fields.editor",
                    ERROR,
                    tr("责编 “{name}” is not the real name of a user of this site.", name=editor),
                    article=article_id,
                    excerpt=editor,
                    field="responsible_editor",
                    start=0,
                    matched=editor,
                )

    @staticmethod
    def _reporters(
        article_id: int, fields: dict, real_names: set[str], site_name: str
    ) -> Iterator[Finding]:
        """One error per reporter of the site's own article who is not a user's real name."""
        reporters = fields.get("reporters") or []
        if not real_names or not reporters or _is_reprint(article_id, fields, site_name):
            return
        typed = "、".join(reporters)
        position = 0
        for name in reporters:
            start = typed.find(name, position)
            position = start + len(name)
            if name not in real_names:
                yield Finding(
                    "fields.reporter",
                    ERROR,
                    tr("Reporter “{name}” is not the real name of a user of this site.", name=name),
                    article=article_id,
                    excerpt=name,
                    field="reporters",
                    start=start,
                    matched=name,
                )


@registered
class InternalLinkCheck:
    """Links into the site that lead nowhere."""

    rule = "links.internal"
    stages: ClassVar[frozenset[str]] = frozenset({ARTICLE})

    def run(self, context: CheckContext) -> Iterator[Finding]:
        """One error per internal link of the body that resolves to no page."""
        if context.articles is None:
            return
        site = Site.select(Site.base_url).order_by(Site.id).first()
        base = (site.base_url or "").rstrip("/") if site else ""
        tree = None
        for article in (
            Article.select(Article.id, Article.body, Article.section, Article.publish_time)
            .where(Article.id.in_(context.articles))
            .order_by(Article.id)
        ):
            links = [(m.start(1), m.group(1)) for m in _LINK_TARGET.finditer(article.body or "")]
            if not links:
                continue
            if tree is None:
                tree = {node.slug_path: node.id for node in context.tree}
                paths = {node.id: node.slug_path for node in context.tree}
            here = article_path(paths.get(article.section_id, ""), article.publish_time, article.id)
            for start, target in links:
                path = self._site_path(target, base, here)
                if path is None or self._resolves(path, tree, paths):
                    continue
                yield Finding(
                    self.rule,
                    ERROR,
                    tr("The link {target} leads to no page of this site.", target=target),
                    article=article.id,
                    excerpt=target[:60],
                    offset=start,
                    field="body",
                    start=start,
                    matched=target,
                )

    @staticmethod
    def _site_path(target: str, base: str, here: str | None) -> str | None:
        """The link's path inside the exported site, or None when it leaves the site (or
        cannot be placed: a relative link from an article without an address yet)."""
        if base and (target == base or target.startswith(base + "/")):
            target = target[len(base) :] or "/"
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or not parts.path or target.startswith("//"):
            return None
        path = unquote(parts.path)
        if path.startswith("/"):
            joined = path.lstrip("/")
        elif here is None:
            return None
        else:
            joined = posixpath.normpath(posixpath.join(posixpath.dirname(here), path))
            if joined.startswith(".."):
                return joined  # above the site's root: nothing is there
            joined = "" if joined == "." else joined
        if joined == "" or joined.endswith("/"):
            joined += "index.html" if joined else ""
        return joined

    @staticmethod
    def _resolves(path: str, sections: dict[str, int], paths: dict[int, str]) -> bool:
        """Whether the export writes a page (or keeps a file) at `path`."""
        if path in _SITE_FILES or path.startswith("tags/"):
            return True
        if path.startswith(".."):
            return False
        if not path.endswith((".html", ".xml")):
            return True  # pictures, styles, downloads: not pages this check knows
        if (match := _ARTICLE_PATH.match(path)) is not None:
            row = (
                Article.select(Article.section, Article.publish_time, Article.status)
                .where(Article.id == int(match.group(4)))
                .first()
            )
            if row is None or row.status == "archived":
                return False
            return (
                article_path(paths.get(row.section_id, ""), row.publish_time, int(match.group(4)))
                == path
            )
        if (match := _SECTION_PAGE.match(path)) is not None:
            return match.group(1) in sections
        if "/" not in path and path.endswith(".html"):
            return Page.select().where(Page.slug == path[: -len(".html")]).exists()
        return path.rstrip("/") in sections
