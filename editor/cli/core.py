"""The command line's core: the argument parser, `main` with its error handling, and the
output and sign-in helpers the command modules share.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Sequence

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
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.register("action", "parsers", _Commands)

    def error(self, message: str):  # argparse prints usage and exits 2; keep it to one line
        raise UsageError(tr("{prog}: {message}", prog=self.prog, message=message))


class _Later:
    """A parser that is not made yet (or its subcommands, or an argument of it), as the
    calls that set it up; `replay` makes them on the real object."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple, dict, _Later]] = []

    def _record(self, method: str, args: tuple, kwargs: dict) -> _Later:
        result = _Later()
        self.calls.append((method, args, kwargs, result))
        return result

    def add_argument(self, *args, **kwargs) -> _Later:
        """Recorded `ArgumentParser.add_argument`."""
        return self._record("add_argument", args, kwargs)

    def add_subparsers(self, **kwargs) -> _Later:
        """Recorded `ArgumentParser.add_subparsers`."""
        return self._record("add_subparsers", (), kwargs)

    def add_parser(self, name: str, **kwargs) -> _Later:
        """Recorded `add_parser` of recorded subcommands."""
        return self._record("add_parser", (name,), kwargs)

    def replay(self, real: object) -> object:
        """Make the recorded calls on `real` (and theirs on what they return)."""
        for method, args, kwargs, result in self.calls:
            result.replay(getattr(real, method)(*args, **kwargs))
        return real


class _Unmade:
    def __init__(self, make: argparse.ArgumentParser, kwargs: dict, later: _Later) -> None:
        self.make, self.kwargs, self.later = make, kwargs, later


class _MadeOnUse(dict):
    """Command name → parser, each parser made the first time it is looked up."""

    def __getitem__(self, name: str) -> argparse.ArgumentParser:
        value = super().__getitem__(name)
        if isinstance(value, _Unmade):
            value = value.later.replay(value.make(**value.kwargs))
            self[name] = value
        return value


class _Commands(argparse._SubParsersAction):
    """Subcommands whose parsers are made when the command line names one (to run it or to
    show its help): the command line has some 45 parsers, and making them all (argparse
    asks gettext for its translations for each) took several milliseconds of every
    command's start. The help lists every command as before, from the names and helps."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._name_parser_map = self.choices = _MadeOnUse()

    def add_parser(self, name: str, **kwargs) -> _Later:
        """A command (no aliases): what is set up on the returned object is recorded."""
        if kwargs.get("prog") is None:
            kwargs["prog"] = f"{self._prog_prefix} {name}"
        if name in self._name_parser_map:
            raise ValueError(f"two commands named {name!r}")  # a bug in the parser's making
        for unsupported in ("aliases", "deprecated"):  # (argparse's own add_parser options)
            if unsupported in kwargs:
                raise ValueError(f"commands made on use take no {unsupported!r}")
        if "help" in kwargs:
            self._choices_actions.append(self._ChoicesPseudoAction(name, (), kwargs.pop("help")))
        later = _Later()
        self._name_parser_map[name] = _Unmade(self._parser_class, kwargs, later)
        return later


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
    from editor.content.limits import MAX_OFFSET, MAX_PAGE

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


def _env_db() -> str | None:
    import os

    return os.environ.get(DB_ENV)


def _commands() -> dict:
    """The command name → handler table (the command modules import this one)."""
    from editor.cli.content import cmd_export, cmd_gui, cmd_import, cmd_roundtrip
    from editor.cli.hosting import cmd_publish, cmd_releases, cmd_rollback, cmd_targets
    from editor.cli.review import (
        cmd_claim,
        cmd_return,
        cmd_review,
        cmd_sign,
        cmd_submit,
        cmd_users,
        cmd_withdraw,
        cmd_words,
    )
    from editor.cli.site import (
        cmd_articles,
        cmd_backup,
        cmd_check,
        cmd_init,
        cmd_restore,
        cmd_sections,
        cmd_settings,
        cmd_show,
    )

    return {
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
    """Run the command line; returns the exit code. Called as the program (no `argv`: the
    `newsdesk` command, `python -m editor`, app.py) by a command that is not the GUI, it
    leaves what the command kept alive to the end of the process: frozen out of the cycle
    collector, which the interpreter's shutdown would otherwise run over all of it (an
    export of 10,000 articles keeps some 100,000 objects, 40 ms of collecting; cyclic
    garbage left then is not collected either, and no finalizer of it is relied on). When
    the shutdown has nothing else to do, the process ends here at once (`_end_now`)."""
    code = _run(list(sys.argv[1:] if argv is None else argv))
    if argv is None and "PySide6" not in sys.modules:
        _end_now(code)  # (returns when the shutdown has more to do than free memory)
        import gc

        gc.freeze()
    return code


def _end_now(code: int) -> None:
    """End the process with `code` once the standard streams are flushed and logging is shut
    down, skipping the interpreter's shutdown, when all that shutdown would do besides is
    free the memory the command kept (module by module and object by object: some 15 ms
    after an export of 10,000 articles): no other thread runs, no child process is alive,
    and no exit handler or finalizer waits but logging's and those of the standard library's
    own that are known to have nothing to do. Otherwise it returns and the process ends as
    usual."""
    import atexit
    import os
    import threading
    import weakref

    if threading.active_count() != 1:
        return
    expected = 0  # the exit handlers this function stands in for
    logging = sys.modules.get("logging")
    if logging is not None:
        expected += 1  # logging.shutdown, run below
    mp_util = sys.modules.get("multiprocessing.util")
    if mp_util is not None:
        expected += 1  # multiprocessing's: ends children and runs its finalizers
        multiprocessing = sys.modules["multiprocessing"]
        if multiprocessing.active_children() or getattr(mp_util, "_finalizer_registry", True):
            return
    if getattr(weakref.finalize, "_registered_with_atexit", True):
        expected += 1
        if getattr(weakref.finalize, "_registry", True):
            return  # (a temporary folder to remove, and the like)
    count = getattr(atexit, "_ncallbacks", None)
    if count is None or count() != expected:
        return
    for stream in (sys.stdout, sys.stderr):  # (None in a windowed program on Windows)
        if stream is not None:
            try:
                stream.flush()
            except (OSError, ValueError):
                return
    if logging is not None:
        logging.shutdown()
    os._exit(code or 0)


def _run(argv: list[str]) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.demo:
            from editor.content.demo import ensure_demo

            ensure_demo()
        if args.command is None:
            args.command = "gui"
        return _commands()[args.command](args)
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
