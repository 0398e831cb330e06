"""Offer back the drafts that a crash or a closed window left behind."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from editor.ui.icons import icon


class RecoverDialog(QDialog):
    """A list of unsaved drafts: continue one, throw some away, or decide later."""

    def __init__(self, drafts, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("恢复未保存的稿件"))
        self.setWindowIcon(icon("recover"))
        self.chosen = None
        self.discarded = []
        self._drafts = list(drafts)
        self.list = QListWidget(self)
        for draft in self._drafts:
            title = (draft.fields or {}).get("title") or self.tr("（无标题）")
            where = (
                self.tr("文章 {id}").format(id=draft.article_id)
                if draft.article_id
                else self.tr("新文章")
            )
            item = QListWidgetItem(
                f"{title}\n{where} · {draft.saved_at:%Y-%m-%d %H:%M:%S} · {draft.author}"
            )
            item.setData(Qt.ItemDataRole.UserRole, draft.key)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self._recover())
        buttons = QDialogButtonBox(self)
        recover = QPushButton(icon("recover"), self.tr("恢复所选"), self)
        recover.setDefault(True)
        discard = QPushButton(icon("delete"), self.tr("丢弃所选"), self)
        later = QPushButton(self.tr("以后再说"), self)
        buttons.addButton(recover, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(discard, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(later, QDialogButtonBox.ButtonRole.RejectRole)
        recover.clicked.connect(self._recover)
        discard.clicked.connect(self._discard)
        later.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("上次关闭前有稿件没有保存。恢复一篇继续编辑："), self))
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(520, 320)

    def _current(self):
        row = self.list.currentRow()
        return self._drafts[row] if 0 <= row < len(self._drafts) else None

    def _recover(self) -> None:
        self.chosen = self._current()
        if self.chosen is not None:
            self.accept()

    def _discard(self) -> None:
        draft = self._current()
        if draft is None:
            return
        self.discarded.append(draft)
        row = self.list.currentRow()
        self.list.takeItem(row)
        self._drafts.pop(row)
        if not self._drafts:
            self.accept()
