"""The editor's picks for 相关新闻: an ordered list of articles, found by searching titles."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor.content.articles import ArticleQuery
from editor.errors import NewsdeskError, NotFoundError
from editor.ui.icons import icon

SEARCH_LIMIT = 50
SEARCH_DELAY_MS = 250


class ArticleSearchDialog(QDialog):
    """Find articles by words of their title or body; `chosen` holds (id, title) pairs."""

    def __init__(self, articles, exclude: set[int], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("添加相关新闻"))
        self.articles = articles
        self.exclude = exclude
        self.chosen: list[tuple[int, str]] = []
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("输入标题中的词语"))
        self.results = QListWidget(self)
        self.results.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.results.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(self._timer.start)
        self.resize(560, 420)
        self.run_search()

    def run_search(self) -> None:
        """List the articles matching the search words (the search waiting to run is done)."""
        self._timer.stop()
        self.results.clear()
        rows = self.articles.list(
            ArticleQuery(search=self.search.text().strip(), limit=SEARCH_LIMIT)
        )
        for row in rows:
            if row.id in self.exclude:
                continue
            when = row.publish_time.strftime("%Y-%m-%d") if row.publish_time else ""
            item = QListWidgetItem(f"{row.title}    {when} · {row.section_path}")
            item.setData(Qt.ItemDataRole.UserRole, (row.id, row.title))
            self.results.addItem(item)

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self._timer.stop()  # a closed dialog never searches (its site may close next)
        super().hideEvent(event)

    def accept(self) -> None:
        self.chosen = [item.data(Qt.ItemDataRole.UserRole) for item in self.results.selectedItems()]
        super().accept()


class RelatedPicker(QWidget):
    """An ordered list of picked articles with add, remove, up and down."""

    changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.articles = None  # the ArticleService, for titles and search
        self.own_id: int | None = None
        self.list = QListWidget(self)
        self.list.setMaximumHeight(120)
        add = QPushButton(icon("new_article"), self.tr("添加…"), self)
        remove = QPushButton(icon("delete"), self.tr("移除"), self)
        up = QPushButton("↑", self)
        down = QPushButton("↓", self)
        for button in (up, down):
            button.setMaximumWidth(32)
        add.clicked.connect(self.add_articles)
        remove.clicked.connect(self.remove_current)
        up.clicked.connect(lambda: self.move_current(-1))
        down.clicked.connect(lambda: self.move_current(1))
        buttons = QVBoxLayout()
        for button in (add, remove, up, down):
            buttons.addWidget(button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        self.error = QLabel(self)  # why some titles could not be read
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.error)

    def ids(self) -> list[int]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def set_ids(self, ids: list[int]) -> None:
        """Show picks by id. An article deleted since is dropped (its picks went with it);
        one whose title cannot be read now (a busy or unreachable database) stays in the
        list under its number, and the reason is shown."""
        self.list.clear()
        titles, problem = self._titles(ids)
        for article_id in ids:
            if article_id in titles:
                self._append(article_id, titles[article_id])
        self.error.setText(
            self.tr("相关新闻的标题暂时无法读取（{reason}），已保留这些稿件的编号。").format(
                reason=problem
            )
            if problem
            else ""
        )
        self.error.setVisible(bool(problem))

    def _titles(self, ids: list[int]) -> tuple[dict[int, str], str]:
        """Titles by id, and the message of a failed lookup ("" when all were read)."""
        titles: dict[int, str] = {}
        problem = ""
        for article_id in ids:
            if self.articles is None:
                titles[article_id] = str(article_id)
                continue
            try:
                titles[article_id] = self.articles.get(article_id).title
            except NotFoundError:  # deleted since: the database dropped its picks too
                continue
            except NewsdeskError as exc:  # kept: a save must not shorten the list
                titles[article_id] = self.tr("文章 {id}").format(id=article_id)
                problem = str(exc)
        return titles, problem

    def _append(self, article_id: int, title: str) -> None:
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, article_id)
        item.setToolTip(self.tr("文章 {id}").format(id=article_id))
        self.list.addItem(item)

    def add_articles(self) -> None:
        if self.articles is None:
            return
        exclude = set(self.ids()) | ({self.own_id} if self.own_id else set())
        dialog = ArticleSearchDialog(self.articles, exclude, self)
        if dialog.exec():
            self.add_picks(dialog.chosen)

    def add_picks(self, picks: list[tuple[int, str]]) -> None:
        for article_id, title in picks:
            if article_id not in self.ids() and article_id != self.own_id:
                self._append(article_id, title)
        self.changed.emit()

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.changed.emit()

    def move_current(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self.changed.emit()
