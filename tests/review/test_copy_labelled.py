"""Labelled sets for the pre-publish checks: per rule family a file of sentences with planted
errors (and hard negatives marked clean), plus the clean paragraphs of the demo site and
of the shared fixture news pages as imported. Each sentence is its own article; precision and
recall per rule are printed and floors asserted (an error rule: recall ≥ 0.9, precision ≥
0.95).

The demo articles and many portal pages use half-width , : ; next to Chinese, which GB/T
15834 counts as wrong (`punct.halfwidth`, a warning); the clean set keeps them, so that rule
is left out of the precision figures and measured on its own planted sentences only."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from editor.content import checks
from editor.workspace import Workspace

LABELLED = Path(__file__).resolve().parent / "labelled"
FAMILIES = ("words", "typos", "punctuation", "numbers", "script")
SHARED_PAGES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "cn-news-pages"
DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo" / "articles"


def _labelled(family: str) -> list[tuple[str, str]]:
    rows = []
    for line in (LABELLED / f"{family}.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        rule, text = line.split("\t", 1)
        rows.append((rule, text.replace("\\n", "\n\n")))
    return rows


def _sentences(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        line = line.strip()
        if (
            not line
            or line.startswith(("#", ":::", "!", "-", "|", ">"))
            or re.match(r"\d+\.", line)
        ):
            continue
        if len(re.findall(r"[\u4e00-\u9fff]", line)) >= 8:
            out.append(line)  # a paragraph: a quotation may span its sentences
    return out


def clean_sentences() -> list[str]:
    """The clean sentences: the demo articles' bodies and the fixture pages' bodies."""
    found = []
    for path in sorted(DEMO.glob("*.md")):
        body = path.read_text(encoding="utf-8").split("---", 2)[-1]
        found.extend(_sentences(body))
    if SHARED_PAGES.is_dir():
        from editor.ingest.reader import Reader

        reader = Reader()
        for page in sorted(SHARED_PAGES.glob("*.html"))[:40]:
            try:
                article = reader.read_path(page)
            except Exception:  # a page the importer refuses has no sentences to offer
                continue
            found.extend(_sentences(article.fields.get("body") or ""))
    return list(dict.fromkeys(found))


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    """Every labelled and clean sentence as an article, and the findings on each."""
    location = str(tmp_path_factory.mktemp("labelled") / "site.newsdesk")
    clean = clean_sentences()
    rows = [(family, rule, text) for family in FAMILIES for rule, text in _labelled(family)]
    known = _labelled("fixture_errors")
    for text in clean:
        label = next((rule for rule, piece in known if piece in text), "clean")
        family = next((f for f in FAMILIES if label in {r for r, _ in _labelled(f)}), "clean")
        rows.append((family, label, text))
    with Workspace.open(location, create=True, user="tester") as ws, ws.activate():
        with ws.edit():
            section = ws.sections.create("测试", slug="test").id
            ids = [
                ws.articles.create({"title": "测试稿件", "section": section, "body": text}).id
                for _, _, text in rows
            ]
        findings = checks.run_checks(ws, checks.ARTICLE, ids)
    by_article = defaultdict(set)
    for finding in findings:
        by_article[finding.article].add(finding.rule)
        if finding.level == checks.ERROR:
            by_article[("error", finding.article)].add(finding.rule)
    return rows, ids, by_article, len(clean)


def _rules(family: str) -> list[str]:
    return sorted({rule for rule, _ in _labelled(family) if rule != "clean"})


@pytest.mark.parametrize("family", FAMILIES)
def test_precision_and_recall_per_rule(measured, family):
    rows, ids, by_article, clean_count = measured
    assert clean_count >= 200
    planted = [(rule, aid) for (fam, rule, _), aid in zip(rows, ids, strict=True) if fam == family]
    assert sum(1 for rule, _ in planted if rule != "clean") >= 30
    for rule in _rules(family):
        expected = {aid for r, aid in planted if r == rule}
        flagged = {aid for aid in ids if rule in by_article[aid]}
        true_positives = expected & flagged
        recall = len(true_positives) / len(expected)
        precision = len(true_positives) / len(flagged) if flagged else 0.0
        print(
            f"{family}/{rule}: planted {len(expected)}, flagged {len(flagged)}, "
            f"precision {precision:.3f}, recall {recall:.3f}"
        )
        assert recall >= 0.9, (rule, sorted(expected - flagged))
        assert precision >= 0.95, (rule, sorted(flagged - expected))


def test_hard_negatives_and_clean_copy_give_no_error(measured):
    rows, ids, by_article, _ = measured
    wrong = [
        (text, sorted(by_article[("error", aid)]))
        for (_, rule, text), aid in zip(rows, ids, strict=True)
        if rule == "clean" and by_article[("error", aid)]
    ]
    assert wrong == []


def test_the_demo_site_has_no_error_finding(demo_workspace):
    ws = demo_workspace
    ids = [row.id for row in ws.articles.list()]
    assert len(ids) >= 10
    findings = checks.run_checks(ws, checks.ARTICLE, ids)
    assert [f for f in findings if f.level == checks.ERROR] == []
