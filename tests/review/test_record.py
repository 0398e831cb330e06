"""The review record cannot be quietly rewritten: the database refuses updates and deletes,
and a record changed behind its back (triggers dropped) is found by `newsdesk check`. The
command line: users, settings, the steps, refusals and `review --json`."""

from __future__ import annotations

import json
import os

import pytest

from editor.cli import main
from editor.store.append_only import GUARDED
from editor.store.models import Signoff
from editor.workspace import Workspace
from tests.conftest import PG_ENV, reset_postgres
from tests.review.helpers import PASSWORD, new_article, newsroom, step


def _signed_site(location: str) -> int:
    with Workspace.open(location, create=True, user="tester") as ws, ws.activate():
        article_id = newsroom(ws)
        step(ws, "submit", article_id, "rep")
        for user in ("ed", "head", "chief"):
            step(ws, "sign", article_id, user)
    return article_id


def test_records_and_snapshots_are_append_only(workspace):
    ws = workspace
    article_id = newsroom(ws)
    step(ws, "submit", article_id, "rep")
    step(ws, "sign", article_id, "ed", "好")
    for statement in (
        "UPDATE signoff SET comment = 'changed'",
        "DELETE FROM signoff",
        "UPDATE article_snapshot SET content_hash = 'x'",
        "DELETE FROM article_snapshot",
    ):
        # PostgreSQL refuses for want of the privilege before a trigger could
        with pytest.raises(Exception, match="append-only|permission denied"), ws.db.atomic():
            ws.db.execute_sql(statement)
    assert [s.comment for s in Signoff.select().order_by(Signoff.id)] == ["", "好"]
    assert ws.review.document(article_id)["chain_ok"] is True


@pytest.mark.skipif(not os.environ.get(PG_ENV), reason=f"needs {PG_ENV}")
def test_on_postgresql_the_app_role_may_not_update_or_delete_records():
    """Without the triggers (their owner may drop them), the role the workstations connect
    with still may not change a record: UPDATE, DELETE and TRUNCATE are revoked."""
    url = os.environ[PG_ENV]
    reset_postgres(url)
    _signed_site(url)
    with Workspace.open(url) as ws:
        for table in GUARDED:
            allowed = ws.db.execute_sql(
                "SELECT has_table_privilege(current_user, %s, 'UPDATE'),"
                " has_table_privilege(current_user, %s, 'DELETE'),"
                " has_table_privilege(current_user, %s, 'INSERT')",
                (table, table, table),
            ).fetchone()
            assert allowed == (False, False, True), table
        with ws.db.atomic():
            for table in GUARDED:
                ws.db.execute_sql(f"DROP TRIGGER {table}_append_only ON {table}")
            ws.db.execute_sql("SAVEPOINT tamper")
            for statement in (
                "UPDATE signoff SET comment = 'changed'",
                "DELETE FROM signoff",
                "TRUNCATE article_snapshot",
                "DELETE FROM publish_log",
            ):
                with pytest.raises(Exception, match="permission denied"):
                    ws.db.execute_sql(statement)
                ws.db.execute_sql("ROLLBACK TO SAVEPOINT tamper")
            ws.db.rollback()  # the triggers come back with the transaction


def _tamper(location: str, *statements: str) -> None:
    import sqlite3

    connection = sqlite3.connect(location)
    with connection:
        connection.execute("DROP TRIGGER signoff_no_update")
        connection.execute("DROP TRIGGER signoff_no_delete")
        for statement in statements:
            connection.execute(statement)
    connection.close()


@pytest.mark.parametrize(
    "statements",
    [
        ("UPDATE signoff SET real_name = '某人' WHERE level = 'final'",),
        ("UPDATE signoff SET content_hash = 'f00' WHERE level = 'final'",),
        ("DELETE FROM signoff WHERE level = 'second'",),
        ("DELETE FROM signoff WHERE level = 'final'",),
    ],
    ids=["name", "hash", "middle", "last"],
)
def test_check_finds_a_tampered_record_in_sqlite(tmp_path, capsys, statements):
    location = str(tmp_path / "site.newsdesk")
    article_id = _signed_site(location)
    assert main(["--db", location, "check", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["ok"] is True
    _tamper(location, *statements)
    assert main(["--db", location, "check", "--json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    errors = {(f["rule"], f["article"]) for f in findings if f["level"] == "error"}
    assert ("review.chain", article_id) in errors
    # with its 终审 record gone, the article is also published without 终审
    assert errors <= {("review.chain", article_id), ("review.signed", article_id)}
    assert main(["--db", location, "review", str(article_id), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["chain_ok"] is False


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_command_line_takes_an_article_through_review(site_location, capsys, monkeypatch):
    db = site_location
    monkeypatch.setenv("NEWSDESK_PASSWORD", PASSWORD)
    assert _run(capsys, "--db", db, "init", "--demo")[0] == 0
    code, out, _ = _run(
        capsys, "--db", db, "users", "add", "chief", "--real-name", "王总编", "--role", "总编辑"
    )
    assert code == 0 and "王总编" in out
    code, _, err = _run(
        capsys, "--db", db, "users", "add", "ed", "--real-name", "李编辑", "--role", "编辑"
    )
    assert code == 1 and "--user" in err  # once there are users, an admin adds them
    for name, real_name, role in (
        ("ed", "李编辑", "编辑"),
        ("head", "张主任", "部门主任"),
        ("rep", "赵记者", "记者"),
    ):
        assert (
            _run(
                capsys,
                "--db",
                db,
                "--user",
                "chief",
                "users",
                "add",
                name,
                "--real-name",
                real_name,
                "--role",
                role,
            )[0]
            == 0
        )
    code, out, _ = _run(capsys, "--db", db, "users", "--json")
    assert [(u["name"], u["roles"]) for u in json.loads(out)["users"]] == [
        ("chief", ["总编辑", "admin"]),
        ("ed", ["编辑"]),
        ("head", ["部门主任"]),
        ("rep", ["记者"]),
    ]
    code, _, err = _run(
        capsys, "--db", db, "--user", "ed", "settings", "set", "review.mode", "三审"
    )
    assert code == 1 and "Only an admin or 总编辑" in err
    code, _, err = _run(
        capsys, "--db", db, "--user", "chief", "settings", "set", "review.mode", "四审"
    )
    assert code == 1 and "review.mode must be one of" in err
    assert (
        _run(capsys, "--db", db, "--user", "chief", "settings", "set", "review.mode", "三审")[0]
        == 0
    )
    with Workspace.open(db) as ws, ws.activate():
        with ws.edit():
            article_id = ws.articles.create({"title": "新稿件", "section": 1}).id

    def act(user: str, *argv: str) -> tuple[int, str, str]:
        return _run(capsys, "--db", db, "--user", user, *argv)

    assert act("rep", "submit", str(article_id))[1].strip() == f"Article {article_id}: 待初审"
    code, _, err = act("rep", "sign", str(article_id))
    assert code == 1 and "may not act at 初审" in err
    assert act("ed", "claim", str(article_id))[0] == 0
    code, _, err = act("ed", "return", str(article_id), "--comment", "")
    assert code == 1 and "needs a comment" in err
    assert act("ed", "sign", str(article_id), "--comment", "可")[0] == 0
    code, _, err = act("ed", "sign", str(article_id))
    assert code == 1 and "may not act at 复审" in err
    assert act("head", "return", str(article_id), "--comment", "补来源", "--to", "previous")[0] == 0
    code, _, err = act("rep", "sign", str(article_id))
    assert code == 1 and "may not act at 初审" in err
    assert act("ed", "sign", str(article_id))[0] == 0
    assert act("head", "sign", str(article_id))[0] == 0
    monkeypatch.setenv("NEWSDESK_PASSWORD", "wrong-one")
    code, _, err = act("chief", "sign", str(article_id))
    assert code == 1 and "Wrong user name or password" in err
    monkeypatch.setenv("NEWSDESK_PASSWORD", PASSWORD)
    assert act("chief", "sign", str(article_id))[1].strip() == f"Article {article_id}: 已签发"
    code, out, _ = _run(capsys, "--db", db, "review", str(article_id), "--json")
    data = json.loads(out)
    assert {"state", "version", "content_hash", "signoffs", "chain_ok"} <= set(data)
    assert data["state"] == "signed" and data["chain_ok"] is True
    assert set(data["signoffs"][0]) >= {
        "level",
        "decision",
        "user",
        "real_name",
        "time",
        "content_hash",
    }
    assert [(s["level"], s["decision"], s["user"]) for s in data["signoffs"]] == [
        ("", "submit", "rep"),
        ("first", "claim", "ed"),
        ("first", "approve", "ed"),
        ("second", "return", "head"),
        ("first", "approve", "ed"),
        ("second", "approve", "head"),
        ("final", "approve", "chief"),
    ]
    assert act("chief", "withdraw", str(article_id), "--reason", "撤稿测试")[0] == 0
    code, _, err = act("rep", "claim", str(article_id))
    assert code == 1 and "not waiting for review" in err
    code, _, err = _run(capsys, "--db", db, "submit", str(article_id))
    assert code == 1 and "--user NAME" in err


def test_a_backup_restores_the_record_with_its_guards(tmp_path):
    from editor.store.backup import backup, restore
    from editor.store.db import parse_target

    location = str(tmp_path / "site.newsdesk")
    article_id = _signed_site(location)
    with Workspace.open(location) as ws:
        written = backup(ws, tmp_path / "site.bak")
    copy = str(tmp_path / "copy.newsdesk")
    with Workspace.open(copy, create=True, user="tester"):
        pass
    restore(parse_target(copy), written)
    with Workspace.open(copy) as ws, ws.activate():
        document = ws.review.document(article_id)
        assert document["chain_ok"] and document["state"] == "signed"
        assert len(document["signoffs"]) == 4
        with pytest.raises(Exception, match="append-only"), ws.db.atomic():
            ws.db.execute_sql("DELETE FROM signoff")


def test_the_publish_log_keeps_what_went_out(workspace, tmp_path):
    from editor.store.models import PublishLog

    ws = workspace
    article_id = newsroom(ws)
    step(ws, "submit", article_id, "rep")
    for user in ("ed", "head", "chief"):
        step(ws, "sign", article_id, user)
    signed = ws.review.signed_hash(article_id)
    ws.publisher.export(tmp_path / "out", workers=1)
    (row,) = PublishLog.select().where(PublishLog.article_id == article_id)
    assert row.content_hash == signed and row.path.endswith(f"/{article_id}.html")
    page = tmp_path / "out" / row.path
    import hashlib

    assert row.file_sha256 == hashlib.sha256(page.read_bytes()).hexdigest()
    ws.publisher.export(tmp_path / "out", workers=1)  # nothing changed: nothing logged
    assert PublishLog.select().count() == 1
    with pytest.raises(Exception, match="append-only|permission denied"), ws.db.atomic():
        ws.db.execute_sql("DELETE FROM publish_log")


@pytest.mark.parametrize("whole", [0, 2000])
def test_the_publish_log_reads_only_the_asked_articles_either_way(workspace, monkeypatch, whole):
    """Many ids are read with the whole table and filtered here, few with IN lists: the
    rows are the same."""
    from editor.content import publish_log
    from editor.store.models import Article

    ws = workspace
    first, second = new_article(ws), new_article(ws, "区政府召开专题会议")
    monkeypatch.setattr(publish_log, "WHOLE", whole)
    query = Article.select(Article.id, Article.title).order_by(Article.id)
    with ws.activate():
        rows = publish_log._for_ids(query, Article.id, [second])
        everything = publish_log._for_ids(query, Article.id, None)
    assert [row[0] for row in rows] == [second]
    assert {row[0] for row in everything} >= {first, second}
