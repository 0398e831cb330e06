"""A save refused because another workstation saved first: both versions side by side;
keep mine, keep theirs, or merge by hand."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from editor.ui.icons import icon


def _as_text(fields: dict) -> str:
    return f"{fields.get('title') or ''}\n\n{fields.get('body') or ''}"


class ConflictDialog(QDialog):
    """`choice` is "mine", "theirs", "merge", or None (decide later)."""

    def __init__(self, info, theirs: dict, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("保存冲突"))
        self.setWindowIcon(icon("warning"))
        self.choice: str | None = None
        when = info.saved_at.strftime("%Y-%m-%d %H:%M:%S") if info.saved_at else "?"
        header = QLabel(
            self.tr("在你编辑期间,{who} 于 {when} 保存了这篇文章(现为版本 {version})。"
                    "你的文字已另存为草稿,不会丢失。请选择保留哪一版,或手动合并。").format(
                who=info.saved_by, when=when, version=info.current_version),
            self,
        )
        header.setWordWrap(True)
        self.mine = self._pane(self.tr("我的版本"), _as_text(info.mine), read_only=True)
        self.theirs = self._pane(self.tr("{who} 的版本").format(who=info.saved_by), _as_text(theirs),
                                 read_only=True)
        self.merge = self._pane(self.tr("手动合并(正文)"), info.mine.get("body") or "", read_only=False)
        self.merge.parentWidget().hide()
        split = QSplitter(self)
        for pane in (self.mine, self.theirs, self.merge):
            split.addWidget(pane.parentWidget())
        keep_mine = QPushButton(self.tr("保留我的"), self)
        keep_theirs = QPushButton(self.tr("保留对方的"), self)
        merge = QPushButton(self.tr("手动合并…"), self)
        self.use_merge = QPushButton(self.tr("使用合并结果"), self)
        self.use_merge.hide()
        later = QPushButton(self.tr("稍后决定"), self)
        keep_mine.clicked.connect(lambda: self._choose("mine"))
        keep_theirs.clicked.connect(lambda: self._choose("theirs"))
        merge.clicked.connect(self._start_merge)
        self.use_merge.clicked.connect(lambda: self._choose("merge"))
        later.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (keep_mine, keep_theirs, merge, self.use_merge):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(later)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.resize(1100, 620)

    def _pane(self, title: str, text: str, read_only: bool) -> QPlainTextEdit:
        box = QWidget(self)
        edit = QPlainTextEdit(box)
        edit.setPlainText(text)
        edit.setReadOnly(read_only)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(f"<b>{title}</b>", box))
        layout.addWidget(edit)
        return edit

    def _start_merge(self) -> None:
        self.merge.parentWidget().show()
        self.use_merge.show()
        self.merge.setFocus()

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    def merged_body(self) -> str:
        return self.merge.toPlainText()
