"""The 栏目 tree: an item model over the section snapshot, and its view with a context menu.

The model never writes: a rename, a drag and drop or a drop of articles becomes a
…Requested signal that the main window turns into a service call, then reloads the model.
"""

from __future__ import annotations

import json

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import QAbstractItemView, QMenu, QTreeView

from editor.content.sections import SectionNode, SectionTree
from editor.ui.icons import icon

SECTION_MIME = "application/x-newsdesk-section"
ARTICLES_MIME = "application/x-newsdesk-articles"
ROOT_ID = 0  # the site itself: "all articles", and the parent of top-level sections
SectionIdRole = Qt.ItemDataRole.UserRole + 1
ArticleCountRole = Qt.ItemDataRole.UserRole + 2


class SectionTreeModel(QAbstractItemModel):
    """The site as one root item ("all articles") with the section tree under it."""

    sectionMoveRequested = Signal(int, int, int)  # section id, new parent id (0: top), position
    sectionRenameRequested = Signal(int, str)
    articlesMoveRequested = Signal(list, int)  # article ids, section id

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._site_name = ""
        self._tree: SectionTree | None = None
        self._counts: dict[int, int] = {}
        self._totals: dict[int, int] = {}

    # ---- loading ----------------------------------------------------------------------------

    def reload(self, site_name: str, tree: SectionTree, counts: dict[int, int]) -> None:
        """Replace the snapshot (after any change to sections or article counts)."""
        self.beginResetModel()
        self._site_name = site_name
        self._tree = tree
        self._counts = dict(counts)
        self._totals = {}
        for node in tree:
            self._totals[node.id] = sum(
                self._counts.get(i, 0) for i in tree.descendant_ids(node.id)
            )
        self.endResetModel()

    def adjust_counts(self, deltas: dict[int, int]) -> None:
        """Add per-section changes of the article count (a saved article that moved or is
        new) to the counts shown, without reading the tree again or resetting the view."""
        if self._tree is None:
            return
        touched: set[int] = set()
        for section_id, delta in deltas.items():
            if not delta:
                continue
            self._counts[section_id] = self._counts.get(section_id, 0) + delta
            for node in self._tree.ancestors(section_id):
                self._totals[node.id] = self._totals.get(node.id, 0) + delta
                touched.add(node.id)
        if not any(deltas.values()):
            return
        for section_id in (*touched, ROOT_ID):
            index = self.index_of(section_id)
            self.dataChanged.emit(index, index)

    @property
    def tree(self) -> SectionTree | None:
        return self._tree

    def total_articles(self) -> int:
        return sum(self._counts.values())

    def _children(self, section_id: int) -> list[SectionNode]:
        if self._tree is None:
            return []
        if section_id == ROOT_ID:
            return self._tree.roots
        node = self._tree.nodes.get(section_id)
        return node.children if node else []

    def _node(self, index: QModelIndex) -> SectionNode | None:
        if not index.isValid() or self._tree is None:
            return None
        return self._tree.nodes.get(index.internalId())

    def section_id(self, index: QModelIndex) -> int:
        """The section id at `index` (ROOT_ID for the site root or an invalid index)."""
        return index.internalId() if index.isValid() else ROOT_ID

    def index_of(self, section_id: int) -> QModelIndex:
        """The model index of a section (the root item for ROOT_ID)."""
        if self._tree is None:
            return QModelIndex()
        if section_id == ROOT_ID:
            return self.createIndex(0, 0, ROOT_ID)
        node = self._tree.nodes.get(section_id)
        if node is None:
            return QModelIndex()
        siblings = self._children(node.parent_id or ROOT_ID)
        row = next(i for i, n in enumerate(siblings) if n.id == section_id)
        return self.createIndex(row, 0, section_id)

    # ---- the item model ---------------------------------------------------------------------

    def index(self, row: int, column: int, parent=QModelIndex()) -> QModelIndex:
        if self._tree is None or column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, ROOT_ID) if row == 0 else QModelIndex()
        children = self._children(parent.internalId())
        if row >= len(children):
            return QModelIndex()
        return self.createIndex(row, 0, children[row].id)

    def parent(self, index=QModelIndex()) -> QModelIndex:  # noqa: D102 (Qt API)
        if not index.isValid() or index.internalId() == ROOT_ID or self._tree is None:
            return QModelIndex()
        node = self._tree.nodes.get(index.internalId())
        if node is None:
            return QModelIndex()
        return self.index_of(node.parent_id or ROOT_ID)

    def rowCount(self, parent=QModelIndex()) -> int:
        if self._tree is None:
            return 0
        if not parent.isValid():
            return 1
        if parent.column() != 0:
            return 0
        return len(self._children(parent.internalId()))

    def columnCount(self, parent=QModelIndex()) -> int:
        return 1

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self._tree is None:
            return None
        section_id = index.internalId()
        node = self._tree.nodes.get(section_id)
        if role == SectionIdRole:
            return section_id
        if role == ArticleCountRole:
            return self.total_articles() if node is None else self._totals.get(section_id, 0)
        if node is None:  # the site root
            if role == Qt.ItemDataRole.DisplayRole:
                return self.tr("全部文章（{count}）").format(count=self.total_articles())
            if role == Qt.ItemDataRole.DecorationRole:
                return icon("site")
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._site_name
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{node.name} ({self._totals.get(section_id, 0)})"
        if role == Qt.ItemDataRole.EditRole:
            return node.name
        if role == Qt.ItemDataRole.DecorationRole:
            return icon("section")
        if role == Qt.ItemDataRole.ToolTipRole:
            hidden = "" if node.in_navigation else self.tr("（不在导航中）")
            return f"{node.path}\n/{node.slug_path}/ {hidden}".strip()
        if role == Qt.ItemDataRole.ForegroundRole and not node.in_navigation:
            return Qt.GlobalColor.gray
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        base = (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDropEnabled
        )
        if index.internalId() == ROOT_ID:
            return base
        return base | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        node = self._node(index)
        if node is None or role != Qt.ItemDataRole.EditRole:
            return False
        name = str(value or "").strip()
        if not name or name == node.name:
            return False
        self.sectionRenameRequested.emit(node.id, name)
        return True

    # ---- drag and drop ----------------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [SECTION_MIME, ARTICLES_MIME]

    def mimeData(self, indexes) -> QMimeData:
        ids = [i.internalId() for i in indexes if i.isValid() and i.internalId() != ROOT_ID]
        mime = QMimeData()
        mime.setData(SECTION_MIME, QByteArray(json.dumps(ids).encode()))
        return mime

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        if data.hasFormat(ARTICLES_MIME):
            return parent.isValid() and parent.internalId() != ROOT_ID
        if not data.hasFormat(SECTION_MIME) or self._tree is None:
            return False
        target = self.section_id(parent) if parent.isValid() else ROOT_ID
        for section_id in _ids(data, SECTION_MIME):
            if target != ROOT_ID and target in self._tree.descendant_ids(section_id):
                return False
        return True

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        """Ask for the move; return False so the view removes nothing (the reload does)."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        if data.hasFormat(ARTICLES_MIME):
            self.articlesMoveRequested.emit(_ids(data, ARTICLES_MIME), parent.internalId())
            return False
        target = self.section_id(parent) if parent.isValid() else ROOT_ID
        siblings = self._children(target)
        for section_id in _ids(data, SECTION_MIME):
            node = self._tree.nodes.get(section_id)
            if node is None:
                continue
            position = len(siblings) if row < 0 else row
            if (node.parent_id or ROOT_ID) == target:
                current = next((i for i, n in enumerate(siblings) if n.id == section_id), None)
                if current is not None and current < position:
                    position -= 1
            self.sectionMoveRequested.emit(section_id, target, position)
        return False


def _ids(data: QMimeData, mime: str) -> list[int]:
    try:
        return [int(i) for i in json.loads(bytes(data.data(mime)).decode() or "[]")]
    except (ValueError, TypeError):
        return []


class SectionTreeView(QTreeView):
    """The tree on the left: select a section, drag to move, right-click for more."""

    sectionChanged = Signal(int)  # ROOT_ID for "all articles"
    addSectionRequested = Signal(int)  # parent id (ROOT_ID: top level)
    deleteSectionRequested = Signal(int)
    propertiesRequested = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._show_menu)
        self.setUniformRowHeights(True)
        self._current_id = ROOT_ID

    def setModel(self, model: SectionTreeModel) -> None:  # noqa: N802 (Qt API)
        super().setModel(model)
        model.modelAboutToBeReset.connect(self._remember)
        model.modelReset.connect(self._restore)
        self.selectionModel().currentChanged.connect(self._current_changed)

    def current_section(self) -> int:
        return self.model().section_id(self.currentIndex())

    def select_section(self, section_id: int) -> None:
        index = self.model().index_of(section_id)
        if index.isValid():
            self.setCurrentIndex(index)

    def _current_changed(self, current, _previous) -> None:
        section_id = self.model().section_id(current)
        if section_id != self._current_id or not current.isValid():
            self._current_id = section_id
            self.sectionChanged.emit(section_id)

    def expanded_ids(self) -> set[int]:
        """The sections whose children are shown (ROOT_ID for 全部文章)."""
        expanded: set[int] = set()
        model = self.model()
        stack = [model.index(0, 0)]
        while stack:
            index = stack.pop()
            if self.isExpanded(index):
                expanded.add(model.section_id(index))
            stack.extend(model.index(r, 0, index) for r in range(model.rowCount(index)))
        return expanded

    def expand_ids(self, section_ids) -> None:
        """Show the children of these sections (those still in the tree)."""
        model = self.model()
        for section_id in section_ids:
            index = model.index_of(section_id)
            if index.isValid():
                self.expand(index)

    def _remember(self) -> None:
        self._expanded = self.expanded_ids()

    def _restore(self) -> None:
        model = self.model()
        self.expand(model.index(0, 0))
        for section_id in getattr(self, "_expanded", set()):
            self.expand(model.index_of(section_id))
        index = model.index_of(self._current_id)
        if not index.isValid():
            index = model.index(0, 0)
        blocked = self.selectionModel().blockSignals(True)
        self.setCurrentIndex(index)
        self.selectionModel().blockSignals(blocked)
        if model.section_id(index) != self._current_id:
            self._current_id = model.section_id(index)
            self.sectionChanged.emit(self._current_id)

    def _show_menu(self, position) -> None:
        index = self.indexAt(position)
        section_id = self.model().section_id(index)
        menu = QMenu(self)
        add = QAction(
            icon("add_section"),
            self.tr("新建子栏目…") if section_id else self.tr("新建栏目…"),
            menu,
        )
        add.triggered.connect(lambda: self.addSectionRequested.emit(section_id))
        menu.addAction(add)
        if section_id != ROOT_ID:
            rename = QAction(icon("rename"), self.tr("重命名"), menu)
            rename.triggered.connect(lambda: self.edit(index))
            props = QAction(icon("properties"), self.tr("属性…"), menu)
            props.triggered.connect(lambda: self.propertiesRequested.emit(section_id))
            delete = QAction(icon("delete"), self.tr("删除栏目…"), menu)
            delete.triggered.connect(lambda: self.deleteSectionRequested.emit(section_id))
            menu.addActions([rename, props])
            menu.addSeparator()
            menu.addAction(delete)
        menu.exec(self.viewport().mapToGlobal(position))
