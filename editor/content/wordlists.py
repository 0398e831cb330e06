"""The site's word lists (forbidden and cautioned words, the 错别字 confusion list): kept in
the site, imported and exported as CSV or text, matched with Aho-Corasick (pyahocorasick).

Text import: one entry a line, `word` or `word→replacement` (also `word=>replacement`,
`word<TAB>replacement<TAB>note`); CSV: the columns kind, word, level, replacement, note.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from peewee import fn

from editor.errors import ValidationError
from editor.i18n import tr
from editor.store.models import WordEntry, active_database

KINDS = ("forbidden", "cautioned", "confusion")
LEVELS = ("error", "warning")
DEFAULT_LEVEL = {"forbidden": "error", "cautioned": "warning", "confusion": "error"}
FIELDS = ("kind", "word", "level", "replacement", "note")
_ARROW = re.compile(r"\s*(?:→|=>|->)\s*")


@dataclass(frozen=True)
class Hit:
    """A list entry found in a text: where it ends (exclusive) and starts."""

    start: int
    end: int
    entry: WordEntry


class Matcher:
    """One Aho-Corasick automaton over the entries of some kinds."""

    def __init__(self, entries: Iterable[WordEntry]) -> None:
        import ahocorasick  # loaded with the first check, not with the application

        self.automaton = ahocorasick.Automaton()
        count = 0
        for entry in entries:
            if entry.word:
                self.automaton.add_word(entry.word, entry)
                count += 1
        self.empty = count == 0
        if not self.empty:
            self.automaton.make_automaton()

    def find(self, text: str) -> Iterator[Hit]:
        """Every occurrence of an entry in `text` (overlapping ones too), by end."""
        if self.empty or not text:
            return
        for end, entry in self.automaton.iter(text):
            yield Hit(end - len(entry.word) + 1, end + 1, entry)


_matchers: dict[tuple, Matcher] = {}


def _clean_entry(kind: str, word: str, level: str, replacement: str, note: str) -> dict:
    kind = (kind or "").strip()
    word = (word or "").strip()
    level = (level or "").strip() or DEFAULT_LEVEL.get(kind, "error")
    if kind not in KINDS:
        raise ValidationError(
            tr("Unknown word list {kind}; lists are {kinds}.", kind=kind, kinds=", ".join(KINDS))
        )
    if not word or len(word) > 100:
        raise ValidationError(tr("A word list entry needs a word of 1 to 100 characters."))
    if level not in LEVELS:
        raise ValidationError(
            tr("A word list level is error or warning, not {level}.", level=level)
        )
    return {
        "kind": kind,
        "word": word,
        "level": level,
        "replacement": (replacement or "").strip()[:200],
        "note": (note or "").strip()[:500],
    }


class WordListService:
    """Read, change, import and export the site's word lists."""

    def entries(self, kind: str | None = None) -> list[WordEntry]:
        """The entries (of one list), by list and word."""
        query = WordEntry.select().order_by(WordEntry.kind, WordEntry.word)
        return list(query if kind is None else query.where(WordEntry.kind == kind))

    def add(
        self, kind: str, word: str, level: str = "", replacement: str = "", note: str = ""
    ) -> None:
        """Add an entry or change the one of that word in that list."""
        row = _clean_entry(kind, word, level, replacement, note)
        WordEntry.insert(**row).on_conflict(
            conflict_target=[WordEntry.kind, WordEntry.word],
            update={name: row[name] for name in ("level", "replacement", "note")},
        ).execute()

    def remove(self, kind: str, word: str) -> int:
        """Remove an entry; returns how many went (0 or 1)."""
        return (
            WordEntry.delete().where((WordEntry.kind == kind) & (WordEntry.word == word)).execute()
        )

    def import_text(self, text: str, kind: str | None = None) -> int:
        """Import CSV (a header line starting with `kind,word`) or plain text lines into
        list `kind`; returns the number of entries read. A bad line refuses the whole
        import and names the line."""
        lines = text.lstrip("\ufeff")
        rows = []
        if lines.startswith("kind,word"):
            for number, row in enumerate(csv.DictReader(io.StringIO(lines)), start=2):
                rows.append((number, [row.get(name) or "" for name in FIELDS]))
        else:
            if kind is None:
                raise ValidationError(tr("Say which list plain text goes into."))
            for number, line in enumerate(lines.splitlines(), start=1):
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                if "\t" in line:
                    parts = line.split("\t")
                else:
                    parts = _ARROW.split(line, maxsplit=1)
                word, replacement, note = (parts + ["", ""])[:3]
                rows.append((number, [kind, word, "", replacement, note]))
        cleaned = []
        for number, values in rows:
            try:
                cleaned.append(_clean_entry(*values))
            except ValidationError as exc:
                raise ValidationError(
                    tr("Line {number}: {problem}", number=number, problem=exc)
                ) from None
        with active_database().atomic():
            for row in cleaned:
                self.add(**row)
        return len(cleaned)

    def export_csv(self, kind: str | None = None) -> str:
        """The entries (of one list) as CSV with a header line."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(FIELDS)
        for entry in self.entries(kind):
            writer.writerow([getattr(entry, name) for name in FIELDS])
        return out.getvalue()

    def matcher(self, kinds: tuple[str, ...]) -> Matcher:
        """The automaton of these lists, built again only when the lists changed."""
        db = active_database()
        size = fn.LENGTH(WordEntry.word) + fn.LENGTH(WordEntry.level)
        size = size + fn.LENGTH(WordEntry.replacement)
        count, last, total, sizes = (
            WordEntry.select(
                fn.COUNT(WordEntry.id), fn.MAX(WordEntry.id), fn.SUM(WordEntry.id), fn.SUM(size)
            )
            .where(WordEntry.kind.in_(kinds))
            .tuples()
            .get()
        )
        key = (id(db), kinds, count, last, total, sizes)
        matcher = _matchers.get(key)
        if matcher is None:
            if len(_matchers) > 16:
                _matchers.clear()
            entries = WordEntry.select().where(WordEntry.kind.in_(kinds))
            matcher = _matchers[key] = Matcher(entries)
        return matcher
