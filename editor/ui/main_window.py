"""The main window: section tree | article list | article editor + preview.

All signals are wired in `_wire`; widgets ask with …Requested signals and announce with
…Changed, and only this window turns requests into service calls.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
)

from editor.errors import ConflictError, NewsdeskError
from editor.ui import live_export, settings
from editor.ui.article_editor import ArticleEditor
from editor.ui.article_list import ArticleListPanel
from editor.ui.autosave import AutosaveController
from editor.ui.body_editor import preferred_mode
from editor.ui.findings_button import FindingsButton
from editor.ui.i18n import LANGUAGES
from editor.ui.live_export import LiveExport
from editor.ui.menus import build_actions, build_menus
from editor.ui.preview import PreviewPane, PreviewSwitch
from editor.ui.rendering import render_preview
from editor.ui.save_checks import SaveChecks
from editor.ui.section_tree import ROOT_ID, SectionTreeModel, SectionTreeView

log = logging.getLogger(__name__)

DEFAULT_SIZE = (1600, 960)
DEFAULT_SPLIT = [190, 480, 930]
DEFAULT_RIGHT_SPLIT = [450, 480]


class MainWindow(QMainWindow):
    """One open site (a Workspace) in the editor's workstation."""

    siteOpenRequested = Signal(str)  # a site file or URL to open instead of this one
    newSiteRequested = Signal()
    languageChangeRequested = Signal(str)

    def __init__(self, workspace, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._summary: dict = {"by_status": {}}  # the status bar's counts (update_status)
        self._choices_seen = (-1, -1)  # _choices_version() when the pickers were filled
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("编辑台 Newsdesk"))
        self.tree_model = SectionTreeModel(self)
        self.tree = SectionTreeView(self)
        self.tree.setModel(self.tree_model)
        self.articles = ArticleListPanel(self)
        self.editor = ArticleEditor(self)
        self.editor.media = workspace.media
        self.editor.body.media = workspace.media
        self.editor.related.articles = workspace.articles
        self.preview = PreviewPane(self)
        self.preview.renderer = lambda fields: render_preview(self.workspace, fields)
        self.preview.thread_cleanup = workspace.db.close  # the render thread's connection
        self.right = QSplitter(Qt.Orientation.Horizontal, self)
        self.right.setObjectName("editorSplitter")
        self.right.addWidget(self.editor)
        self.right.addWidget(self.preview)
        self.split = QSplitter(Qt.Orientation.Horizontal, self)
        self.split.setObjectName("mainSplitter")
        self.split.addWidget(self.tree)
        self.split.addWidget(self.articles)
        self.split.addWidget(self.right)
        self.split.setStretchFactor(2, 1)
        self.setCentralWidget(self.split)
        self.autosave = AutosaveController(workspace.drafts, self.editor, self)
        self.actions = build_actions(self)
        self.menus = build_menus(
            self,
            self.actions,
            {
                "@recent": self._fill_recent_menu,
                "@format": self._fill_format_menu,
                "@language": self._fill_language_menu,
            },
        )
        self.findings_button = FindingsButton(self)
        self.save_checks = SaveChecks(self)
        self.live_export = LiveExport(self)
        self.site_label = QLabel(self)
        self.counts_label = QLabel(self)
        self.export_label = QLabel(self)
        for label in (self.findings_button, self.site_label, self.counts_label, self.export_label):
            self.statusBar().addPermanentWidget(label)
        self._wire()
        self.reload_all()
        self.restore_layout()
        self.editor.clear()
        self.preview.show_fields(None, immediately=True)
        self.preview.warm_up()

    # ---- wiring -----------------------------------------------------------------------------

    def _wire(self) -> None:
        a = self.actions
        self.tree.sectionChanged.connect(self.section_changed)
        self.tree.addSectionRequested.connect(self.add_section)
        self.tree.deleteSectionRequested.connect(self.delete_section)
        self.tree.propertiesRequested.connect(self.edit_section)
        self.tree_model.sectionRenameRequested.connect(self.rename_section)
        self.tree_model.sectionMoveRequested.connect(self.move_section)
        self.tree_model.articlesMoveRequested.connect(self.move_articles_to)
        self.articles.currentArticleChanged.connect(self.open_article)
        self.articles.newArticleRequested.connect(self.new_article)
        self.articles.publishRequested.connect(self.publish_articles)
        self.articles.unpublishRequested.connect(self.unpublish_articles)
        self.articles.moveRequested.connect(self.move_articles)
        self.articles.deleteRequested.connect(self.delete_articles)
        self.editor.fieldsChanged.connect(self.refresh_preview)
        self.editor.saveRequested.connect(self.save_article)
        self.editor.revisionsRequested.connect(self.show_revisions)
        self.editor.body.imageStored.connect(lambda _sha: self.refresh_preview())
        self.autosave.draftSaved.connect(
            lambda _key: self.statusBar().showMessage(self.tr("已自动保存草稿"), 2000)
        )
        self.autosave.draftFailed.connect(
            lambda reason: self.statusBar().showMessage(
                self.tr("草稿没有自动保存：{reason}").format(reason=reason), 10000
            )
        )
        dialogs = self._dialogs()
        a["new_site"].triggered.connect(self.newSiteRequested)
        a["open_site"].triggered.connect(lambda: dialogs.open_site(self))
        a["open_demo"].triggered.connect(lambda: self.siteOpenRequested.emit("@demo"))
        a["import"].triggered.connect(lambda: dialogs.import_articles(self))
        a["export"].triggered.connect(lambda: dialogs.export_site(self))
        a["export_after_publish"].setChecked(live_export.enabled())
        a["export_after_publish"].toggled.connect(live_export.set_enabled)
        a["publish_site"].triggered.connect(lambda: dialogs.publish_site(self))
        a["backup"].triggered.connect(lambda: dialogs.backup_site(self))
        a["restore"].triggered.connect(lambda: dialogs.restore_site(self))
        a["quit"].triggered.connect(self.close)
        a["new_article"].triggered.connect(self.new_article)
        a["save"].triggered.connect(self.save_article)
        a["revert"].triggered.connect(self.revert_article)
        a["publish"].triggered.connect(self.publish_selected)
        a["unpublish"].triggered.connect(lambda: self.unpublish_articles(self._chosen_ids()))
        a["move"].triggered.connect(lambda: self.move_articles(self._chosen_ids()))
        # Ctrl+Shift+M moves the chosen articles from the list; in the body it switches modes
        a["move"].setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.articles.addAction(a["move"])
        a["delete"].triggered.connect(lambda: self.delete_articles(self._chosen_ids()))
        a["revisions"].triggered.connect(self.show_revisions)
        a["review_article"].triggered.connect(self.show_review)
        a["review_queue"].triggered.connect(self.show_review_queue)
        a["recover"].triggered.connect(lambda: self.offer_recovery(always=True))
        a["search"].triggered.connect(self._focus_search)
        a["add_section"].triggered.connect(lambda: self.add_section(ROOT_ID))
        a["add_subsection"].triggered.connect(lambda: self.add_section(self.tree.current_section()))
        a["rename_section"].triggered.connect(self._rename_current_section)
        a["section_properties"].triggered.connect(
            lambda: self.edit_section(self.tree.current_section())
        )
        a["delete_section"].triggered.connect(
            lambda: self.delete_section(self.tree.current_section())
        )
        a["site_settings"].triggered.connect(lambda: dialogs.site_settings(self))
        a["partners"].triggered.connect(lambda: dialogs.manage_list(self, "partners"))
        a["sources"].triggered.connect(lambda: dialogs.manage_list(self, "sources"))
        a["people"].triggered.connect(lambda: dialogs.manage_list(self, "people"))
        a["editor_name"].triggered.connect(lambda: dialogs.ask_editor_name(self))
        dialogs.sign_in(self)
        self.preview_switch = PreviewSwitch(
            a["show_preview"], self.preview, self.right, DEFAULT_RIGHT_SPLIT
        )
        a["phone_preview"].toggled.connect(self.preview.set_phone)
        self.preview.phone_button.toggled.connect(a["phone_preview"].setChecked)
        a["refresh_preview"].triggered.connect(self.preview.refresh_now)
        a["browser_preview"].triggered.connect(self.preview_in_browser)
        a["user_guide"].triggered.connect(lambda: dialogs.user_guide(self))
        a["shortcuts"].triggered.connect(lambda: dialogs.shortcuts(self))
        a["about"].triggered.connect(lambda: dialogs.about(self))

    @staticmethod
    def _dialogs():
        from editor.ui import window_dialogs

        return window_dialogs

    def _fill_recent_menu(self, menu) -> None:
        recent = menu.addMenu(self.tr("最近打开的站点"))

        def populate() -> None:
            recent.clear()
            for location in settings.recent_sites():
                action = recent.addAction(settings.describe_location(location))
                action.triggered.connect(
                    lambda _=False, loc=location: self.siteOpenRequested.emit(loc)
                )
            recent.setEnabled(bool(recent.actions()))

        menu.aboutToShow.connect(populate)
        populate()

    def _fill_format_menu(self, menu) -> None:
        for name, action in self.editor.format_actions.items():
            menu.addAction(action)
            if name in ("italic", "numbers", "rule"):
                menu.addSeparator()

    def _fill_language_menu(self, menu) -> None:
        sub = menu.addMenu(self.tr("界面语言"))
        current = settings.language() or "zh_CN"
        for code, name in LANGUAGES.items():
            action = sub.addAction(name)
            action.setCheckable(True)
            action.setChecked(code == current)
            action.triggered.connect(lambda _=False, c=code: self.languageChangeRequested.emit(c))

    # ---- loading ----------------------------------------------------------------------------

    def reload_all(self) -> None:
        """Read the site again: tree, pickers, list, status bar."""
        ws = self.workspace
        self.tree_model.reload(ws.site.get().name, ws.sections.tree(), ws.sections.article_counts())
        self.articles.set_service(ws.articles)
        self.reload_choices()
        self.update_status()
        title = self.tr("{site} — 编辑台").format(site=ws.site.get().name or ws.location)
        if ws.read_only:
            title = self.tr("{title}（只读）").format(title=title)
        self.setWindowTitle(title)

    def _choices_version(self) -> tuple[int, int]:
        """Changes made through this site's people and source services so far."""
        return (self.workspace.people.changes, self.workspace.sources.changes)

    def reload_choices(self) -> None:
        """Fill the editor's pickers (sections, partners, sources, people) from the site."""
        ws = self.workspace
        self._choices_seen = self._choices_version()
        tree = ws.sections.tree()
        people = ws.people.list(limit=2000)
        self.editor.set_choices(
            sections=[(node.id, node.path) for node in tree],
            partners=[p.name for p in ws.partners.list()],
            sources=[s.name for s in ws.sources.list(limit=500)],
            people=[p.name for p in people if {"reporter", "photographer"} & set(p.roles or [])],
            editors=[p.name for p in people if "editor" in (p.roles or [])],
        )

    def reload_sections(self) -> None:
        ws = self.workspace
        self.tree_model.reload(ws.site.get().name, ws.sections.tree(), ws.sections.article_counts())
        self.reload_choices()

    def refresh_after_article_change(self) -> None:
        ws = self.workspace
        self.tree_model.reload(ws.site.get().name, ws.sections.tree(), ws.sections.article_counts())
        self.articles.refresh()
        self.update_status()

    def update_status(self) -> None:
        """Read the site's counts again for the status bar."""
        self._summary = self.workspace.summary()
        self._show_summary()

    def _adjust_status_counts(self, deltas: dict[str, int]) -> None:
        """Add per-status changes of the article count (a save) to the status bar's counts."""
        by_status = self._summary["by_status"]
        for status, delta in deltas.items():
            by_status[status] = by_status.get(status, 0) + delta
        self._summary["articles"] = sum(by_status.values())
        self._show_summary()

    def _show_summary(self) -> None:
        summary = self._summary
        by_status = summary["by_status"]
        self.site_label.setText(self.tr("站点：{location}").format(location=summary["database"]))
        self.counts_label.setText(
            self.tr("文章 {total} 篇（已发布 {published}，草稿 {drafts}）").format(
                total=summary["articles"],
                published=by_status.get("published", 0),
                drafts=by_status.get("draft", 0) + by_status.get("review", 0),
            )
        )
        last = settings.value(f"{settings.KEY_LAST_EXPORT}/{self.workspace.location}")
        self.export_label.setText(
            self.tr("上次导出：{when}").format(when=last) if last else self.tr("尚未导出")
        )

    # ---- sections ---------------------------------------------------------------------------

    def section_changed(self, section_id: int) -> None:
        self.articles.set_section(None if section_id == ROOT_ID else section_id)

    def _run(self, action, *args, **kwargs):
        """Call a service inside a unit of work; show a NewsdeskError instead of raising."""
        try:
            with self.workspace.edit():
                return action(*args, **kwargs)
        except NewsdeskError as exc:
            QMessageBox.warning(self, self.tr("无法完成"), str(exc))
            return None

    def add_section(self, parent_id: int) -> None:
        title = self.tr("新建子栏目") if parent_id else self.tr("新建栏目")
        name, ok = QInputDialog.getText(self, title, self.tr("栏目名称："))
        if ok and name.strip():
            section = self._run(self.workspace.sections.create, name, parent_id or None)
            if section is not None:
                self.reload_sections()
                self.tree.select_section(section.id)

    def rename_section(self, section_id: int, name: str) -> None:
        if self._run(self.workspace.sections.rename, section_id, name) is not None:
            QTimer.singleShot(0, self.reload_sections)

    def _rename_current_section(self) -> None:
        if self.tree.current_section() != ROOT_ID:
            self.tree.edit(self.tree.currentIndex())

    def move_section(self, section_id: int, parent_id: int, position: int) -> None:
        if (
            self._run(self.workspace.sections.move, section_id, parent_id or None, position)
            is not None
        ):
            QTimer.singleShot(0, self.reload_sections)

    def edit_section(self, section_id: int) -> None:
        if section_id == ROOT_ID:
            return
        from editor.ui.dialogs.section_dialog import SectionDialog

        dialog = SectionDialog(self.workspace, section_id, self)
        if dialog.exec():
            if self._run(self.workspace.sections.update, section_id, **dialog.values()) is not None:
                self.reload_sections()

    def delete_section(self, section_id: int) -> None:
        """Delete a section after saying how many articles it holds and where they go."""
        if section_id != ROOT_ID:
            self._dialogs().delete_section(self, section_id)

    # ---- articles in the list ---------------------------------------------------------------

    def _chosen_ids(self) -> list[int]:
        return self.articles.selected_ids() or (
            [self.editor.article_id] if self.editor.article_id else []
        )

    def _focus_search(self) -> None:
        self.articles.search.setFocus()
        self.articles.search.selectAll()

    def _for_each(self, ids: list[int], action) -> None:
        def apply() -> bool:
            for article_id in ids:
                action(article_id)
            return True

        def refresh() -> None:
            self.refresh_after_article_change()
            if self.editor.article_id in ids and not self.editor.is_dirty:
                self.open_article(self.editor.article_id, force=True)

        if self._run(apply):  # (refused or failed: nothing new to export)
            self.live_export.after_change(then=refresh)  # (after the pages are out)
        else:
            refresh()

    def publish_selected(self) -> None:
        """发布所选文章: the rows selected in the list, or a word that there are none."""
        ids = self.articles.selected_ids()
        if not ids:
            QMessageBox.information(
                self,
                self.tr("发布文章"),
                self.tr("没有选中的文章：请先在文章列表中选择要发布的文章。"),
            )
            return
        self.publish_articles(ids)

    def publish_articles(self, ids: list[int]) -> None:
        """Publish these articles; more than one is confirmed first."""
        if len(ids) > 1:
            answer = QMessageBox.question(
                self, self.tr("发布文章"), self.tr("发布所选的 {n} 篇文章？").format(n=len(ids))
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._for_each(ids, self.workspace.articles.publish)

    def unpublish_articles(self, ids: list[int]) -> None:
        self._for_each(ids, self.workspace.articles.unpublish)

    def move_articles(self, ids: list[int]) -> None:
        if not ids:
            return
        tree = self.workspace.sections.tree()
        paths = [n.path for n in tree]
        path, ok = QInputDialog.getItem(
            self,
            self.tr("移动文章"),
            self.tr("把 {n} 篇文章移到：").format(n=len(ids)),
            paths,
            0,
            False,
        )
        if ok:
            self.move_articles_to(ids, tree.resolve(path).id)

    def move_articles_to(self, ids: list[int], section_id: int) -> None:
        if self._run(self.workspace.articles.move, ids, section_id) is not None:
            # (not from inside the drop that may have called this: on the next turn)
            self.live_export.after_change(
                then=lambda: QTimer.singleShot(0, self.refresh_after_article_change)
            )

    def delete_articles(self, ids: list[int]) -> None:
        if not ids:
            return
        answer = QMessageBox.question(
            self,
            self.tr("删除文章"),
            self.tr("永久删除 {n} 篇文章？修订记录会保留。").format(n=len(ids)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self.editor.article_id in ids:
            self.autosave.discard()
            self.editor.clear()
            self.preview.show_fields(None, immediately=True)
        self._for_each(ids, self.workspace.articles.delete)

    # ---- the open article -------------------------------------------------------------------

    def confirm_leave(self) -> bool:
        """Ask what to do with unsaved changes; False when the editor wants to stay."""
        if not self.editor.is_dirty:
            return True
        answer = QMessageBox.question(
            self,
            self.tr("未保存的修改"),
            self.tr("“{title}”有未保存的修改。保存吗？").format(
                title=self.editor.title.text() or self.tr("新文章")
            ),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save_article()
        if answer == QMessageBox.StandardButton.Discard:
            self.autosave.discard()
            self.editor.mark_clean()
            return True
        return False

    def view_state(self) -> dict:
        """What the editor is looking at: section, expanded tree branches, open article."""
        return {
            "section": self.tree.current_section(),
            "expanded": sorted(self.tree.expanded_ids()),
            "article": self.editor.article_id,
        }

    def restore_view_state(self, state: dict | None) -> None:
        """Show the section, tree branches and article of `view_state()` again."""
        if not state:
            return
        self.tree.expand_ids(state.get("expanded") or [])
        if state.get("section") is not None:
            self.tree.select_section(state["section"])
        if state.get("article"):
            self.articles.select_article(state["article"], announce=False)
            self.open_article(state["article"], force=True)

    def open_article(self, article_id: int, force: bool = False) -> None:
        """Show an article in the editor and the preview."""
        if not article_id or (article_id == self.editor.article_id and not force):
            return
        if not force and not self.confirm_leave():
            self.articles.select_article(self.editor.article_id or 0, announce=False)
            return
        fields = self.workspace.articles.fields_of(article_id)
        self.findings_button.clear()
        self.editor.load(fields, article_id, fields["version"])
        self.autosave.start_new()
        self.preview.show_fields(self._preview_fields(), immediately=True)
        self._offer_article_draft(article_id)

    def _offer_article_draft(self, article_id: int) -> None:
        draft = self.workspace.drafts.get(self.workspace.drafts.key_for(article_id))
        if draft is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("恢复草稿"),
            self.tr("这篇文章有 {time} 自动保存的未保存修改。恢复吗？").format(
                time=draft.saved_at.strftime("%Y-%m-%d %H:%M:%S")
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.load_draft(draft)
        else:
            self.autosave.discard(draft.key)

    def load_draft(self, draft) -> None:
        """Put a recovered draft into the editor (unsaved, based on its version)."""
        self.editor.load(draft.fields, draft.article_id, draft.base_version, dirty=True)
        self.editor.recovered = True  # the next save is labelled "recovered" in the history
        self.autosave.adopt(draft.key)
        if draft.article_id:
            self.articles.select_article(draft.article_id, announce=False)
        self.preview.show_fields(self._preview_fields(), immediately=True)

    def new_article(self) -> None:
        if not self.confirm_leave():
            return
        section = self.tree.current_section()
        if section == ROOT_ID:
            first = next(iter(self.workspace.sections.tree()), None)
            section = first.id if first else None
        self.autosave.start_new()
        self.findings_button.clear()
        self.editor.load({"section": section, "status": "draft"}, None, None)
        self.editor.title.setFocus()
        self.preview.show_fields(self._preview_fields(), immediately=True)

    def revert_article(self) -> None:
        """放弃修改, after asking: back to the saved version of the open article."""
        if self.editor.article_id and self.editor.is_dirty:
            answer = QMessageBox.question(
                self,
                self.tr("放弃修改"),
                self.tr("放弃对“{title}”的修改，回到上次保存的内容？").format(
                    title=self.editor.title.text() or self.tr("新文章")
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            self.autosave.discard()
            self.open_article(self.editor.article_id, force=True)

    def _preview_fields(self) -> dict:
        fields = self.editor.fields()
        fields["id"] = self.editor.article_id
        return fields

    def refresh_preview(self) -> None:
        self.preview.show_fields(self._preview_fields())

    def preview_in_browser(self) -> Path | None:
        """The open article's page, unsaved edits included, at full size in the browser."""
        if not self.editor.isEnabled():
            self.statusBar().showMessage(self.tr("先打开或新建一篇文章"), 4000)
            return None
        try:
            path = self.workspace.publisher.write_article_preview(self._preview_fields())
        except (NewsdeskError, OSError) as exc:
            QMessageBox.warning(self, self.tr("无法预览"), str(exc))
            return None
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path

    def save_article(self) -> bool:
        """Save the open article; a conflict opens the comparison. True when saved."""
        if not self.editor.isEnabled():
            return False
        fields = self.editor.fields()
        old_key = self.autosave.key
        recovered = self.editor.recovered
        before = None  # where the article was counted: (section, status), None when new
        try:  # each call is its own transaction; a refused save keeps a conflict draft
            if self.editor.article_id is not None:
                stored = self.workspace.articles.get(self.editor.article_id)
                before = (stored.section_id, stored.status)
            if self.editor.article_id is None:
                kind = "recovered" if recovered else "saved"
                article = self.workspace.articles.create(fields, kind=kind)
            else:
                article = self.workspace.articles.update(
                    self.editor.article_id,
                    fields,
                    self.editor.base_version,
                    kind="recovered" if recovered else None,
                )
        except ConflictError as conflict:
            return self._dialogs().resolve_conflict(self, conflict)
        except NewsdeskError as exc:
            QMessageBox.warning(self, self.tr("无法保存"), str(exc))
            return False
        self.autosave.discard(old_key)
        self.editor.recovered = False
        self.editor.mark_clean(article.id, article.version)
        saved = self.tr("已保存（版本 {v}）").format(v=article.version)
        self._show_saved(article, before)
        # the quick checks run in their own thread, started once the list and counts show the
        # save (started earlier, their Python work would compete with the save's for the GIL)
        self.save_checks.start(article.id, article.version, saved)
        return True

    def _show_saved(self, article, before: tuple[int, str] | None) -> None:
        """Show a save without reading the whole site again: the tree's and the status bar's
        counts moved by the article's change, its list row replaced (the list is fetched again
        only when the article may have moved in it), the pickers read again only when the
        save added a person or a source (a reporter typed here is offered in the next article)."""
        after = (article.section_id, article.status)
        if before != after:
            sections: dict[int, int] = {after[0]: 1}
            statuses: dict[str, int] = {after[1]: 1}
            if before is not None:
                sections[before[0]] = sections.get(before[0], 0) - 1
                statuses[before[1]] = statuses.get(before[1], 0) - 1
            self.tree_model.adjust_counts(sections)
            self._adjust_status_counts(statuses)
        if before is None:
            self.articles.refresh()
        else:
            self.articles.show_saved(article.id)
        self.articles.select_article(article.id, announce=False)
        if self._choices_version() != self._choices_seen:
            self.reload_choices()

    def show_revisions(self) -> None:
        if self.editor.article_id:
            self._dialogs().show_revisions(self)

    def show_review(self) -> None:
        """三审签发 of the open article (saved first), for the signed-in user."""
        self._dialogs().show_review(self)

    def show_review_queue(self) -> None:
        """The signed-in user's 待审 queue."""
        self._dialogs().show_review_queue(self)

    def offer_recovery(self, always: bool = False) -> None:
        """Offer drafts that a crash (or a closed window) left behind."""
        self._dialogs().offer_recovery(self, always)

    # ---- layout and closing -----------------------------------------------------------------

    def restore_layout(self) -> None:
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(*DEFAULT_SIZE)
        for splitter, default in ((self.split, DEFAULT_SPLIT), (self.right, DEFAULT_RIGHT_SPLIT)):
            state = settings.value(f"window/{splitter.objectName()}")
            if not (isinstance(state, QByteArray) and splitter.restoreState(state)):
                splitter.setSizes(default)
        # In 所见即所得 mode the editor is itself the page: the preview starts hidden (no web
        # view, no renderer process) and at phone width once shown; the editor's choice is kept.
        rich = preferred_mode() == "rich"
        phone = settings.value("window/phonePreview", rich)
        self.actions["phone_preview"].setChecked(phone in (True, "true"))
        self.preview_switch.restore(default=not rich)

    def save_layout(self) -> None:
        settings.set_value("window/geometry", self.saveGeometry())
        settings.set_value("window/mainSplitter", self.split.saveState())
        settings.set_value("window/editorSplitter", self.right.saveState())
        settings.set_value("window/phonePreview", self.preview.is_phone())

    def finish_background(self) -> None:
        """Before the site closes or is replaced: wait for the checks of saves and an export
        into the export folder that still run, and let nothing they say reach the window."""
        self.save_checks.finish()
        self.live_export.finish()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if not self.confirm_leave():
            event.ignore()
            return
        self.finish_background()
        self.autosave.stop()
        self.preview.stop()
        self.save_layout()
        event.accept()
