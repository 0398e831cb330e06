"""One open site: owns the database connection and hands out the services.

Each service's module is imported when the service is first asked for, and the modules of
the checks of a stage when the checks of that stage first run (the export's run loads none
of the copy checks): a command that only opens the site and finds nothing to do (an export
of an unchanged site) starts quickly."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from typing import TYPE_CHECKING

from peewee import Database

from editor.config import current_user, default_database
from editor.errors import ConflictError, ReadOnlySiteError
from editor.store import db as store_db
from editor.store.models import ALL_MODELS, database

if TYPE_CHECKING:
    from editor.content.articles import ArticleService
    from editor.content.drafts import DraftService
    from editor.content.media import MediaService
    from editor.content.pages import PageService
    from editor.content.people import PartnerService, PeopleService, SourceService
    from editor.content.revisions import RevisionService
    from editor.content.sections import SectionService
    from editor.content.site import SiteService


class Workspace:
    """The site being edited. Use `Workspace.open(...)`; close it (or use `with`) when done."""

    def __init__(self, db: Database, target: store_db.Target, user: str) -> None:
        self.db = db
        self.target = target
        self.user = user

    @classmethod
    def open(
        cls, url_or_path: str | None = None, *, create: bool = False, user: str | None = None
    ) -> Workspace:
        """Open the site at a path or URL (default: NEWSDESK_DB or the user data file)."""
        target = store_db.parse_target(url_or_path or default_database())
        db = store_db.open_database(target, create=create)
        return cls(db, target, user or current_user())

    def close(self) -> None:
        publisher = self.__dict__.get("publisher")  # made on first use only
        if publisher is not None:
            publisher.close()
        if not self.db.is_closed():
            if self.target.is_sqlite:
                try:
                    store_db.optimize_sqlite(self.db)
                except Exception:  # a read-only or busy file: optimizing is optional
                    pass
            self.db.close()
        if database.obj is self.db:
            database.initialize(None)

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def edit(self) -> Iterator[Workspace]:
        """A unit of work: everything inside commits together or not at all.

        Except the text of a save refused as stale: its conflict draft went with the rollback,
        so the outermost unit writes it again on its own before the error goes on."""
        try:
            with self.db.atomic():
                yield self
        except ConflictError as exc:
            if not self.db.in_transaction():
                self.articles.keep_refused_text(exc.info)
            raise

    @contextmanager
    def activate(self) -> Iterator[Workspace]:
        """Bind the models to this workspace's database for the block (for tools and tests
        that keep two workspaces open in one process)."""
        with self.db.bind_ctx(ALL_MODELS):
            yield self

    @property
    def read_only(self) -> bool:
        """Whether the site can only be read (a SQLite file this user may not write)."""
        return bool(getattr(self.db, "read_only", False))

    def require_writable(self) -> None:
        """Refuse, before any work, a task that must write to a read-only site."""
        if self.read_only:
            raise ReadOnlySiteError(self.location)

    @property
    def location(self) -> str:
        return self.target.describe()

    def sign_in(self, name: str) -> None:
        """Write `name` (the editor's own name) into revisions and drafts from now on."""
        name = (name or "").strip()
        if not name:
            return
        self.user = name
        for service in ("articles", "drafts"):
            if service in self.__dict__:
                self.__dict__[service].user = name

    # ---- services ------------------------------------------------------------------------

    @cached_property
    def site(self) -> SiteService:
        from editor.content.site import SiteService

        return SiteService()

    @cached_property
    def sections(self) -> SectionService:
        from editor.content.sections import SectionService

        return SectionService()

    @cached_property
    def pages(self) -> PageService:
        from editor.content.pages import PageService

        return PageService()

    @cached_property
    def sources(self) -> SourceService:
        from editor.content.people import SourceService

        return SourceService()

    @cached_property
    def people(self) -> PeopleService:
        from editor.content.people import PeopleService

        return PeopleService()

    @cached_property
    def partners(self) -> PartnerService:
        from editor.content.people import PartnerService

        return PartnerService()

    @cached_property
    def articles(self) -> ArticleService:
        from editor.content.articles import ArticleService

        return ArticleService(self.sections, self.sources, self.people, self.user)

    @cached_property
    def revisions(self) -> RevisionService:
        from editor.content.revisions import RevisionService

        return RevisionService(self.articles)

    @cached_property
    def drafts(self) -> DraftService:
        from editor.content.drafts import DraftService

        return DraftService(self.user)

    @cached_property
    def media(self) -> MediaService:
        from editor.content.media import MediaService

        return MediaService()

    @cached_property
    def targets(self):
        """Publish targets and their history (`editor.content.targets`)."""
        from editor.content.targets import TargetService

        return TargetService()

    @cached_property
    def users(self):
        from editor.content.users import UserService

        return UserService()

    @cached_property
    def wordlists(self):
        from editor.content.wordlists import WordListService

        return WordListService()

    @cached_property
    def review(self):
        from editor.content.review import ReviewService

        return ReviewService(self)

    @cached_property
    def checks(self):
        # each run registers the checks of its stage (`checks.load_checks`)
        from editor.content.checks import CheckService

        return CheckService(self)

    @cached_property
    def publisher(self):
        """The export and preview service (imported on first use)."""
        from editor.publish.publisher import Publisher

        return Publisher(self)

    @cached_property
    def importer(self):
        """The import service (imported on first use)."""
        from editor.ingest.importer import Importer

        return Importer(self)

    def summary(self) -> dict:
        """Counts for a status bar or the command line."""
        by_status = self.articles.counts_by_status()
        return {
            "site": self.site.get().name,
            "database": self.location,
            "sections": len(self.sections.tree().nodes),
            "articles": sum(by_status.values()),
            "by_status": by_status,
        }
