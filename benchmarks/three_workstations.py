"""三审 on a shared PostgreSQL site, scripted: three workstations (three processes, each with
its own connection and signed-in people) take one article from draft to live, and every
record is verified afterwards from a fourth process through the command line.

    python benchmarks/three_workstations.py --db postgresql://… --replace [--out DIR]
                                            [--timeout 120]

The database must be one made for this run: `--replace` empties it first (its public
schema is dropped); without it a database that holds anything is refused.

- 记者 workstation (赵记者): writes the article, runs the checks, applies the fixes they
  offer, checks again and submits (送审); then waits for it to go live.
- 编辑部 workstation: 李编辑 (责任编辑) claims and signs 初审 from the 待审 queue; 张主任
  (部门主任) claims and signs 复审 (one person signs one level, so the desk is two people).
- 总编辑 workstation (王总编): claims, signs 终审 — the article is published — and exports
  the site (the folder is what goes live); the export writes the publish log.

The workstations see each other's steps only through the database (their queues). Then
`newsdesk review ID --json` (chain_ok, the seven steps, three signers), `newsdesk check
--json` and `check --article ID --json` run as commands, and the publish log, the exported
page and the app role's revoked UPDATE are read back. Prints one JSON document; exits 1 when
any verification fails.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSWORD = "three-workstations"
PEOPLE = (  # chief first: the first user administers the site
    ("chief", "王总编", ["总编辑"]),
    ("rep", "赵记者", ["记者"]),
    ("ed", "李编辑", ["编辑"]),
    ("head", "张主任", ["部门主任"]),
)
WORKSTATIONS = {"记者": ("rep",), "编辑部": ("ed", "head"), "总编辑": ("chief",)}
TITLE = "城东新楼电梯月底投入使用"
BODY = (
    "本报讯 城东安置小区的三栋新楼近日完成电梯按装，经质监部门验收合格后，将于本月底投入使用。"
    "小区物业负责人介绍，每栋楼配备两台电梯，并接入全市电梯应急处置平台...\n\n"
    "居民王女士说，家里老人腿脚不便，盼电梯盼了很久。更多消息见[本地新闻](/local/index.html)。"
)


def _cli(url: str, *arguments: str, user: str | None = None) -> tuple[int, dict | str]:
    """Run `newsdesk` as its own process; (exit code, JSON document or text)."""
    command = [sys.executable, "-m", "editor", "--db", url]
    if user:
        command += ["--user", user]
    done = subprocess.run(
        [*command, *arguments],
        capture_output=True,
        text=True,
        env={**os.environ, "NEWSDESK_PASSWORD": PASSWORD, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        timeout=120,
    )
    try:
        return done.returncode, json.loads(done.stdout)
    except ValueError:
        return done.returncode, (done.stdout + done.stderr).strip()


def _event(events, started: float, desk: str, user: str, action: str, **detail) -> None:
    moment = round(time.time() - started, 2)
    events.put({"t": moment, "workstation": desk, "user": user, "action": action, **detail})


def workstation(desk: str, url: str, out: str, started: float, events, deadline: float) -> None:
    """One workstation: sign its people in and act on what reaches their queues."""
    from editor.content.checks import ERROR, apply_fix
    from editor.content.review import ReviewRefusedError
    from editor.content.review_queue import queue_for
    from editor.workspace import Workspace

    names = WORKSTATIONS[desk]
    with Workspace.open(url, user=names[0]) as ws:
        for name in names:
            ws.users.authenticate(name, PASSWORD)
            _event(events, started, desk, name, "signed in")
        if desk == "记者":
            _reporter(ws, desk, started, events, deadline, apply_fix, ERROR, ReviewRefusedError)
            return
        waiting = {"ed": "first", "head": "second", "chief": "final"}
        acted: set[str] = set()
        while time.time() < deadline and len(acted) < len(names):
            for name in names:
                rows = [r for r in queue_for(ws.review, name) if r.state == waiting[name]]
                if name in acted or not rows:
                    continue
                article_id = rows[0].article_id
                with ws.edit():
                    ws.review.claim(article_id, name)
                _event(events, started, desk, name, "claimed", level=waiting[name])
                errors = [f.rule for f in ws.checks.article(article_id) if f.level == ERROR]
                with ws.edit():
                    state = ws.review.sign(article_id, name, f"{name}：同意").state
                _event(events, started, desk, name, "signed", level=waiting[name], errors=errors)
                _event(events, started, desk, name, "state now", state=state)
                acted.add(name)
                if name == "chief":
                    ws.publisher.export(Path(out), workers=1)
                    _event(events, started, desk, name, "exported", out=out)
            time.sleep(0.2)


def _reporter(ws, desk, started, events, deadline, apply_fix, error, refused) -> None:
    with ws.edit():
        section = next((n for n in ws.sections.tree() if n.slug == "local"), None)
        section_id = section.id if section else ws.sections.create("本地新闻", slug="local").id
        article = ws.articles.create({"title": TITLE, "section": section_id, "body": BODY})
    _event(events, started, desk, "rep", "wrote", article=article.id)
    findings = ws.checks.article(article.id)
    found = sorted({f.rule for f in findings if f.level == error})
    fields = ws.articles.fields_of(article.id)
    fixed = []
    for finding in sorted(findings, key=lambda f: -(f.start or 0)):  # back to front
        if finding.level != error or finding.field != "body":
            continue
        result = apply_fix(fields["body"], finding)
        if result is not None:
            fields["body"] = result[0]
            fixed.append(finding.rule)
    with ws.edit():
        ws.articles.update(article.id, {"body": fields["body"]}, fields["version"])
    left = [f.rule for f in ws.checks.article(article.id) if f.level == error]
    _event(events, started, desk, "rep", "checked", found=found, fixed=fixed, left=left)
    with ws.edit():
        ws.review.submit(article.id, "rep")
    _event(events, started, desk, "rep", "submitted", article=article.id)
    try:
        with ws.edit():
            ws.review.claim(article.id, "rep")
    except refused as exc:
        _event(events, started, desk, "rep", "refused", reason=str(exc))
    while time.time() < deadline and ws.review.state(article.id).state != "signed":
        time.sleep(0.2)
    _event(events, started, desk, "rep", "saw it live", state=ws.review.state(article.id).state)


def set_up(url: str) -> None:
    """A new site with the four people and 三审 (through the command line's code)."""
    from editor.cli import main as newsdesk
    from editor.workspace import Workspace

    os.environ["NEWSDESK_PASSWORD"] = PASSWORD
    with Workspace.open(url, create=True, user="admin") as ws:
        with ws.edit():
            ws.site.update(name="城东新闻网", base_url="https://news.example.cn/")
    with contextlib.redirect_stdout(sys.stderr):  # stdout is for the JSON document
        for name, real_name, roles in PEOPLE:
            user = [] if name == "chief" else ["--user", "chief"]
            argv = ["--db", url, *user, "users", "add", name, "--real-name", real_name, "--role"]
            if newsdesk([*argv, *roles]) != 0:
                raise SystemExit(f"could not add {name}")
        if newsdesk(["--db", url, "--user", "chief", "settings", "set", "review.mode", "三审"]):
            raise SystemExit("could not choose 三审")


def verify(url: str, out: Path, events: list[dict]) -> dict:
    """Read every record back, mostly through the command line of a fourth process."""
    from editor.store.models import PublishLog
    from editor.workspace import Workspace

    article_id = next(e["article"] for e in events if e["action"] == "submitted")
    code, review = _cli(url, "review", str(article_id), "--json")
    _, site_check = _cli(url, "check", "--json")
    article_code, article_check = _cli(url, "check", "--article", str(article_id), "--json")
    steps = [(s["decision"], s["level"], s["user"]) for s in review["signoffs"]]
    with Workspace.open(url, user="auditor") as ws:
        logged = [
            (row.content_hash, row.path, row.file_sha256)
            for row in PublishLog.select().where(PublishLog.article_id == article_id)
        ]
        (may_update,) = ws.db.execute_sql(
            "SELECT has_table_privilege(current_user, 'signoff', 'UPDATE')"
        ).fetchone()
        fields = ws.articles.fields_of(article_id)
    page = out / logged[0][1] if logged else None
    page_text = page.read_text(encoding="utf-8") if page and page.exists() else ""
    page_sha = hashlib.sha256(page.read_bytes()).hexdigest() if page_text else ""
    signers = {s["level"]: s["real_name"] for s in review["signoffs"] if s["decision"] == "approve"}
    checks = {
        "review_exit_0": code == 0,
        "chain_ok": review.get("chain_ok") is True,
        "state_signed": review.get("state") == "signed",
        "signed_is_current": review.get("signed_hash") == review.get("content_hash"),
        "seven_steps": steps
        == [
            ("submit", "", "rep"),
            ("claim", "first", "ed"),
            ("approve", "first", "ed"),
            ("claim", "second", "head"),
            ("approve", "second", "head"),
            ("claim", "final", "chief"),
            ("approve", "final", "chief"),
        ],
        "three_signers": signers == {"first": "李编辑", "second": "张主任", "final": "王总编"},
        "site_check_ok": isinstance(site_check, dict) and site_check.get("ok") is True,
        "no_record_findings": isinstance(site_check, dict)
        and not [f for f in site_check["findings"] if f["rule"].startswith("review.")],
        "article_check_ok": article_code == 0 and article_check.get("ok") is True,
        "byline_real_names": fields["reporters"] == ["赵记者"]
        and fields["responsible_editor"] == "李编辑",
        "publish_log": len(logged) == 1 and logged[0][0] == review.get("signed_hash"),
        "page_is_logged": bool(page_text) and page_sha == logged[0][2] and TITLE in page_text,
        "app_role_may_not_update": may_update is False,
    }
    return {
        "article": article_id,
        "verified": checks,
        "ok": all(checks.values()),
        "review": {k: review[k] for k in ("state", "version", "content_hash", "chain_ok")},
        "signoffs": [
            {k: s[k] for k in ("level", "decision", "user", "real_name", "time", "content_hash")}
            for s in review["signoffs"]
        ],
        "site_check_findings": [f["rule"] for f in site_check.get("findings", [])]
        if isinstance(site_check, dict)
        else site_check,
    }


def run(url: str, out: Path, timeout: float = 120) -> dict:
    """Set up, run the three workstations to the end and verify; the JSON document."""
    out.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    set_up(url)
    context = multiprocessing.get_context("spawn")
    events = context.Queue()
    started = time.time()
    deadline = started + timeout
    processes = [
        context.Process(
            target=workstation, args=(desk, url, str(out), started, events, deadline), name=desk
        )
        for desk in WORKSTATIONS
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout + 30)
    log = []
    while not events.empty():
        log.append(events.get())
    log.sort(key=lambda e: e["t"])
    workstations = {p.name: {"pid": p.pid, "exit": p.exitcode} for p in processes}
    result = {"workstations": workstations, "events": log}
    if all(p.exitcode == 0 for p in processes) and any(e["action"] == "exported" for e in log):
        result.update(verify(url, out, log))
    else:
        result["ok"] = False
    result["seconds"] = round(time.perf_counter() - began, 1)
    return result


def main(argv: list[str] | None = None) -> int:
    """Run it and print the JSON document; 0 when everything was verified."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="a postgresql:// site made for this run")
    parser.add_argument("--out", type=Path, default=None, help="the folder that goes live")
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--replace", action="store_true", help="empty the database first")
    args = parser.parse_args(argv)
    import psycopg2

    connection = psycopg2.connect(args.db)
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            if args.replace:
                cursor.execute("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public")
            cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
            if cursor.fetchone()[0]:
                parser.error("the database holds tables; give --replace to empty it")
    finally:
        connection.close()
    with tempfile.TemporaryDirectory() as folder:
        result = run(args.db, args.out or Path(folder) / "live", args.timeout)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0 if result.get("ok") else 1


if __name__ == "__main__":
    sys.exit(main())
