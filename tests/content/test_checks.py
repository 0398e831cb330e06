"""The check registry: the site's checks, run by `newsdesk check`, the editor and the export."""

from __future__ import annotations

import json

import pytest

from editor.cli import main
from editor.content import checks
from editor.content.checks import ARTICLE, ERROR, PUBLISH, SITE, WARNING, Finding
from editor.errors import NotFoundError, ValidationError
from editor.store.models import Article, Section

FINDING_KEYS = {"article", "rule", "level", "message", "excerpt", "offset", "suggestion"}


@pytest.fixture
def registry(monkeypatch):
    """The registry, restored after the test whatever it registers (loaded whole first, so
    that no module of checks registers into the copy and is lost with it)."""
    checks.load_checks()
    monkeypatch.setattr(checks, "CHECKS", dict(checks.CHECKS))
    return checks.CHECKS


def _clash_slugs(ws) -> tuple[str, str]:
    """Give a section the slug of its sister, behind the service's back."""
    tree = ws.sections.tree()
    parent = next(node for node in tree if len(node.children) >= 2)
    first, second = parent.children[0], parent.children[1]
    Section.update(slug=first.slug).where(Section.id == second.id).execute()
    return first.path, second.path


def test_todays_site_checks_are_registered():
    assert [rule for rule in checks.CHECKS if not rule.startswith("test.")][:6] == [
        "database.file",
        "database.references",
        "search.index",
        "sections.tree",
        "sections.slugs",
        "articles.publish_time",
    ]
    for check in checks.CHECKS.values():
        assert check.stages and set(check.stages) <= set(checks.STAGES)


def test_the_demo_site_passes_every_stage(demo_workspace):
    ws = demo_workspace
    assert ws.checks.run() == []
    assert ws.checks.run(PUBLISH) == []
    first = ws.articles.list()[0]
    # the copy checks may warn (the demo's half-width commas), never refuse
    assert [f for f in ws.checks.article(first.id) if f.level == checks.ERROR] == []


def test_a_slug_clash_is_an_error_and_refuses_the_export(demo_workspace, tmp_path):
    ws = demo_workspace
    first, second = _clash_slugs(ws)
    found = [f for f in ws.checks.run() if f.rule == "sections.slugs"]
    assert len(found) == 1 and found[0].level == ERROR and found[0].article is None
    assert first in found[0].message and second in found[0].message
    with pytest.raises(ValidationError, match="cannot be exported"):
        ws.publisher.export(tmp_path / "site", workers=1)
    assert not (tmp_path / "site" / "index.html").exists()


def test_a_published_article_without_time_is_an_article_finding(demo_workspace):
    ws = demo_workspace
    rows = ws.articles.list()
    broken, other = rows[0], rows[1]
    Article.update(publish_time=None).where(Article.id == broken.id).execute()
    findings = [f for f in ws.checks.article(broken.id) if f.rule == "articles.publish_time"]
    assert [(f.rule, f.level, f.article) for f in findings] == [
        ("articles.publish_time", WARNING, broken.id)
    ]
    assert broken.title in findings[0].message
    assert [f for f in ws.checks.article(other.id) if f.rule == "articles.publish_time"] == []
    assert [f.article for f in ws.checks.run(SITE)] == [broken.id]
    assert set(findings[0].as_dict()) == FINDING_KEYS
    with pytest.raises(NotFoundError):
        ws.checks.article(10**9)


def test_a_registered_check_runs_at_its_stages_only(demo_workspace, registry, tmp_path):
    ws = demo_workspace
    seen = []

    class Embargo:
        rule = "test.embargo"
        stages = frozenset({PUBLISH, ARTICLE})

        def run(self, context):
            seen.append((context.stage, context.articles))
            yield Finding(self.rule, ERROR, "embargoed until noon", article=context.articles)

    checks.register(Embargo())
    assert ws.checks.run(SITE) == []
    embargo = [f for f in ws.checks.run(ARTICLE, [7]) if f.rule == "test.embargo"]
    assert embargo[0].article == [7]
    with pytest.raises(ValidationError, match="embargoed until noon"):
        ws.publisher.export(tmp_path / "site", workers=1)
    assert seen == [(ARTICLE, [7]), (PUBLISH, None)]


def test_register_refuses_a_second_rule_of_a_name_and_unknown_stages(registry):
    class Twice:
        rule = "sections.slugs"
        stages = frozenset({SITE})

        def run(self, context):
            return []

    with pytest.raises(ValueError, match="already registered"):
        checks.register(Twice())
    Twice.rule, Twice.stages = "test.nowhere", frozenset({"sometime"})
    with pytest.raises(ValueError, match="stages"):
        checks.register(Twice())
    with pytest.raises(ValueError, match="stage"):
        checks.run_checks(None, "sometime")


def test_check_command_keeps_its_shape_and_checks_one_article(site_location, capsys):
    db = site_location
    assert main(["--db", db, "init", "--demo"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "check", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == {"ok": True, "problems": [], "findings": []}
    assert main(["--db", db, "articles", "--json", "--limit", "1"]) == 0
    article_id = json.loads(capsys.readouterr().out)[0]["id"]
    assert main(["--db", db, "check", "--article", str(article_id), "--json"]) == 0
    found = json.loads(capsys.readouterr().out)["findings"]
    assert [f for f in found if f["level"] == "error"] == []
    assert main(["--db", db, "check", "--article", "999999"]) == 1
    assert "No article with id 999999" in capsys.readouterr().err
    assert main(["--db", db, "check", "--article", "0"]) == 2
    capsys.readouterr()

    from editor.workspace import Workspace

    with Workspace.open(db) as ws, ws.activate():
        _clash_slugs(ws)
    assert main(["--db", db, "check", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False
    assert data["problems"] == [{"severity": "error", "message": data["findings"][0]["message"]}]
    assert set(data["findings"][0]) == FINDING_KEYS
    assert data["findings"][0]["rule"] == "sections.slugs"
    assert main(["--db", db, "check"]) == 1
    assert capsys.readouterr().out.startswith("error: Sections “")


def test_the_quick_run_after_a_save_leaves_out_whole_site_checks(demo_workspace, registry):
    """The editor's check after each save must not read the whole site: a check that does
    runs in `newsdesk check` and the review panel. Near-duplicates keep their fingerprints
    in the site, so they run after each save too (syncing a bounded number of articles)."""
    from editor.content.simhash import NearDuplicateCheck

    ws = demo_workspace
    seen = []

    class Survey:
        rule = "test.survey"
        stages = frozenset({ARTICLE})
        whole_site = True

        def run(self, context):
            seen.append(context.articles)
            yield Finding(self.rule, WARNING, "read every article", article=context.articles)

    checks.register(Survey())
    assert [f for f in ws.checks.run(ARTICLE, [1], quick=True) if f.rule == "test.survey"] == []
    assert seen == []
    assert [f.rule for f in ws.checks.run(ARTICLE, [1]) if f.rule == "test.survey"] == [
        "test.survey"
    ]
    assert seen == [[1]]
    assert not getattr(NearDuplicateCheck, "whole_site", False)


def test_the_check_modules_declare_the_stages_of_their_checks():
    from editor.content import all_checks  # noqa: F401 (the whole registry)

    modules = {type(check).__module__ for check in checks.CHECKS.values()}
    assert set(checks.CHECK_MODULES) <= modules  # each module registers checks
    for rule, check in checks.CHECKS.items():
        module = type(check).__module__
        if module == checks.__name__ or rule.startswith("test."):
            continue
        assert set(check.stages) <= checks.CHECK_MODULES[module], rule


STAGE_THEN_ALL = """
import json, sys
from editor.content import checks
checks.load_checks(sys.argv[1])
loaded = sorted(name for name in checks.CHECK_MODULES if name in sys.modules)
checks.load_checks()
print(json.dumps([loaded, list(checks.CHECKS)]))
"""


def test_a_stage_loads_only_its_modules_and_the_registry_keeps_its_order():
    import subprocess
    import sys

    def run(stage):
        done = subprocess.run(
            [sys.executable, "-c", STAGE_THEN_ALL, stage], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr[-2000:]
        return json.loads(done.stdout)

    publish, publish_then_all = run(PUBLISH)
    assert publish == ["editor.content.media", "editor.content.review_checks"]
    article, article_then_all = run(ARTICLE)
    assert article == sorted(checks.CHECK_MODULES)
    assert publish_then_all == article_then_all
    assert publish_then_all[:8] == [
        "database.file",
        "database.references",
        "search.index",
        "sections.tree",
        "sections.slugs",
        "articles.publish_time",
        "words",
        "words.typo",
    ]
    assert publish_then_all[-1] == "duplicates.near"
