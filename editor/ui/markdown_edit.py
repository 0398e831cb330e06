"""The body editor: a Markdown QPlainTextEdit with highlighting, formatting commands,
clean paste (HTML → Markdown, images → assets) and a find-and-replace bar."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QKeySequence,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from editor.ui.icons import icon

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".svg"}
BOX_TITLE = "新闻拓展"


def html_to_markdown(html: str) -> str:
    """Clean Markdown from pasted HTML (the importer's cleaner; plain text if it is missing)."""
    try:
        from editor.ingest.clean import html_to_markdown as convert
    except ImportError:
        from markdownify import markdownify

        return re.sub(r"\n{3,}", "\n\n", markdownify(html, heading_style="ATX")).strip()
    return convert(html)


class MarkdownHighlighter(QSyntaxHighlighter):
    """Colours the Markdown marks the site uses: ## headings, emphasis, links and images,
    quotes, lists, tables and `:::box` side notes."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)

        def fmt(color: str, bold: bool = False, italic: bool = False) -> QTextCharFormat:
            f = QTextCharFormat()
            f.setForeground(QColor(color))
            if bold:
                f.setFontWeight(QFont.Weight.Bold)
            f.setFontItalic(italic)
            return f

        self.rules = [
            (re.compile(r"^#{1,6}\s.*$"), fmt("#0d47a1", bold=True)),
            (re.compile(r"^>.*$"), fmt("#546e7a", italic=True)),
            (re.compile(r"^\s*(?:[-*+]|\d+[.)])\s"), fmt("#c62828", bold=True)),
            (re.compile(r"\*\*[^*]+\*\*"), fmt("#212121", bold=True)),
            (re.compile(r"(?<!\*)\*[^*\s][^*]*\*(?!\*)"), fmt("#424242", italic=True)),
            (re.compile(r"!\[[^\]]*\]\([^)]*\)"), fmt("#6a1b9a")),
            (re.compile(r"(?<!!)\[[^\]]*\]\([^)]*\)"), fmt("#1565c0")),
            (re.compile(r"^\|.*\|\s*$"), fmt("#00695c")),
            (re.compile(r"^:::.*$"), fmt("#e65100", bold=True)),
            (re.compile(r"^(?:---|\*\*\*|___)\s*$"), fmt("#9e9e9e", bold=True)),
        ]
        self.box_body = fmt("#5d4037")

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt API)
        previous = self.previousBlockState()
        in_box = previous == 1
        if text.startswith(":::"):
            in_box = text.strip() != ":::"
        elif in_box:
            self.setFormat(0, len(text), self.box_body)
        self.setCurrentBlockState(1 if in_box else 0)
        for pattern, style in self.rules:
            for match in pattern.finditer(text):
                self.setFormat(match.start(), match.end() - match.start(), style)


class MarkdownEdit(QPlainTextEdit):
    """The Markdown body. `media` (the site's MediaService) stores pasted or dropped images."""

    imageStored = Signal(str)  # sha256 of an image just stored

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.media = None
        self.setTabChangesFocus(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        font = self.font()
        font.setPointSize(max(font.pointSize(), 11))
        self.setFont(font)
        self.document().setDocumentMargin(10)
        self.highlighter = MarkdownHighlighter(self.document())

    # ---- text helpers -----------------------------------------------------------------------

    def wrap_selection(self, before: str, after: str, placeholder: str) -> None:
        """Put marks around the selection, or insert a selected placeholder between them."""
        cursor = self.textCursor()
        text = cursor.selectedText() or placeholder
        cursor.beginEditBlock()
        cursor.insertText(f"{before}{text}{after}")
        cursor.endEditBlock()
        if not self.textCursor().hasSelection():
            end = cursor.position() - len(after)
            cursor.setPosition(end - len(text))
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def prefix_lines(self, prefix: str | None, numbered: bool = False) -> None:
        """Toggle a line prefix (`## `, `> `, `- `, `1. `) on every selected line."""
        cursor = self.textCursor()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        doc = self.document()
        first, last = doc.findBlock(start), doc.findBlock(end)
        blocks = []
        block = first
        while block.isValid():
            blocks.append(block)
            if block == last:
                break
            block = block.next()
        marks = [f"{i}. " if numbered else prefix for i in range(1, len(blocks) + 1)]
        remove = all(b.text().startswith(m) for b, m in zip(blocks, marks, strict=True))
        cursor.beginEditBlock()
        for block, mark in zip(blocks, marks, strict=True):
            edit = QTextCursor(block)
            if remove:
                edit.movePosition(
                    QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, len(mark)
                )
                edit.removeSelectedText()
            else:
                stripped = re.match(r"^(#{1,6} |> |[-*+] |\d+\. )", block.text())
                if stripped:
                    edit.movePosition(
                        QTextCursor.MoveOperation.Right,
                        QTextCursor.MoveMode.KeepAnchor,
                        len(stripped.group(1)),
                    )
                edit.insertText(mark)
        cursor.endEditBlock()

    def insert_block(self, text: str, select: str | None = None) -> None:
        """Insert a block of Markdown on lines of its own; select `select` inside it."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        if cursor.positionInBlock() > 0:
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
            cursor.insertText("\n\n")
        start = cursor.position()
        cursor.insertText(text)
        cursor.endEditBlock()
        if select:
            at = text.find(select)
            if at >= 0:
                cursor.setPosition(start + at)
                cursor.setPosition(start + at + len(select), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    # ---- formatting commands ----------------------------------------------------------------

    def make_bold(self) -> None:
        self.wrap_selection("**", "**", self.tr("粗体文字"))

    def make_italic(self) -> None:
        self.wrap_selection("*", "*", self.tr("斜体文字"))

    def make_heading(self) -> None:
        self.prefix_lines("## ")

    def make_quote(self) -> None:
        self.prefix_lines("> ")

    def make_bullets(self) -> None:
        self.prefix_lines("- ")

    def make_numbers(self) -> None:
        self.prefix_lines(None, numbered=True)

    def insert_link(self) -> None:
        cursor = self.textCursor()
        text = cursor.selectedText() or self.tr("链接文字")
        cursor.insertText(f"[{text}](https://)")
        cursor.setPosition(cursor.position() - 1)
        cursor.setPosition(cursor.position() - len("https://"), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def insert_table(self) -> None:
        a, b = self.tr("列一"), self.tr("列二")
        self.insert_block(f"| {a} | {b} |\n| --- | --- |\n|  |  |\n", select=a)

    def insert_box(self) -> None:
        selected = self.textCursor().selectedText().replace("\u2029", "\n")
        body = selected or self.tr("拓展内容")
        self.textCursor().removeSelectedText()
        self.insert_block(f":::box {BOX_TITLE}\n{body}\n:::\n", select=None if selected else body)

    def insert_rule(self) -> None:
        self.insert_block("---\n")

    def insert_image_markdown(self, ref: str, alt: str = "", caption: str = "") -> None:
        """Insert `![alt](asset:ref "caption")` as its own paragraph (`ref`: a SHA-256 or
        the short reference of `MediaService.short_ref`)."""
        title = f' "{caption}"' if caption else ""
        self.insert_block(f"![{alt}](asset:{ref}{title})\n")

    def _insert_asset(self, asset, alt: str = "", caption: str = "") -> None:
        self.insert_image_markdown(self.media.short_ref(asset), alt, caption)
        self.imageStored.emit(asset.sha256)

    def insert_image_file(self, path: str | Path, alt: str = "", caption: str = "") -> bool:
        """Store an image file as an asset and insert it; False when it cannot be stored."""
        path = Path(path)
        if self.media is None:
            return False
        from editor.errors import NewsdeskError

        try:
            asset = self.media.add(path.read_bytes(), path.name, alt)
        except (NewsdeskError, OSError) as exc:  # an SVG, a file that is no image ...
            QMessageBox.warning(self, self.tr("无法插入图片"), str(exc))
            return False
        self._insert_asset(asset, alt, caption)
        return True

    # ---- paste and drop ---------------------------------------------------------------------

    def canInsertFromMimeData(self, source) -> bool:  # noqa: N802 (Qt API)
        return source.hasImage() or source.hasUrls() or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source) -> None:  # noqa: N802 (Qt API)
        if self.media is not None and source.hasImage():
            image = source.imageData()
            data = QByteArray()
            buffer = QBuffer(data)
            buffer.open(QIODevice.OpenModeFlag.WriteOnly)
            image.save(buffer, "PNG")
            buffer.close()
            asset = self.media.add(bytes(data.data()), "pasted.png")
            self._insert_asset(asset)
            return
        if source.hasUrls():
            files = [Path(u.toLocalFile()) for u in source.urls() if u.isLocalFile()]
            images = [f for f in files if f.suffix.lower() in IMAGE_SUFFIXES and f.is_file()]
            if images and self.media is not None:
                for path in images:
                    self.insert_image_file(path)
                return
        if source.hasHtml():
            markdown = html_to_markdown(source.html())
            if markdown.strip():
                self.textCursor().insertText(markdown)
                return
        if source.hasText():
            self.textCursor().insertText(source.text())


class FindReplaceBar(QWidget):
    """Find and replace in the body (Ctrl+F, Ctrl+H); Esc closes it."""

    def __init__(self, edit: QPlainTextEdit, parent=None) -> None:
        super().__init__(parent)
        self.edit = edit
        self.find_text = QLineEdit(self)
        self.find_text.setPlaceholderText(self.tr("查找"))
        self.replace_text = QLineEdit(self)
        self.replace_text.setPlaceholderText(self.tr("替换为"))
        self.case = QCheckBox(self.tr("区分大小写"), self)
        previous = QToolButton(self)
        previous.setText("↑")
        previous.setToolTip(self.tr("上一个（Shift+F3）"))
        following = QToolButton(self)
        following.setText("↓")
        following.setToolTip(self.tr("下一个（F3）"))
        replace = QPushButton(self.tr("替换"), self)
        replace_all = QPushButton(self.tr("全部替换"), self)
        close = QToolButton(self)
        close.setIcon(icon("close"))
        close.setAutoRaise(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        for widget in (
            self.find_text,
            previous,
            following,
            self.replace_text,
            replace,
            replace_all,
            self.case,
            close,
        ):
            layout.addWidget(widget)
        self.find_text.returnPressed.connect(self.find_next)
        following.clicked.connect(self.find_next)
        previous.clicked.connect(self.find_previous)
        replace.clicked.connect(self.replace_one)
        replace_all.clicked.connect(self.replace_all)
        close.clicked.connect(self.hide)
        escape = QAction(self)
        escape.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        escape.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.triggered.connect(self.close_bar)
        self.addAction(escape)
        self.hide()

    def open_find(self, replace: bool = False) -> None:
        self.show()
        self.replace_text.setVisible(True)
        selected = self.edit.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_text.setText(selected)
        (self.replace_text if replace and self.find_text.text() else self.find_text).setFocus()
        self.find_text.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.edit.setFocus()

    def _flags(self, backward: bool = False) -> QTextDocument.FindFlag:
        flags = QTextDocument.FindFlag(0)
        if self.case.isChecked():
            flags |= QTextDocument.FindFlag.FindCaseSensitively
        if backward:
            flags |= QTextDocument.FindFlag.FindBackward
        return flags

    def find_next(self, backward: bool = False) -> bool:
        """Select the next match, wrapping around at the end; False when there is none."""
        text = self.find_text.text()
        if not text:
            return False
        if self.edit.find(text, self._flags(backward)):
            return True
        cursor = self.edit.textCursor()
        cursor.movePosition(
            QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start
        )
        self.edit.setTextCursor(cursor)
        return self.edit.find(text, self._flags(backward))

    def find_previous(self) -> bool:
        return self.find_next(backward=True)

    def _matches(self, selected: str) -> bool:
        text = self.find_text.text()
        return selected == text if self.case.isChecked() else selected.lower() == text.lower()

    def replace_one(self) -> None:
        cursor = self.edit.textCursor()
        if cursor.hasSelection() and self._matches(cursor.selectedText()):
            cursor.insertText(self.replace_text.text())
        self.find_next()

    def replace_all(self) -> int:
        """Replace every match in one undo step; returns how many were replaced."""
        text = self.find_text.text()
        if not text:
            return 0
        document = self.edit.document()
        cursor = QTextCursor(document)
        count = 0
        cursor.beginEditBlock()
        found = document.find(text, 0, self._flags())
        while not found.isNull():
            cursor.setPosition(found.selectionStart())
            cursor.setPosition(found.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(self.replace_text.text())
            count += 1
            found = document.find(text, cursor.position(), self._flags())
        cursor.endEditBlock()
        return count
