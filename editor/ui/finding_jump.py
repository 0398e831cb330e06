"""A check's finding in the article editor: jump to its place (the field, and in the body
the text found, in source and in 所见即所得 mode) and apply its fix as an edit the editor can
undo. The finding's offsets are into the stored text (the body's Markdown); the editor's
copy may have moved since the check ran, so the text is found again near its offset."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEventLoop
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from editor.content.checks import Finding, apply_fix, locate
from editor.content.copy_checks import plain_view
from editor.ui.body_editor import RICH

# Field → (tab of the article editor or None for the title rows, widget attribute)
FIELD_WIDGETS = {
    "title": (None, "title"),
    "subtitle": (None, "subtitle"),
    "body": (0, "body"),
    "source": (1, "source"),
    "source_url": (1, "source_url"),
    "original_title": (1, "original_title"),
    "original_author": (1, "original_author"),
    "reporters": (1, "reporters"),
    "photographers": (1, "photographers"),
    "responsible_editor": (1, "responsible_editor"),
    "summary": (1, "summary"),
}
SELECT_TIMEOUT_MS = 2000

# Select the index-th occurrence of a text in the web editor's document (its text nodes in
# order); ProseMirror takes the DOM selection as its own on the selectionchange event.
_SELECT_SCRIPT = """
(function (needle, index) {
  var root = document.querySelector('.ProseMirror');
  if (!root || !needle) return false;
  // captions are not checked (the Markdown's picture is blanked there): skip their text
  var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {acceptNode: function (n) {
    return n.parentElement && n.parentElement.closest('figcaption')
      ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT; }});
  var nodes = [], text = '';
  while (walker.nextNode()) { nodes.push([walker.currentNode, text.length]); text += walker.currentNode.data; }
  var at = -1, from = 0, found = [];
  while ((at = text.indexOf(needle, from)) >= 0) { found.push(at); from = at + 1; }
  if (!found.length) return false;
  var start = found[Math.min(index, found.length - 1)], end = start + needle.length;
  function point(pos, last) {
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i][0], base = nodes[i][1], size = node.data.length;
      if (pos < base + size || (last && pos === base + size)) return [node, pos - base];
    }
    return null;
  }
  var a = point(start, false), b = point(end, true);
  if (!a || !b) return false;
  root.focus();
  window.getSelection().setBaseAndExtent(a[0], a[1], b[0], b[1]);
  var element = a[0].parentElement;
  if (element && element.scrollIntoView) element.scrollIntoView({block: 'center'});
  return true;
})(%s, %d)
"""


def utf16(text: str, index: int) -> int:
    """A character offset as Qt counts it (UTF-16 code units)."""
    return len(text[:index].encode("utf-16-le")) // 2


def _occurrence(text: str, needle: str, start: int) -> int:
    """How many times `needle` occurs in `text` before `start` (overlaps counted)."""
    count, at = 0, text.find(needle)
    while 0 <= at < start:
        count += 1
        at = text.find(needle, at + 1)
    return count


def _visible_anchor(view: str, start: int) -> tuple[str, int]:
    """Text a reader sees at or just before `start` in the body's plain view (a link's
    target or a picture are blanked there): a run of up to eight characters and its start."""
    end = start
    while end < len(view) and view[end] == " ":
        end += 1
    if end < len(view) and not view[end].isspace():
        stop = end
        while stop < len(view) and not view[stop].isspace() and stop - end < 8:
            stop += 1
        return view[end:stop], end
    stop = start
    while stop > 0 and view[stop - 1].isspace():
        stop -= 1
    begin = stop
    while begin > 0 and not view[begin - 1].isspace() and stop - begin < 8:
        begin -= 1
    return view[begin:stop], begin


class FindingNavigator:
    """Jumps and fixes in one ArticleEditor."""

    def __init__(self, editor: Any) -> None:
        self.editor = editor

    def widget(self, field: str) -> QWidget | None:
        """The widget that edits `field` (brought into view), None for a field it lacks."""
        place = FIELD_WIDGETS.get(field)
        if place is None:
            return None
        tab, name = place
        widget = getattr(self.editor, name, None)
        if widget is not None and tab is not None:
            self.editor.tabs.setCurrentIndex(tab)
        return widget

    # ---- jumping ----------------------------------------------------------------------------

    def locate(self, finding: Finding) -> bool:
        """Show the finding's place: its field focused and, where the text is still there,
        selected. False when the finding has no place or its text is gone."""
        if not finding.locatable:
            return False
        widget = self.widget(finding.field)
        if widget is None:
            return False
        if finding.field == "body":
            return self._locate_body(finding)
        text = widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
        span = locate(text, finding)
        widget.setFocus()
        if span is None:
            return False
        self._select(widget, text, *span)
        return True

    @staticmethod
    def _select(widget: QWidget, text: str, start: int, end: int) -> None:
        first, last = utf16(text, start), utf16(text, end)
        if isinstance(widget, QLineEdit):
            widget.setSelection(first, last - first)
            return
        cursor = widget.textCursor()
        cursor.setPosition(first)
        cursor.setPosition(last, QTextCursor.MoveMode.KeepAnchor)
        widget.setTextCursor(cursor)
        widget.ensureCursorVisible()

    def _locate_body(self, finding: Finding) -> bool:
        body = self.editor.body
        text = body.toPlainText()
        span = locate(text, finding)
        if span is None:
            body.setFocus()
            return False
        if body.mode != RICH:
            body.source.setFocus()
            self._select(body.source, text, *span)
            return True
        return self.select_rich(text, *span)

    def select_rich(self, text: str, start: int, end: int) -> bool:
        """Select text[start:end] of the stored body in the 所见即所得 editor (or, for text
        the page does not show, such as a link's address, the words next to it)."""
        body = self.editor.body
        if not body.wait_rich():
            return False
        view = plain_view(text)
        needle = view[start:end]
        if not needle.strip() or needle != text[start:end]:
            needle, start = _visible_anchor(view, start)
        if not needle.strip():
            body.setFocus()
            return False
        script = _SELECT_SCRIPT % (json.dumps(needle), _occurrence(view, needle, start))
        if not body.rich.evaluate(script):
            return False
        timer = QElapsedTimer()
        timer.start()
        while timer.elapsed() < SELECT_TIMEOUT_MS:
            if body.rich.evaluate("NewsdeskEditor.selectedText()") == needle:
                return True
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        return False

    # ---- fixing -----------------------------------------------------------------------------

    def can_fix(self, finding: Finding) -> bool:
        """Whether the finding has a fix the editor can apply to its field."""
        return finding.fix is not None and finding.field in FIELD_WIDGETS

    def apply(self, finding: Finding) -> bool:
        """Apply the finding's fix in the editor (undoable) and select what it put there;
        False when there is no fix or the text it fixes is gone."""
        if not self.can_fix(finding):
            return False
        widget = self.widget(finding.field)
        if finding.field == "body":
            return self._apply_body(finding)
        text = widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
        fixed = apply_fix(text, finding)
        span = locate(text, finding)
        if fixed is None or span is None:
            return False
        _, start, end = fixed
        self._select(widget, text, *span)
        if isinstance(widget, QLineEdit):
            widget.insert(finding.fix)
        else:
            widget.textCursor().insertText(finding.fix)
        widget.setFocus()
        self._select(widget, fixed[0], start, end)
        return True

    def _apply_body(self, finding: Finding) -> bool:
        body = self.editor.body
        text = body.toPlainText()
        fixed = apply_fix(text, finding)
        span = locate(text, finding)
        if fixed is None or span is None:
            return False
        new_text, start, end = fixed
        if body.mode != RICH:
            self._select(body.source, text, *span)
            body.source.textCursor().insertText(finding.fix)
            body.source.setFocus()
            self._select(body.source, new_text, start, end)
            return True
        body.replace_text(new_text)  # one edit the editor can undo
        if end > start:
            self.select_rich(new_text, start, end)
        return True


class WindowFindings:
    """The main window's side of the review panel: a finding is shown in, and fixed in, the
    article open in the window's editor (opened first when another one is)."""

    def __init__(self, window: Any) -> None:
        self.window = window

    def _navigator(self, finding: Finding) -> FindingNavigator | None:
        window = self.window
        if finding.article and window.editor.article_id != finding.article:
            window.open_article(finding.article)
            if window.editor.article_id != finding.article:
                return None  # the editor kept its unsaved article
        return FindingNavigator(window.editor)

    def show(self, finding: Finding | None) -> bool:
        """Jump to the finding in the editor (nothing for None)."""
        if finding is None:
            return False
        navigator = self._navigator(finding)
        return navigator is not None and navigator.locate(finding)

    def fix(self, finding: Finding) -> bool:
        """Apply the finding's fix in the editor and save the article; False when the fix
        could not be applied or the save was refused."""
        navigator = self._navigator(finding)
        if navigator is None or not navigator.apply(finding):
            return False
        return self.window.save_article()
