"""Export the site as a static bundle, incrementally by default.

1. Load the visible site in a handful of bulk queries and plan every output with the
   fingerprint of its inputs (`plan.plan_outputs`). When nothing that was read differs
   from the last export (`Catalog.signature`, theme, year), stop here. A full export
   renders every output whatever its fingerprint: it plans the paths and hands the pages
   to the render workers, which make the fingerprints of article and list pages (only the
   export state needs them) as they render them.
2. Compare with the export state of the target folder (`ExportState`, keyed by folder and
   path): an incremental export re-renders only outputs whose fingerprint changed; a full
   one (`full=True`) re-renders everything, in parallel on all cores. When only articles
   differ from the last export (nothing of the catalog's frame: `Catalog.frame_signature`),
   the sketch that export left (`editor.publish.sketch`) stands in for planning: only the
   pages that may show an added, edited or removed article get new fingerprints
   (`editor.publish.delta`).
3. Stage: into a new folder, the whole bundle goes to a staging folder that is renamed
   into place. Into an existing bundle, only files whose bytes differ from what the bundle
   holds are staged, then moved in under a journal (`bundle.Staging`): a failure before
   that leaves the old bundle untouched, a kill during it is rolled forward next time.
   (Rewriting tens of thousands of unchanged files and folders would cost more than
   rendering them.)
4. Write manifest.json, commit, record the new state and write the zips. Article bodies
   rendered on the way are stored as the articles' cache batch by batch (a cache: keeping
   it is harmless even when the export fails; plain prose is not stored, see `BodyCache`).
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from editor.content import catalog as catalog_queries
from editor.errors import NewsdeskError
from editor.i18n import tr
from editor.publish import bundle, delta, kinds, sketch
from editor.publish.bundle import MANIFEST, ExportError, Staging, describe_os_error  # noqa: F401
from editor.publish.collector import collector_paused, give_back, set_aside
from editor.publish.context import SiteView, digest
from editor.publish.markdown import RENDERER_VERSION
from editor.publish.plan import Output, manifest_maps, plan_outputs
from editor.publish.recorded import Recorded, RecordedShas, verified_shas
from editor.publish.render import PageRenderer
from editor.publish.result import ExportResult
from editor.publish.theme import load_theme
from editor.publish.worker import BatchRenderer

PARALLEL_THRESHOLD = 400  # pages: fewer render faster here than in freshly started workers
# pages of an incremental export below which spawned workers are not started: each would
# import the program and read the whole site, while this process has it planned already
SPAWN_PATCH_THRESHOLD = 2000
ARTICLE_BATCH = 250
PAGE_BATCH = 150
# The last pages go in small batches, so that the render workers finish together: with
# whole batches to the end, one worker rendered the last of them while the other had
# nothing left to do (0.1-0.15 s of an idle core on 10,000 articles).
TAIL_PAGES = 300
TAIL_BATCH = 40
FIRST_PASS = "first:"  # the run key of a first pass starts so (`Exporter.run(first=True)`)

Progress = Callable[[int, int, str], None]


class ExportCancelled(NewsdeskError):
    """The export was cancelled; the previous bundle is unchanged."""


class Exporter:
    """One export run of a workspace."""

    def __init__(
        self,
        workspace,
        *,
        progress: Progress | None = None,
        cancel=None,
        workers: int | None = None,
        catalog_loader: Callable | None = None,
        sketches: dict | None = None,
        records: dict | None = None,
        prior_view: SiteView | None = None,
        prior_renderer: PageRenderer | None = None,
        theme_loader: Callable | None = None,
    ) -> None:
        """`catalog_loader(moment)` reads the site (default `catalog.load_catalog`; the
        application passes its warm catalog, `editor.publish.warm`); `sketches` keeps the
        sketches of this process's exports by folder (the application's publisher passes
        its own, so that a sketch is not read back from disk), `records` what they
        recorded (`editor.publish.recorded`: the export state is not read back either),
        `prior_view` the site view of its last export (`SiteView`'s `prior`) and
        `prior_renderer` its renderer (`PageRenderer`'s `prior`); `view` and `renderer`
        are this run's. `theme_loader(templates_dir)` gives the theme (default: loaded
        from its files; the application keeps it while they are unchanged)."""
        self.workspace = workspace
        self.catalog_loader = catalog_loader or catalog_queries.load_catalog
        self.sketches = sketches if sketches is not None else {}
        self.records = records if records is not None else {}
        self._keeps_records = records is not None  # (none given: no next export to keep for)
        self.prior_view = prior_view
        self.prior_renderer = prior_renderer
        self.theme_loader = theme_loader or (lambda folder: load_theme(folder, auto_reload=False))
        self.view: SiteView | None = None
        self.renderer: PageRenderer | None = None
        self._planned_from = None  # the sketch the delta plan came from
        self._differing: set[int] = set()  # the articles whose entries differ from it
        self._replanned: dict[str, None] = {}  # the paths it planned again or left out
        self._rest: tuple | None = None  # what a first pass left (`run_rest`)
        self._aside = False  # whether this run set the site it read aside from the collector
        self.progress = progress
        self.cancel = cancel
        self.workers = workers if workers is not None else (os.cpu_count() or 1)
        self.parallel_threshold = PARALLEL_THRESHOLD
        self.stale: set[str] = set()

    # ---- helpers -----------------------------------------------------------------------

    def _report(self, done: int, total: int, message: str) -> None:
        if self.progress is not None:
            self.progress(done, total, message)

    def _check_cancel(self) -> None:
        cancel = self.cancel
        if cancel is None:
            return
        flag = cancel.is_set() if hasattr(cancel, "is_set") else bool(cancel())
        if flag:
            raise ExportCancelled(tr("Export cancelled; the previous bundle was left as it was."))

    # ---- run ---------------------------------------------------------------------------

    def run(
        self,
        out_dir,
        *,
        full: bool = False,
        zip_path=None,
        delta_zip_path=None,
        first: bool = False,
    ) -> ExportResult:
        """Export into `out_dir`; see the module docstring for the steps. With `first`, an
        incremental export planned from the last one's sketch may publish only the pages
        that must show the edits (`_first_pages`) and say how many it left
        (`ExportResult.pending`): the next export into the folder writes them."""
        started = time.perf_counter()
        # (set by this run's delta plan)
        self._planned_from, self._differing, self._replanned = None, set(), {}
        self._rest = None
        out = Path(out_dir).expanduser().resolve()
        result = ExportResult(out=str(out), full=full)
        try:
            bundle.recover(out)
        except OSError as exc:
            raise describe_os_error(exc, tr("tidying up after an interrupted export")) from exc
        has_bundle = bundle.check_target(out)
        self._report(0, 1, "planning")
        moment = datetime.now().replace(microsecond=0)
        staging = Staging(out, patch=has_bundle)
        self._pool = None
        if (
            self.workers > 1
            and start_method() == "spawn"
            and (full or not has_bundle)
            and catalog_queries.visible_count(moment) >= self.parallel_threshold
        ):  # spawned workers start and load the site while this process plans
            self._pool = self._start_pool(moment, staging)
        try:
            return self._run(
                out,
                result,
                staging,
                moment,
                has_bundle,
                full,
                zip_path,
                delta_zip_path,
                started,
                first,
            )
        except BaseException:
            self.records.pop(str(out), None)  # (its manifest's entries may be half changed)
            raise
        finally:
            self._stop_pool()
            give_back(self._aside)
            self._aside = False

    def _stop_pool(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def _run(
        self,
        out: Path,
        result: ExportResult,
        staging: Staging,
        moment,
        has_bundle: bool,
        full: bool,
        zip_path,
        delta_zip_path,
        started: float,
        first: bool = False,
    ) -> ExportResult:
        phase = _Phases(result)
        with collector_paused():  # reading and indexing the site: no garbage to find
            catalog = self.catalog_loader(moment)
            theme = self.theme_loader(catalog.site.get("templates_dir") or "")
            state_key = str(out)
            # Nothing read from the database, theme or clock changed: the bundle is current.
            run_key = digest(catalog.signature, theme.version, RENDERER_VERSION, moment.year)
            if has_bundle and not full:
                entry = catalog_queries.export_state_entry(state_key, MANIFEST)
                if entry is not None and entry[0] == run_key:
                    result.unchanged = catalog_queries.export_state_count(state_key)
                    result.run_key, result.manifest_sha = run_key, entry[1]
                    result.outputs = result.unchanged - 1
                    self._finish_zips(result, out, zip_path, delta_zip_path, [], [])
                    result.seconds = time.perf_counter() - started
                    self._report(1, 1, "nothing changed")
                    return result
            phase("load")
            view = self.view = SiteView(catalog, theme, prior=self.prior_view)
            renderer = self.renderer = PageRenderer(view, self.prior_renderer)
            frame_key = digest(
                catalog.frame_signature, theme.version, RENDERER_VERSION, moment.year
            )
            previous, record = self._recorded(state_key) if has_bundle else ({}, None)
            planned = (
                self._delta_plan(state_key, view, renderer, frame_key, previous, record)
                if has_bundle and not full
                else None
            )
            if planned is not None:
                outputs, maps = planned
            else:
                # a full export renders every output whatever its fingerprint: the many
                # that only the export state needs are made as the pages render
                outputs = plan_outputs(view, renderer, fingerprints=not full)
                maps = manifest_maps(outputs)
            phase("plan")
            # what was read and planned lives until the run ends: rendering's collections
            # need not walk it (`editor.publish.collector`)
            self._aside = set_aside()
        # (planned from the sketch, only the outputs planned again can differ)
        replanned = self._replanned if planned is not None else outputs
        if full:
            todo = list(outputs.values())
        else:
            todo = [
                output
                for path in replanned
                if (output := outputs.get(path)) is not None
                and previous.get(path, ("",))[0] != output.fingerprint
            ]
        if planned is not None:
            removed = sorted(p for p in replanned if p not in outputs and p in previous)
        else:
            removed = sorted(p for p in previous if p not in outputs and p != MANIFEST)
        later: list[Output] = []  # pages a first pass leaves for the next export
        if first and self._planned_from is not None and not (removed or zip_path or delta_zip_path):
            todo, later = self._first_pages(view, todo, previous)
        self._check_cancel()
        if has_bundle and not full and not todo and not removed:
            result.unchanged = len(outputs) + 1
            self._finish_zips(result, out, zip_path, delta_zip_path, [], [])
            entry = previous.get(MANIFEST)
            if entry is not None:
                row = (MANIFEST, run_key, *entry[1:])
                catalog_queries.save_export_state(state_key, [row], [])
                self._keep_record(state_key, record or Recorded(previous), [row], [], full)
                self._keep_sketch(state_key, run_key, frame_key, view, maps, len(outputs))
                result.run_key, result.manifest_sha = run_key, entry[1]
            result.outputs = len(outputs)
            result.seconds = time.perf_counter() - started
            self._report(1, 1, "nothing changed")
            return result

        plan = _Planned(out, view, renderer, outputs, maps, run_key, frame_key, moment)
        return self._write(
            plan,
            result,
            staging,
            todo,
            removed,
            later,
            previous,
            record,
            full=full,
            has_bundle=has_bundle,
            zips=(zip_path, delta_zip_path),
            started=started,
            phase=phase,
        )

    def run_rest(self) -> ExportResult | None:
        """Write the pages the first pass of this exporter's last run left, from that run's
        plan (`run(first=True)`). Call it only when the site is as that run read it (the
        publisher compares the site's change and code stamps); None when the run left
        nothing, or its record no longer stands for the folder (then a new run writes
        them)."""
        rest, self._rest = self._rest, None
        if rest is None:
            return None
        plan, later = rest
        state_key = str(plan.out)
        record = self.records.get(state_key)
        if (
            record is None
            or not (plan.out / MANIFEST).is_file()
            or not record.current(catalog_queries.export_state_entry(state_key, MANIFEST))
        ):
            return None
        started = time.perf_counter()
        result = ExportResult(out=str(plan.out))
        self._aside = set_aside()
        try:
            return self._write(
                plan,
                result,
                Staging(plan.out, patch=True),
                later,
                [],
                [],
                record.rows,
                record,
                full=False,
                has_bundle=True,
                zips=(None, None),
                started=started,
                phase=_Phases(result),
            )
        except BaseException:
            self.records.pop(state_key, None)
            raise
        finally:
            give_back(self._aside)
            self._aside = False

    def _write(
        self,
        plan: _Planned,
        result: ExportResult,
        staging: Staging,
        todo: list[Output],
        removed: list[str],
        later: list[Output],
        previous: dict,
        record: Recorded | None,
        *,
        full: bool,
        has_bundle: bool,
        zips: tuple,
        started: float,
        phase: _Phases,
    ) -> ExportResult:
        """Render and write `todo`, delete `removed`, commit, write the zips and record the
        export (a first pass when it leaves `later`)."""
        out, view, renderer, outputs, maps, run_key, frame_key, moment = plan
        state_key = str(out)
        zip_path, delta_zip_path = zips
        try:
            staging.create()
            olds = RecordedShas(previous)
            if full and has_bundle:  # a full export also repairs files changed by hand
                olds = verified_shas(out, previous)
            files, written = self._produce(todo, staging, view, renderer, olds, moment)
            phase("render")
            for path in removed:
                staging.remove(path)
            memo = record.manifest_for(olds.get(MANIFEST)) if record is not None else None
            if memo is not None:  # the last manifest's entries: only the changed files differ
                memo.update(files, removed)
            else:
                for path in outputs:
                    if path not in files:
                        _fingerprint, sha, size = previous[path]
                        files[path] = (sha, size)
                memo = bundle.ManifestMemo(files)
            manifest = self._manifest(view, memo, *maps)
            manifest_sha = bundle_sha(manifest)
            if manifest_sha != olds.get(MANIFEST) or not has_bundle:
                staging.write(MANIFEST, manifest)
                written.append(MANIFEST)
            self._check_cancel()
            phase("manifest")
            self._report(len(todo), len(todo) + 1, "replacing the bundle")
            staging.commit()
            phase("commit")
        except OSError as exc:
            self._stop_pool()  # (workers may still be writing into the staging folder)
            staging.discard()
            raise describe_os_error(exc, tr("writing the bundle")) from exc
        except BaseException:
            self._stop_pool()
            staging.discard()
            raise
        changed = [
            p
            for p in written
            if previous.get(p, ("", "", 0))[1] != (files[p][0] if p in files else manifest_sha)
        ]
        result.written = len(written)
        result.written_paths = sorted(written)
        result.deleted = len(removed)
        result.deleted_paths = removed
        result.unchanged = len(outputs) + 1 - len(written)
        result.rendered = len(todo)
        result.changed = len(changed)
        result.changed_paths = sorted(changed)
        # The export is recorded only once every requested output exists: when a zip
        # fails, the next export still compares with the last recorded one, so its delta
        # holds this export's changes too.
        self._finish_zips(result, out, zip_path, delta_zip_path, sorted(changed), removed)
        phase("zips")
        # pages a worker rendered from a different moment of the database render again next time
        rows = [
            (path, "" if path in self.stale else outputs[path].fingerprint, *files[path])
            for path in {o.path for o in todo}
        ]
        # (a first pass records a key of its own: the next export plans its edits again)
        key = "" if self.stale else (FIRST_PASS + run_key if later else run_key)
        rows.append((MANIFEST, key, manifest_sha, len(manifest)))
        # (rows of a bundle no longer in the folder go: it was removed or emptied by hand)
        whole = full or not has_bundle
        catalog_queries.save_export_state(state_key, rows, removed, replace_all=whole)
        if self.stale:
            self.records.pop(state_key, None)
        else:
            memo.sha = manifest_sha
            record = record or Recorded(previous)
            record.manifest = memo
            self._keep_record(state_key, record, rows, removed, whole)
        self._keep_sketch(state_key, key, frame_key, view, maps, len(outputs), first=bool(later))
        result.run_key = "" if later else key  # (a first pass is not a current bundle)
        result.manifest_sha, result.outputs = manifest_sha, len(outputs)
        result.pending = len(later)
        if later and not self.stale:
            self._rest = (plan, later)
        phase("state")
        result.seconds = time.perf_counter() - started
        if not later:  # (after a first pass, the second reports the end)
            self._report(1, 1, "done")
        return result

    # ---- producing files ---------------------------------------------------------------

    def _produce(
        self,
        todo: list[Output],
        staging: Staging,
        view: SiteView,
        renderer: PageRenderer,
        olds: RecordedShas | dict[str, str],
        moment,
    ):
        """Write static files and assets, render pages; returns (files, written). Pages
        planned without their fingerprints get them from their rendering (`BatchRenderer`).
        With worker processes, the pages go to them first and this process writes the
        copied files (theme files, stored images) while they render; rendering here, it
        writes the copied files first."""
        files: dict[str, tuple[str, int]] = {}
        written: list[str] = []
        copies = [o for o in todo if kinds.kind(o.kind).copied]
        pages = [o for o in todo if not kinds.kind(o.kind).copied]
        total = len(todo)

        def copy() -> None:
            loaded: dict[str, bytes] = {}
            for name in dict.fromkeys(o.kind for o in copies):
                loaded.update(kinds.kind(name).load(view, [o for o in copies if o.kind == name]))
            for output in copies:
                data = loaded[output.path]
                sha = bundle_sha(data)
                files[output.path] = (sha, len(data))
                if sha != olds.get(output.path):
                    staging.write(output.path, data)
                    written.append(output.path)
            self._report(len(copies), total, "static files")

        batches = _batches(pages, olds)
        done = len(copies)
        threshold = self.parallel_threshold
        if staging.patch and start_method() == "spawn":
            threshold = max(threshold, SPAWN_PATCH_THRESHOLD)
        if self._pool is None and self.workers > 1 and len(pages) >= threshold:
            self._pool = self._start_pool(moment, staging, view, renderer)
        parallel = self._pool is not None and bool(pages)
        if parallel:
            results = self._pool_results(self._pool, batches)  # (handed to the workers now)
        else:
            copy()
            local = BatchRenderer(view, renderer, str(staging.path), flat=staging.flat)
            results = (local.run(batch) for batch in batches)
        try:
            if parallel:  # the workers render meanwhile; their results wait in the queue
                copy()
            pending = {o.path: o for o in pages if o.fingerprint is None}
            for rendered, bodies, signature in results:
                self._check_cancel()
                if signature != view.catalog.signature:  # an edit landed meanwhile
                    self.stale.update(path for path, *_rest in rendered)
                if bodies:
                    catalog_queries.store_rendered_bodies(bodies)
                for path, sha, size, did_write, fingerprint in rendered:
                    files[path] = (sha, size)
                    if did_write:
                        written.append(path)
                        staging.note_written([path])
                    if fingerprint is not None:
                        pending[path].fingerprint = fingerprint
                done += len(rendered)
                self._report(done, total, "rendering pages")
        finally:
            close = getattr(results, "close", None)
            if close is not None:
                close()
        self._stop_pool()  # every page is written: the workers' memory goes back before the
        return files, written  # manifest, the export state and the publish log are made

    def _start_pool(self, moment, staging: Staging, view=None, renderer=None):
        """A process pool of render workers (see `start_method`). Forked workers inherit
        the planned site view and open their own database connection; spawned ones open
        the database and load the site themselves."""
        from editor.publish import worker

        target = self.workspace.target
        method = start_method() if view is not None else "spawn"
        context = multiprocessing.get_context(method)
        if method == "fork":
            worker.inherit(BatchRenderer(view, renderer, str(staging.path), flat=staging.flat))
            try:
                return context.Pool(
                    self.workers,
                    initializer=worker.init_forked_worker,
                    initargs=(target.kind, target.location),
                )
            finally:
                worker.inherit(None)
        return context.Pool(
            self.workers,
            initializer=worker.init_worker,
            initargs=(
                target.kind,
                target.location,
                moment.isoformat(),
                str(staging.path),
                staging.flat,
            ),
        )

    @staticmethod
    def _pool_results(pool, batches):
        """The rendered batches as the workers finish them; every batch is handed to the
        workers at once (not when the first result is asked for)."""
        from editor.publish import worker

        return pool.imap_unordered(worker.render_batch, batches)

    def _manifest(
        self,
        view: SiteView,
        memo: bundle.ManifestMemo,
        sections: dict[str, list[str]],
        pages: dict[str, str],
    ) -> bytes:
        urls = view.article_url
        articles = [(aid, urls[aid]) for aid in view.order if aid in urls]
        return memo.manifest(view.site.get("name", ""), articles, sections, pages)

    # ---- what the last export into a folder recorded ------------------------------------

    def _recorded(self, state_key: str) -> tuple[dict, Recorded | None]:
        """(the export state of the folder, this process's record of it when it is still
        the recorded one: `editor.publish.recorded`)."""
        record = self.records.get(state_key)
        if record is not None:
            if record.current(catalog_queries.export_state_entry(state_key, MANIFEST)):
                return record.rows, record
            del self.records[state_key]
        return catalog_queries.load_export_state(state_key), None

    def _keep_record(
        self, state_key: str, record: Recorded, rows: list, removed: list[str], full: bool
    ) -> None:
        if not self._keeps_records:
            return
        record.record(rows, removed, whole=full)
        self.records[state_key] = record

    # ---- planning only what the edits since the last export changed ------------------------

    def _delta_plan(
        self,
        state_key: str,
        view: SiteView,
        renderer,
        frame_key: str,
        previous: dict,
        record: Recorded | None,
    ):
        """(outputs, manifest maps) planned by `editor.publish.delta` from the sketch the
        last export into this folder left, when the export state `previous` says it is that
        export's and only articles changed since; else None (plan everything)."""
        database = self.workspace.target.location
        found = self.sketches.get(state_key) or sketch.load_sketch(database, state_key)
        if found is None or not found.run_key or found.frame_key != frame_key:
            return None
        entry = previous.get(MANIFEST)
        if entry is None or entry[0] != found.run_key:
            return None
        if found.first_pass is not None:
            # A first pass wrote pages of its edited articles as it read them; when one was
            # edited again since (or taken back), pages only that state showed would not be
            # planned again from the last export's entries: plan everything.
            cards = view.cards
            if any(
                (cards[aid].version if aid in cards else None) != seen
                for aid, seen in found.first_pass.items()
            ):
                return None
        kept = record.kept() if record is not None else None
        differing: set[int] = set()
        replanned: dict[str, None] = {}
        planned = delta.delta_outputs(
            view, renderer, found, frame_key, previous, kept, differing, replanned
        )
        if planned is None:
            return None
        self._planned_from, self._differing, self._replanned = found, differing, replanned
        return planned

    def _first_pages(
        self, view: SiteView, todo: list[Output], previous: dict
    ) -> tuple[list[Output], list[Output]]:
        """(the pages a reader needs to find the edited articles, the rest): new files,
        the articles' own pages, the list pages listing them, home, the feeds, the sitemap,
        theme files and stored images first (`PageKind.shows`); the other articles' pages
        whose 相关新闻 or 热门排行 show them and list pages whose entries only shifted, after.
        Every page of the first pass links only to files already there: new files go in
        it, and nothing is removed (an export that removes files is not split)."""
        touched = self._differing
        first: list[Output] = []
        later: list[Output] = []
        for output in todo:
            if output.path not in previous or kinds.kind(output.kind).shows(view, output, touched):
                first.append(output)
            else:
                later.append(output)
        return (first, later) if first else (todo, [])

    def _keep_sketch(
        self,
        state_key: str,
        run_key: str,
        frame_key: str,
        view: SiteView,
        maps,
        total: int,
        first: bool = False,
    ) -> None:
        """Keep the sketch of this export for the next. A first pass (`first`) keeps the
        entries and rankings of the sketch it was planned from, so that the next export
        plans the same edits again and writes the pages it left."""
        database = self.workspace.target.location
        self.sketches.pop(state_key, None)
        if not run_key:
            sketch.forget_sketch(database, state_key)
            return
        cards = view.cards
        prior = self._planned_from
        changed: set[int] | None = None  # articles whose entries differ from the prior's
        hot_keys = dict(view.hot_keys)
        seen = None
        if first and prior is not None:
            articles, changed, hot_keys = dict(prior.articles), set(), dict(prior.hot_keys)
            seen = {aid: cards[aid].version if aid in cards else None for aid in self._differing}
        elif prior is not None:  # entries of unchanged articles stay as they were
            articles = dict(prior.articles)
            changed = set(self._differing)  # (added, saved or gone: the delta plan's)
            for aid in changed:
                if aid in cards:
                    articles[aid] = delta.article_entry(view, aid)
                else:
                    articles.pop(aid, None)
        else:
            articles = {aid: delta.article_entry(view, aid) for aid in cards}
        sections, pages = maps
        kept = sketch.ExportSketch(
            run_key,
            frame_key,
            articles,
            hot_keys,
            delta.names_key(view.catalog.names),
            sections,
            pages,
            total,
            first_pass=seen,
        )
        sketch.save_sketch(database, state_key, kept, prior, changed)
        self.sketches[state_key] = kept

    def _finish_zips(
        self,
        result: ExportResult,
        out: Path,
        zip_path,
        delta_zip_path,
        changed: list[str],
        removed: list[str],
    ) -> None:
        """Write the requested zips of the bundle now in `out`. A failure says that the
        bundle was updated and that this export is not recorded (the caller records it
        only after this returns)."""
        try:
            if zip_path:
                self._report(0, 1, "writing the zip")
                bundle.write_zip(out, Path(zip_path))
                result.zip_path = str(Path(zip_path).resolve())
            if delta_zip_path:
                bundle.write_zip(out, Path(delta_zip_path), paths=changed, deleted=removed)
                result.delta_zip_path = str(Path(delta_zip_path).resolve())
        except bundle.ZipWriteError as exc:
            raise ExportError(
                tr(
                    "The bundle in {out} is up to date, but {problem} This export is not "
                    "recorded as done: the next export writes the zip again, with every "
                    "change since the last complete export.",
                    out=out,
                    problem=str(exc),
                )
            ) from exc


def start_method() -> str:
    """How render workers start: "fork" on Linux in a process without Qt and without other
    threads (the command line), so they inherit the planned site instead of importing the
    program and loading the site again; "spawn" anywhere else (never fork a running Qt
    application or a process with threads)."""
    import sys
    import threading

    if (
        sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and not any(name.startswith("PySide6") for name in sys.modules)
        and threading.active_count() == 1
    ):
        return "fork"
    return "spawn"


def bundle_sha(data: bytes) -> str:
    """The SHA-256 of a file's bytes, as the manifest records it."""
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _batches(pages: list[Output], olds: RecordedShas | dict[str, str]) -> list[list[tuple]]:
    """Pages grouped for rendering: article pages of one section together (shared
    fragments and one read of their bodies), then every other page; the last
    `TAIL_PAGES` or so in batches of `TAIL_BATCH` (see there)."""
    articles = [o for o in pages if kinds.kind(o.kind).needs_bodies]
    others = [o for o in pages if not kinds.kind(o.kind).needs_bodies]
    articles.sort(key=lambda o: o.path)
    batches = []
    for group, size in ((articles, ARTICLE_BATCH), (others, PAGE_BATCH)):
        for start in range(0, len(group), size):
            batches.append(
                [
                    (o.path, o.kind, o.key, olds.get(o.path), o.fingerprint is None)
                    for o in group[start : start + size]
                ]
            )
    tail: list[tuple] = []
    while len(batches) > 1 and len(tail) + len(batches[-1]) <= TAIL_PAGES:
        tail[:0] = batches.pop()
    batches += [tail[start : start + TAIL_BATCH] for start in range(0, len(tail), TAIL_BATCH)]
    return batches


class _Planned(NamedTuple):
    """What a run read and planned, for writing its pages (`Exporter._write`)."""

    out: Path
    view: SiteView
    renderer: PageRenderer
    outputs: dict[str, Output]
    maps: tuple[dict, dict]
    run_key: str
    frame_key: str
    moment: datetime


class _Phases:
    """Seconds per step of a run, into its result's `phases` (called at each step's end)."""

    def __init__(self, result: ExportResult) -> None:
        self.phases = result.phases
        self.mark = time.perf_counter()

    def __call__(self, name: str) -> None:
        now = time.perf_counter()
        self.phases[name] = round(now - self.mark, 3)
        self.mark = now
