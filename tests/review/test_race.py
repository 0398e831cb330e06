"""Two workstations (processes) race to claim and to sign the same article on PostgreSQL,
100 times each: the compare-and-swap on (state, seq) lets exactly one win each race."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from tests.conftest import PG_ENV, reset_postgres

RACES = 100

pytestmark = pytest.mark.skipif(not os.environ.get(PG_ENV), reason=f"needs {PG_ENV}")


def _racer(url: str, user: str, action: str, barrier, requests, results) -> None:
    from editor.content import users
    from editor.content.review import ReviewRefusedError
    from editor.workspace import Workspace

    users._SCRYPT = {**users._SCRYPT, "n": 2**8}
    with Workspace.open(url) as ws:
        ws.review.actor(user)  # connect and read once before the races
        while True:
            article_id = requests.get()
            if article_id is None:
                return
            barrier.wait()
            try:
                with ws.edit():
                    getattr(ws.review, action)(article_id, user)
                results.put((article_id, user, "won"))
            except ReviewRefusedError as exc:
                results.put((article_id, user, str(exc)))


@pytest.mark.parametrize(
    ("action", "racers", "level"),
    [("claim", ("ed", "ed2"), "first"), ("sign", ("head", "head2"), "second")],
)
def test_exactly_one_of_two_workstations_wins(action, racers, level, monkeypatch):
    from editor.workspace import Workspace
    from tests.review.helpers import newsroom

    url = os.environ[PG_ENV]
    reset_postgres(url)
    articles = []
    with Workspace.open(url, create=True, user="tester") as ws, monkeypatch.context() as quick:
        newsroom(ws)
        # the set-up goes without the pre-publish checks (the racers run them)
        quick.setattr(type(ws.checks), "article", lambda _self, _article_id: [])
        with ws.edit():  # one transaction for the whole set-up
            section = next(iter(ws.sections.tree())).id
            for number in range(RACES):
                article_id = ws.articles.create(
                    {"title": f"稿件{number}", "section": section, "body": "会议研究了工作。"}
                ).id
                ws.review.submit(article_id, "rep")
                if level == "second":
                    ws.review.sign(article_id, "ed")
                articles.append(article_id)
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    results = context.Queue()
    queues = [context.Queue() for _ in racers]
    workers = [
        context.Process(target=_racer, args=(url, user, action, barrier, queue, results))
        for user, queue in zip(racers, queues, strict=True)
    ]
    for worker in workers:
        worker.start()
    for article_id in [*articles, None]:
        for queue in queues:
            queue.put(article_id)
    outcomes = [results.get(timeout=120) for _ in range(2 * RACES)]
    for worker in workers:
        worker.join(timeout=30)
    winners = sorted(article for article, _, outcome in outcomes if outcome == "won")
    assert winners == articles  # one winner per article
    losses = [outcome for _, _, outcome in outcomes if outcome != "won"]
    assert len(losses) == RACES
    # the loser either lost the swap or, having read after the winner, is refused outright
    reasons = ("changed state meanwhile", "claimed by", "may not act at 终审")
    assert all(any(reason in text for reason in reasons) for text in losses), losses
    with Workspace.open(url) as ws:
        for article_id in articles:
            document = ws.review.document(article_id)
            assert document["chain_ok"]
            decisions = [s["decision"] for s in document["signoffs"]]
            assert decisions.count("claim" if action == "claim" else "approve") == (
                1 if action == "claim" else 2
            )
