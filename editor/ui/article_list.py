"""The article list: a lazy table model that fetches one page of rows at a time, and the
panel around it (search with debounce, status and flag filters, multi-select actions)."""

from __future__ import annotations

import json
from collections import OrderedDict
from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from editor.content.articles import ArticleQuery, ArticleRow
from editor.content.search import MAX_TERMS, search_terms
from editor.ui.highlight import HitDelegate
from editor.ui.icons import icon
from editor.ui.section_tree import ARTICLES_MIME

PAGE_SIZE = 64  # rows fetched per query; a screen shows fewer
CACHED_PAGES = 16  # pages kept in memory; older ones are fetched again when scrolled back
SEARCH_DEBOUNCE_MS = 250
COLUMNS = ("title", "status", "publish_time", "source", "editor", "hits")
SORT_KEYS = {"title": "title", "status": "status", "publish_time": "publish_time", "hits": "hits"}
ArticleIdRole = Qt.ItemDataRole.UserRole + 1


def status_labels(obj) -> dict[str, str]:
    """Status names in the UI language."""
    return {
        "draft": QCoreApplication.translate("ArticleStatus", "草稿"),
        "review": QCoreApplication.translate("ArticleStatus", "待审"),
        "published": QCoreApplication.translate("ArticleStatus", "已发布"),
        "scheduled": QCoreApplication.translate("ArticleStatus", "定时发布"),
        "archived": QCoreApplication.translate("ArticleStatus", "已归档"),
    }


def flag_labels(obj) -> dict[str, str]:
    """Flag names in the UI language."""
    return {
        "headline": QCoreApplication.translate("ArticleFlags", "头条"),
        "featured": QCoreApplication.translate("ArticleFlags", "推荐"),
        "slideshow": QCoreApplication.translate("ArticleFlags", "幻灯"),
        "pinned": QCoreApplication.translate("ArticleFlags", "置顶"),
    }


def short_time(moment: datetime | None) -> str:
    """“11-29 05:06” this year, “2024-11-29” before."""
    if moment is None:
        return ""
    if moment.year == datetime.now().year:
        return moment.strftime("%m-%d %H:%M")
    return moment.strftime("%Y-%m-%d")


class ArticleListModel(QAbstractTableModel):
    """Rows of `articles.list(query)` fetched page by page as the view asks for them."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._service = None
        self._query = ArticleQuery(limit=PAGE_SIZE)
        self._total = 0
        self._pages: OrderedDict[int, list[ArticleRow]] = OrderedDict()
        self._headers = [
            self.tr("标题"),
            self.tr("状态"),
            self.tr("发布时间"),
            self.tr("来源"),
            self.tr("责编"),
            self.tr("点击"),
        ]
        self._status = status_labels(self)
        self._flags = flag_labels(self)
        self.pages_fetched = 0  # for tests and benchmarks

    # ---- source and query -------------------------------------------------------------------

    def set_service(self, service) -> None:
        """The article service (`workspace.articles`), or None when no site is open."""
        self._service = service
        self.refresh()

    @property
    def query(self) -> ArticleQuery:
        return self._query

    def set_query(self, **changes) -> None:
        """Change filters or order (section, status, flags, search, order_by, descending)."""
        self._query = replace(self._query, **changes, offset=0, limit=PAGE_SIZE)
        self.refresh()

    def refresh(self) -> None:
        """Count again and drop every fetched page (after any change to articles)."""
        self.beginResetModel()
        self._pages.clear()
        self._total = self._service.count(self._query) if self._service is not None else 0
        self.endResetModel()

    def total(self) -> int:
        return self._total

    def update_article(self, article_id: int) -> bool:
        """Show an article's saved values in its row, fetching only that row.

        False (nothing changed) when the row is not among the fetched pages or the save may
        have moved the article into or out of the list or along its order: then the caller
        refreshes the whole list.
        """
        row = self.row_of(article_id) if self._service is not None else None
        if row is None or self._query.search:  # a search matches words the save may change
            return False
        fresh = self._service.rows_of([article_id])
        old = self.row_at(row)
        if not fresh or old is None:
            return False
        new = fresh[0]
        placing = {"section_id", "status", "publish_time", "flags", "scheduled"}
        placing.add(self._query.order_by)
        if any(getattr(old, key, None) != getattr(new, key, None) for key in placing):
            return False
        self._pages[row // PAGE_SIZE][row % PAGE_SIZE] = new
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        return True

    def _page(self, number: int) -> list[ArticleRow]:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        page = self._service.list(replace(self._query, limit=PAGE_SIZE, offset=number * PAGE_SIZE))
        self.pages_fetched += 1
        self._pages[number] = page
        while len(self._pages) > CACHED_PAGES:
            self._pages.popitem(last=False)
        return page

    def row_at(self, row: int) -> ArticleRow | None:
        """The article row at a table row (fetching its page if needed)."""
        if self._service is None or not 0 <= row < self._total:
            return None
        page = self._page(row // PAGE_SIZE)
        offset = row % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def article_id(self, row: int) -> int | None:
        found = self.row_at(row)
        return found.id if found else None

    def row_of(self, article_id: int) -> int | None:
        """The row of an article among the pages already fetched, else None."""
        for number, page in self._pages.items():
            for offset, row in enumerate(page):
                if row.id == article_id:
                    return number * PAGE_SIZE + offset
        return None

    # ---- the table model --------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        column = COLUMNS[index.column()]
        if role == ArticleIdRole:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "title":
                return row.title
            if column == "status":
                return self._status["scheduled" if row.scheduled else row.status]
            if column == "publish_time":
                return short_time(row.publish_time)
            if column == "source":
                return row.source
            if column == "editor":
                return row.editor
            if column == "hits":
                return row.hits
        if role == Qt.ItemDataRole.ToolTipRole and column == "publish_time" and row.publish_time:
            return row.publish_time.strftime("%Y-%m-%d %H:%M")
        if role == Qt.ItemDataRole.ToolTipRole and column == "title":
            flags = "、".join(self._flags[f] for f in row.flags)
            return f"{row.title}\n{row.section_path}" + (f"\n{flags}" if flags else "")
        if (
            role == Qt.ItemDataRole.FontRole
            and column == "title"
            and ("headline" in row.flags or "pinned" in row.flags)
        ):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and column == "status":
            if row.scheduled:
                return Qt.GlobalColor.darkBlue
            if row.status in ("draft", "review"):
                return Qt.GlobalColor.darkYellow
            if row.status == "archived":
                return Qt.GlobalColor.gray
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "hits":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(COLUMNS[column]) if 0 <= column < len(COLUMNS) else None
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if key != self._query.order_by or descending != self._query.descending:
            self.set_query(order_by=key, descending=descending)

    def mimeTypes(self) -> list[str]:
        return [ARTICLES_MIME]

    def mimeData(self, indexes) -> QMimeData:
        ids = sorted({self.article_id(i.row()) for i in indexes if i.isValid()} - {None})
        mime = QMimeData()
        mime.setData(ARTICLES_MIME, QByteArray(json.dumps(ids).encode()))
        return mime

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction


class ArticleListPanel(QWidget):
    """Filters, search and the table; announces the current article and asks for actions."""

    currentArticleChanged = Signal(int)  # 0 when nothing is selected
    newArticleRequested = Signal()
    publishRequested = Signal(list)
    unpublishRequested = Signal(list)
    moveRequested = Signal(list)
    deleteRequested = Signal(list)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.model = ArticleListModel(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("搜索标题、正文、来源、作者…"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.status_filter = QComboBox(self)
        self.status_filter.addItem(self.tr("全部状态"), None)
        for key, label in status_labels(self).items():
            self.status_filter.addItem(label, key)
        self.flag_filter = QComboBox(self)
        self.flag_filter.addItem(self.tr("全部属性"), None)
        for key, label in flag_labels(self).items():
            self.flag_filter.addItem(label, key)
        self.count_label = QLabel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setDragEnabled(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.hits = HitDelegate(lambda: search_terms(self.model.query.search).used, self.table)
        for column in ("title", "source", "editor"):
            self.table.setItemDelegateForColumn(COLUMNS.index(column), self.hits)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(
            COLUMNS.index("publish_time"), Qt.SortOrder.DescendingOrder
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        metrics = self.table.fontMetrics()
        widest_status = max(
            metrics.horizontalAdvance(text) for text in status_labels(self).values()
        )
        padding = 16
        for column, width in (
            (1, widest_status + padding),
            (2, metrics.horizontalAdvance("00-00 00:00") + padding),
            (3, metrics.horizontalAdvance("成都日报社") + padding),
            (4, metrics.horizontalAdvance("网宣黄怡") + padding),
            (5, metrics.horizontalAdvance("000000") + padding),
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_menu)

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.flag_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._apply_search)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._apply_search)
        self.status_filter.currentIndexChanged.connect(self._apply_filters)
        self.flag_filter.currentIndexChanged.connect(self._apply_filters)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        header.sortIndicatorChanged.connect(self._keep_sortable_indicator)
        self.model.modelReset.connect(self._update_count)
        self._current_id = 0
        self._make_shortcuts()

    def _make_shortcuts(self) -> None:
        delete = QAction(self)
        delete.setShortcut(QKeySequence.StandardKey.Delete)
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(lambda: self._ask(self.deleteRequested))
        self.table.addAction(delete)

    # ---- state ------------------------------------------------------------------------------

    def set_service(self, service) -> None:
        self.model.set_service(service)

    def set_section(self, section_id: int | None) -> None:
        """Show the articles of a section and its subsections (None: all)."""
        self.model.set_query(section=section_id or None)

    def refresh(self) -> None:
        """Fetch again, keeping the current article selected when it is still listed."""
        current = self._current_id
        self.model.refresh()
        if current:
            self.select_article(current, announce=False)

    def show_saved(self, article_id: int) -> None:
        """After a save: the article's row shows its new values (the list is fetched again
        only when the save may have moved the article in or out of it)."""
        if not self.model.update_article(article_id):
            self.refresh()

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        ids = [self.model.article_id(row) for row in rows]
        return [i for i in ids if i]

    def current_id(self) -> int:
        return self._current_id

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.selectRow(row)
            self.table.setCurrentIndex(self.model.index(row, 0))

    def select_article(self, article_id: int, announce: bool = True) -> bool:
        """Select an article if its row has been fetched; returns whether it was found."""
        row = self.model.row_of(article_id)
        if row is None and self.model.rowCount():
            self.model.row_at(0)  # nothing fetched yet after a refresh: look at the top
            row = self.model.row_of(article_id)
        if row is None:
            return False
        blocked = self.table.selectionModel().blockSignals(not announce)
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.model.index(row, 0))
        self.table.selectionModel().blockSignals(blocked)
        self._current_id = article_id
        self.table.viewport().update()
        return True

    def _current_changed(self, current: QModelIndex, _previous) -> None:
        article_id = self.model.article_id(current.row()) if current.isValid() else None
        self._current_id = article_id or 0
        self.currentArticleChanged.emit(self._current_id)

    def _keep_sortable_indicator(self, column: int, _order) -> None:
        """来源 and 责编 cannot be sorted: put the arrow back on the column that is."""
        if COLUMNS[column] in SORT_KEYS:
            return
        query = self.model.query
        current = next(i for i, name in enumerate(COLUMNS) if SORT_KEYS.get(name) == query.order_by)
        order = Qt.SortOrder.DescendingOrder if query.descending else Qt.SortOrder.AscendingOrder
        header = self.table.horizontalHeader()
        blocked = header.blockSignals(True)
        header.setSortIndicator(current, order)
        header.blockSignals(blocked)

    def _apply_search(self) -> None:
        self._debounce.stop()
        text = self.search.text().strip()
        if text != self.model.query.search:
            self.model.set_query(search=text)

    def _apply_filters(self) -> None:
        flag = self.flag_filter.currentData()
        self.model.set_query(status=self.status_filter.currentData(), flags=(flag,) if flag else ())

    def _update_count(self) -> None:
        text = self.tr("共 {count} 篇").format(count=self.model.total())
        if search_terms(self.model.query.search).ignored:  # a pasted paragraph, say
            text += self.tr("（只搜索了前 {count} 个词）").format(count=MAX_TERMS)
        self.count_label.setText(text)

    def _ask(self, signal) -> None:
        ids = self.selected_ids()
        if ids:
            signal.emit(ids)

    def _show_menu(self, position) -> None:
        menu = QMenu(self)
        entries = (
            ("new_article", self.tr("新建文章"), self.newArticleRequested.emit),
            (None, None, None),
            ("publish", self.tr("发布"), lambda: self._ask(self.publishRequested)),
            ("unpublish", self.tr("撤回为草稿"), lambda: self._ask(self.unpublishRequested)),
            ("move", self.tr("移动到栏目…"), lambda: self._ask(self.moveRequested)),
            (None, None, None),
            ("delete", self.tr("删除…"), lambda: self._ask(self.deleteRequested)),
        )
        has_selection = bool(self.selected_ids())
        for name, text, slot in entries:
            if name is None:
                menu.addSeparator()
                continue
            action = menu.addAction(icon(name), text)
            action.triggered.connect(slot)
            action.setEnabled(name == "new_article" or has_selection)
        menu.exec(self.table.viewport().mapToGlobal(position))
