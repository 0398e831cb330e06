"""The main window's dialog flows: open, export, backup, settings, lists, revisions,
conflicts, recovery and review. Each function takes the MainWindow and calls services."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from editor.errors import NewsdeskError

log = logging.getLogger(__name__)
SITE_FILTER = "Newsdesk (*.newsdesk *.db *.sqlite);;*"


def open_site(window) -> None:
    path, _ = QFileDialog.getOpenFileName(
        window, QCoreApplication.translate("WindowDialogs", "打开站点"), "", SITE_FILTER
    )
    if path:
        window.siteOpenRequested.emit(path)


def import_articles(window) -> None:
    from editor.ui.dialogs.import_dialog import ImportDialog

    dialog = ImportDialog(window.workspace, window)
    dialog.articleImported.connect(lambda _id: window.refresh_after_article_change())
    dialog.exec()
    window.reload_all()


def export_site(window) -> None:
    from editor.ui import settings
    from editor.ui.dialogs.export_dialog import ExportDialog

    dialog = ExportDialog(window.workspace, window)
    dialog.exec()
    if dialog.result_data is not None:
        settings.set_value(
            f"{settings.KEY_LAST_EXPORT}/{window.workspace.location}",
            datetime.now().strftime("%Y-%m-%d %H:%M"),
        )
        window.update_status()


def publish_site(window) -> None:
    """发布到网站: the publish dialog of the open site."""
    from editor.ui.dialogs.publish_dialog import PublishDialog

    dialog = PublishDialog(window.workspace, window)
    dialog.exec()
    window.update_status()


def backup_site(window) -> None:
    from editor.store.backup import backup

    suggested = (
        f"{Path(window.workspace.location).stem}-{datetime.now():%Y%m%d-%H%M}.newsdesk-backup"
    )
    path, _ = QFileDialog.getSaveFileName(
        window, QCoreApplication.translate("WindowDialogs", "备份站点"), suggested
    )
    if not path:
        return
    try:
        written = backup(window.workspace, Path(path))
    except NewsdeskError as exc:
        QMessageBox.warning(
            window, QCoreApplication.translate("WindowDialogs", "备份失败"), str(exc)
        )
        return
    QMessageBox.information(
        window,
        QCoreApplication.translate("WindowDialogs", "备份完成"),
        QCoreApplication.translate("WindowDialogs", "已备份到 {path}").format(path=written),
    )


def restore_site(window) -> None:
    from editor.store.backup import restore

    path, _ = QFileDialog.getOpenFileName(
        window, QCoreApplication.translate("WindowDialogs", "从备份恢复"), "", "*"
    )
    if not path:
        return
    answer = QMessageBox.warning(
        window,
        QCoreApplication.translate("WindowDialogs", "从备份恢复"),
        QCoreApplication.translate(
            "WindowDialogs", "用备份替换当前站点的全部数据？当前未备份的内容将丢失。"
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
    )
    if answer != QMessageBox.StandardButton.Yes or not window.confirm_leave():
        return
    location = window.workspace.target.location
    target = window.workspace.target
    window.finish_background()  # nothing may run while the site is replaced
    window.workspace.close()
    try:
        counts = restore(target, Path(path))
    except NewsdeskError as exc:
        QMessageBox.warning(
            window, QCoreApplication.translate("WindowDialogs", "恢复失败"), str(exc)
        )
        window.siteOpenRequested.emit(location)
        return
    QMessageBox.information(
        window,
        QCoreApplication.translate("WindowDialogs", "恢复完成"),
        QCoreApplication.translate(
            "WindowDialogs", "已恢复 {articles} 篇文章、{sections} 个栏目。"
        ).format(**counts),
    )
    window.editor.mark_clean()
    window.siteOpenRequested.emit(location)


def site_settings(window) -> None:
    from editor.ui.dialogs.site_settings import SiteSettingsDialog

    dialog = SiteSettingsDialog(window.workspace, window)
    if dialog.exec():
        window.reload_all()
        window.refresh_preview()


def manage_list(window, kind: str) -> None:
    from editor.ui.dialogs.lists_dialog import ListManagerDialog

    ListManagerDialog(window.workspace, kind, window).exec()
    window.reload_choices()
    window.articles.refresh()


def user_guide(window) -> None:
    from editor.ui.dialogs.help_dialogs import UserGuideDialog

    UserGuideDialog(window).exec()


def shortcuts(window) -> None:
    from editor.ui.dialogs.help_dialogs import ShortcutsDialog

    actions = [*window.actions.values(), *window.editor.format_actions.values()]
    ShortcutsDialog(actions, window).exec()


def about(window) -> None:
    from editor.ui.dialogs.about_dialog import show_about

    show_about(window)


def show_revisions(window) -> None:
    from editor.ui.dialogs.revisions_dialog import RevisionsDialog

    editor = window.editor
    dialog = RevisionsDialog(window.workspace, editor.article_id, window)
    if dialog.exec() and dialog.restore_version is not None:
        if editor.is_dirty and not window.confirm_leave():
            return
        try:
            with window.workspace.edit():
                article = window.workspace.revisions.restore(
                    editor.article_id, dialog.restore_version, editor.base_version
                )
        except NewsdeskError as exc:
            QMessageBox.warning(
                window, QCoreApplication.translate("WindowDialogs", "无法恢复"), str(exc)
            )
            return
        window.open_article(editor.article_id, force=True)
        window.refresh_after_article_change()
        window.statusBar().showMessage(
            QCoreApplication.translate(
                "WindowDialogs", "已恢复版本 {old} 的内容，保存为版本 {new}。"
            ).format(old=dialog.restore_version, new=article.version),
            8000,
        )


def resolve_conflict(window, conflict) -> bool:
    """Show both versions after a refused save; True when the editor's choice was saved."""
    from editor.ui.dialogs.conflict_dialog import ConflictDialog

    info = conflict.info
    ws = window.workspace
    theirs = ws.articles.fields_of(info.article_id)
    dialog = ConflictDialog(info, theirs, window)
    dialog.exec()
    choice = dialog.choice
    if choice is None:  # decide later: the editor keeps the text, the conflict draft stays
        return False
    if info.draft_id:
        ws.drafts.discard_id(info.draft_id)
    if choice == "theirs":
        window.autosave.discard()
        window.open_article(info.article_id, force=True)
        return True
    mine = dict(info.mine)
    if choice == "merge":
        mine["body"] = dialog.merged_body()
        window.editor.load(mine, info.article_id, info.current_version, dirty=True)
        window.refresh_preview()
        window.statusBar().showMessage(
            QCoreApplication.translate("WindowDialogs", "合并后的文本已放入编辑器，请检查后保存"),
            5000,
        )
        return False
    window.editor.load(mine, info.article_id, info.current_version, dirty=True)
    return window.save_article()


def offer_recovery(window, always: bool = False) -> None:
    """Drafts left by a crash: pick one to continue, discard the others or decide later."""
    from editor.ui.dialogs.recover_dialog import RecoverDialog

    if getattr(window, "drafts_offered", False) and not always:
        return
    window.drafts_offered = True
    drafts = window.workspace.drafts.pending()
    if not drafts:
        if always:
            QMessageBox.information(
                window,
                QCoreApplication.translate("WindowDialogs", "恢复稿件"),
                QCoreApplication.translate("WindowDialogs", "没有自动保存的稿件。"),
            )
        return
    dialog = RecoverDialog(drafts, window)
    if not dialog.exec():
        return
    for draft in dialog.discarded:
        window.workspace.drafts.discard(draft.key)
    if dialog.chosen is not None:
        window.load_draft(dialog.chosen)


EDITOR_NAME_KEY = "editor/name"


def sign_in(window) -> None:
    """Write revisions under the editor's own name: the one set with 我的署名…, else
    NEWSDESK_USER, else the PostgreSQL login of a shared site (else the computer login)."""
    import os
    from urllib.parse import urlparse

    from editor.config import USER_ENV
    from editor.ui import settings

    workspace = window.workspace
    name = str(settings.value(EDITOR_NAME_KEY) or "").strip()
    if not name and not os.environ.get(USER_ENV) and not workspace.target.is_sqlite:
        name = urlparse(workspace.target.location).username or ""
    if name:
        workspace.sign_in(name)


def review_user(window) -> str | None:
    """The user signed in for review in this window (asked for the first time)."""
    from editor.ui.dialogs.review_dialog import sign_in

    return getattr(window, "review_user", None) or sign_in(window, window.workspace)


def show_review(window) -> None:
    """三审签发 of the open article (saved first); 定位 in the panel shows the finding in
    the editor once the panel is closed."""
    from editor.ui.dialogs.review_dialog import ReviewDialog
    from editor.ui.finding_jump import WindowFindings

    article_id = window.editor.article_id
    if not article_id or (window.editor.is_dirty and not window.save_article()):
        return
    user = review_user(window)
    if user:
        panel = ReviewDialog(window, window.workspace, article_id, user, WindowFindings(window))
        panel.exec()
        window.refresh_after_article_change()
        window.open_article(article_id, force=True)  # signing may publish it or fill 责编
        WindowFindings(window).show(panel.jump_to)


def show_review_queue(window) -> None:
    """The signed-in user's 待审 queue (a finding chosen there is shown in the editor)."""
    from editor.ui.dialogs.review_dialog import QueueDialog
    from editor.ui.finding_jump import WindowFindings

    user = review_user(window)
    if user:
        findings = WindowFindings(window)
        queue = QueueDialog(window, window.workspace, user, window.open_article, findings)
        queue.exec()
        window.refresh_after_article_change()
        findings.show(queue.jump_to)


def ask_editor_name(window) -> str | None:
    """Ask for the name written into revisions (the site's editors offered); remember it."""
    from PySide6.QtWidgets import QInputDialog

    from editor.ui import settings

    workspace = window.workspace
    editors = [p.name for p in workspace.people.list(role="editor", limit=200)]
    current = str(settings.value(EDITOR_NAME_KEY) or "")
    choices = [current, *[n for n in editors if n != current]] if current else editors
    name, ok = QInputDialog.getItem(
        window,
        QCoreApplication.translate("WindowDialogs", "我的署名"),
        QCoreApplication.translate(
            "WindowDialogs", "修订记录中显示的编辑姓名（当前：{name}）："
        ).format(name=workspace.user),
        choices,
        0,
        True,
    )
    name = name.strip() if ok else ""
    if not name:
        return None
    settings.set_value(EDITOR_NAME_KEY, name)
    workspace.sign_in(name)
    window.statusBar().showMessage(
        QCoreApplication.translate("WindowDialogs", "此后的保存署名为“{name}”。").format(name=name),
        5000,
    )
    return name


def delete_section(window, section_id: int) -> None:
    """Ask where the articles of a section go (and confirm), then delete it."""
    tree = window.workspace.sections.tree()
    node = tree.get(section_id)
    doomed = set(tree.descendant_ids(section_id))
    count = sum(n for sid, n in window.workspace.sections.article_counts().items() if sid in doomed)
    target = None
    if count:
        choices = [n.path for n in tree if n.id not in doomed]
        target, ok = QInputDialog.getItem(
            window,
            QCoreApplication.translate("MainWindow", "删除栏目"),
            QCoreApplication.translate(
                "MainWindow", "“{path}”中还有 {count} 篇文章，移到哪个栏目？"
            ).format(path=node.path, count=count),
            choices,
            0,
            False,
        )
        if not ok:
            return
        what = QCoreApplication.translate(
            "MainWindow",
            "删除栏目“{path}”（含 {subs} 个子栏目）？其中的 {count} 篇文章将移到“{target}”。",
        )
    else:
        what = QCoreApplication.translate(
            "MainWindow", "删除栏目“{path}”（含 {subs} 个子栏目）？栏目中没有文章。"
        )
    text = what.format(path=node.path, subs=len(doomed) - 1, count=count, target=target)
    if (
        QMessageBox.question(window, QCoreApplication.translate("MainWindow", "删除栏目"), text)
        != QMessageBox.StandardButton.Yes
    ):
        return
    if window._run(window.workspace.sections.delete, section_id, target) is not None:
        window.reload_sections()
        window.articles.refresh()
