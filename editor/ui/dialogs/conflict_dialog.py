"""A save refused because another workstation saved first: both versions side by side;
keep mine, keep theirs, or merge by hand."""

from __future__ import annotations

import difflib
import html

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from editor.ui.icons import icon

MINE_COLOUR = "#fff59d"  # text only in my version
THEIRS_COLOUR = "#c8e6c9"  # text only in theirs
DIFF_LIMIT = 40_000  # characters; longer texts are shown without highlighting


def _as_text(fields: dict) -> str:
    return f"{fields.get('title') or ''}\n\n{fields.get('body') or ''}"


def highlighted(mine: str, theirs: str) -> tuple[str, str]:
    """Both texts as HTML, with the characters that differ marked in each."""
    if len(mine) + len(theirs) > DIFF_LIMIT:
        return _html(html.escape(mine)), _html(html.escape(theirs))
    left: list[str] = []
    right: list[str] = []
    mine_lines, theirs_lines = mine.splitlines(keepends=True), theirs.splitlines(keepends=True)
    lines = difflib.SequenceMatcher(None, mine_lines, theirs_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in lines.get_opcodes():
        a, b = "".join(mine_lines[i1:i2]), "".join(theirs_lines[j1:j2])
        if tag == "equal":
            left.append(html.escape(a))
            right.append(html.escape(b))
        elif tag == "replace":  # changed lines: mark the characters that differ
            _mark_characters(a, b, left, right)
        else:
            left.append(_mark(a, MINE_COLOUR))
            right.append(_mark(b, THEIRS_COLOUR))
    return _html("".join(left)), _html("".join(right))


def _mark(text: str, colour: str) -> str:
    return f'<span style="background:{colour}">{html.escape(text)}</span>' if text else ""


def _mark_characters(a: str, b: str, left: list[str], right: list[str]) -> None:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            left.append(html.escape(a[i1:i2]))
            right.append(html.escape(b[j1:j2]))
        else:
            left.append(_mark(a[i1:i2], MINE_COLOUR))
            right.append(_mark(b[j1:j2], THEIRS_COLOUR))


def _html(body: str) -> str:
    return f'<div style="white-space: pre-wrap">{body}</div>'


class ConflictDialog(QDialog):
    """`choice` is "mine", "theirs", "merge", or None (decide later)."""

    def __init__(self, info, theirs: dict, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("保存冲突"))
        self.setWindowIcon(icon("warning"))
        self.choice: str | None = None
        when = info.saved_at.strftime("%Y-%m-%d %H:%M:%S") if info.saved_at else "?"
        header = QLabel(
            self.tr(
                "在你编辑期间，{who} 于 {when} 保存了这篇文章（现为版本 {version}）。"
                "你的文字已另存为草稿，不会丢失。请选择保留哪一版，或手动合并。"
            ).format(who=info.saved_by, when=when, version=info.current_version),
            self,
        )
        header.setWordWrap(True)
        mine_text, theirs_text = _as_text(info.mine), _as_text(theirs)
        self.mine = self._pane(
            self.tr("我的版本（黄色：只在我的版本中）"), mine_text, read_only=True
        )
        self.theirs = self._pane(
            self.tr("{who} 的版本（绿色：只在对方版本中）").format(who=info.saved_by),
            theirs_text,
            read_only=True,
        )
        mine_html, theirs_html = highlighted(mine_text, theirs_text)
        self.mine.document().setHtml(mine_html)
        self.theirs.document().setHtml(theirs_html)
        self.merge = self._pane(
            self.tr("手动合并（正文）"), info.mine.get("body") or "", read_only=False
        )
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

    def _pane(self, title: str, text: str, read_only: bool):
        box = QWidget(self)
        edit = QTextEdit(box) if read_only else QPlainTextEdit(box)
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
