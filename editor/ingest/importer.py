"""The import desk: news pages, scraped portal text, Markdown and Word files into articles.

`Importer(workspace)` reads each file, URL or pasted text into an ExtractedArticle,
skips what the site already has (same original URL, or same title on the same day) and
saves the rest one transaction per file, so a file is imported whole or not at all and a
batch goes on after a failure. Without a chosen section an article goes to the section its
breadcrumb or channel names, else to 待分类.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from editor.content import lookup
from editor.content.article_fields import IMPORTED, stored_status
from editor.errors import NewsdeskError, NotFoundError, ValidationError
from editor.i18n import tr
from editor.ingest.fields import ExtractedArticle
from editor.ingest.images import ImageFetcher
from editor.ingest.reader import Reader, expand

log = logging.getLogger(__name__)

# What an importer may fill (the field table says; the section, ranking pins and related
# picks are the editor's).
SAVED_FIELDS = IMPORTED
# Pages read from another outlet (news pages, scraped portal text): a 转载, whose title as
# the source printed it is kept as 原标题.
REPRINT_FORMATS = ("html", "text")
Progress = Callable[[int, int, "ImportResult"], Any]


class DuplicateArticleError(NewsdeskError):
    """The site already holds this story (same original URL, or same title and day)."""

    def __init__(self, article_id: int) -> None:
        super().__init__(tr("Already imported as article {article_id}.", article_id=article_id))
        self.article_id = article_id


@dataclass
class ImportResult:
    """What became of one file or URL."""

    path: str
    status: str  # "imported", "duplicate" or "failed"
    id: int | None = None
    reason: str | None = None
    title: str = ""
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "status": self.status,
            "id": self.id,
            "reason": self.reason,
            "warnings": list(self.warnings),
        }


@dataclass
class ImportReport:
    """Per-file results of a batch and the counts the command line prints."""

    results: list[ImportResult] = field(default_factory=list)

    def _count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def imported(self) -> int:
        return self._count("imported")

    @property
    def duplicates(self) -> int:
        return self._count("duplicate")

    @property
    def failed(self) -> int:
        return self._count("failed")

    def as_dict(self) -> dict:
        """The `import --json` document."""
        return {
            "imported": self.imported,
            "duplicates": self.duplicates,
            "failed": self.failed,
            "results": [r.as_dict() for r in self.results],
        }


class Importer:
    """Imports articles into one open workspace."""

    def __init__(self, workspace) -> None:
        self.workspace = workspace
        self.reader = Reader()
        self.images = ImageFetcher(self.reader.fetch_timeout)
        self._pending_assets: dict[str, tuple[bytes, str, str]] = {}

    @property
    def fetch_timeout(self) -> float:
        return self.reader.fetch_timeout

    @fetch_timeout.setter
    def fetch_timeout(self, seconds: float) -> None:
        self.reader.fetch_timeout = seconds
        self.images.timeout = seconds

    # ---- reading -------------------------------------------------------------------------

    def extract(self, source: str, format: str = "auto") -> ExtractedArticle:
        """The fields of a path, URL or raw HTML/text for review; nothing is saved.

        `fields["section"]` holds the suggested section path (if the site has it) and
        `fields["partner"]` the partner the page's partner block names.
        """
        article = self.reader.read(str(source), format)
        keep_original_title(article)
        self._pending_assets.update(article.assets)
        tree = self.workspace.sections.tree()
        node = self._section_node(article, tree)
        if node is not None:
            article.fields["section"] = node.path
        else:
            article.fields.pop("section", None)
        partner = self._match_partner(article.partner_text)
        if partner is not None:
            article.fields["partner"] = partner.name
        return article

    def find_duplicate(self, fields: dict) -> int | None:
        """The id of an article that is the same story, if the site has one."""
        from editor.content.articles import parse_time

        try:
            when = parse_time(fields.get("publish_time"))
        except ValidationError:
            when = None
        return lookup.find_duplicate(fields.get("source_url", ""), fields.get("title", ""), when)

    # ---- saving --------------------------------------------------------------------------

    def fetch_pictures(self, article: ExtractedArticle) -> ExtractedArticle:
        """Download the article's pictures now (a background thread may call this before
        `save`); what cannot be had stays linked and is a warning in `article.warnings`."""
        self.images.localise(article)
        return article

    def save(
        self,
        extracted: ExtractedArticle | dict,
        section: int | str | None = None,
        status: str = "draft",
        learn_sections: bool = False,
        allow_duplicate: bool = False,
    ):
        """Save reviewed fields as a new article (one transaction) and return it."""
        article = (
            extracted
            if isinstance(extracted, ExtractedArticle)
            else ExtractedArticle(fields=dict(extracted))
        )
        stored_status(status)  # an unknown status fails up front
        if not allow_duplicate:
            duplicate = self.find_duplicate(article.fields)  # early: no download for a repeat
            if duplicate:
                raise DuplicateArticleError(duplicate)
        self.images.localise(article)  # downloads happen outside the transaction
        ws = self.workspace
        with ws.edit():
            if not allow_duplicate:
                # again inside the unit of work, which holds the site's write lock (SQLite:
                # BEGIN IMMEDIATE; PostgreSQL: the advisory lock): of two imports of one story
                # at the same moment, the second finds the first one's article here
                duplicate = self.find_duplicate(article.fields)
                if duplicate:
                    raise DuplicateArticleError(duplicate)
            return self._store(article, section, status, learn_sections)

    def _store(self, article: ExtractedArticle, section, status: str, learn_sections: bool):
        ws = self.workspace
        keep_original_title(article)
        fields = {k: v for k, v in article.fields.items() if k in SAVED_FIELDS}
        if learn_sections:
            self.learn_sections(article)
        tree = ws.sections.tree()
        if section not in (None, ""):
            section_id = ws.sections.resolve(section).id
        else:
            node = self._section_node(article, tree, article.fields.get("section"))
            section_id = node.id if node is not None else ws.sections.ensure_unsorted().id
            tree = ws.sections.tree()
        fields["section"] = section_id
        fields["status"] = article.fields.get("status") or status
        if fields["status"] == "published" and section_id in ws.sections.unsorted_ids():
            fields["status"] = "draft"  # 待分类 is never public
            article.warnings.append(
                tr("No section matched: kept as a draft in 待分类 until it is moved to a section.")
            )
        partner = self._match_partner(article.partner_text)
        partner_name = fields.get("partner") or (partner.name if partner else None)
        if partner_name:
            known = next((p for p in ws.partners.list() if p.name == partner_name), None)
            inherited = tree.partner_id(section_id) if section_id in tree.nodes else None
            fields["partner"] = None if known is None or known.id == inherited else known.name
        else:
            fields.pop("partner", None)
        if fields.get("source") and article.source_link:
            ws.sources.ensure(fields["source"], article.source_link)
        assets = {**self._pending_assets, **article.assets}
        for digest in dict.fromkeys(re.findall(r"asset:([0-9a-f]{64})", fields.get("body", ""))):
            if digest in assets:
                data, name, alt = assets[digest]
                ws.media.add(data, name, alt, article.origins.get(digest, ""))
        if article.cover_asset in assets and not fields.get("cover"):
            data, name, alt = assets[article.cover_asset]
            origin = article.origins.get(article.cover_asset, "")
            fields["cover"] = ws.media.add(data, name, alt, origin).id
        saved = ws.articles.create(fields, kind="imported")
        if article.reporter_affiliation and fields.get("reporters"):
            first = ws.people.ensure(fields["reporters"][0], "reporter")
            if not first.affiliation:
                ws.people.update(first.id, affiliation=article.reporter_affiliation)
        return saved

    # ---- batches -------------------------------------------------------------------------

    def import_paths(
        self,
        paths: Iterable[str],
        section: int | str | None = None,
        format: str = "auto",
        status: str = "draft",
        learn_sections: bool = False,
        progress: Progress | None = None,
    ) -> ImportReport:
        """Import files, folders and URLs; one transaction per file; a failure does not stop
        the batch. `progress(done, total, result)` is called after each file; returning
        False stops the batch."""
        stored_status(status)  # an unknown status fails up front
        if section not in (None, ""):
            section = self.workspace.sections.resolve(section).id  # a bad path fails up front
        items = expand(paths)
        report = ImportReport()
        for index, item in enumerate(items, 1):
            result = self._import_one(item, section, format, status, learn_sections)
            report.results.append(result)
            if progress is not None and progress(index, len(items), result) is False:
                break
        return report

    def _import_one(
        self, item: str, section, format: str, status: str, learn_sections: bool
    ) -> ImportResult:
        try:
            article = (
                self.reader.read(item, format)
                if _is_url(item)
                else self.reader.read_path(_as_path(item), format)
            )
            duplicate = self.find_duplicate(article.fields)  # early: no download for a repeat
            if duplicate:
                return self._duplicate(item, article, duplicate)
            self.images.localise(article)  # outside the transaction: a slow host blocks no one
            with self.workspace.edit():
                # again under the site's write lock: of two imports of one story at the same
                # moment, exactly one saves it and the other reports the duplicate
                duplicate = self.find_duplicate(article.fields)
                if duplicate:
                    return self._duplicate(item, article, duplicate)
                saved = self._store(article, section, status, learn_sections)
            return ImportResult(
                item, "imported", saved.id, None, saved.title, list(article.warnings)
            )
        except NewsdeskError as exc:
            return ImportResult(item, "failed", None, exc.message)
        except Exception as exc:  # a bug: keep the traceback in the log, go on with the batch
            log.exception("Import of %s failed", item)
            return ImportResult(item, "failed", None, tr("Unexpected error: {exc!r}", exc=exc))

    @staticmethod
    def _duplicate(item: str, article: ExtractedArticle, duplicate: int) -> ImportResult:
        return ImportResult(
            item,
            "duplicate",
            duplicate,
            tr("same story as article {article_id}", article_id=duplicate),
            article.fields.get("title", ""),
        )

    # ---- sections and partners -----------------------------------------------------------

    def learn_sections(self, article: ExtractedArticle) -> list[str]:
        """Create the sections the page's navigation and breadcrumb show; return new paths."""
        sections = self.workspace.sections
        created: list[str] = []
        tree = sections.tree()

        def child(parent_id, name):
            for node in tree.nodes[parent_id].children if parent_id else tree.roots:
                if node.name == name:
                    return node.id
            return None

        chains = [
            [top, *([c] if c else [])]
            for top, children in article.navigation
            for c in (children or [None])
        ]
        chains += [list(c) for c in article.section_candidates[:1]]
        for chain in chains:
            parent_id = None
            for name in chain[:2]:
                name = name.strip()
                if not name or len(name) > 100 or "/" in name:
                    break
                found = child(parent_id, name)
                if found is None:
                    found = sections.create(name, parent_id).id
                    tree = sections.tree()
                    created.append(tree.nodes[found].path)
                parent_id = found
        return created

    def _section_node(self, article: ExtractedArticle, tree, wanted: str | None = None):
        """The existing section the article names (front matter, breadcrumb, channel)."""
        if wanted:
            try:
                return tree.resolve(str(wanted))
            except NotFoundError:
                article.warnings.append(
                    tr(
                        "No section “{wanted}”; the breadcrumb decides.",
                        wanted=wanted,
                    )
                )
        for names in article.section_candidates:
            for start in range(len(names)):
                try:
                    return tree.resolve("/".join(names[start:]))
                except NotFoundError:
                    continue
            matches = [n for n in tree.nodes.values() if n.name == names[-1]]
            if len(matches) == 1:
                return matches[0]
        return None

    def _match_partner(self, block: str):
        """The partner whose platform name (or all of whose units) the block names."""
        if not block:
            return None
        text = _plain(block)
        for partner in self.workspace.partners.list():
            units = [u for u in (partner.units or []) if u]
            if _plain(partner.name) in text or (units and all(_plain(u) in text for u in units)):
                return partner
        return None


def keep_original_title(article: ExtractedArticle) -> None:
    """Keep a reprinted page's title as its 原标题, so it survives when the editor retitles
    (once: a title the editor changed after reading is not the source's)."""
    if article.format in REPRINT_FORMATS and article.fields.get("title"):
        article.fields.setdefault("original_title", article.fields["title"])


def _plain(text: str) -> str:
    return re.sub(r"[\s\"'“”‘’「」]", "", text or "")


def _is_url(item: str) -> bool:
    return item.lower().startswith(("http://", "https://"))


def _as_path(item: str):
    from pathlib import Path

    return Path(item)
