"""The import dialog's batch table: one row per file or address, filled in the background
with what was recognised (title, section, 来源, publish time) for the editor to correct in
place, then with what importing it did (imported, duplicate, failed, and why)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from editor.ingest.fields import ExtractedArticle

FILE, TITLE, SECTION, SOURCE, TIME, RESULT, ARTICLE, NOTE = range(8)
EDITABLE = (TITLE, SOURCE, TIME)


def shown_time(when: object) -> str:
    """A publish time as the editor types it (no 00:00 on a bare date)."""
    if isinstance(when, datetime):
        return when.strftime("%Y-%m-%d" if (when.hour, when.minute) == (0, 0) else "%Y-%m-%d %H:%M")
    return str(when or "")


class ImportTable(QTableWidget):
    """Rows of a batch; `extracted[row]` is the recognised article of a row (if any)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 8, parent)
        self.setHorizontalHeaderLabels(
            [
                self.tr("文件"),
                self.tr("标题"),
                self.tr("栏目"),
                self.tr("来源"),
                self.tr("发布时间"),
                self.tr("结果"),
                self.tr("文章"),
                self.tr("说明"),
            ]
        )
        header = self.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        self.setToolTip(self.tr("识别后可以直接修改标题、栏目、来源和发布时间，再按“全部导入”"))
        self.paths: list[str] = []
        self.extracted: dict[int, ExtractedArticle] = {}
        self.sections: list[tuple[str, str | None]] = []  # (label, path) of the section picker

    def set_sections(self, sections: list[tuple[str, str | None]]) -> None:
        """The choices of each row's 栏目 picker (label, section path; None: automatic)."""
        self.sections = list(sections)

    def set_paths(self, paths: list[str]) -> None:
        """One empty row per file or address, waiting to be recognised."""
        self.setRowCount(0)
        self.paths = list(paths)
        self.extracted = {}
        self.setRowCount(len(self.paths))
        for row, path in enumerate(self.paths):
            name = path if "://" in path else Path(path).name
            item = QTableWidgetItem(name)
            item.setToolTip(path)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.setItem(row, FILE, item)
            for column in (TITLE, SOURCE, TIME):
                self.setItem(row, column, QTableWidgetItem(""))
            for column in (RESULT, ARTICLE, NOTE):
                self._fixed(row, column, "")
            self._fixed(row, RESULT, self.tr("等待识别"))
            picker = QComboBox(self)
            for label, section_path in self.sections:
                picker.addItem(label, section_path)
            self.setCellWidget(row, SECTION, picker)

    def _fixed(self, row: int, column: int, text: str) -> None:
        item = QTableWidgetItem(text)
        item.setToolTip(text)
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.setItem(row, column, item)

    def show_extracted(self, row: int, article: ExtractedArticle) -> None:
        """Fill a row with what was recognised in its file."""
        self.extracted[row] = article
        fields = article.fields
        self.item(row, TITLE).setText(fields.get("title", ""))
        self.item(row, SOURCE).setText(fields.get("source", ""))
        self.item(row, TIME).setText(shown_time(fields.get("publish_time")))
        picker = self.cellWidget(row, SECTION)
        index = picker.findData(fields.get("section")) if fields.get("section") else -1
        if index > 0:
            picker.setCurrentIndex(index)
        self._fixed(row, RESULT, self.tr("已识别"))
        self._fixed(row, NOTE, "；".join(article.warnings))

    def show_unreadable(self, row: int, reason: str) -> None:
        self._fixed(row, RESULT, self.tr("无法识别"))
        self._fixed(row, NOTE, reason)

    def set_section_for_all(self, section_path: str | None) -> None:
        """Put every row not yet given its own section under `section_path`."""
        for row in range(self.rowCount()):
            picker = self.cellWidget(row, SECTION)
            if picker is not None and picker.currentIndex() == 0:
                picker.setCurrentIndex(max(0, picker.findData(section_path)))

    def row_choices(self, row: int) -> tuple[dict, str | None]:
        """The fields the editor left in a recognised row, and its section path."""
        fields = {}
        if row in self.extracted:
            fields = {
                "title": self.item(row, TITLE).text().strip(),
                "source": self.item(row, SOURCE).text().strip(),
                "publish_time": self.item(row, TIME).text().strip() or None,
            }
        picker = self.cellWidget(row, SECTION)
        return fields, (picker.currentData() if picker is not None else None)

    def show_result(self, row: int, status_label: str, article_id: int | None, reason: str) -> None:
        """What importing a row did."""
        self._fixed(row, RESULT, status_label)
        self._fixed(row, ARTICLE, "" if article_id is None else str(article_id))
        self._fixed(row, NOTE, reason)
