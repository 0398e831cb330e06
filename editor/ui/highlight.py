"""Search hits marked in the article list: the words of the search drawn on a yellow
ground in the title, 来源 and 责编 columns."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

from PySide6.QtCore import QModelIndex, QObject, QRectF
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

HIT_COLOUR = "#ffe066"


def highlighted_html(text: str, terms: list[str]) -> str:
    """`text` as HTML with every occurrence of a term (case-insensitive) marked."""
    text = text or ""
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    if not terms:
        return escape(text)
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(f'<span style="background-color:{HIT_COLOUR}">{escape(match.group(0))}</span>')
        last = match.end()
    parts.append(escape(text[last:]))
    return "".join(parts)


class HitDelegate(QStyledItemDelegate):
    """Draws a cell's text with the current search words marked (`terms()` gives them)."""

    def __init__(self, terms: Callable[[], list[str]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.terms = terms

    def html(self, index: QModelIndex) -> str:
        """The cell's text as drawn."""
        return highlighted_html(str(index.data() or ""), self.terms())

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        terms = self.terms()
        if not terms:
            super().paint(painter, option, index)
            return
        options = QStyleOptionViewItem(option)
        self.initStyleOption(options, index)
        style = options.widget.style() if options.widget else QApplication.style()
        document = QTextDocument()
        document.setDefaultFont(options.font)
        document.setDocumentMargin(2)
        document.setHtml(self.html(index))
        options.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, options, painter, options.widget)
        context = QAbstractTextDocumentLayout.PaintContext()
        if options.state & QStyle.StateFlag.State_Selected:
            context.palette.setColor(
                QPalette.ColorRole.Text, options.palette.color(QPalette.ColorRole.HighlightedText)
            )
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, options, options.widget)
        painter.save()
        painter.translate(rect.topLeft())
        painter.setClipRect(QRectF(0, 0, rect.width(), rect.height()))
        document.documentLayout().draw(painter, context)
        painter.restore()
