"""Integrity checks of a site: the database file, the search index and the data model rules."""

from __future__ import annotations

from dataclasses import dataclass

from peewee import fn

from editor.i18n import tr
from editor.store import search_index
from editor.store.models import Article, Section, active_database, is_sqlite


@dataclass
class Problem:
    """One thing wrong, and how bad it is ("error" or "warning")."""

    severity: str
    message: str

    def as_dict(self) -> dict:
        return {"severity": self.severity, "message": self.message}


class CheckService:
    """`newsdesk check`: finds what is broken; changes nothing."""

    def __init__(self, workspace) -> None:
        self.workspace = workspace

    def run(self) -> list[Problem]:
        problems: list[Problem] = []
        db = active_database()
        if is_sqlite(db):
            for (verdict,) in db.execute_sql("PRAGMA integrity_check").fetchall():
                if verdict != "ok":
                    problems.append(
                        Problem(
                            "error",
                            tr(
                                "Database file: {verdict}",
                                verdict=verdict,
                            ),
                        )
                    )
            for row in db.execute_sql("PRAGMA foreign_key_check").fetchall():
                problems.append(
                    Problem(
                        "error",
                        tr(
                            "Broken reference in {table} row {row} to {target}.",
                            table=row[0],
                            row=row[1],
                            target=row[2],
                        ),
                    )
                )
            for table in (search_index.TRIGRAM_TABLE,):
                if self.workspace.read_only:  # FTS5 checks itself through an INSERT
                    problems.append(
                        Problem(
                            "warning",
                            tr(
                                "Search index {table} was not checked: the site is read-only.",
                                table=table,
                            ),
                        )
                    )
                    continue
                try:
                    db.execute_sql(f"INSERT INTO {table}({table}) VALUES('integrity-check')")
                except Exception as exc:
                    problems.append(
                        Problem(
                            "error",
                            tr(
                                "Search index {table}: {exc}. Rebuild it.",
                                table=table,
                                exc=exc,
                            ),
                        )
                    )
        tree = self.workspace.sections.tree()
        seen_ids = set()
        for node in tree:
            seen_ids.add(node.id)
        for section in Section.select(Section.id, Section.name):
            if section.id not in seen_ids:
                problems.append(
                    Problem(
                        "error",
                        tr(
                            "Section “{name}” is cut off from the tree (a cycle or a missing "
                            "parent).",
                            name=section.name,
                        ),
                    )
                )
        slugs: dict[tuple, str] = {}
        for node in tree:
            key = (node.parent_id, node.slug)
            if key in slugs:
                problems.append(
                    Problem(
                        "error",
                        tr(
                            "Sections “{other}” and “{path}” share the slug “{slug}”.",
                            other=slugs[key],
                            path=node.path,
                            slug=node.slug,
                        ),
                    )
                )
            slugs[key] = node.path
        missing = (
            Article.select(fn.COUNT(Article.id))
            .where(Article.status == "published", Article.publish_time.is_null())
            .scalar()
        )
        if missing:
            problems.append(
                Problem(
                    "warning",
                    tr(
                        "{missing} published articles have no publish time.",
                        missing=missing,
                    ),
                )
            )
        return problems
