"""Revision history of articles: list, compare and restore."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from editor.content.article_fields import COMPARED, RESTORABLE, label_of
from editor.errors import NotFoundError
from editor.i18n import tr
from editor.store.models import Revision

# A restore brings back the text and the newsroom fields of an old version. It leaves alone
# what says where and when the article is published and how the site ranks it, so restoring
# never unpublishes, reschedules or re-pins anything (the field table marks which fields).


KINDS = ("saved", "published", "restored", "imported", "recovered")
"""What wrote a version: a save, a save that published, a restore, an import, the save of
a text recovered from autosave."""

COMPARED_FIELDS = COMPARED
"""Fields listed as changed between two versions (the body has its own comparison): those
the field table marks `compared`."""


def field_labels() -> dict[str, str]:
    """The labels of the compared fields in the message language, from the field table."""
    return {name: label_of(name) for name in COMPARED_FIELDS}


_TOKEN = re.compile(r"[A-Za-z0-9_.%+-]+|\s+|.", re.S)


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """The change from `before` to `after` as (operation, text) runs: "=" kept, "-"
    removed, "+" added. Paragraphs are matched first, then changed paragraphs character by
    character for Chinese (Latin words and numbers stay whole), so a changed character
    shows as one change, not as a changed line."""
    runs: list[tuple[str, str]] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if runs and runs[-1][0] == op:
            runs[-1] = (op, runs[-1][1] + text)
        else:
            runs.append((op, text))

    old_lines = (before or "").splitlines(keepends=True)
    new_lines = (after or "").splitlines(keepends=True)
    lines = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for op, a1, a2, b1, b2 in lines.get_opcodes():
        old_text, new_text = "".join(old_lines[a1:a2]), "".join(new_lines[b1:b2])
        if op == "equal":
            add("=", old_text)
        elif op != "replace":
            add("-", old_text)
            add("+", new_text)
        else:
            old_tokens, new_tokens = _TOKEN.findall(old_text), _TOKEN.findall(new_text)
            tokens = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
            for top, t1, t2, u1, u2 in tokens.get_opcodes():
                if top == "equal":
                    add("=", "".join(old_tokens[t1:t2]))
                else:
                    add("-", "".join(old_tokens[t1:t2]))
                    add("+", "".join(new_tokens[u1:u2]))
    return runs


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    return str(value)


@dataclass
class RevisionInfo:
    """One saved version, without its snapshot."""

    id: int
    article_id: int
    version: int
    author: str
    created_at: object
    kind: str = "saved"


class RevisionService:
    """Read and restore article revisions."""

    def __init__(self, articles) -> None:
        self.articles = articles

    def list(self, article_id: int) -> list[RevisionInfo]:
        """Newest first."""
        query = (
            Revision.select(
                Revision.id,
                Revision.article_id,
                Revision.version,
                Revision.author,
                Revision.created_at,
                Revision.kind,
            )
            .where(Revision.article_id == article_id)
            .order_by(Revision.version.desc())
        )
        return [
            RevisionInfo(r.id, r.article_id, r.version, r.author, r.created_at, r.kind or "saved")
            for r in query
        ]

    def get(self, article_id: int, version: int) -> dict:
        """The snapshot of one version."""
        revision = Revision.get_or_none(
            (Revision.article_id == article_id) & (Revision.version == version)
        )
        if revision is None:
            raise NotFoundError(
                tr(
                    "Article {article_id} has no version {version}.",
                    article_id=article_id,
                    version=version,
                )
            )
        return revision.snapshot

    def changed_fields(self, article_id: int, old: int, new: int) -> list[tuple[str, str, str]]:
        """(field, value in `old`, value in `new`) of the fields that differ, body aside,
        in COMPARED_FIELDS order; values as text."""
        before, after = self.get(article_id, old), self.get(article_id, new)
        return [
            (name, _shown(before.get(name)), _shown(after.get(name)))
            for name in COMPARED_FIELDS
            if _shown(before.get(name)) != _shown(after.get(name))
        ]

    def diff(self, article_id: int, old: int, new: int, field: str = "body") -> list[str]:
        """A unified diff of one field between two versions."""
        before = str(self.get(article_id, old).get(field) or "")
        after = str(self.get(article_id, new).get(field) or "")
        return list(
            difflib.unified_diff(
                before.splitlines(), after.splitlines(), f"v{old}", f"v{new}", lineterm=""
            )
        )

    def restore(self, article_id: int, version: int, base_version: int | None):
        """Save an old version's fields as a new version (nothing in between is lost)."""
        snapshot = self.get(article_id, version)
        fields = {key: snapshot[key] for key in RESTORABLE if key in snapshot}
        return self.articles.update(article_id, fields, base_version, kind="restored")
