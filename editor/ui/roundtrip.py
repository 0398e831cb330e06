"""The rich editor's round trip: does a body come back from the editor with the same
rendered (sanitised) HTML, and does a second trip return the same text byte for byte?

`rendering_difference` is the judge (the publisher's renderer decides, not the text);
`RoundTripChecker` drives a hidden editor view for the `roundtrip` command and the tests.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from editor.i18n import tr
from editor.publish.markdown import render_markdown

SNIPPET = 80
_ELEMENT = re.compile(r"(<[^>]+>)")


def _pieces(html: str) -> list[str]:
    return [piece for piece in _ELEMENT.split(html) if piece.strip()]


def _snippet(pieces: list[str], start: int, end: int) -> str:
    text = "".join(pieces[max(0, start - 1) : max(end, start + 1) + 1])
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= SNIPPET else text[: SNIPPET - 1] + "…"


def rendering_difference(original: str, returned: str) -> str | None:
    """None when both bodies render to the same HTML; else what would change, in words."""
    before, after = render_markdown(original), render_markdown(returned)
    if before == after:
        return None
    old, new = _pieces(before), _pieces(after)
    if old == new:
        return tr("Only the spacing between HTML elements would change.")
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        return tr(
            "The rich editor would change “{before}” into “{after}”.",
            before=_snippet(old, i1, i2) or "-",
            after=_snippet(new, j1, j2) or "-",
        )
    return tr("The rendered page would change.")


@dataclass
class TripResult:
    """One body's round trip: the text the editor returns and why it may not be kept."""

    returned: str
    reason: str | None

    @property
    def same(self) -> bool:
        return self.reason is None


class RoundTripChecker:
    """A hidden rich editor that takes bodies through the trip (needs a QApplication)."""

    def __init__(self) -> None:
        from editor.errors import NewsdeskError
        from editor.ui.rich_editor import RichEditorView

        self.view = RichEditorView()
        if not self.view.wait_ready():
            raise NewsdeskError(tr("The rich editor could not be started."))

    def check(self, body: str) -> TripResult:
        """Markdown → editor → Markdown, judged by the rendering and a second trip."""
        returned = self.view.round_trip(body)
        reason = rendering_difference(body, returned)
        if reason is None:
            again = self.view.round_trip(returned)
            if again != returned:
                reason = tr("A second trip through the rich editor changes the text again.")
        return TripResult(returned, reason)

    def close(self) -> None:
        from PySide6.QtCore import QCoreApplication, QEvent

        self.view.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def roundtrip_report(workspace, article_id: int | None = None) -> dict:
    """{checked, same, differs: [{id, title, reason}]} for one article or every article,
    run through a hidden rich editor (offscreen unless a display is asked for)."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from editor.content.bodies import article_bodies
    from editor.ui.app import application

    application()
    checker = RoundTripChecker()
    checked, differs = 0, []
    try:
        with workspace.activate():
            rows = article_bodies(article_id)
            for row_id, title, body in rows:
                checked += 1
                result = checker.check(body or "")
                if not result.same:
                    differs.append({"id": row_id, "title": title, "reason": result.reason})
    finally:
        checker.close()
    return {"checked": checked, "same": checked - len(differs), "differs": differs}
