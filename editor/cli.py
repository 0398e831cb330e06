"""The `newsdesk` command line (the contract is in ARCHITECTURE.md).

`python app.py` with no command opens the GUI. Errors are one line on stderr with exit
code 1 (bad input) or 2 (usage); `--json` prints one JSON document on stdout and nothing
else.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from editor.config import DB_ENV, default_database
from editor.errors import NewsdeskError
from editor.i18n import tr


def import_status_words() -> dict[str, str]:
    """The words an import summary line starts with, in the message language."""
    return {"imported": tr("imported"), "duplicate": tr("duplicate"), "failed": tr("failed")}


PASSWORD_ENV = "NEWSDESK_PASSWORD"


class UsageError(Exception):
    """Wrong arguments: exit code 2."""


class _VersionAction(argparse.Action):
    """--version: reads the version only when asked (package metadata is slow to load)."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        import editor

        print(f"Newsdesk {editor.__version__}")
        parser.exit()


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse prints usage and exits 2; keep it to one line
        raise UsageError(tr("{prog}: {message}", prog=self.prog, message=message))


def _whole_number(low: int, high: int):
    """An argparse type: a whole number from `low` to `high`, else a one-line usage error."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(
                tr("must be a whole number from {low} to {high}", low=low, high=high)
            )
        return value

    return parse


def build_parser() -> argparse.ArgumentParser:
    from editor.content.articles import MAX_OFFSET, MAX_PAGE

    parser = _Parser(
        prog="newsdesk",
        description=tr(
            "Newsdesk (编辑台): edit a news portal's sections and articles and export it as "
            "static HTML."
        ),
    )
    parser.add_argument("--version", action=_VersionAction, nargs=0)
    parser.add_argument(
        "--db",
        metavar="URL_OR_PATH",
        help=tr(
            "the site: a file, sqlite:///path or postgresql://… (default: ${variable} or a "
            "file in the user data folder)",
            variable=DB_ENV,
        ),
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help=tr("open the demo site in the user data folder, creating it on first use"),
    )
    parser.add_argument(
        "--user",
        metavar="NAME",
        help=tr(
            "sign in as this newsroom user (review commands); the password is asked for or "
            "read from ${variable}",
            variable=PASSWORD_ENV,
        ),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    init = commands.add_parser("init", help=tr("create a new site"))
    init.add_argument(
        "--demo",
        action="store_true",
        dest="with_demo",
        help=tr("fill it with the demo site's sections, pages and articles"),
    )
    init.add_argument("--json", action="store_true")

    sections = commands.add_parser("sections", help=tr("list the section tree"))
    sections.add_argument("--json", action="store_true")

    articles = commands.add_parser("articles", help=tr("list articles"))
    articles.add_argument(
        "--section", metavar="PATH", help=tr("a section path such as 华商走世界/川商走世界")
    )
    articles.add_argument(
        "--status", metavar="S", help=tr("draft, review, published, scheduled or archived")
    )
    articles.add_argument(
        "--search", metavar="TEXT", help=tr("words from the title, body, 来源 or people")
    )
    articles.add_argument("--limit", metavar="N", type=_whole_number(1, MAX_PAGE), default=50)
    articles.add_argument(
        "--offset",
        metavar="N",
        type=_whole_number(0, MAX_OFFSET),
        default=0,
        help=argparse.SUPPRESS,
    )
    articles.add_argument("--json", action="store_true")

    show = commands.add_parser("show", help=tr("show one article"))
    show.add_argument("id", type=int, metavar="ID")
    show.add_argument("--json", action="store_true")

    imp = commands.add_parser("import", help=tr("import news pages, text, Markdown or Word files"))
    imp.add_argument("paths", nargs="+", metavar="PATH", help=tr("files, folders or http(s) URLs"))
    imp.add_argument("--section", metavar="PATH")
    imp.add_argument(
        "--format", default="auto", choices=["auto", "html", "text", "markdown", "docx"]
    )
    imp.add_argument("--status", default="draft", metavar="S")
    imp.add_argument(
        "--learn-sections",
        action="store_true",
        help=tr("create the sections named in a page's navigation and breadcrumb"),
    )
    imp.add_argument("--json", action="store_true")

    exp = commands.add_parser("export", help=tr("export the site as a static HTML bundle"))
    exp.add_argument("out", metavar="OUT_DIR")
    exp.add_argument("--full", action="store_true", help=tr("rebuild every page"))
    exp.add_argument("--zip", metavar="FILE", help=tr("also write the whole bundle as a zip"))
    exp.add_argument(
        "--delta-zip",
        metavar="FILE",
        help=tr("also write a zip of the files changed since the last export"),
    )
    exp.add_argument("--json", action="store_true")

    _add_publish_commands(commands)
    _add_review_commands(commands)

    check = commands.add_parser("check", help=tr("check the site's database for problems"))
    check.add_argument(
        "--article",
        metavar="ID",
        type=_whole_number(1, MAX_OFFSET),
        help=tr("check one article instead of the whole site"),
    )
    check.add_argument("--json", action="store_true")

    backup = commands.add_parser("backup", help=tr("write a backup of the site to FILE"))
    backup.add_argument("file", metavar="FILE")
    restore = commands.add_parser("restore", help=tr("replace the site's data with a backup"))
    restore.add_argument("file", metavar="FILE")

    trip = commands.add_parser(
        "roundtrip", help=tr("check which articles the rich editor keeps exactly")
    )
    trip.add_argument("--article", type=int, metavar="ID", help=tr("check only this article"))
    trip.add_argument("--json", action="store_true")

    gui = commands.add_parser("gui", help=tr("open the desktop application"))
    gui.add_argument(
        "--screenshot",
        metavar="PNG",
        help=tr("open, select the first article, save a picture of the window, exit"),
    )
    gui.add_argument("--source", action="store_true", help=tr("edit the body as Markdown source"))
    return parser


def _add_publish_commands(commands) -> None:
    targets = commands.add_parser("targets", help=tr("list, add and test publish targets"))
    targets.add_argument("--json", action="store_true")
    actions = targets.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    add = actions.add_parser("add", help=tr("add a publish target"))
    add.add_argument("name", metavar="NAME")
    add.add_argument(
        "url",
        metavar="URL",
        help=tr("sftp://user@host[:port]/path[?key=FILE], ftp://…, ftps://…, s3://…, file:///path"),
    )
    add.add_argument("--mode", choices=["release", "in-place"])
    add.add_argument("--base-url", metavar="URL", default="")
    add.add_argument("--json", action="store_true")
    test = actions.add_parser("test", help=tr("check login, writing, renaming and links"))
    test.add_argument("name", metavar="NAME")
    test.add_argument("--json", action="store_true")
    remove = actions.add_parser("remove", help=tr("remove a publish target"))
    remove.add_argument("name", metavar="NAME")
    default = actions.add_parser("default", help=tr("make a target the default one"))
    default.add_argument("name", metavar="NAME")

    publish = commands.add_parser(
        "publish", help=tr("publish the site to a target (exports first when needed)")
    )
    publish.add_argument("target", nargs="?", metavar="TARGET")
    publish.add_argument(
        "--dry-run", action="store_true", help=tr("list what would be sent, change nothing")
    )
    publish.add_argument(
        "--break-lock",
        action="store_true",
        help=tr("take over a lock left by a publish that is no longer running"),
    )
    publish.add_argument("--json", action="store_true")

    releases = commands.add_parser("releases", help=tr("list a target's kept releases"))
    releases.add_argument("target", metavar="TARGET")
    releases.add_argument("--json", action="store_true")

    rollback = commands.add_parser(
        "rollback", help=tr("make an earlier release live again (the previous one by default)")
    )
    rollback.add_argument("target", metavar="TARGET")
    rollback.add_argument("release", nargs="?", metavar="RELEASE")
    rollback.add_argument("--json", action="store_true")


def _add_review_commands(commands) -> None:
    users = commands.add_parser("users", help=tr("list or add the newsroom's users"))
    users.add_argument("--json", action="store_true")
    actions = users.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    add = actions.add_parser("add", help=tr("add a user (the password is asked for)"))
    add.add_argument("name", metavar="NAME")
    add.add_argument("--real-name", required=True, metavar="姓名")
    add.add_argument(
        "--role",
        required=True,
        nargs="+",
        metavar="ROLE",
        help="记者 编辑 部门主任 总编辑 校对 admin",
    )
    add.add_argument("--json", action="store_true")
    delegate = actions.add_parser("delegate", help=tr("hand 终审 to a deputy until a time"))
    delegate.add_argument("deputy", metavar="NAME")
    delegate.add_argument("--until", required=True, metavar="TIME")

    settings = commands.add_parser("settings", help=tr("change a site setting"))
    settings_actions = settings.add_subparsers(
        dest="action", metavar="ACTION", parser_class=_Parser
    )
    set_ = settings_actions.add_parser(
        "set", help=tr("set KEY to VALUE (review.mode, review.sources, review.title_max)")
    )
    set_.add_argument("key", metavar="KEY")
    set_.add_argument("value", metavar="VALUE")

    for name, text in (
        ("submit", tr("send an article to review (送审)")),
        ("claim", tr("claim an article waiting at your level")),
        ("sign", tr("sign an article at its current level (签发)")),
    ):
        step = commands.add_parser(name, help=text)
        step.add_argument("id", type=int, metavar="ID")
        if name != "claim":
            step.add_argument(
                "--override", metavar="REASON", help=tr("pass blocking check findings")
            )
        if name == "sign":
            step.add_argument("--comment", default="", metavar="T")
    back = commands.add_parser("return", help=tr("return an article with a comment (退回)"))
    back.add_argument("id", type=int, metavar="ID")
    back.add_argument("--comment", required=True, metavar="T")
    back.add_argument("--to", choices=["author", "previous"], default="author")
    withdraw = commands.add_parser("withdraw", help=tr("withdraw a signed article (撤稿)"))
    withdraw.add_argument("id", type=int, metavar="ID")
    withdraw.add_argument("--reason", required=True, metavar="T")
    words = commands.add_parser("words", help=tr("the site's word lists for the checks"))
    words.add_argument("--json", action="store_true")
    words.add_argument("--list", choices=["forbidden", "cautioned", "confusion"], dest="kind")
    word_actions = words.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    words_import = word_actions.add_parser("import", help=tr("add entries from a CSV or text file"))
    words_import.add_argument("file", metavar="FILE")
    words_import.add_argument(
        "--list", choices=["forbidden", "cautioned", "confusion"], dest="kind"
    )
    words_export = word_actions.add_parser("export", help=tr("write the entries as CSV"))
    words_export.add_argument("file", metavar="FILE")
    words_export.add_argument(
        "--list", choices=["forbidden", "cautioned", "confusion"], dest="kind"
    )

    review = commands.add_parser("review", help=tr("an article's review state and record"))
    review.add_argument("id", type=int, metavar="ID")
    review.add_argument("--json", action="store_true")


def _emit(data, as_json: bool, text: str | None = None) -> None:
    if as_json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
    elif text is not None:
        print(text)


def _pad(text: str, width: int) -> str:
    """`text` padded with spaces to `width` terminal columns (a Chinese character takes two)."""
    columns = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
    return text + " " * max(0, width - columns)


def _database_for(args) -> str:
    if args.demo:
        from editor.content.demo import demo_database

        return demo_database()
    return args.db or default_database()


def _open(args):
    from editor.workspace import Workspace

    return Workspace.open(_database_for(args))


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


def cmd_import(args) -> int:
    with _open(args) as workspace:
        workspace.require_writable()
        report = workspace.importer.import_paths(
            args.paths,
            section=args.section,
            format=args.format,
            status=args.status,
            learn_sections=args.learn_sections,
        )
        data = report.as_dict()
    words = import_status_words()
    lines = [
        f"{_pad(words.get(r['status'], r['status']), 9)} {r['path']}"
        + (f"  → {r['id']}" if r.get("id") else "")
        + (f"  ({r['reason']})" if r.get("reason") else "")
        + "".join(f"\n{' ' * 10}! {warning}" for warning in r.get("warnings", []))
        for r in data["results"]
    ]
    lines.append(
        tr(
            "{imported} imported, {duplicates} duplicates, {failed} failed",
            imported=data["imported"],
            duplicates=data["duplicates"],
            failed=data["failed"],
        )
    )
    _emit(data, args.json, "\n".join(lines))
    return 1 if data["failed"] else 0


def cmd_export(args) -> int:
    with _open(args) as workspace:
        workspace.require_writable()  # the export records what it wrote in the site
        result = workspace.publisher.export(
            args.out, full=args.full, zip_path=args.zip, delta_zip_path=args.delta_zip
        )
        data = result.as_dict()
    _emit(
        data,
        args.json,
        tr(
            "Exported to {out}: {written} written, {unchanged} unchanged, {deleted} deleted in "
            "{seconds:.2f} s.",
            out=data["out"],
            written=data["written"],
            unchanged=data["unchanged"],
            deleted=data["deleted"],
            seconds=data["seconds"],
        ),
    )
    return 0


def _target_secret(url: str) -> str | None:
    """The secret for a new target: NEWSDESK_TARGET_SECRET, else asked for on a terminal."""
    import getpass
    import os

    from editor.publish.targets.secrets import SECRET_ENV
    from editor.publish.targets.urls import parse_target_url

    spec = parse_target_url(url)
    given = os.environ.get(SECRET_ENV)
    if given or not spec.needs_password:
        return given or None
    if not sys.stdin.isatty():
        raise NewsdeskError(
            tr("This target needs a password: give it in {variable}.", variable=SECRET_ENV)
        )
    return getpass.getpass(tr("Password for {url}: ", url=spec.describe())) or None


def cmd_targets(args) -> int:
    from editor.publish.targets.service import HostPublisher

    with _open(args) as workspace:
        host = HostPublisher(workspace)
        if args.action == "add":
            info = host.add_target(
                args.name,
                args.url,
                mode=args.mode,
                base_url=args.base_url,
                secret=_target_secret(args.url),
            )
            text = tr(
                "Added target {name}: {url} ({mode}).", name=info.name, url=info.url, mode=info.mode
            )
            _emit(info.as_dict(), args.json, text)
        elif args.action == "test":
            data = host.test(args.name)
            yes, no = tr("yes"), tr("no")
            lines = [
                f"{label}: {yes if data[key] else no}"
                for key, label in (
                    ("login", tr("login")),
                    ("write", tr("write")),
                    ("rename", tr("rename over a file")),
                    ("symlink", tr("symbolic links")),
                    ("link", tr("hard links")),
                )
            ]
            lines.append(tr("modes: {modes}", modes=", ".join(data["modes"]) or "-"))
            _emit(data, args.json, "\n".join(lines))
            return 0 if data["mode_ok"] else 1
        elif args.action == "remove":
            host.remove_target(args.name)
            print(tr("Removed target {name}.", name=args.name))
        elif args.action == "default":
            with workspace.edit():
                workspace.targets.set_default(args.name)
            print(tr("{name} is now the default target.", name=args.name))
        else:
            rows = [info.as_dict() for info in workspace.targets.list()]
            text = "\n".join(
                f"{'*' if r['default'] else ' '} {r['name']}  {r['mode']}  {r['url']}" for r in rows
            ) or tr("(no publish targets)")
            _emit(rows, args.json, text)
    return 0


def _cli_progress(as_json: bool):
    if as_json or not sys.stderr.isatty():
        return None
    words = {
        "exporting": tr("exporting"),
        "connecting": tr("connecting"),
        "comparing": tr("comparing"),
        "linking": tr("linking unchanged files"),
        "uploading": tr("uploading"),
        "switching": tr("switching"),
        "verifying": tr("verifying"),
        "deleting": tr("deleting"),
        "pruning": tr("pruning old releases"),
        "done": tr("done"),
    }

    def show(phase: str, files: int, total: int, sent: int, size: int) -> None:
        sys.stderr.write(f"\r{words.get(phase, phase)} {files}/{total}  {sent}/{size} B   ")
        if phase == "done":
            sys.stderr.write("\n")

    return show


def cmd_publish(args) -> int:
    from editor.publish.targets.service import HostPublisher

    with _open(args) as workspace:
        workspace.require_writable()  # the bundle's export state and the history are kept
        result = HostPublisher(workspace).publish(
            args.target,
            dry_run=args.dry_run,
            break_lock=args.break_lock,
            progress=_cli_progress(args.json),
        )
    data = result.as_dict()
    if args.dry_run:
        text = "\n".join(
            [*(f"+ {p}" for p in result.files), *(f"- {p}" for p in result.deletions)]
            + [
                tr(
                    "Would send {sent} files ({bytes} bytes) and delete {deleted}.",
                    sent=data["sent"],
                    bytes=data["bytes"],
                    deleted=data["deleted"],
                )
            ]
        )
    else:
        text = tr(
            "Published {target} release {release}: {sent} sent, {unchanged} unchanged, "
            "{deleted} deleted, {bytes} bytes in {seconds:.2f} s.",
            **data,
        )
    if result.verified is False:
        text += "\n" + tr(
            "These pages on the website do not match the export: {urls}",
            urls=", ".join(result.mismatches),
        )
    _emit(data, args.json, text)
    return 1 if result.verified is False else 0


def cmd_releases(args) -> int:
    from editor.publish.targets.service import HostPublisher

    with _open(args) as workspace:
        rows = HostPublisher(workspace).releases(args.target)
    text = "\n".join(
        f"{'*' if r['current'] else ' '} {r['id']}  {r['time']}  {r['user']}  {r['files']}"
        for r in rows
    ) or tr("(no releases)")
    _emit(rows, args.json, text)
    return 0


def cmd_rollback(args) -> int:
    from editor.publish.targets.service import HostPublisher

    with _open(args) as workspace:
        workspace.require_writable()
        result = HostPublisher(workspace).rollback(args.target, args.release)
    data = {
        "target": result.target,
        "release": result.release,
        "previous": result.previous,
        "sent": result.sent,
        "seconds": round(result.seconds, 3),
    }
    _emit(
        data,
        args.json,
        tr(
            "{target} now serves release {release} (was {previous}).",
            target=data["target"],
            release=data["release"],
            previous=data["previous"] or "-",
        ),
    )
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


def cmd_roundtrip(args) -> int:
    from editor.ui.roundtrip import roundtrip_report

    with _open(args) as workspace:
        report = roundtrip_report(workspace, args.article)
    lines = [f"{d['id']}\t{d['title']}\t{d['reason']}" for d in report["differs"]]
    summary = tr("{checked} checked, {same} kept exactly by the rich editor", **report)
    _emit(report, args.json, "\n".join([*lines, summary]))
    return 0


def cmd_gui(args) -> int:
    from editor.ui.app import run_gui

    return run_gui(
        _database_for(args) if (args.db or args.demo or _env_db()) else None,
        screenshot=getattr(args, "screenshot", None),
        demo=args.demo,
        body_mode="source" if getattr(args, "source", False) else None,
    )


def _password(prompt: str) -> str:
    import getpass
    import os

    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        password = getpass.getpass(prompt)
    return password


def _signed_in(args, workspace) -> str:
    """The name of the user `--user` signs in (password from NEWSDESK_PASSWORD or asked)."""
    from editor.errors import ValidationError

    if not args.user:
        raise ValidationError(tr("Sign in with --user NAME for this command."))
    user = workspace.users.authenticate(
        args.user, _password(tr("Password for {name}: ", name=args.user))
    )
    workspace.sign_in(user.real_name)
    return user.name


def _require_admin(args, workspace) -> None:
    """Site administration: anyone on a site without users, else an admin or 总编辑."""
    from editor.content.users import ADMIN, CHIEF
    from editor.errors import ValidationError

    if not workspace.users.any():
        return
    user = workspace.users.get(_signed_in(args, workspace))
    if not set(user.roles) & {ADMIN, CHIEF}:
        raise ValidationError(
            tr("Only an admin or 总编辑 may do this; {name} is neither.", name=user.name)
        )


def cmd_users(args) -> int:
    """`users [--json]`, `users add NAME --real-name 姓名 --role ROLE…`, `users delegate`."""
    from editor.content.articles import parse_time
    from editor.content.users import user_dict
    from editor.errors import ValidationError

    with _open(args) as workspace:
        if args.action == "add":
            workspace.require_writable()
            _require_admin(args, workspace)
            password = _password(tr("Password for the new user {name}: ", name=args.name))
            with workspace.edit():
                user = workspace.users.add(args.name, args.real_name, args.role, password)
            data = user_dict(user)
            _emit(data, args.json, tr("Added user {name} ({real_name}).", **data))
            return 0
        if args.action == "delegate":
            workspace.require_writable()
            chief = _signed_in(args, workspace)
            until = parse_time(args.until)
            if until is None:
                raise ValidationError(tr("--until needs a time such as 2026-12-01 08:00."))
            with workspace.edit():
                workspace.users.delegate(chief, args.deputy, until)
            print(tr("{deputy} signs 终审 until {until}.", deputy=args.deputy, until=until))
            return 0
        people = [user_dict(user) for user in workspace.users.list()]
    lines = [f"{p['name']}\t{p['real_name']}\t{'、'.join(p['roles'])}" for p in people]
    _emit({"users": people}, args.json, "\n".join(lines) or tr("No users yet."))
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


def _review_step(args, step) -> int:
    from editor.content.review import STATE_NAMES

    with _open(args) as workspace:
        workspace.require_writable()
        user = _signed_in(args, workspace)
        with workspace.edit():
            state = step(workspace.review, user)
        claimed = f" ({state.claimed_by})" if state.claimed_by else ""
    print(
        tr(
            "Article {article}: {state}{claimed}",
            article=args.id,
            state=STATE_NAMES.get(state.state, state.state),
            claimed=claimed,
        )
    )
    return 0


def cmd_submit(args) -> int:
    return _review_step(args, lambda review, user: review.submit(args.id, user, args.override))


def cmd_claim(args) -> int:
    return _review_step(args, lambda review, user: review.claim(args.id, user))


def cmd_sign(args) -> int:
    return _review_step(
        args, lambda review, user: review.sign(args.id, user, args.comment, args.override)
    )


def cmd_return(args) -> int:
    return _review_step(
        args, lambda review, user: review.return_(args.id, user, args.comment, args.to)
    )


def cmd_withdraw(args) -> int:
    return _review_step(args, lambda review, user: review.withdraw(args.id, user, args.reason))


def cmd_review(args) -> int:
    """`review ID [--json]`: state, version, content hash, sign-offs and chain_ok."""
    from editor.content.review import LEVEL_NAMES, STATE_NAMES

    with _open(args) as workspace:
        data = workspace.review.document(args.id)
    lines = [
        tr(
            "Article {article}: {state}, version {version}, content {hash}",
            article=args.id,
            state=STATE_NAMES.get(data["state"], data["state"]),
            version=data["version"],
            hash=data["content_hash"][:12],
        )
    ]
    for record in data["signoffs"]:
        level = LEVEL_NAMES.get(record["level"], record["level"])
        comment = f"  {record['comment']}" if record["comment"] else ""
        lines.append(
            f"{record['time']}  {level or '-'}  {record['decision']}  "
            f"{record['real_name']}{comment}"
        )
    lines.append(tr("Record intact.") if data["chain_ok"] else tr("Record tampered with!"))
    _emit(data, args.json, "\n".join(lines))
    return 0


def cmd_words(args) -> int:
    """`words [--list L] [--json]`, `words import FILE [--list L]`, `words export FILE`."""
    from editor.errors import ValidationError

    with _open(args) as workspace:
        lists = workspace.wordlists
        if args.action == "import":
            workspace.require_writable()
            _require_admin(args, workspace)
            try:
                text = Path(args.file).read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:
                raise ValidationError(
                    tr("Cannot read {file}: {problem}", file=args.file, problem=exc)
                ) from None
            with workspace.edit():
                count = lists.import_text(text, args.kind)
            print(tr("Read {count} word list entries from {file}.", count=count, file=args.file))
            return 0
        if args.action == "export":
            text = lists.export_csv(args.kind)
            try:
                Path(args.file).write_text(text, encoding="utf-8")
            except OSError as exc:
                raise ValidationError(
                    tr("Cannot write {file}: {problem}", file=args.file, problem=exc)
                ) from None
            print(
                tr("Wrote {count} entries to {file}.", count=text.count("\n") - 1, file=args.file)
            )
            return 0
        entries = [
            {
                name: getattr(entry, name)
                for name in ("kind", "word", "level", "replacement", "note")
            }
            for entry in lists.entries(args.kind)
        ]
    lines = [f"{e['kind']}\t{e['word']}\t{e['level']}\t{e['replacement']}" for e in entries]
    _emit({"entries": entries}, args.json, "\n".join(lines))
    return 0


def _env_db() -> str | None:
    import os

    return os.environ.get(DB_ENV)


COMMANDS = {
    "init": cmd_init,
    "sections": cmd_sections,
    "articles": cmd_articles,
    "show": cmd_show,
    "import": cmd_import,
    "export": cmd_export,
    "check": cmd_check,
    "targets": cmd_targets,
    "publish": cmd_publish,
    "releases": cmd_releases,
    "rollback": cmd_rollback,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "roundtrip": cmd_roundtrip,
    "gui": cmd_gui,
    "users": cmd_users,
    "settings": cmd_settings,
    "submit": cmd_submit,
    "claim": cmd_claim,
    "sign": cmd_sign,
    "return": cmd_return,
    "withdraw": cmd_withdraw,
    "review": cmd_review,
    "words": cmd_words,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.demo:
            from editor.content.demo import ensure_demo

            ensure_demo()
        if args.command is None:
            args.command = "gui"
        return COMMANDS[args.command](args)
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except NewsdeskError as exc:
        print(f"newsdesk: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(tr("newsdesk: interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
