"""Articles: create, save with an optimistic lock, change status, list with filters.

Every save bumps `version` and writes a Revision in the same transaction. A save based on a
stale version is refused with a ConflictError that names who saved last and when; the
refused text is kept as a conflict draft, so both texts survive.
"""

from __future__ import annotations

import operator
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import reduce
from typing import Any

from peewee import JOIN

from editor.content import search
from editor.content.article_fields import (  # FIELDS … split_names: importable from here too
    ARTICLE_FIELDS,
    FIELDS,  # noqa: F401
    MAX_TAG,  # noqa: F401
    MAX_TITLE,  # noqa: F401
    Normalized,
    flags_of,
    normalize_fields,
    parse_time,
    split_names,  # noqa: F401
)
from editor.content.limits import MAX_OFFSET, MAX_PAGE
from editor.content.people import PeopleService, SourceService
from editor.content.sections import SectionService
from editor.content.urls import article_path
from editor.errors import ConflictError, ConflictInfo, NotFoundError, ValidationError
from editor.i18n import tr
from editor.store import search_index
from editor.store.models import (
    FLAGS,
    MAX_INTEGER,
    STATUSES,
    Article,
    ArticlePerson,
    ArticleTag,
    Draft,
    Partner,
    Person,
    RelatedPick,
    Revision,
    Source,
    Tag,
    active_database,
    is_sqlite,
    now,
)

SORTABLE = {"publish_time", "title", "hits", "updated_at", "status", "id", "created_at"}


@dataclass
class ArticleQuery:
    """Filters and paging for the article list."""

    section: int | str | None = None
    include_subsections: bool = True
    status: str | Sequence[str] | None = None  # any of STATUSES, or "scheduled"
    date_from: datetime | date | None = None
    date_to: datetime | date | None = None
    flags: Sequence[str] = ()
    search: str = ""
    order_by: str = "publish_time"
    descending: bool = True
    limit: int = 100
    offset: int = 0


@dataclass
class ArticleRow:
    """One line of the article list, as plain values."""

    id: int
    title: str
    section_id: int
    section_path: str
    status: str
    publish_time: datetime | None
    source: str
    editor: str
    reporters: list[str]
    hits: int
    flags: list[str]
    version: int
    updated_at: datetime | None
    url: str | None
    scheduled: bool = False

    def as_dict(self) -> dict:
        """The `articles --json` shape."""
        return {
            "id": self.id,
            "title": self.title,
            "section": self.section_path,
            "status": "scheduled" if self.scheduled else self.status,
            "published_at": self.publish_time.isoformat() if self.publish_time else None,
            "source": self.source,
            "editor": self.editor,
            "reporters": self.reporters,
            "url": self.url,
            "hits": self.hits,
            "flags": self.flags,
            "version": self.version,
        }


def is_scheduled(status: str, publish_time: datetime | None, at: datetime | None = None) -> bool:
    return status == "published" and publish_time is not None and publish_time > (at or now())


def _status_clause(status: str, moment: datetime):
    """The list filter of one status; 'scheduled' is a published article whose time is ahead
    and 'published' one whose time has come."""
    if status == "scheduled":
        return (Article.status == "published") & (Article.publish_time > moment)
    if status == "published":
        return (Article.status == "published") & (Article.publish_time <= moment)
    if status in STATUSES:
        return Article.status == status
    raise ValidationError(
        tr(
            "Unknown status “{status}”: use {statuses}.",
            status=status,
            statuses=", ".join((*STATUSES, "scheduled")),
        )
    )


class ArticleService:
    """Articles of the open site."""

    def __init__(
        self,
        sections: SectionService,
        sources: SourceService,
        people: PeopleService,
        user: str = "",
    ) -> None:
        self.sections = sections
        self.sources = sources
        self.people = people
        self.user = user

    # ---- reading -------------------------------------------------------------------------

    def get(self, article_id: int) -> Article:
        """The article with this id; NotFoundError when there is none."""
        if isinstance(article_id, int) and not 0 < article_id <= MAX_INTEGER:
            article = None  # no id, and too large for an SQL integer
        else:
            article = Article.get_or_none(Article.id == article_id)
        if article is None:
            raise NotFoundError(tr("No article with id {article_id}.", article_id=article_id))
        return article

    def fields_of(self, article: Article | int) -> dict[str, Any]:
        """All editable fields of an article as plain values (the revision snapshot): the
        fields of the table in its order, then id, version, updated_at and updated_by."""
        if not isinstance(article, Article):
            article = self.get(article)
        credits = (
            ArticlePerson.select(ArticlePerson.role, Person.name)
            .join(Person)
            .where(ArticlePerson.article == article.id)
            .order_by(ArticlePerson.role, ArticlePerson.position)
            .tuples()
        )
        tags = (
            Tag.select(Tag.name)
            .join(ArticleTag)
            .where(ArticleTag.article == article.id)
            .order_by(ArticleTag.position)
            .tuples()
        )
        picks = (
            RelatedPick.select(RelatedPick.related)
            .where(RelatedPick.article == article.id)
            .order_by(RelatedPick.position)
            .tuples()
        )
        source = Source.get_or_none(Source.id == article.source_id) if article.source_id else None
        editor = (
            Person.get_or_none(Person.id == article.responsible_editor_id)
            if article.responsible_editor_id
            else None
        )
        partner = (
            Partner.get_or_none(Partner.id == article.partner_id) if article.partner_id else None
        )
        credited = list(credits)
        related = {
            "source": source.name if source else "",
            "responsible_editor": editor.name if editor else "",
            "reporters": [name for role, name in credited if role == "reporter"],
            "photographers": [name for role, name in credited if role == "photographer"],
            "partner": partner.name if partner else None,
            "tags": [name for (name,) in tags],
            "related": [rid for (rid,) in picks],
        }
        values = {"id": article.id}
        for spec in ARTICLE_FIELDS:
            values[spec.name] = spec.read(article) if spec.read else related[spec.name]
        values.update(
            version=article.version,
            updated_at=article.updated_at.isoformat() if article.updated_at else None,
            updated_by=article.updated_by,
        )
        return values

    def _filtered(self, query: ArticleQuery, tree):
        clauses = []
        if query.section not in (None, ""):
            ref = query.section
            section = tree.get(int(ref)) if str(ref).isdigit() else tree.resolve(str(ref))
            if query.include_subsections:
                ids = tree.descendant_ids(section.id)
                clauses.append(
                    Article.section.in_(ids) if len(ids) > 1 else Article.section == ids[0]
                )
            else:
                clauses.append(Article.section == section.id)
        statuses = [query.status] if isinstance(query.status, str) else list(query.status or [])
        if statuses:
            moment = now()
            clauses.append(reduce(operator.or_, (_status_clause(s, moment) for s in statuses)))
        if query.date_from is not None:
            clauses.append(Article.publish_time >= parse_time(query.date_from))
        if query.date_to is not None:
            end = query.date_to
            if isinstance(end, date) and not isinstance(end, datetime):
                clauses.append(Article.publish_time < datetime.combine(end, time()) + _ONE_DAY)
            else:
                clauses.append(Article.publish_time <= parse_time(end))
        for flag in query.flags or ():
            if flag not in FLAGS:
                raise ValidationError(
                    tr(
                        "Unknown flag “{flag}”: use {flags}.",
                        flag=flag,
                        flags=", ".join(FLAGS),
                    )
                )
            clauses.append(getattr(Article, f"is_{flag}") == True)  # noqa: E712
        if query.search:
            expression = search.match_expression(active_database(), query.search)
            if expression is not None:
                clauses.append(expression)
        return clauses

    def counts_by_status(self) -> dict[str, int]:
        """How many articles there are of each status, in one query."""
        from peewee import fn

        rows = Article.select(Article.status, fn.COUNT(Article.id)).group_by(Article.status)
        return dict(rows.tuples())

    def count(self, query: ArticleQuery | None = None) -> int:
        """How many articles match the filters (paging ignored)."""
        query = query or ArticleQuery()
        select = Article.select()
        for clause in self._filtered(query, self.sections.tree()):
            select = select.where(clause)
        with search.index_plan(active_database(), query.search):
            return select.count()

    def list(self, query: ArticleQuery | None = None) -> list[ArticleRow]:
        """One page of article rows, in a fixed number of queries whatever the page size."""
        query = query or ArticleQuery()
        if query.order_by not in SORTABLE:
            raise ValidationError(tr("Cannot sort by “{order_by}”.", order_by=query.order_by))
        # Phase 1: the page's ids, answered from the list index without reading rows.
        select = Article.select(Article.id)
        tree = self.sections.tree()
        for clause in self._filtered(query, tree):
            select = select.where(clause)
        column = getattr(Article, query.order_by)
        is_postgres = not is_sqlite(active_database())
        if query.descending:
            order = column.desc(nulls="LAST") if is_postgres else column.desc()
            select = select.order_by(order, Article.id.desc())
        else:
            select = select.order_by(column.asc(), Article.id.asc())
        if int(query.limit) > MAX_PAGE or int(query.offset) > MAX_OFFSET:
            raise ValidationError(
                tr(
                    "A page lists at most {most} articles from an offset of at most {offset}.",
                    most=MAX_PAGE,
                    offset=MAX_OFFSET,
                )
            )
        select = select.limit(max(0, int(query.limit))).offset(max(0, int(query.offset)))
        with search.index_plan(active_database(), query.search):
            page_ids = [article_id for (article_id,) in select.tuples()]
        if not page_ids:
            return []
        return self._rows(page_ids, tree)

    def rows_of(self, article_ids: Sequence[int]) -> list[ArticleRow]:
        """The list rows of these articles, in that order (ids with no article left out):
        what the list shows again after one article was saved."""
        return self._rows(list(article_ids), self.sections.tree()) if article_ids else []

    def _rows(self, page_ids: list[int], tree) -> list[ArticleRow]:
        """Phase 2 of `list`: the rows of `page_ids` with their source and editor names."""
        editor = Person.alias()
        fetched = (
            Article.select(
                Article.id,
                Article.title,
                Article.section,
                Article.status,
                Article.publish_time,
                Article.hits,
                Article.is_headline,
                Article.is_featured,
                Article.is_slideshow,
                Article.is_pinned,
                Article.version,
                Article.updated_at,
                Source.name.alias("source_name"),
                editor.name.alias("editor_name"),
            )
            .join(Source, JOIN.LEFT_OUTER, on=(Article.source == Source.id))
            .switch(Article)
            .join(editor, JOIN.LEFT_OUTER, on=(Article.responsible_editor == editor.id))
            .where(Article.id.in_(page_ids))
        )
        by_id = {record.id: record for record in fetched.objects()}
        records = [by_id[article_id] for article_id in page_ids if article_id in by_id]
        ids = [record.id for record in records]
        reporters: dict[int, list[str]] = {}
        for article_id, name in (
            ArticlePerson.select(ArticlePerson.article, Person.name)
            .join(Person)
            .where((ArticlePerson.article.in_(ids)) & (ArticlePerson.role == "reporter"))
            .order_by(ArticlePerson.position)
            .tuples()
        ):
            reporters.setdefault(article_id, []).append(name)
        moment = now()
        rows = []
        for r in records:
            node = tree.nodes.get(r.section_id)
            rows.append(
                ArticleRow(
                    id=r.id,
                    title=r.title,
                    section_id=r.section_id,
                    section_path=node.path if node else "",
                    status=r.status,
                    publish_time=r.publish_time,
                    source=r.source_name or "",
                    editor=r.editor_name or "",
                    reporters=reporters.get(r.id, []),
                    hits=r.hits,
                    flags=flags_of(r),
                    version=r.version,
                    updated_at=r.updated_at,
                    url=article_path(node.slug_path, r.publish_time, r.id) if node else None,
                    scheduled=is_scheduled(r.status, r.publish_time, moment),
                )
            )
        return rows

    # ---- writing -------------------------------------------------------------------------

    def _normalize(self, fields: dict[str, Any]) -> Normalized:
        return normalize_fields(fields, self)

    def _write_relations(self, article_id: int, values: Normalized) -> None:
        for role, names in (("reporter", values.reporters), ("photographer", values.photographers)):
            if names is None:
                continue
            ArticlePerson.delete().where(
                (ArticlePerson.article == article_id) & (ArticlePerson.role == role)
            ).execute()
            rows = [
                {
                    "article": article_id,
                    "person": self.people.ensure(name, role).id,
                    "role": role,
                    "position": index,
                }
                for index, name in enumerate(names)
            ]
            if rows:
                ArticlePerson.insert_many(rows).execute()
        if values.tags is not None:
            ArticleTag.delete().where(ArticleTag.article == article_id).execute()
            rows = []
            for index, name in enumerate(dict.fromkeys(values.tags)):
                tag = Tag.get_or_none(Tag.name == name)
                if tag is None:
                    from editor.content.slugs import slugify

                    tag = Tag.create(name=name, slug=slugify(name, fallback="tag"))
                rows.append({"article": article_id, "tag": tag.id, "position": index})
            if rows:
                ArticleTag.insert_many(rows).execute()
        if values.related is not None:
            RelatedPick.delete().where(RelatedPick.article == article_id).execute()
            picks = [i for i in dict.fromkeys(values.related) if i != article_id]
            existing = (
                {a.id for a in Article.select(Article.id).where(Article.id.in_(picks))}
                if picks
                else set()
            )
            rows = [
                {"article": article_id, "related": rid, "position": index}
                for index, rid in enumerate(p for p in picks if p in existing)
            ]
            if rows:
                RelatedPick.insert_many(rows).execute()

    def _search_names(self, article_id: int, values: Normalized, source_id, editor_id) -> str:
        names = []
        if "source" in values.names:
            names.append(values.names["source"])
        elif source_id:
            names.extend(s.name for s in Source.select(Source.name).where(Source.id == source_id))
        people = (
            ArticlePerson.select(Person.name)
            .join(Person)
            .where(ArticlePerson.article == article_id)
            .order_by(ArticlePerson.role, ArticlePerson.position)
            .tuples()
        )
        names.extend(name for (name,) in people)
        if "editor" in values.names:
            names.append(values.names["editor"])
        elif editor_id:
            names.extend(p.name for p in Person.select(Person.name).where(Person.id == editor_id))
        return " ".join(n for n in names if n)

    def _refuse_unsorted(self, section_id: int, status: str) -> None:
        """待分类 is never public: its articles are published only once moved to a section."""
        if status == "published" and section_id in self.sections.unsorted_ids():
            raise ValidationError(
                tr("Articles in 待分类 are not published: move the article to a section first.")
            )

    def _stamp_publish_time(self, columns: dict[str, Any], current: Article | None = None) -> None:
        """A published article saved without a publish time is published now.

        `columns` are the columns being written; `current` is the stored article when an
        existing one is saved (its status and publish time count where `columns` has none).
        """
        status = columns.get("status", current.status if current else None)
        stored = current.publish_time if current else None
        if status == "published" and not columns.get("publish_time", stored):
            columns["publish_time"] = now()

    def create(
        self, fields: dict[str, Any], author: str | None = None, kind: str = "saved"
    ) -> Article:
        """A new article; `title` and `section` are required. Writes revision 1 (of `kind`:
        "saved", "imported", "recovered" …, see `Revision.kind`)."""
        for required in ("title", "section"):
            if not fields.get(required) and fields.get(required) != 0:
                what = tr("title") if required == "title" else tr("section")
                raise ValidationError(tr("A new article needs a {required}.", required=what))
        values = self._normalize(fields)
        columns = dict(values.columns)
        columns.setdefault("status", "draft")
        self._refuse_unsorted(columns["section"], columns["status"])
        self._stamp_publish_time(columns)
        author = author or self.user
        moment = now()
        with active_database().atomic():
            article = Article.create(
                **columns, version=1, created_at=moment, updated_at=moment, updated_by=author
            )
            self._write_relations(article.id, values)
            names = self._search_names(
                article.id, values, columns.get("source"), columns.get("responsible_editor")
            )
            Article.update(search_names=names).where(Article.id == article.id).execute()
            article.search_names = names
            search_index.index_article(
                active_database(), article.id, (article.title, article.body, names)
            )
            self._write_revision(article, author, kind)
        return article

    def update(
        self,
        article_id: int,
        fields: dict[str, Any],
        base_version: int | None,
        author: str | None = None,
        kind: str | None = None,
    ) -> Article:
        """Save changed fields of an article that the editor opened at `base_version`.

        `base_version=None` saves on top of whatever is current (status commands). The new
        revision is of `kind` ("restored", "recovered" …), by default "published" when this
        save publishes the article and "saved" otherwise.
        """
        values = self._normalize(fields)
        author = author or self.user
        conflict: Article | None = None
        with active_database().atomic():
            current = self.get(article_id)
            if base_version is not None and current.version != base_version:
                conflict = current
            else:
                expected = current.version
                old_index = (current.title, current.body, current.search_names)
                columns = dict(values.columns)
                merged_status = columns.get("status", current.status)
                self._refuse_unsorted(columns.get("section", current.section_id), merged_status)
                self._stamp_publish_time(columns, current)
                moment = now()
                columns.update(version=expected + 1, updated_at=moment, updated_by=author)
                changed = (
                    Article.update(**columns)
                    .where((Article.id == article_id) & (Article.version == expected))
                    .execute()
                )
                if changed == 0:  # another workstation saved between our read and write
                    conflict = current
                else:
                    self._write_relations(article_id, values)
                    names_touched = (
                        values.names
                        or values.reporters is not None
                        or (values.photographers is not None)
                    )
                    article = self.get(article_id)
                    if names_touched:
                        names = self._search_names(
                            article_id, values, article.source_id, article.responsible_editor_id
                        )
                        Article.update(search_names=names).where(Article.id == article_id).execute()
                        article.search_names = names
                    new_index = (article.title, article.body, article.search_names)
                    if new_index != old_index:
                        search_index.index_article(
                            active_database(), article_id, new_index, old_index
                        )
                    if kind is None:
                        publishes = merged_status == "published" != current.status
                        kind = "published" if publishes else "saved"
                    self._write_revision(article, author, kind)
        if conflict is not None:
            self._raise_conflict(article_id, fields, base_version, author)
        return article

    def _write_revision(self, article: Article, author: str, kind: str = "saved") -> None:
        snapshot = self.fields_of(article)
        Revision.create(
            article_id=article.id,
            version=article.version,
            author=author,
            kind=kind,
            created_at=article.updated_at or now(),
            snapshot=snapshot,
        )

    def _raise_conflict(self, article_id: int, mine: dict, base_version, author: str):
        current = self.get(article_id)
        last = (
            Revision.select()
            .where(Revision.article_id == article_id)
            .order_by(Revision.version.desc())
            .first()
        )
        info = ConflictInfo(
            article_id=article_id,
            current_version=current.version,
            saved_by=(last.author if last else current.updated_by) or "another editor",
            saved_at=last.created_at if last else current.updated_at,
            mine={
                k: (v.isoformat() if isinstance(v, datetime | date) else v) for k, v in mine.items()
            },
            base_version=base_version,
            author=author,
        )
        self.keep_refused_text(info)
        raise ConflictError(info)

    def keep_refused_text(self, info: ConflictInfo) -> int:
        """Keep the refused save's fields as a conflict draft (again, when the unit of work it
        was written in rolled back); sets and returns `info.draft_id`."""
        if info.draft_id is None or not Draft.select().where(Draft.id == info.draft_id).exists():
            draft = Draft.create(
                key=f"conflict:{info.article_id}:{uuid.uuid4().hex[:12]}",
                article_id=info.article_id,
                base_version=info.base_version,
                author=info.author,
                kind="conflict",
                fields=info.mine,
            )
            info.draft_id = draft.id
        return info.draft_id

    # ---- status --------------------------------------------------------------------------

    def publish(
        self, article_id: int, when: datetime | None = None, base_version: int | None = None
    ) -> Article:
        """Publish now (or at `when`, keeping an existing publish time if none is given)."""
        fields: dict[str, Any] = {"status": "published"}
        if when is not None:
            fields["publish_time"] = when
        return self.update(article_id, fields, base_version)

    def schedule(self, article_id: int, when, base_version: int | None = None) -> Article:
        """Publish at a future time; until then the article appears nowhere."""
        moment = parse_time(when)
        if moment is None or moment <= now():
            raise ValidationError(tr("A scheduled publish time must be in the future."))
        return self.update(
            article_id, {"status": "published", "publish_time": moment}, base_version
        )

    def unpublish(self, article_id: int, base_version: int | None = None) -> Article:
        """Take an article back to draft."""
        return self.update(article_id, {"status": "draft"}, base_version)

    def archive(self, article_id: int, base_version: int | None = None) -> Article:
        return self.update(article_id, {"status": "archived"}, base_version)

    def move(self, article_ids: Sequence[int], section) -> int:
        """Move articles to another section (each a save with its revision)."""
        target = self.sections.resolve(section)
        with active_database().atomic():
            for article_id in article_ids:
                self.update(article_id, {"section": target.id}, None)
        return len(article_ids)

    def delete(self, article_id: int) -> None:
        """Delete an article for good (its revisions stay for the record)."""
        with active_database().atomic():
            article = self.get(article_id)
            search_index.index_article(
                active_database(),
                article_id,
                None,
                (article.title, article.body, article.search_names),
            )
            RelatedPick.delete().where(RelatedPick.related == article_id).execute()
            Draft.delete().where(
                (Draft.article_id == article_id) & (Draft.kind == "autosave")
            ).execute()
            article.delete_instance(recursive=False)


_ONE_DAY = datetime(2000, 1, 2) - datetime(2000, 1, 1)
