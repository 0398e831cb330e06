"""A command loads only what it uses: an export of one new article on a SQLite site loads
no PostgreSQL driver, no schema migrator, no copy checks, no Python-Markdown (the new body
is plain prose), nothing to write zips or swap folders with (zipfile, ctypes) and not the
parts of the standard library that xml.sax.saxutils and email.utils bring (urllib.request,
http.client, email). A PostgreSQL site still opens,
exports and checks, its driver handed to peewee when the site is opened. Each command runs
in a fresh process, as an editor starts it."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOT_IN_AN_EXPORT = (
    "psycopg2",
    "psycopg",
    "ssl",
    "playhouse.migrate",
    "urllib.request",
    "http.client",
    "email",
    "xml.sax",
    "ctypes",
    "zipfile",
    "subprocess",
    "markdown",
    "editor.content.all_checks",
    "editor.content.copy_checks",
    "editor.content.field_checks",
    "editor.content.script_check",
    "editor.content.simhash",
    "editor.publish.markdown_parser",
)

# Runs one command line and prints, on a last line of its own, the modules of argv[1] (a
# JSON list of names) that it loaded and, when peewee was loaded, whether it has psycopg2.
RUN = """
import json, sys
from editor.cli import main
watched = json.loads(sys.argv[1])
code = main(sys.argv[2:])
loaded = sorted(
    name for name in sys.modules
    if sys.modules[name] is not None
    and any(name == module or name.startswith(module + ".") for module in watched)
)
peewee = sys.modules.get("peewee")
print()
print(json.dumps({"code": code, "loaded": loaded,
                  "peewee_driver": getattr(getattr(peewee, "psycopg2", None), "__name__", None)}))
"""

BODY = "第一段是没有任何标记的平常文字。\n\n第二段也一样，只有文字和标点。\n"
ARTICLE = f"""---
title: "一篇新的文章"
section: "中国故事"
status: "published"
date: "2024-05-05 08:40"
---
{BODY}"""


def fresh_environment(tmp_path: Path) -> dict[str, str]:
    """The environment of a fresh command-line process with its own user folders, in
    English."""
    return dict(
        os.environ,
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        NEWSDESK_LANG="en",
    )


def _command(tmp_path: Path, *args: str, watched=NOT_IN_AN_EXPORT) -> tuple[dict, str]:
    done = subprocess.run(
        [sys.executable, "-c", RUN, json.dumps(watched), *args],
        cwd=ROOT,
        env=fresh_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.rstrip("\n").split("\n")
    return json.loads(lines[-1]), "\n".join(lines[:-2])


def test_an_export_of_one_new_article_loads_only_what_it_uses(tmp_path):
    site = str(tmp_path / "site.newsdesk")
    out = tmp_path / "bundle"
    (tmp_path / "new.md").write_text(ARTICLE, encoding="utf-8")
    report, _ = _command(tmp_path, "--db", site, "init", "--demo")
    assert report["code"] == 0
    report, _ = _command(tmp_path, "--db", site, "export", str(out), "--json")
    assert report["code"] == 0
    imported, _ = _command(
        tmp_path, "--db", site, "import", str(tmp_path / "new.md"), "--format", "markdown"
    )
    assert imported["code"] == 0

    report, printed = _command(tmp_path, "--db", site, "export", str(out), "--json")

    assert report["code"] == 0
    assert json.loads(printed)["written"] > 0  # the new article's page and the pages with it
    pages = [p for p in out.rglob("*.html") if "一篇新的文章" in p.read_text(encoding="utf-8")]
    article_pages = [p for p in pages if "第二段也一样" in p.read_text(encoding="utf-8")]
    assert len(article_pages) == 1
    assert report["loaded"] == []
    assert report["peewee_driver"] is None


def test_an_export_with_nothing_to_do_loads_none_of_the_exporter(tmp_path):
    site = str(tmp_path / "site.newsdesk")
    out = tmp_path / "bundle"
    assert _command(tmp_path, "--db", site, "init", "--demo")[0]["code"] == 0
    assert _command(tmp_path, "--db", site, "export", str(out), "--json")[0]["code"] == 0

    watched = ("editor.publish.export", "editor.publish.render", "jinja2")
    report, printed = _command(
        tmp_path, "--db", site, "export", str(out), "--json", watched=watched
    )

    assert report["code"] == 0 and json.loads(printed)["written"] == 0
    assert report["loaded"] == []


def test_a_check_of_one_article_loads_every_article_check(tmp_path):
    site = str(tmp_path / "site.newsdesk")
    assert _command(tmp_path, "--db", site, "init", "--demo")[0]["code"] == 0
    listed, printed = _command(tmp_path, "--db", site, "articles", "--json", "--limit", "1")
    first = json.loads(printed)[0]["id"]
    checks = ("editor.content.copy_checks", "editor.content.simhash", "psycopg2")

    report, _ = _command(tmp_path, "--db", site, "check", "--article", str(first), watched=checks)

    assert report["loaded"] == ["editor.content.copy_checks", "editor.content.simhash"]


def test_a_site_of_either_kind_opens_exports_and_checks_from_the_command_line(
    site_location, tmp_path
):
    postgres = site_location.startswith("postgresql://")
    report, _ = _command(tmp_path, "--db", site_location, "init", "--demo", watched=("psycopg2",))
    assert report["code"] == 0
    assert ("psycopg2" in report["loaded"]) is postgres

    report, printed = _command(
        tmp_path, "--db", site_location, "export", str(tmp_path / "bundle"), "--json"
    )
    assert report["code"] == 0 and json.loads(printed)["written"] > 0
    assert report["peewee_driver"] == ("psycopg2" if postgres else None)

    report, printed = _command(tmp_path, "--db", site_location, "check", "--json")
    assert report["code"] == 0 and json.loads(printed)["ok"] is True


FREEZE = """
import gc, json, sys, threading
from editor.cli import main
given = sys.argv[1] == "given"
# (a thread still running: the program may not end at once, see tests/test_cli_end.py)
threading.Thread(target=threading.Event().wait, daemon=True).start()
sys.argv = ["newsdesk", *sys.argv[2:]]
code = main(sys.argv[1:]) if given else main()
print()
print(json.dumps({"code": code, "frozen": gc.get_freeze_count()}))
"""


def test_the_program_leaves_what_a_command_kept_to_the_process_end(tmp_path):
    """Called as the program, main() freezes what survives the command out of the cycle
    collector (the interpreter's shutdown would walk it) when it cannot end the process at
    once; called with arguments (tests, scripts that go on running) it does not."""
    site = str(tmp_path / "site.newsdesk")
    assert _command(tmp_path, "--db", site, "init", "--demo")[0]["code"] == 0
    for how in ("program", "given"):
        done = subprocess.run(
            [sys.executable, "-c", FREEZE, how, "--db", site, "sections", "--json"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        report = json.loads(done.stdout.rstrip("\n").split("\n")[-1])
        assert report["code"] == 0
        assert (report["frozen"] > 0) is (how == "program")


def _made(commands) -> list[str]:
    from editor.cli import core

    return [
        name
        for name in commands.choices
        if not isinstance(dict.__getitem__(commands.choices, name), core._Unmade)
    ]


def test_the_parser_makes_only_the_parser_of_the_command_given(capsys):
    from editor.cli import core

    parser = core.build_parser()
    args = parser.parse_args(["--db", "site", "targets", "add", "web", "file:///srv/www"])
    assert (args.command, args.action, args.name, args.url) == (
        "targets",
        "add",
        "web",
        "file:///srv/www",
    )
    commands = parser._subparsers._group_actions[0]
    assert _made(commands) == ["targets"]
    actions = commands.choices["targets"]._subparsers._group_actions[0]
    assert _made(actions) == ["add"]

    # every command is there all the same, in the choices and in the help; its help its own
    assert sorted(commands.choices) == sorted(core._commands())
    help_text = core.build_parser().format_help()
    assert all(f"\n    {name} " in help_text for name in core._commands())
    with pytest.raises(SystemExit):
        core.build_parser().parse_args(["init", "--help"])
    assert "fill it with the demo site's sections" in capsys.readouterr().out


DRIVER_STATE = """
import json, sys
if sys.argv[1] == "peewee":  # peewee's own import, psycopg2 there from the start
    import peewee
else:  # the package's: peewee without it, psycopg2 handed over when a site needs it
    import editor.store.models
    import peewee
    assert peewee.psycopg2 is None and "psycopg2" not in sys.modules
    from editor.pg_driver import load_postgresql_driver
    load_postgresql_driver()
    load_postgresql_driver()  # a second time changes nothing
import psycopg2.extensions
adapter = peewee.Psycopg2Adapter
print(json.dumps({
    "driver": peewee.psycopg2.__name__,
    "extensions": peewee.pg_extensions.__name__,
    "json": [peewee.Json_pg2.__module__, peewee.Json_pg2.__name__],
    "uuid": [peewee.pg_register_uuid.__module__, peewee.pg_register_uuid.__name__],
    "states": [adapter.txn_idle, adapter.txn_inerror, adapter.txn_unknown],
    "uuid_caster": 2950 in psycopg2.extensions.string_types,
    "adapter_json": adapter().json_type.__name__,
}))
"""


def test_opening_a_postgresql_site_gives_peewee_what_its_own_import_would():
    pytest.importorskip("psycopg2")

    def state(how):
        done = subprocess.run(
            [sys.executable, "-c", DRIVER_STATE, how], cwd=ROOT, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr[-2000:]
        return json.loads(done.stdout)

    own = state("peewee")
    assert own["driver"] == "psycopg2" and own["uuid_caster"] is True
    assert state("package") == own


def _commands(parser: argparse.ArgumentParser) -> dict:
    """command name -> its parser (made now, for a parser that makes them on use)."""
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {name: action.choices[name] for name in list(action.choices)}


def test_every_command_parser_made_on_use_is_the_parser_made_at_once(monkeypatch):
    from editor.cli import core

    lazy = core.build_parser()
    lazy_help = lazy.format_help()
    made_on_use = _commands(lazy)
    # the same command line with argparse's own subcommands: every parser made at once
    monkeypatch.setattr(
        core._Parser,
        "__init__",
        lambda self, *a, **k: argparse.ArgumentParser.__init__(self, *a, **k),
    )
    eager = core.build_parser()
    made_at_once = _commands(eager)
    assert len(made_at_once) > 20 and list(made_on_use) == list(made_at_once)
    assert lazy_help == eager.format_help()
    with_subcommands = []
    for name, parser in made_at_once.items():
        mine = made_on_use[name]
        assert mine.format_help() == parser.format_help(), name
        assert [a.dest for a in mine._actions] == [a.dest for a in parser._actions], name
        nested = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        for inner in nested:  # (commands with subcommands of their own)
            with_subcommands.append(name)
            theirs = _commands(mine)
            assert list(theirs) == list(inner.choices), name
            for sub, sub_parser in inner.choices.items():
                assert theirs[sub].format_help() == sub_parser.format_help(), (name, sub)
    assert with_subcommands  # (the loop above compared some)
