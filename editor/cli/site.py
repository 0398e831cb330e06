"""`newsdesk` commands on the site itself: init, sections, articles, show, check, backup,
restore, settings."""

from __future__ import annotations

import sys
from pathlib import Path

from editor.cli.core import (
    UsageError,
    _database_for,
    _emit,
    _open,
    _require_admin,
)
from editor.errors import NewsdeskError
from editor.i18n import tr


def cmd_init(args) -> int:
    from editor.content.demo import load_demo
    from editor.store.db import inspect_sqlite_file, parse_target
    from editor.workspace import Workspace

    location = _database_for(args)
    target = parse_target(location)
    if target.is_sqlite and inspect_sqlite_file(Path(target.location)) is not None:
        raise NewsdeskError(tr("There is already a site at {location}.", location=target.location))
    with Workspace.open(location, create=True) as workspace:
        if workspace.summary()["sections"]:
            raise NewsdeskError(
                tr("There is already a site at {location}.", location=workspace.location)
            )
        if args.with_demo:
            with workspace.edit():
                load_demo(workspace)
        else:
            workspace.site.update(name="新站点")
        summary = workspace.summary()
    if args.with_demo:
        text = tr(
            "Created the demo site at {database} ({sections} sections, {articles} articles).",
            database=summary["database"],
            sections=summary["sections"],
            articles=summary["articles"],
        )
    else:
        text = tr(
            "Created a new site at {database} ({sections} sections, {articles} articles).",
            database=summary["database"],
            sections=summary["sections"],
            articles=summary["articles"],
        )
    _emit(summary, args.json, text)
    return 0


def _section_lines(nodes, counts, depth=0) -> list[str]:
    lines = []
    for node in nodes:
        hidden = "" if node.in_navigation else "  " + tr("(not in navigation)")
        lines.append(f"{'  ' * depth}{node.name}  [{node.slug}]  {counts.get(node.id, 0)}{hidden}")
        lines.extend(_section_lines(node.children, counts, depth + 1))
    return lines


def cmd_sections(args) -> int:
    with _open(args) as workspace:
        tree = workspace.sections.tree()
        data = [node.as_dict() for node in tree.roots]
        text = "\n".join(_section_lines(tree.roots, workspace.sections.article_counts())) or tr(
            "(no sections)"
        )
    _emit(data, args.json, text)
    return 0


def cmd_articles(args) -> int:
    from editor.content.articles import ArticleQuery
    from editor.content.search import MAX_TERMS, search_terms

    terms = search_terms(args.search)
    if terms.ignored:
        print(
            tr(
                "newsdesk: searched for the first {kept} of {total} different words.",
                kept=MAX_TERMS,
                total=MAX_TERMS + len(terms.ignored),
            ),
            file=sys.stderr,
        )
    with _open(args) as workspace:
        rows = workspace.articles.list(
            ArticleQuery(
                section=args.section,
                status=args.status,
                search=args.search or "",
                limit=args.limit,
                offset=args.offset,
            )
        )
        data = [row.as_dict() for row in rows]
    lines = [
        f"{d['id']:>6}  {d['status']:<9}  {(d['published_at'] or '')[:16]:<16}  "
        f"{d['section']}  {d['title']}"
        for d in data
    ]
    _emit(data, args.json, "\n".join(lines) or tr("(no articles)"))
    return 0


def article_document(workspace, article_id: int) -> dict:
    """The `show --json` object."""
    from editor.content.article_fields import SHOWN
    from editor.content.articles import is_scheduled
    from editor.content.urls import article_path

    fields = workspace.articles.fields_of(article_id)
    article = workspace.articles.get(article_id)
    node = workspace.sections.tree().get(article.section_id)
    document = {"id": fields["id"]}
    document.update((spec.show, fields[spec.name]) for spec in SHOWN)
    document.update(
        section=node.path,
        status="scheduled"
        if is_scheduled(article.status, article.publish_time)
        else article.status,
        version=fields["version"],
        url=article_path(node.slug_path, article.publish_time, article.id),
        updated_at=fields["updated_at"],
        updated_by=fields["updated_by"],
    )
    return document


def cmd_show(args) -> int:
    with _open(args) as workspace:
        doc = article_document(workspace, args.id)
    original = doc["original_title"]
    retitled = original and original != doc["title"]
    text = "\n".join(
        [
            doc["title"],
            *([tr("Original title: {title}", title=original)] if retitled else []),
            f"{doc['section']} | {doc['status']} | {doc['published_at'] or '-'} | 来源:{doc['source'] or '-'}",
            f"记者:{'、'.join(doc['reporters']) or '-'}  摄影:{'、'.join(doc['photographers']) or '-'}  "
            f"责编:{doc['editor'] or '-'}  点击:{doc['hits']}  版本:{doc['version']}",
            "",
            doc["body"],
        ]
    )
    _emit(doc, args.json, text)
    return 0


def cmd_check(args) -> int:
    """`check [--article ID] [--json]`: the registered checks of the site or of one article."""
    with _open(args) as workspace:
        if args.article is None:
            findings = workspace.checks.run()
        else:
            findings = workspace.checks.article(args.article)
    data = {
        "ok": not any(f.level == "error" for f in findings),
        "problems": [f.as_problem() for f in findings],
        "findings": [f.as_dict() for f in findings],
    }
    levels = {"error": tr("error"), "warning": tr("warning")}
    text = "\n".join(f"{levels.get(f.level, f.level)}: {f.message}" for f in findings) or tr(
        "No problems found."
    )
    _emit(data, args.json, text)
    return 0 if data["ok"] else 1


def cmd_backup(args) -> int:
    from editor.store.backup import backup

    with _open(args) as workspace:
        written = backup(workspace, Path(args.file))
    print(tr("Backed up {location} to {written}.", location=workspace.location, written=written))
    return 0


def cmd_restore(args) -> int:
    from editor.store.backup import restore
    from editor.store.db import parse_target

    counts = restore(parse_target(_database_for(args)), Path(args.file))
    print(
        tr(
            "Restored {articles} articles and {sections} sections from {file}.",
            articles=counts["articles"],
            sections=counts["sections"],
            file=args.file,
        )
    )
    return 0


def cmd_settings(args) -> int:
    """`settings set review.mode 三审|二审|关闭`."""
    from editor.content.review import MODE_KEY, SOURCES_KEY, TITLE_MAX_KEY
    from editor.errors import ValidationError

    if args.action != "set":
        raise UsageError(tr("newsdesk settings: say set KEY VALUE"))
    known = (MODE_KEY, SOURCES_KEY, TITLE_MAX_KEY)
    if args.key not in known:
        raise ValidationError(
            tr("Unknown setting {key}; known: {known}.", key=args.key, known=", ".join(known))
        )
    with _open(args) as workspace:
        workspace.require_writable()
        _require_admin(args, workspace)
        with workspace.edit():
            if args.key == MODE_KEY:
                workspace.review.set_mode(args.value)
            else:
                workspace.review.set_setting(args.key, args.value)
    print(tr("{key} = {value}", key=args.key, value=args.value))
    return 0
