"""Fidelity of an edited body: does Markdown that came back from the 所见即所得 editor render
to the same sanitised HTML as the text it started from, and which blocks can be given back
byte for byte? The publisher's renderer is the judge, not the text.

Qt-free: the rich editor (editor/ui/body_editor.py), its round-trip checker
(editor/ui/roundtrip.py) and the `roundtrip` command use it.
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


_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


def split_blocks(text: str) -> list[str]:
    """The top-level blocks of a body: runs of lines between blank lines, a fenced code
    block or a `:::box` … `:::` side box counting as one block whatever it holds."""
    blocks: list[str] = []
    current: list[str] = []
    fence: str | None = None
    in_box = False
    for line in text.split("\n"):
        stripped = line.strip()
        if fence:
            if stripped.startswith(fence):
                fence = None
        elif in_box:
            in_box = stripped != ":::"
        elif (match := _FENCE.match(line)) is not None:
            fence = match.group(1)
        elif stripped.startswith(":::box") and not current:
            in_box = True
        elif not stripped:
            if current:
                blocks.append("\n".join(current))
                current = []
            continue
        current.append(line)
    if current:
        blocks.append("\n".join(current))
    return blocks


_CONTEXT_MARKS = re.compile(r"^\s{0,3}\[[^\]]+\]:|\[\^", re.MULTILINE)


def kept_blocks(original: str, returned: str) -> dict[str, str] | None:
    """Block by block: {block as the editor writes it: block as the article has it} for
    every top-level block the editor rewrote without changing its rendering, or None when
    the blocks cannot be paired (their counts differ, a rewritten block renders otherwise,
    or the body uses references or footnotes, whose blocks depend on each other)."""
    before, after = split_blocks(original), split_blocks(returned)
    if len(before) != len(after):
        return None
    exact: dict[str, str] = {}
    for kept, written in zip(before, after, strict=True):
        if kept == written or exact.get(written) == kept:
            continue
        if _CONTEXT_MARKS.search(kept) or _CONTEXT_MARKS.search(written):
            return None
        if render_markdown(kept) != render_markdown(written):
            return None
        exact.setdefault(written, kept)
    return exact


def compare(original: str, returned: str) -> tuple[str | None, dict[str, str] | None]:
    """(why the editor's text would change the page or None, the blocks to give back or
    None when they must be checked by rendering at each save). Only the blocks the editor
    rewrote are rendered when they pair up; otherwise the whole bodies are."""
    if original == returned:
        return None, {}
    exact = kept_blocks(original, returned)
    if exact is not None:
        return None, exact
    return rendering_difference(original, returned), None


def kept_blocks_unchecked(original: str, returned: str) -> dict[str, str] | None:
    """Pairs of differing blocks when the counts match, without rendering them."""
    before, after = split_blocks(original), split_blocks(returned)
    if len(before) != len(after):
        return None
    return {w: k for k, w in zip(before, after, strict=True) if k != w}


def keep_unchanged_blocks(
    original: str, original_returned: str, current: str, exact: dict[str, str] | None = None
) -> str:
    """The editor's Markdown with every block the editor did not change given back exactly
    as the article had it (tables keep their padding, paragraphs their marks), so opening
    an article in the rich editor never shows up as an edit. `original_returned` is what
    the editor made of `original` unedited; `current` what it holds now; `exact` the blocks
    `compare` vouched for (without it they are paired and the result rendered to check)."""
    if current == original_returned:
        return original
    checked = exact is not None
    if exact is None:
        exact = kept_blocks_unchecked(original, original_returned)
    if not exact:
        return current
    merged = "\n\n".join(exact.get(block, block) for block in split_blocks(current))
    if current.endswith("\n"):
        merged += "\n"
    if merged == current:
        return current
    if not checked and render_markdown(merged) != render_markdown(current):
        return current
    return merged


@dataclass
class TripResult:
    """One body's round trip: the text the editor returns and why it may not be kept."""

    returned: str
    reason: str | None

    @property
    def same(self) -> bool:
        return self.reason is None


def second_trip_message() -> str:
    """Why a body whose second trip differs from its first cannot be kept."""
    return tr("A second trip through the rich editor changes the text again.")


def unavailable_message() -> str:
    """The rich editor's page could not be loaded."""
    return tr("The rich editor could not be started.")
