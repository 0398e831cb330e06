"""The article body in two modes: 所见即所得 (the default, editor/ui/rich_editor.py) and
源码 (the Markdown editor, editor/ui/markdown_edit.py), one click apart.

Markdown stays the stored text. Entering rich mode loads the body and reads it back; when
the trip would change the published HTML the body stays in source mode with a note saying
what would be lost. Blocks the editor did not change are given back byte for byte, so
switching modes or opening an article is never an edit.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEventLoop, Qt, Signal
from PySide6.QtGui import QAction, QInputMethodEvent
from PySide6.QtWidgets import (
    QApplication,
    QInputDialog,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from editor.content.typeset import typeset
from editor.publish.fidelity import compare, keep_unchanged_blocks
from editor.ui import settings
from editor.ui.icons import icon
from editor.ui.markdown_edit import BOX_TITLE, FindReplaceBar, MarkdownEdit
from editor.ui.paste import PasteCleaner
from editor.ui.rich_editor import RichEditorView

log = logging.getLogger(__name__)

RICH, SOURCE = "rich", "source"
KEY_MODE = "editor/body_mode"
SYNC_TIMEOUT_MS = 5000


def preferred_mode() -> str:
    """The body mode the editor last chose (rich unless source was picked)."""
    return SOURCE if settings.value(KEY_MODE) == SOURCE else RICH


class BodyEditor(QWidget):
    """Both body editors behind one face: the calls MarkdownEdit answers (setPlainText,
    toPlainText, textChanged, the formatting commands, insert_image_file)."""

    textChanged = Signal()
    imageStored = Signal(str)
    modeChanged = Signal(str)

    def __init__(self, parent=None, mode: str | None = None) -> None:
        super().__init__(parent)
        self.source = MarkdownEdit(self)
        self.rich = RichEditorView(self)
        self.paste = PasteCleaner()
        self.rich.paste_cleaner = self._clean_paste
        self.rich.set_placeholder(
            self.tr("在此输入正文。工具栏可加小标题、图片、表格和新闻拓展框。")
        )
        self.note = QLabel(self)
        self.note.setObjectName("bodyModeNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #8a4b00; background: #fff4e0; padding: 4px;")
        self.note.hide()
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.rich)
        self.stack.addWidget(self.source)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.note)
        layout.addWidget(self.stack, 1)
        self.mode_action = QAction(icon("source_mode"), self.tr("源码"), self)
        self.mode_action.setCheckable(True)
        self.mode_action.setToolTip(self.tr("在所见即所得和 Markdown 源码之间切换（Ctrl+Shift+M）"))
        self.mode_action.setShortcut("Ctrl+Shift+M")
        self.mode_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.mode_action.toggled.connect(self._mode_toggled)
        self._mode = RICH
        self._wanted = mode or preferred_mode()
        self._original = ""  # the body as loaded (or as the source mode left it)
        self._returned: str | None = None  # what the rich editor made of it, unedited
        self._rich_text: str | None = None  # the rich editor's latest Markdown
        self._kept: tuple[str, str] | None = None  # (rich Markdown, text to store) cache
        self._exact: dict[str, str] | None = {}  # blocks given back as they were (compare)
        self._serial = 0
        self._pending_input: list[str] = []
        self.source.textChanged.connect(self._source_changed)
        self.source.imageStored.connect(self.imageStored)
        self.rich.imageStored.connect(self.imageStored)
        self.rich.markdownChanged.connect(self._rich_changed)
        self.rich.ready.connect(self._rich_ready)
        self._show(self._wanted if self._wanted == SOURCE else RICH)

    # ---- the text ---------------------------------------------------------------------------

    @property
    def media(self):
        return self.source.media

    @media.setter
    def media(self, service) -> None:
        self.source.media = service
        self.rich.media = service

    @property
    def mode(self) -> str:
        return self._mode

    def setPlaceholderText(self, text: str) -> None:  # noqa: N802 (MarkdownEdit's API)
        self.source.setPlaceholderText(text)

    def setPlainText(self, text: str) -> None:  # noqa: N802
        """Replace the body (the article editor's load does not count it as an edit)."""
        self._original = text
        self._returned = None
        self._rich_text = None
        self._kept = None
        self._serial += 1
        self.note.hide()
        if self._wanted == RICH:  # the source editor gets the text when it is shown
            self._show(RICH)
            self._load_rich(text)
        else:
            self._set_source_text(text)
        self.textChanged.emit()

    def toPlainText(self) -> str:  # noqa: N802
        """The body as it would be stored."""
        if self._mode == SOURCE:
            return self.source.toPlainText()
        current = self._rich_text
        if current is None or self._returned is None or current == self._returned:
            return self._original
        if self._kept is None or self._kept[0] != current:
            self._kept = (
                current,
                keep_unchanged_blocks(self._original, self._returned, current, self._exact),
            )
        return self._kept[1]

    def _set_source_text(self, text: str) -> None:
        self.source.blockSignals(True)
        try:
            self.source.setPlainText(text)
        finally:
            self.source.blockSignals(False)

    def _source_changed(self) -> None:
        if self._mode == SOURCE:
            self.textChanged.emit()

    def _rich_changed(self, markdown: str) -> None:
        if self._mode != RICH or self._returned is None:
            return
        self._rich_text = markdown
        self.textChanged.emit()

    # ---- rich mode --------------------------------------------------------------------------

    def _rich_ready(self) -> None:
        if self._mode == RICH and self._returned is None:
            self._load_rich(self._original)

    def _load_rich(self, text: str) -> None:
        if not self.rich.is_ready:
            return  # loaded when the page is ready
        serial = self._serial
        self.rich.ensure_assets(text)
        self.rich.call(
            f"NewsdeskEditor.load({json.dumps(text)})",
            lambda returned: self._rich_loaded(serial, text, returned),
        )

    def _rich_loaded(self, serial: int, text: str, returned) -> None:
        if serial != self._serial or self._mode != RICH:
            return
        if not isinstance(returned, str):
            self._fall_back(self.tr("所见即所得编辑器未能打开此正文。"))
            return
        reason, self._exact = compare(text, returned)
        if reason is not None:
            self._fall_back(reason)
            return
        self._returned = returned
        self._rich_text = returned
        if self._pending_input:
            typed, self._pending_input = "".join(self._pending_input), []
            self.rich.command("text", typed)

    def _fall_back(self, reason: str) -> None:
        """Stay in source mode: the rich editor would change what the page shows."""
        self._set_source_text(self._original)
        self._show(SOURCE)
        if self._pending_input:
            self.source.textCursor().insertText("".join(self._pending_input))
            self._pending_input = []
        self.note.setText(
            self.tr("此正文含有所见即所得模式保留不了的写法，已用源码模式打开。{reason}").format(
                reason=reason
            )
        )
        self.note.show()

    @property
    def rich_loaded(self) -> bool:
        """The rich editor shows the current body (its load finished and was accepted)."""
        return self._mode == RICH and self._returned is not None

    def wait_rich(self, timeout_ms: int = SYNC_TIMEOUT_MS) -> bool:
        """Spin the event loop until the rich editor has taken the body (tests, tools)."""
        timer = QElapsedTimer()
        timer.start()
        while self._mode == RICH and self._returned is None and timer.elapsed() < timeout_ms:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        return self.rich_loaded

    # ---- switching --------------------------------------------------------------------------

    def _show(self, mode: str) -> None:
        self._mode = mode
        widget = self.rich if mode == RICH else self.source
        self.stack.setCurrentWidget(widget)
        self.setFocusProxy(widget)
        self.mode_action.blockSignals(True)
        self.mode_action.setChecked(mode == SOURCE)
        self.mode_action.blockSignals(False)
        self.modeChanged.emit(mode)

    def _mode_toggled(self, source: bool) -> None:
        self.set_mode(SOURCE if source else RICH)

    def set_mode(self, mode: str, remember: bool = True) -> None:
        """Switch modes keeping the text exactly; rich mode may refuse (see the note)."""
        if remember:
            settings.set_value(KEY_MODE, mode)
        self._wanted = mode
        if mode == self._mode and (mode == SOURCE or self._returned is not None):
            return
        text = self.toPlainText()
        if mode == SOURCE:
            self._set_source_text(text)
            self._show(SOURCE)
            self.note.hide()
            return
        self._original = text
        self._returned = None
        self._rich_text = None
        self._kept = None
        self._serial += 1
        self.note.hide()
        self._show(RICH)
        self._load_rich(text)

    # ---- formatting (both modes) ------------------------------------------------------------

    def _run(self, source_slot, rich_name: str, *args) -> None:
        if self._mode == SOURCE:
            source_slot()
        else:
            self.rich.command(rich_name, *args)

    def make_bold(self) -> None:
        self._run(self.source.make_bold, "bold")

    def make_italic(self) -> None:
        self._run(self.source.make_italic, "italic")

    def make_heading(self) -> None:
        self._run(self.source.make_heading, "heading")

    def make_quote(self) -> None:
        self._run(self.source.make_quote, "quote")

    def make_bullets(self) -> None:
        self._run(self.source.make_bullets, "bullets")

    def make_numbers(self) -> None:
        self._run(self.source.make_numbers, "numbers")

    def insert_link(self) -> None:
        if self._mode == SOURCE:
            self.source.insert_link()
            return
        href, ok = QInputDialog.getText(
            self, self.tr("链接"), self.tr("链接地址："), text="https://"
        )
        if ok and href.strip():
            self.rich.command("link", href.strip())

    def insert_table(self) -> None:
        self._run(self.source.insert_table, "table", self.tr("列一"), self.tr("列二"))

    def insert_box(self) -> None:
        self._run(self.source.insert_box, "box", BOX_TITLE)

    def insert_rule(self) -> None:
        self._run(self.source.insert_rule, "rule")

    def insert_markdown(self, markdown: str) -> None:
        """Insert Markdown at the cursor (rich mode: as formatted content)."""
        if self._mode == SOURCE:
            self.source.textCursor().insertText(markdown)
        else:
            self.rich.command("markdown", markdown)

    def insert_image_file(self, path: str | Path, alt: str = "", caption: str = "") -> bool:
        """Store an image file as an asset and insert it at the cursor."""
        if self._mode == SOURCE:
            return self.source.insert_image_file(path, alt=alt, caption=caption)
        return self.rich.insert_image_file(path, alt, caption)

    def replace_text(self, text: str) -> None:
        """Replace the whole body as one edit (一键排版 and the like)."""
        if self._mode == SOURCE:
            cursor = self.source.textCursor()
            cursor.select(cursor.SelectionType.Document)
            cursor.insertText(text)
            return
        self.rich.ensure_assets(text)
        self._original = text  # the new text is the baseline kept byte for byte
        self._returned = None
        self._kept = None
        self._serial += 1
        serial = self._serial
        self.rich.call(
            f"NewsdeskEditor.replaceAll({json.dumps(text)})",
            lambda returned: self._replaced(serial, text, returned),
        )

    def _replaced(self, serial: int, text: str, returned) -> None:
        self._rich_loaded(serial, text, returned)
        if serial == self._serial:
            self.textChanged.emit()

    def typeset(self) -> bool:
        """一键排版: tidy the body in one undoable edit; False when nothing changed."""
        text = self.toPlainText()
        tidy = typeset(text)
        if tidy == text:
            return False
        self.replace_text(tidy)
        return True

    def _clean_paste(self, html: str) -> str:
        return self.paste.markdown(html, self.media)

    # ---- input methods reach the editor in front --------------------------------------------

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:  # noqa: N802 (Qt API)
        if self._mode == RICH and self._returned is None:
            # Typed before the page has taken the body: kept and typed in once it has.
            if event.commitString():
                self._pending_input.append(event.commitString())
            return
        target = self.source if self._mode == SOURCE else (self.rich.focusProxy() or self.rich)
        target.setFocus()
        QApplication.sendEvent(target, event)


class BodyFindBar(FindReplaceBar):
    """Find and replace in whichever body editor is in front."""

    def __init__(self, body: BodyEditor, parent=None) -> None:
        super().__init__(body.source, parent)
        self.body = body
        self.last_count = 0

    def _rich(self) -> bool:
        return self.body.mode == RICH

    def open_find(self, replace: bool = False) -> None:
        if not self._rich():
            super().open_find(replace)
            return
        self.show()
        self.body.rich.call(
            "NewsdeskEditor.selectedText()",
            lambda text: (
                self.find_text.setText(text)
                if isinstance(text, str) and text and "\n" not in text
                else None
            ),
        )
        (self.replace_text if replace and self.find_text.text() else self.find_text).setFocus()
        self.find_text.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.body.setFocus()

    def _args(self, *extra) -> str:
        return ", ".join(json.dumps(a) for a in (self.find_text.text(), *extra))

    def find_next(self, backward: bool = False) -> bool:
        if not self._rich():
            return super().find_next(backward)
        if not self.find_text.text():
            return False
        return bool(
            self.body.rich.evaluate(
                f"NewsdeskEditor.find({self._args(self.case.isChecked(), bool(backward))})"
            )
        )

    def replace_one(self) -> None:
        if not self._rich():
            super().replace_one()
            return
        if self.find_text.text():
            self.body.rich.evaluate(
                "NewsdeskEditor.replace("
                f"{self._args(self.replace_text.text(), self.case.isChecked(), False)})"
            )

    def replace_all(self) -> int:
        if not self._rich():
            return super().replace_all()
        if not self.find_text.text():
            return 0
        count = self.body.rich.evaluate(
            f"NewsdeskEditor.replace({self._args(self.replace_text.text(), self.case.isChecked(), True)})"
        )
        self.last_count = int(count or 0)
        return self.last_count
