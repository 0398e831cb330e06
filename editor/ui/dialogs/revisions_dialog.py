"""An article's revisions: who saved when, a side-by-side diff with the current text, restore."""

from __future__ import annotations

import difflib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from editor.ui.icons import icon

DIFF_FIELDS = ("body", "title", "subtitle", "summary")


class RevisionsDialog(QDialog):
    """Pick a version to compare with the newest; `restore_version` is set on restore."""

    def __init__(self, workspace, article_id: int, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.article_id = article_id
        self.restore_version: int | None = None
        self.setWindowTitle(self.tr("修订记录"))
        self.setWindowIcon(icon("revisions"))
        self.revisions = workspace.revisions.list(article_id)
        self.table = QTableWidget(len(self.revisions), 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("版本"), self.tr("作者"), self.tr("时间")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, revision in enumerate(self.revisions):
            for column, value in enumerate(
                (
                    str(revision.version),
                    revision.author,
                    revision.created_at.strftime("%Y-%m-%d %H:%M:%S")
                    if revision.created_at
                    else "",
                )
            ):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, revision.version)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.field = QComboBox(self)
        labels = {
            "body": self.tr("正文"),
            "title": self.tr("标题"),
            "subtitle": self.tr("副标题"),
            "summary": self.tr("摘要"),
        }
        for key in DIFF_FIELDS:
            self.field.addItem(labels[key], key)
        self.diff = QTextBrowser(self)
        self.restore_button = QPushButton(icon("restore"), self.tr("恢复此版本"), self)
        close = QPushButton(self.tr("关闭"), self)
        self.restore_button.clicked.connect(self._restore)
        close.clicked.connect(self.reject)
        self.table.itemSelectionChanged.connect(self.show_diff)
        self.field.currentIndexChanged.connect(self.show_diff)
        right = QVBoxLayout()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("比较:"), self))
        top.addWidget(self.field)
        top.addStretch(1)
        right.addLayout(top)
        right.addWidget(self.diff, 1)
        split = QSplitter(self)
        split.addWidget(self.table)
        holder = QWidget(self)
        holder.setLayout(right)
        split.addWidget(holder)
        split.setSizes([300, 800])
        buttons = QHBoxLayout()
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
        version = self.selected_version()
        if version is None or not self.revisions:
            self.diff.clear()
            return
        newest = self.revisions[0].version
        field = self.field.currentData()
        old = str(self.workspace.revisions.get(self.article_id, version).get(field) or "")
        new = str(self.workspace.revisions.get(self.article_id, newest).get(field) or "")
        table = difflib.HtmlDiff(wrapcolumn=48).make_table(
            old.splitlines(),
            new.splitlines(),
            self.tr("版本 {v}").format(v=version),
            self.tr("当前 (版本 {v})").format(v=newest),
        )
        style = (
            "<style>table{font-size:13px} .diff_add{background:#c8e6c9}"
            ".diff_chg{background:#fff59d} .diff_sub{background:#ffcdd2}"
            " td{padding:1px 4px} .diff_header{color:#999}</style>"
        )
        self.diff.setHtml(style + table)
        self.restore_button.setEnabled(version != newest)

    def _restore(self) -> None:
        self.restore_version = self.selected_version()
        if self.restore_version is not None:
            self.accept()
