"""The rich editor's round trip, driven offscreen: does a body come back from the editor
with the same rendered HTML (editor/publish/fidelity.py judges), and does a second trip
return the same text byte for byte? Used by `newsdesk roundtrip` and the tests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from editor.publish.fidelity import (
    TripResult,
    rendering_difference,
    second_trip_message,
    unavailable_message,
)

BATCH = 25  # articles per call into the editor page


def _batches(rows: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class RoundTripChecker:
    """A hidden rich editor that takes bodies through the trip (needs a QApplication)."""

    def __init__(self) -> None:
        from editor.errors import NewsdeskError
        from editor.ui.rich_editor import RichEditorView

        self.view = RichEditorView()
        if not self.view.wait_ready():
            raise NewsdeskError(unavailable_message())

    def check(self, body: str) -> TripResult:
        """Markdown → editor → Markdown, judged by the rendering and a second trip."""
        returned = self.view.round_trip(body)
        reason = rendering_difference(body, returned)
        if reason is None:
            again = self.view.round_trip(returned)
            if again != returned:
                reason = second_trip_message()
        return TripResult(returned, reason)

    def check_many(self, bodies: list[str]) -> list[TripResult]:
        """`check` of each body, the trips of a batch made in one call each."""
        returned = self.view.round_trips(bodies)
        reasons = [rendering_difference(b, r) for b, r in zip(bodies, returned, strict=True)]
        kept = [r for r, why in zip(returned, reasons, strict=True) if why is None]
        again = self.view.round_trips(kept)
        results, second = [], iter(again)
        for text, reason in zip(returned, reasons, strict=True):
            if reason is None and next(second) != text:
                reason = second_trip_message()
            results.append(TripResult(text, reason))
        return results

    def close(self) -> None:
        from PySide6.QtCore import QCoreApplication, QEvent

        self.view.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def roundtrip_report(
    workspace,
    article_id: int | None = None,
    progress: Callable[[int, int, int], None] | None = None,
) -> dict:
    """{checked, same, differs: [{id, title, reason}]} for one article or every article,
    run through a hidden rich editor (offscreen unless a display is asked for).
    `progress(checked, total, differing)` is called after each article."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from editor.content.bodies import article_bodies, article_body_count
    from editor.ui.app import application

    application()
    checker = RoundTripChecker()
    checked, differs = 0, []
    try:
        with workspace.activate():
            total = article_body_count(article_id) if progress is not None else 0
            for batch in _batches(article_bodies(article_id), BATCH):
                results = checker.check_many([body or "" for _id, _title, body in batch])
                for (row_id, title, _body), result in zip(batch, results, strict=True):
                    checked += 1
                    if not result.same:
                        differs.append({"id": row_id, "title": title, "reason": result.reason})
                if progress is not None:
                    progress(checked, max(total, checked), len(differs))
    finally:
        checker.close()
    return {"checked": checked, "same": checked - len(differs), "differs": differs}
