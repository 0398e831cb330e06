"""Never lose work: the open article's unsaved state is written as a draft every few seconds
and whenever focus moves, and drafts left by a crash are offered back at the next start."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from editor.errors import StorageError

AUTOSAVE_INTERVAL_MS = 3000


class AutosaveController(QObject):
    """Writes `editor.fields()` to `drafts` (the DraftService) while the editor is dirty."""

    draftSaved = Signal(str)  # draft key
    draftFailed = Signal(str)  # why the draft could not be written (a busy or read-only site)

    def __init__(
        self, drafts, editor, parent=None, interval_ms: int = AUTOSAVE_INTERVAL_MS
    ) -> None:
        super().__init__(parent)
        self.drafts = drafts
        self.editor = editor
        self._new_key = uuid.uuid4().hex[:12]
        self._pending = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.save_now)
        self._timer.start()
        editor.fieldsChanged.connect(self._changed)
        self._app = QApplication.instance()
        if self._app is not None:
            self._app.focusChanged.connect(self._focus_changed)
        self.saves = 0

    @property
    def key(self) -> str:
        """The draft key of the article in the editor."""
        return self.drafts.key_for(self.editor.article_id, self._new_key)

    def _changed(self) -> None:
        self._pending = True

    def _focus_changed(self, old, _new) -> None:
        if self._pending and old is not None and self.editor.isAncestorOf(old):
            self.save_now()

    def save_now(self, force: bool = False) -> bool:
        """Write the draft if there is something unsaved (`force`: even if it was written
        since the last change); returns whether it wrote."""
        if not (self._pending or force) or not self.editor.is_dirty:
            return False
        fields = self.editor.fields()
        try:
            self.drafts.save(self.key, fields, self.editor.article_id, self.editor.base_version)
        except StorageError as exc:  # the text stays in the editor; tried again next time
            self._pending = True
            self.draftFailed.emit(str(exc))
            return False
        self._pending = False
        self.saves += 1
        self.draftSaved.emit(self.key)
        return True

    def discard(self, key: str | None = None) -> None:
        """The article was saved or its changes thrown away: its draft is no longer needed."""
        self.drafts.discard(key or self.key)
        self._pending = False

    def start_new(self) -> None:
        """A fresh key for the next new article."""
        self._new_key = uuid.uuid4().hex[:12]
        self._pending = False

    def adopt(self, key: str) -> None:
        """Continue writing into an existing draft key (after recovering a new article)."""
        if key.startswith("new:"):
            self._new_key = key[4:]
        self._pending = True

    def stop(self) -> None:
        self._timer.stop()
        if self._app is not None:
            self._app.focusChanged.disconnect(self._focus_changed)
            self._app = None
