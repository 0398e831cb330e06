"""The publishing service: article preview for the editor, static export of the site.

Reached as `workspace.publisher` (a `Publisher(workspace)`).

Preview (the GUI's preview pane)::

    html = publisher.render_article_preview(fields)   # the article field dict, unsaved
    base = publisher.preview_base_dir()               # folder with static/ and assets/
    web_view.setHtml(html, QUrl.fromLocalFile(str(base) + "/"))

`fields` is the article field dict (title, subtitle, summary, body, section, source,
source_url, reporters, photographers, responsible_editor, partner, cover, tags, flags,
publish_time, related …) plus an optional "id" of the saved article. The page is rendered
with the same templates, CSS and lists (related news, hot ranking, partner block) as the
export, read from only what that one page shows (`editor.content.article_slice`: a
fixed number of small queries, however large the site); links inside it are relative to
`preview_base_dir()`, which holds the theme's `static/` files and, once referenced, stored
images under `assets/`. For pages larger than
a web view's setHtml limit, `write_article_preview(fields)` writes `preview.html` into that
folder and returns its path (load it with `QUrl.fromLocalFile`).

Export::

    result = publisher.export(out_dir, full=False, zip_path=None, delta_zip_path=None,
                              progress=None, cancel=None)
    result.as_dict()  # {"out", "written", "unchanged", "deleted", "seconds", ...}

`progress(done: int, total: int, message: str)` is called from the exporting thread as
pages are planned, rendered and written; `message` is a step key for the caller to
translate: "planning", "static files", "rendering pages", "replacing the bundle",
"writing the zip", "nothing changed", "done". `cancel` is a `threading.Event` (or any callable
returning True) checked between steps; a cancelled export raises `ExportCancelled` and, like
any failure, leaves the previous bundle whole. See `editor.publish.export` for how the
bundle is built.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editor.errors import ValidationError
from editor.i18n import tr

if TYPE_CHECKING:  # the preview's modules are imported on first use: an export that finds
    # nothing to do (`editor.publish.quick`) needs none of them
    from editor.content.catalog import ArticleCard, Catalog
    from editor.publish.context import SiteView
    from editor.publish.export import Exporter
    from editor.publish.result import ExportResult
    from editor.publish.theme import Theme

PREVIEW_CACHE_SECONDS = 3.0
PREVIEW_PATH = "preview.html"


class Publisher:
    """Preview and export for one open workspace."""

    def __init__(self, workspace) -> None:
        self.workspace = workspace
        self._preview_dir: Path | None = None
        self._theme_state: tuple | None = None  # (templates_dir, checked_at, theme)
        self._warm = None  # the last export's catalog (`editor.publish.warm`), on first use
        self._sketches: dict = {}  # what each export left for the next (`publish.sketch`)
        self._records: dict = {}  # what each export recorded (`publish.recorded`)
        self._view = None  # the site view of the last export (`SiteView`'s `prior`)
        self._renderer = None  # and its renderer (`PageRenderer`'s `prior`)
        self._export_theme: tuple | None = None  # (templates folder, theme) of the last export
        # one export at a time (the export dialog, the export after 发布): what the
        # publisher keeps between exports is one export's at a time
        self._exporting = threading.Lock()

    # ---- theme ------------------------------------------------------------------------

    def theme(self) -> Theme:
        """The theme as the site settings configure it (user folder over the built-in)."""
        from editor.publish.theme import load_theme

        site = self.workspace.site.get()
        return load_theme(site.templates_dir or "")

    def _preview_theme(self, templates_dir: str) -> Theme:
        """The theme for previews, kept while its files are unchanged so that templates
        compile once (checked again after `PREVIEW_CACHE_SECONDS`)."""
        from editor.publish.theme import load_theme

        state = self._theme_state
        moment = time.monotonic()
        if state is not None and state[0] == templates_dir:
            if moment - state[1] < PREVIEW_CACHE_SECONDS:
                return state[2]
            theme = load_theme(templates_dir)
            if theme.version == state[2].version:
                self._theme_state = (templates_dir, moment, state[2])
                return state[2]
        else:
            theme = load_theme(templates_dir)
        self._theme_state = (templates_dir, moment, theme)
        return theme

    def _theme_for_export(self, templates_dir: str) -> Theme:
        """The theme of an export: the last export's while its files are the same (the same
        folder and `Theme.version`, a digest of their contents), whose templates are
        compiled already; else the one just read."""
        from editor.publish.theme import load_theme

        theme = load_theme(templates_dir, auto_reload=False)
        kept = self._export_theme
        if kept is not None and kept[0] == templates_dir and kept[1].version == theme.version:
            return kept[1]
        self._export_theme = (templates_dir, theme)
        return theme

    def close(self) -> None:
        """Remove the preview folder (the site is closing)."""
        if self._preview_dir is not None:
            shutil.rmtree(self._preview_dir, ignore_errors=True)
            self._preview_dir = None

    # ---- preview -----------------------------------------------------------------------

    def preview_base_dir(self) -> Path:
        """A folder holding the theme's `static/` files (and `assets/` for stored images):
        the base URL for preview HTML, so CSS, scripts and images resolve."""
        if self._preview_dir is None or not self._preview_dir.is_dir():
            self._preview_dir = Path(tempfile.mkdtemp(prefix="newsdesk-preview-"))
        theme = self.theme()
        for name, source in theme.static_files.items():
            target = self._preview_dir / name
            if not target.exists() or target.stat().st_mtime < source.stat().st_mtime:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)
        return self._preview_dir

    def render_article_preview(self, fields: dict[str, Any]) -> str:
        """The article page for unsaved `fields`, exactly as the export would show it.

        Only what this one page shows is read (`editor.content.article_slice`): a fixed
        number of small queries whatever the size of the site."""
        from editor.content import article_slice
        from editor.publish import kinds
        from editor.publish.context import SiteView
        from editor.publish.markdown import asset_refs, render_markdown
        from editor.publish.render import PageRenderer

        moment = datetime.now().replace(microsecond=0)  # the export's clock
        frame = article_slice.load_site_frame(moment)
        theme = self._preview_theme(frame.site.get("templates_dir") or "")
        card = self._preview_card(frame, fields)
        body_html = render_markdown(fields.get("body") or "")
        catalog = article_slice.load_article_slice(
            frame,
            section_id=card.section_id,
            tags=card.tags,
            picks=card.picks,
            cover_id=card.cover_id,
            asset_refs=asset_refs(body_html),
            related_size=int(theme.options.get("related_size", 10)),
            hot_size=int(theme.options.get("hot_size", 10)),
        )
        article_slice.release_read_cache()
        view = SiteView(catalog, theme)
        renderer = PageRenderer(view)
        self._write_preview_assets(view, card, body_html)
        related = view.related(card)
        return kinds.kind("article").preview(renderer, card, body_html, PREVIEW_PATH, related)

    def write_article_preview(self, fields: dict[str, Any]) -> Path:
        """Write the preview page into `preview_base_dir()` and return its path."""
        html = self.render_article_preview(fields)
        path = self.preview_base_dir() / PREVIEW_PATH
        path.write_text(html, encoding="utf-8")
        return path

    def _preview_card(self, catalog: Catalog, fields: dict[str, Any]) -> ArticleCard:
        from editor.content import catalog as catalog_queries
        from editor.content.article_fields import card_values, split_names
        from editor.content.catalog import ArticleCard

        tree = catalog.tree
        if not tree.nodes:
            raise ValidationError(tr("The site has no sections yet: create one to preview."))
        ref = fields.get("section")
        node = None
        if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit()):
            node = tree.nodes.get(int(ref))
        elif isinstance(ref, str) and ref.strip():
            try:
                node = tree.resolve(ref)
            except Exception:  # an unfinished path while typing: show the first section
                node = None
        if node is None:
            node = tree.roots[0]
        reporters = split_names(fields.get("reporters"))
        photographers = split_names(fields.get("photographers"))
        editor = (fields.get("responsible_editor") or "").strip()
        known = catalog_queries.affiliations([*reporters, editor])
        partner_id = None
        partner_ref = fields.get("partner")
        if partner_ref not in (None, ""):
            for partner in catalog.partners.values():
                if (
                    partner.id == partner_ref
                    or partner.name == partner_ref
                    or (str(partner.id) == str(partner_ref))
                ):
                    partner_id = partner.id
        cover = fields.get("cover")
        cover_id = int(cover) if cover not in (None, "") and str(cover).isdigit() else None
        values = card_values(fields)  # title, times, flags … as a save would store them
        values["publish_time"] = (values["publish_time"] or datetime.now()).replace(microsecond=0)
        source = fields.get("source") or ""
        tags = fields.get("tags") or []
        if isinstance(tags, str):
            tags = split_names(tags)
        return ArticleCard(
            id=int(fields.get("id") or 0),
            section_id=node.id,
            updated_at=None,
            source=source.strip() if isinstance(source, str) else str(source),
            source_home="",
            editor=editor,
            editor_affiliation=known.get(editor, ""),
            partner_id=partner_id,
            cover_id=cover_id,
            version=int(fields.get("version") or 0),
            body_html_key="",
            has_assets=False,
            reporters=[(name, known.get(name, "")) for name in reporters],
            photographers=photographers,
            tags=list(tags),
            picks=[int(i) for i in fields.get("related") or [] if str(i).isdigit()],
            **values,
        )

    def _write_preview_assets(self, view: SiteView, card: ArticleCard, body_html: str) -> None:
        from editor.content import catalog as catalog_queries
        from editor.publish.markdown import asset_refs

        shas = set()
        for ref in asset_refs(body_html):
            path = view.asset_path(ref)
            if path:
                shas.add((path, ref))
        cover = view.asset_by_id.get(card.cover_id) if card.cover_id else None
        if cover is not None:
            shas.add((view.asset_path(cover.sha256), cover.sha256))
        if not shas:
            return
        base = self.preview_base_dir()
        missing = {}
        for path, ref in shas:
            if not (base / path).exists():
                full = next((s for s in view.catalog.assets if s.startswith(ref)), ref)
                missing[full] = path
        if missing:
            data = catalog_queries.load_asset_data(missing)
            for sha, blob in data.items():
                target = base / missing[sha]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(blob)

    # ---- export ------------------------------------------------------------------------

    def export(
        self,
        out_dir,
        *,
        full: bool = False,
        zip_path=None,
        delta_zip_path=None,
        progress=None,
        cancel=None,
        workers: int | None = None,
        keep_catalog: bool = False,
        first: Callable[[ExportResult], None] | None = None,
    ) -> ExportResult:
        """Export the site into `out_dir` (incremental unless `full`); see the module doc.
        `workers` limits the rendering processes (default: all cores; 1 renders here).
        `keep_catalog` leaves the catalog read on disk for the next process's export into
        the same folder (a process that ends with this export: the command line's).

        With `first`, an incremental export after edits of a few articles publishes in two
        passes: the pages a reader needs to find them (their own pages, the list pages
        listing them, home, the feeds, the sitemap, new files) go into the bundle first and
        `first(result)` is called with that pass's result; the other pages that show them
        (相关新闻 and 热门排行 on other articles, list pages whose entries only shifted)
        follow before this returns the whole export's result (`Exporter.run(first=True)`):
        from the first pass's plan when the site's change stamp and code stamp are still
        those it read (`Exporter.run_rest`), else from a new run (after the site's checks
        again). Each pass leaves a whole bundle and records what it wrote: when the second
        fails or is cancelled, the next export writes what it left.

        An incremental export without zips first asks `editor.publish.quick` whether the
        bundle is known to be current: then nothing is loaded, checked or logged. Otherwise
        the site is read through this publisher's warm catalog (`editor.publish.warm`): after
        the first export, only the articles changed since are read. Exports of one publisher
        from several threads run one after the other."""
        self.workspace.require_writable()  # (an export records what it wrote in the site)
        with self._one_export(cancel):
            from editor.content.site_stamp import change_stamp
            from editor.publish import quick

            stamp = change_stamp(datetime.now().replace(microsecond=0))  # before any read
            site_stamps = (stamp.key, quick.code_stamp(stamp.templates))
            if not (full or zip_path or delta_zip_path):
                result = quick.unchanged(self.workspace, out_dir, site_stamps, progress)
                if result is not None:
                    return result
            from editor.publish.warm import WarmCatalog

            self.workspace.checks.before_publish()  # the site's checks; an error refuses
            warm = self._warm = self._warm or WarmCatalog()
            database = self.workspace.target.location
            state_key = str(Path(out_dir).expanduser().resolve())  # the export state's name
            if full:
                warm.forget()  # a full export reads everything again
            elif warm.catalog is None:
                warm.restore(database, state_key)  # what the last process's export left
            options = dict(progress=progress, cancel=cancel, workers=workers)
            run = dict(full=full, zip_path=zip_path, delta_zip_path=delta_zip_path)
            exporter, result = self._run_export(
                out_dir, stamp, options, run, keep_catalog, first is not None
            )
            if result.pending and first is not None:
                first(result)  # (the pages are out: the log of what went out follows)
            self._log(exporter, result)
            if result.pending and first is not None:
                read = site_stamps
                stamp = change_stamp(datetime.now().replace(microsecond=0))
                site_stamps = (stamp.key, quick.code_stamp(stamp.templates))
                # the site as the first pass read it: the rest of its plan; else a new run,
                # checked again (the site's checks may refuse what was saved meanwhile)
                rest = exporter.run_rest() if site_stamps == read else None
                if rest is None:
                    self.workspace.checks.before_publish()
                    exporter, rest = self._run_export(
                        out_dir, stamp, options, {}, keep_catalog, False
                    )
                self._log(exporter, rest)
                result = result.then(rest)
            if keep_catalog:
                warm.keep(database, state_key, result.run_key)
            quick.remember(self.workspace, result, site_stamps)
            return result

    @contextlib.contextmanager
    def _one_export(self, cancel) -> Iterator[None]:
        """Hold the lock of one export at a time; a cancel asked for while another export
        holds it (the export dialog's while one after 发布 runs) ends the wait."""
        while not self._exporting.acquire(timeout=0.05):
            if cancel is not None and (cancel.is_set() if hasattr(cancel, "is_set") else cancel()):
                # (imported here: an export with nothing to do loads none of the exporter)
                from editor.publish.export import ExportCancelled

                raise ExportCancelled(
                    tr("Export cancelled; the previous bundle was left as it was.")
                )
        try:
            yield
        finally:
            self._exporting.release()

    def _run_export(
        self,
        out_dir,
        stamp,
        options: dict,
        run: dict,
        keep_catalog: bool,
        first: bool,
    ) -> tuple[Exporter, ExportResult]:
        """One run of an exporter with this publisher's warm catalog, sketches, records,
        theme and last view; (the exporter, its result)."""
        from editor.publish.export import Exporter

        warm = self._warm
        full = bool(run.get("full"))
        exporter = Exporter(
            self.workspace,
            catalog_loader=lambda moment: warm.load(moment, stamp),
            sketches=self._sketches,
            records=None if keep_catalog else self._records,  # (a process that ends)
            prior_view=self._view if not full else None,
            prior_renderer=self._renderer if not full else None,
            theme_loader=self._theme_for_export,
            **options,
        )
        try:
            result = exporter.run(out_dir, first=first, **run)
        except BaseException:
            warm.forget()
            self._view = self._renderer = None
            raise
        if exporter.view is not None:  # (none when nothing had changed)
            self._view, self._renderer = exporter.view, exporter.renderer
        return exporter, result

    def _log(self, exporter: Exporter, result: ExportResult) -> None:
        """What went out, when and where: the export's own pages (the append-only publish
        log, `editor.content.publish_log`)."""
        from editor.content.publish_log import log_export

        view = exporter.view
        log_export(
            self.workspace,
            result.out,
            pages=view.article_url if view is not None else None,
            cards=view.cards if view is not None else None,
        )
