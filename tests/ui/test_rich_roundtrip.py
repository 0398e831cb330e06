"""The rich editor's round trip: every demo article, every article imported from the shared
news pages and the seed, and a file of every construct the newsroom uses come back from the
editor with the same sanitised HTML, and a second trip is byte-identical; a file of
constructs the editor cannot keep is refused with a message; `newsdesk roundtrip` reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editor.publish.fidelity import rendering_difference
from editor.publish.markdown import render_markdown
from tests.ingest.conftest import PAGES, SEED
from tests.shared_fixtures import missing

DATA = Path(__file__).parent / "data" / "rich"


@pytest.fixture(scope="module")
def checker(qapp):
    from editor.ui.roundtrip import RoundTripChecker

    checker = RoundTripChecker()
    yield checker
    checker.close()


def _bodies(workspace) -> list[tuple[int, str, str]]:
    from editor.content.bodies import article_bodies

    with workspace.activate():
        return list(article_bodies())


def _assert_kept(checker, article_id, title, body) -> None:
    result = checker.check(body)
    assert result.reason is None, f"{article_id} {title}: {result.reason}"
    assert render_markdown(result.returned) == render_markdown(body)
    assert checker.view.round_trip(result.returned) == result.returned


def test_every_construct_comes_back_with_the_same_page(checker):
    body = (DATA / "every_construct.md").read_text(encoding="utf-8")
    for construct in (
        "## ",
        "**",
        "　　",
        ' "图为',
        ":::box 新闻拓展",
        ":---:",
        "1. ",
        "> ",
        '"成都',
    ):
        assert construct in body
    result = checker.check(body)
    assert result.reason is None
    html = render_markdown(result.returned)
    assert '<aside class="news-box">' in html
    assert "<figcaption>图为新政发布会现场。记者 李明 摄</figcaption>" in html
    assert 'style="text-align:center"' in html
    assert "<br>" in html
    assert 'title="成都高新区管委会"' in html
    assert checker.view.round_trip(result.returned) == result.returned


def test_line_start_marks_stay_text(checker):
    body = "\\# 不是标题\n\n1\\. 不是列表\n\n\\- 不是项目\n\n\\> 不是引用\n"
    result = checker.check(body)
    assert result.reason is None
    assert "<h1>" not in render_markdown(result.returned)


def test_demo_articles_round_trip(checker, ui_workspace):
    bodies = _bodies(ui_workspace)
    assert len(bodies) >= 14
    for article_id, title, body in bodies:
        _assert_kept(checker, article_id, title, body)


def test_the_checker_reads_bodies_as_the_editor_opens_them(checker, ui_workspace):
    """The round trip (parsed, never drawn, in batches) gives what opening the body in the
    editor gives, so `newsdesk roundtrip` predicts what the editor will do."""
    bodies = [body for _id, _title, body in _bodies(ui_workspace)]
    bodies.append((DATA / "every_construct.md").read_text(encoding="utf-8"))
    bodies.append((DATA / "edge_cases.md").read_text(encoding="utf-8"))
    batched = checker.view.round_trips(bodies)
    for body, returned in zip(bodies, batched, strict=True):
        assert checker.view.round_trip(body) == returned
        assert checker.view.load_markdown(body) == returned
    results = checker.check_many(bodies)
    assert [r.same for r in results] == [checker.check(b).same for b in bodies]
    assert results[-1].reason is not None  # the edge cases are refused in a batch too


def test_imported_news_pages_and_seed_round_trip(checker, ui_workspace, tmp_path):
    if not PAGES.is_dir() or not SEED.is_file():
        missing(f"the shared news pages or the seed are not at {PAGES.parent.parent}")
    pages = sorted(PAGES.glob("*.html"))
    assert len(pages) == 62
    seed = tmp_path / "seed.txt"
    seed.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    before = {row[0] for row in _bodies(ui_workspace)}
    with ui_workspace.edit():
        report = ui_workspace.importer.import_paths([*map(str, pages), str(seed)])
    assert report.imported >= 60
    imported = [row for row in _bodies(ui_workspace) if row[0] not in before]
    assert len(imported) == report.imported
    for article_id, title, body in imported:
        _assert_kept(checker, article_id, title, body)


def test_constructs_the_editor_cannot_keep_are_refused_with_a_reason(checker):
    body = (DATA / "edge_cases.md").read_text(encoding="utf-8")
    result = checker.check(body)
    assert result.reason is not None
    assert "HTML" in result.reason
    assert rendering_difference(body, body) is None


def test_roundtrip_command_reports_every_article(ui_site, capsys, monkeypatch):
    from editor.cli import main
    from editor.workspace import Workspace

    with Workspace.open(ui_site, user="tester") as workspace, workspace.edit():
        first = _bodies(workspace)[0][0]
        workspace.articles.update(
            first, {"body": (DATA / "edge_cases.md").read_text(encoding="utf-8")}, None
        )
        total = workspace.articles.count()
    assert main(["--db", ui_site, "roundtrip", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["checked"] == total
    assert report["same"] == total - 1
    assert [d["id"] for d in report["differs"]] == [first]
    assert report["differs"][0]["title"] and report["differs"][0]["reason"]
    assert main(["--db", ui_site, "roundtrip", "--article", str(first + 1)]) == 0
    assert "1 checked, 1 kept exactly" in capsys.readouterr().out


def test_roundtrip_shows_progress_on_stderr_and_keeps_stdout_json(ui_site, capsys):
    from editor.cli import main
    from editor.workspace import Workspace

    with Workspace.open(ui_site, user="tester") as workspace:
        total = workspace.articles.count()
    assert main(["--db", ui_site, "roundtrip", "--json"]) == 0
    out, err = capsys.readouterr()
    report = json.loads(out)  # nothing but the report on stdout
    assert set(report) == {"checked", "same", "differs"}
    assert report["checked"] == total
    lines = err.strip().splitlines()
    assert lines and all(line.startswith("roundtrip: ") for line in lines)
    assert lines[-1].startswith(f"roundtrip: {total}/{total} articles (100%), 0 would change")


def test_roundtrip_progress_on_a_terminal_rewrites_one_line_at_most_ten_times_a_second():
    import io

    from editor.cli.content import RoundTripProgress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    now = [0.0]
    stream = Terminal()
    progress = RoundTripProgress(stream, clock=lambda: now[0])
    for checked in range(1, 1001):
        now[0] = checked / 100  # a hundred articles a second, ten seconds in all
        progress(checked, 1000, 2)
    shown = stream.getvalue()
    assert 95 <= shown.count("\r") <= 101  # about ten updates a second, and the last one
    assert shown.endswith(
        "roundtrip: 1000/1000 articles (100%), 2 would change, about 0 s left  \n"
    )
    assert "\n" not in shown[:-1]  # one line, rewritten
    halfway = [line for line in shown.split("\r") if "/1000 articles (50%)" in line]
    assert halfway and "about 5 s left" in halfway[0]


def test_roundtrip_progress_in_a_log_is_a_line_per_tenth_or_ten_seconds():
    import io

    from editor.cli.content import RoundTripProgress

    now = [0.0]
    stream = io.StringIO()
    progress = RoundTripProgress(stream, clock=lambda: now[0])
    for checked in range(1, 1001):
        now[0] = checked * 0.25  # slow: a tenth takes 25 seconds
        progress(checked, 1000, 0)
    lines = stream.getvalue().splitlines()
    assert 25 <= len(lines) <= 36  # every ten seconds, and at each tenth
    assert lines[-1].startswith("roundtrip: 1000/1000 articles (100%)")
