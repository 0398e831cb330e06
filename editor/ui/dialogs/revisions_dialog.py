"""An article's revisions: who saved which version when and why (saved, published, restored,
imported, recovered), what changed against the current version (the fields listed, the body
compared word by word with colours), and restore after a confirmation."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from editor.content.revisions import field_labels, word_diff
from editor.ui.icons import icon

ADDED_COLOUR = "#c8e6c9"
REMOVED_COLOUR = "#ffcdd2"


def diff_html(runs: list[tuple[str, str]]) -> str:
    """Word-diff runs as HTML: removed text struck through in red, added text in green."""
    parts = []
    for op, text in runs:
        shown = escape(text).replace("\n", "<br>")
        if op == "-":
            parts.append(
                f'<span style="background:{REMOVED_COLOUR};text-decoration:line-through">'
                f"{shown}</span>"
            )
        elif op == "+":
            parts.append(f'<span style="background:{ADDED_COLOUR}">{shown}</span>')
        else:
            parts.append(shown)
    return "".join(parts)


class RevisionsDialog(QDialog):
    """Pick a version to compare with the current one; `restore_version` is set when the
    editor confirmed a restore."""

    def __init__(self, workspace, article_id: int, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.article_id = article_id
        self.restore_version: int | None = None
        self.setWindowTitle(self.tr("修订记录"))
        self.setWindowIcon(icon("revisions"))
        self.kind_labels = {
            "saved": self.tr("保存"),
            "published": self.tr("发布"),
            "restored": self.tr("恢复"),
            "imported": self.tr("导入"),
            "recovered": self.tr("自动保存恢复"),
        }
        self.field_labels = field_labels()  # from the article field table
        self.revisions = workspace.revisions.list(article_id)
        self.table = QTableWidget(len(self.revisions), 4, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("版本"), self.tr("类型"), self.tr("编辑"), self.tr("时间")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, revision in enumerate(self.revisions):
            values = (
                str(revision.version),
                self.kind_labels.get(revision.kind, revision.kind),
                revision.author,
                revision.created_at.strftime("%Y-%m-%d %H:%M") if revision.created_at else "",
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, revision.version)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.diff = QTextBrowser(self)
        self.restore_button = QPushButton(icon("restore"), self.tr("恢复此版本…"), self)
        close = QPushButton(self.tr("关闭"), self)
        self.restore_button.clicked.connect(self._restore)
        close.clicked.connect(self.reject)
        self.table.itemSelectionChanged.connect(self.show_diff)
        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addWidget(self.diff, 1)
        split = QSplitter(self)
        split.addWidget(self.table)
        holder = QWidget(self)
        holder.setLayout(right)
        split.addWidget(holder)
        split.setSizes([380, 770])
        buttons = QHBoxLayout()
        legend = QLabel(
            self.tr(
                '<span style="background:{removed};text-decoration:line-through">删去的文字</span>'
                '　<span style="background:{added}">新增的文字</span>'
            ).format(removed=REMOVED_COLOUR, added=ADDED_COLOUR),
            self,
        )
        buttons.addWidget(legend)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.resize(1150, 640)
        if len(self.revisions) > 1:
            self.table.selectRow(1)
        elif self.revisions:
            self.table.selectRow(0)

    def selected_version(self) -> int | None:
        items = self.table.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def show_diff(self) -> None:
        """What the current version changed against the selected one."""
        version = self.selected_version()
        if version is None or not self.revisions:
            self.diff.clear()
            self.heading.clear()
            return
        newest = self.revisions[0].version
        self.restore_button.setEnabled(version != newest)
        if version == newest:
            self.heading.setText(self.tr("版本 {v} 是当前版本。").format(v=newest))
            self.diff.clear()
            return
        self.heading.setText(
            self.tr("从版本 {old} 到当前版本 {new} 的改动：").format(old=version, new=newest)
        )
        revisions = self.workspace.revisions
        parts = []
        changes = revisions.changed_fields(self.article_id, version, newest)
        if changes:
            rows = "".join(
                f"<tr><td><b>{escape(self.field_labels.get(name, name))}</b></td>"
                f'<td style="background:{REMOVED_COLOUR}">{escape(old) or "—"}</td>'
                f"<td>→</td>"
                f'<td style="background:{ADDED_COLOUR}">{escape(new) or "—"}</td></tr>'
                for name, old, new in changes
            )
            parts.append(
                f"<h4>{escape(self.tr('字段'))}</h4>"
                f'<table cellspacing="0" cellpadding="3">{rows}</table>'
            )
        old_body = str(revisions.get(self.article_id, version).get("body") or "")
        new_body = str(revisions.get(self.article_id, newest).get("body") or "")
        parts.append(f"<h4>{escape(self.tr('正文'))}</h4>")
        if old_body == new_body:
            parts.append(f"<p>{escape(self.tr('正文没有改动。'))}</p>")
        else:
            parts.append(
                '<div style="line-height:160%">'
                + diff_html(word_diff(old_body, new_body))
                + "</div>"
            )
        self.diff.setHtml("".join(parts))

    def _restore(self) -> None:
        version = self.selected_version()
        if version is None or not self.revisions or version == self.revisions[0].version:
            return
        answer = QMessageBox.question(
            self,
            self.tr("恢复版本"),
            self.tr(
                "把文章恢复为版本 {v} 的内容？\n当前内容不会丢失：恢复会保存为新版本，"
                "需要时可以再恢复回来。发布状态和发布时间保持不变。"
            ).format(v=version),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.restore_version = version
        self.accept()
