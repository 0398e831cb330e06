"""The 帮助 menu's windows: the user guide (the demo site's how-to articles, readable without
opening the demo) and the keyboard shortcuts of the window and the body editor."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QListWidget,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from editor.config import resource
from editor.content.demo import user_guide
from editor.publish.markdown import render_markdown


class UserGuideDialog(QDialog):
    """The how-to articles: their titles on the left, the chosen one rendered on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("使用指南"))
        self.chapters = user_guide()
        self.titles = QListWidget(self)
        for title, _body in self.chapters:
            self.titles.addItem(title.split("：", 1)[-1].split(":", 1)[-1])
        self.page = QTextBrowser(self)
        self.page.setSearchPaths([str(resource("demo"))])
        self.page.setOpenExternalLinks(True)
        self.titles.currentRowChanged.connect(self.show_chapter)
        split = QSplitter(self)
        split.addWidget(self.titles)
        split.addWidget(self.page)
        split.setSizes([260, 640])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)
        self.resize(960, 640)
        if self.chapters:
            self.titles.setCurrentRow(0)

    def show_chapter(self, row: int) -> None:
        if 0 <= row < len(self.chapters):
            title, body = self.chapters[row]
            self.page.setHtml(f"<h2>{escape(title)}</h2>" + render_markdown(body))


class ShortcutsDialog(QDialog):
    """Every command with a keyboard shortcut, as the menus and the body toolbar name it."""

    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("键盘快捷键"))
        rows = []
        for action in actions:
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if keys:
                rows.append((action.text().replace("&", "").rstrip("…"), keys))
        rows = sorted(dict(rows).items(), key=lambda row: row[1])
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("命令"), self.tr("快捷键")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for row, (name, keys) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(name))
            item = QTableWidgetItem(keys)
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setItem(row, 1, item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(480, 560)
