"""The checks of the review record (registered into `editor.content.checks`):

- `review.chain`: every article's chain of sign-off records and snapshots is intact;
- `review.signed`: a published article is what 终审 signed. Once an article has a 终审 (or
  自审签发) sign-off, its content hash must equal the signed one, whatever the review mode;
  in 三审 and 二审 an article published without any sign-off after the mode was chosen is
  refused too. In 关闭 mode unsigned articles publish as before.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import ClassVar

from editor.content.checks import ARTICLE, ERROR, PUBLISH, SITE, CheckContext, Finding, registered
from editor.content.review import (
    APPROVE,
    MODE_SINCE_KEY,
    OFF,
    ReviewService,
)
from editor.i18n import tr
from editor.store.models import Article, ReviewState, Signoff, Site


@registered
class ReviewChainCheck:
    """The hash chain of the review records."""

    rule = "review.chain"
    stages: ClassVar[frozenset[str]] = frozenset({SITE, ARTICLE})

    def run(self, context: CheckContext) -> Iterator[Finding]:
        """One error per article whose records were changed or removed."""
        review = ReviewService(context.site)
        heads = dict(ReviewState.select(ReviewState.article_id, ReviewState.head).tuples())
        ids = set(heads) | {a for (a,) in Signoff.select(Signoff.article_id).distinct().tuples()}
        if context.articles is not None:
            ids &= set(context.articles)
        for article_id in sorted(ids):
            problems = review.chain_problems(article_id, heads.get(article_id, ""))
            if problems:
                yield Finding(
                    self.rule,
                    ERROR,
                    tr(
                        "The review record of article {article} was tampered with: {problems}.",
                        article=article_id,
                        problems="; ".join(problems),
                    ),
                    article=article_id,
                )


@registered
class SignedContentCheck:
    """A published article is the text its 终审 signed."""

    rule = "review.signed"
    stages: ClassVar[frozenset[str]] = frozenset({SITE, PUBLISH, ARTICLE})

    def run(self, context: CheckContext) -> Iterator[Finding]:
        """One error per published article that differs from its signed snapshot (or, with
        review on, was published without one)."""
        review = ReviewService(context.site)
        published = context.only_articles(
            Article.select(Article.id, Article.title, Article.version, Article.updated_at).where(
                Article.status == "published"
            )
        )
        signed: dict[int, tuple[str, int]] = {}
        for article_id, digest, version in (
            Signoff.select(Signoff.article_id, Signoff.content_hash, Signoff.version)
            .where((Signoff.decision == APPROVE) & Signoff.level.in_(("final", "self")))
            .order_by(Signoff.id)
            .tuples()
        ):
            signed[article_id] = (digest, version)
        mode = review.mode()
        since = None
        if mode != OFF:
            site = Site.select(Site.settings).order_by(Site.id).first()
            text = (site.settings or {}).get(MODE_SINCE_KEY) if site else None
            since = datetime.fromisoformat(text) if text else datetime.min
        if not signed and since is None:
            return  # nothing signed and review off: no article can be out of step
        # plain rows: building a model object per published article cost every export
        # a noticeable time on a large site
        for article_id, title, version_now, updated_at in published.order_by(Article.id).tuples():
            if article_id in signed:
                digest, version = signed[article_id]
                if version_now == version or review.content_hash(article_id) == digest:
                    continue
                yield Finding(
                    self.rule,
                    ERROR,
                    tr(
                        "“{title}” was changed after 终审 signed it; submit it again (更正).",
                        title=title,
                    ),
                    article=article_id,
                )
            elif since is not None and updated_at and updated_at >= since:
                yield Finding(
                    self.rule,
                    ERROR,
                    tr(
                        "“{title}” is published without 终审 ({mode}).",
                        title=title,
                        mode=mode,
                    ),
                    article=article_id,
                )
