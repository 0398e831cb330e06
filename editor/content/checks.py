"""Checks of a site and its articles: one registry that `newsdesk check`, the editor's save
and the export all run.

A check is a small object with a `rule` name, the `stages` it runs at and a `run(context)`
that yields findings; `@registered` adds it to `CHECKS`. The stages:

- `SITE`: `newsdesk check`, the whole site (database file, search index, section tree…);
- `PUBLISH`: before an export; an error-level finding refuses the export;
- `ARTICLE`: an article the editor has just saved, or `newsdesk check --article ID`.

A finding names its article (None for the site), its rule, level (`error` or `warning`),
message, and where it applies in the text (`excerpt`, `offset`) with a `suggestion` when a
check has one. Checks change nothing.
"""

from __future__ import annotations

import importlib
import logging
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, ClassVar, Protocol

from peewee import Database

from editor.errors import StorageError, ValidationError
from editor.i18n import tr
from editor.store import search_index
from editor.store.models import (
    Article,
    CheckSummary,
    Section,
    active_database,
    is_sqlite,
    now,
)

log = logging.getLogger(__name__)
SITE = "site"
PUBLISH = "publish"
ARTICLE = "article"
STAGES = (SITE, PUBLISH, ARTICLE)
ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One thing wrong, where, and how bad it is (`ERROR` or `WARNING`)."""

    rule: str
    level: str
    message: str
    article: int | None = None
    excerpt: str = ""
    offset: int | None = None
    suggestion: str = ""
    # Where the editor shows it (not part of `check --json`): the article field ("body",
    # "title", "original_title"…), the character offset in that field's text and the text
    # found there; `fix` is what replaces that text when the editor applies the suggestion
    # (None: no fix to apply, e.g. a missing picture).
    field: str = ""
    start: int | None = None
    matched: str = ""
    fix: str | None = None

    @property
    def locatable(self) -> bool:
        """Whether the finding has a place in the editor to jump to."""
        return bool(self.field)

    def as_dict(self) -> dict[str, Any]:
        """The `check --json` shape of a finding."""
        return {
            "article": self.article,
            "rule": self.rule,
            "level": self.level,
            "message": self.message,
            "excerpt": self.excerpt,
            "offset": self.offset,
            "suggestion": self.suggestion,
        }

    def as_problem(self) -> dict[str, str]:
        """The older `problems` entry of `check --json`: severity and message."""
        return {"severity": self.level, "message": self.message}


def locate(text: str, finding: Finding) -> tuple[int, int] | None:
    """Where the finding's text is in `text` (its field as the editor holds it now): at its
    offset when still there, else the occurrence nearest to it; None when it is gone."""
    if finding.start is None:
        return None
    start, matched = finding.start, finding.matched
    if not matched:
        return (min(start, len(text)),) * 2
    if text[start : start + len(matched)] == matched:
        return start, start + len(matched)
    places = [m.start() for m in re.finditer(re.escape(matched), text)]
    if not places:
        return None
    nearest = min(places, key=lambda place: abs(place - start))
    return nearest, nearest + len(matched)


def apply_fix(text: str, finding: Finding) -> tuple[str, int, int] | None:
    """`text` with the finding's fix applied and the span of the replacement in it; None
    when the finding has no fix or its text is no longer there (or, for a field the fix
    fills, the field is no longer empty)."""
    if finding.fix is None:
        return None
    if not finding.matched and text.strip():
        return None
    span = locate(text, finding)
    if span is None:
        return None
    start, end = span
    return text[:start] + finding.fix + text[end:], start, start + len(finding.fix)


class CheckContext:
    """What a check may look at: the site's services, the bound database, the section tree
    and, for article checks, the articles in question (None: every article)."""

    def __init__(
        self, site: Any, stage: str, articles: Sequence[int] | None = None, quick: bool = False
    ) -> None:
        self.site = site
        self.stage = stage
        self.articles = None if articles is None else list(articles)
        self.quick = quick  # the check after each save: keep it short

    @property
    def read_only(self) -> bool:
        """Whether the site was opened read-only (a check must not even try a write)."""
        return bool(getattr(self.site, "read_only", False))

    @property
    def db(self) -> Database:
        """The database the models are bound to."""
        return active_database()

    @cached_property
    def tree(self) -> Any:
        """The section tree, read once for all checks."""
        return self.site.sections.tree()

    def only_articles(self, query: Any) -> Any:
        """A query of articles limited to those in question."""
        return query if self.articles is None else query.where(Article.id.in_(self.articles))


class Check(Protocol):
    """A rule a site or an article must keep."""

    rule: str
    stages: frozenset[str]
    # A check that reads the whole site (e.g. near-duplicates) sets `whole_site = True`: the
    # quick run after each save in the editor leaves it out; `newsdesk check`, the review
    # panel and the export run it. A check that only ever warns sets `warns_only = True`:
    # the export's own run (`CheckService.before_publish`), which looks for errors only,
    # leaves it out.

    def run(self, context: CheckContext) -> Iterable[Finding]:
        """The findings of this rule; nothing when all is well."""
        ...


CHECKS: dict[str, Check] = {}

# The modules that register more checks on import, in their registration order, each with
# the stages its checks run at: a run loads only those of its stage (an export's run none
# of the copy checks, with their patterns and word lists), and `editor.content.all_checks`
# loads them all. tests/content/test_checks.py holds the stages to the checks' own.
CHECK_MODULES: dict[str, frozenset[str]] = {
    "editor.content.copy_checks": frozenset({ARTICLE}),
    "editor.content.field_checks": frozenset({ARTICLE}),
    "editor.content.media": frozenset({SITE, PUBLISH, ARTICLE}),
    "editor.content.review_checks": frozenset({SITE, PUBLISH, ARTICLE}),
    "editor.content.script_check": frozenset({ARTICLE}),
    "editor.content.simhash": frozenset({ARTICLE}),
}


def load_checks(stage: str | None = None) -> None:
    """Register the checks of the modules in `CHECK_MODULES` that run at `stage` (None: of
    all of them). The registry keeps the order of a whole load whichever stage came first:
    this module's checks, then each module's in `CHECK_MODULES` order (reordered in place:
    whoever holds the registry sees the checks added)."""
    if stage in _loaded_stages or None in _loaded_stages:
        return
    with _loading:
        if stage in _loaded_stages or None in _loaded_stages:
            return
        for name, stages in CHECK_MODULES.items():
            if stage is None or stage in stages:
                importlib.import_module(name)
        rank = {name: place for place, name in enumerate((__name__, *CHECK_MODULES))}
        ordered = sorted(
            CHECKS.items(), key=lambda item: rank.get(type(item[1]).__module__, len(rank))
        )
        CHECKS.clear()
        CHECKS.update(ordered)
        _loaded_stages.add(stage)


_loading = threading.Lock()
_loaded_stages: set[str | None] = set()


def register(check: Check) -> Check:
    """Add a check to the registry (each rule once); returns it."""
    if check.rule in CHECKS:
        raise ValueError(f"a check named {check.rule!r} is already registered")
    if not check.stages or not set(check.stages) <= set(STAGES):
        raise ValueError(f"check {check.rule!r}: stages must be among {STAGES}")
    CHECKS[check.rule] = check
    return check


def registered(cls: type) -> type:
    """Class decorator: register one instance of the check class."""
    register(cls())
    return cls


def run_checks(
    site: Any,
    stage: str = SITE,
    articles: Sequence[int] | None = None,
    *,
    quick: bool = False,
    errors_only: bool = False,
) -> list[Finding]:
    """Run every registered check of `stage` on `site` (its services: a workspace), in
    registration order; `quick` leaves out the checks that read the whole site,
    `errors_only` those that only warn (and gives only the errors)."""
    if stage not in STAGES:
        raise ValueError(f"unknown check stage {stage!r}")
    # the modules of checks of this stage, registered on first use (imported here, when this
    # module is whole, so that importing `checks` alone loads none of the modules built on it)
    load_checks(stage)
    context = CheckContext(site, stage, articles, quick)
    findings: list[Finding] = []
    for check in list(CHECKS.values()):
        if stage not in check.stages or (quick and getattr(check, "whole_site", False)):
            continue
        if errors_only and getattr(check, "warns_only", False):
            continue
        findings.extend(check.run(context))
    if errors_only:
        return [finding for finding in findings if finding.level == ERROR]
    return findings


class CheckService:
    """The registry for one site: `newsdesk check`, the editor after a save, the export."""

    def __init__(self, workspace: Any) -> None:
        self.workspace = workspace

    def run(
        self, stage: str = SITE, articles: Sequence[int] | None = None, *, quick: bool = False
    ) -> list[Finding]:
        """The findings of every check of `stage` (for `ARTICLE`, on `articles`); `quick`
        leaves out the checks that read the whole site (the editor's check after a save).
        The counts found on each article are kept for the 待审 queue's badge."""
        findings = run_checks(self.workspace, stage, articles, quick=quick)
        if stage == ARTICLE and articles:
            self.remember(articles, findings)
        return findings

    def article(self, article_id: int) -> list[Finding]:
        """The findings on one article (NotFoundError when there is no such article)."""
        self.workspace.articles.get(article_id)
        return self.run(ARTICLE, [article_id])

    def remember(self, articles: Sequence[int], findings: Sequence[Finding]) -> None:
        """Keep the number of errors and warnings found on each article at its version (a
        cache: on a read-only site, or when the site is busy, it is left as it was)."""
        if getattr(self.workspace, "read_only", False):
            return
        counts = {article_id: [0, 0] for article_id in articles}
        for finding in findings:
            if isinstance(finding.article, int) and finding.article in counts:
                counts[finding.article][finding.level != ERROR] += 1
        moment = now()
        rows = [
            {
                "article_id": article_id,
                "version": version,
                "errors": counts[article_id][0],
                "warnings": counts[article_id][1],
                "checked_at": moment,
            }
            for article_id, version in Article.select(Article.id, Article.version)
            .where(Article.id.in_(list(counts)))
            .tuples()
        ]
        if not rows:
            return
        fields = [CheckSummary.version, CheckSummary.errors, CheckSummary.warnings]
        try:
            CheckSummary.insert_many(rows).on_conflict(
                conflict_target=[CheckSummary.article_id],
                preserve=[*fields, CheckSummary.checked_at],
            ).execute()
        except StorageError:
            log.warning("the check counts of %s were not kept", list(counts), exc_info=True)

    def before_publish(self) -> list[Finding]:
        """The errors of the `PUBLISH` checks, which refuse the export (checks that only
        warn are not run here: `run(PUBLISH)` gives every finding)."""
        findings = run_checks(self.workspace, PUBLISH, errors_only=True)
        errors = [finding.message for finding in findings]
        if errors:
            raise ValidationError(
                tr("The site cannot be exported: {problems}", problems=" ".join(errors))
            )
        return findings


# ---- the site's checks ---------------------------------------------------------------------


@registered
class DatabaseFileCheck:
    """SQLite's own verdict on the database file."""

    rule = "database.file"
    stages: ClassVar[frozenset[str]] = frozenset({SITE})

    def run(self, context: CheckContext) -> Iterator[Finding]:
        """One error per line of `PRAGMA integrity_check` that is not `ok`."""
        if not is_sqlite(context.db):
            return
        for (verdict,) in context.db.execute_sql("PRAGMA integrity_check").fetchall():
            if verdict != "ok":
                yield Finding(self.rule, ERROR, tr("Database file: {verdict}", verdict=verdict))


@registered
class ReferencesCheck:
    """Rows pointing at rows that are gone (SQLite does not always enforce it)."""

    rule = "database.references"
    stages: ClassVar[frozenset[str]] = frozenset({SITE})

    def run(self, context: CheckContext) -> Iterator[Finding]:
        """One error per broken foreign key."""
        if not is_sqlite(context.db):
            return
        for row in context.db.execute_sql("PRAGMA foreign_key_check").fetchall():
            yield Finding(
                self.rule,
                ERROR,
                tr(
                    "Broken reference in {table} row {row} to {target}.",
                    table=row[0],
                    row=row[1],
                    target=row[2],
                ),
            )


@registered
class SearchIndexCheck:
    """The trigram search index agrees with the articles (SQLite)."""

    rule = "search.index"
    stages: ClassVar[frozenset[str]] = frozenset({SITE})

    def run(self, context: CheckContext) -> Iterator[Finding]:
        """An error when FTS5's integrity check fails."""
        if not is_sqlite(context.db):
            return
        table = search_index.TRIGRAM_TABLE
        if context.read_only:  # FTS5 checks itself through an INSERT
            yield Finding(
                self.rule,
                WARNING,
                tr("Search index {table} was not checked: the site is read-only.", table=table),
            )
            return
        try:
            context.db.execute_sql(f"INSERT INTO {table}({table}) VALUES('integrity-check')")
        except Exception as exc:
            yield Finding(
                self.rule,
                ERROR,
                tr("Search index {table}: {exc}. Rebuild it.", table=table, exc=exc),
            )


@registered
class SectionTreeCheck:
    """Every section hangs in the tree (no cycle, no missing parent)."""

    rule = "sections.tree"
    stages: ClassVar[frozenset[str]] = frozenset({SITE, PUBLISH})

    def run(self, context: CheckContext) -> Iterator[Finding]:
        """One error per section the tree cannot reach."""
        placed = {node.id for node in context.tree}
        for section in Section.select(Section.id, Section.name):
            if section.id not in placed:
                yield Finding(
                    self.rule,
                    ERROR,
                    tr(
                        "Section “{name}” is cut off from the tree (a cycle or a missing parent).",
                        name=section.name,
                    ),
                )


@registered
class SectionSlugCheck:
    """Sisters have different slugs (each is a folder of the exported site)."""

    rule = "sections.slugs"
    stages: ClassVar[frozenset[str]] = frozenset({SITE, PUBLISH})

    def run(self, context: CheckContext) -> Iterator[Finding]:
        """One error per section whose slug a sister already uses."""
        slugs: dict[tuple, str] = {}
        for node in context.tree:
            key = (node.parent_id, node.slug)
            if key in slugs:
                yield Finding(
                    self.rule,
                    ERROR,
                    tr(
                        "Sections “{other}” and “{path}” share the slug “{slug}”.",
                        other=slugs[key],
                        path=node.path,
                        slug=node.slug,
                    ),
                )
            slugs[key] = node.path


@registered
class PublishTimeCheck:
    """A published article has a publish time (its place in lists and feeds)."""

    rule = "articles.publish_time"
    stages: ClassVar[frozenset[str]] = frozenset({SITE, PUBLISH, ARTICLE})

    def run(self, context: CheckContext) -> Iterator[Finding]:
        """One warning per published article without a publish time."""
        query = Article.select(Article.id, Article.title).where(
            Article.status == "published", Article.publish_time.is_null()
        )
        for article_id, title in context.only_articles(query).order_by(Article.id).tuples():
            yield Finding(
                self.rule,
                WARNING,
                tr("“{title}” is published without a publish time.", title=title),
                article=article_id,
            )
