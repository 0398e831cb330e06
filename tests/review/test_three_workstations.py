"""Done-when of 三审签发: on a shared PostgreSQL site, a reporter, the desk (责任编辑 and
部门主任) and the chief editor on three workstations (processes) take one article from
draft to live through 三审 with checks, and every record is there and verifiable
(benchmarks/three_workstations.py, run here)."""

from __future__ import annotations

import os

import pytest

from tests.conftest import PG_ENV, reset_postgres

pytestmark = pytest.mark.skipif(not os.environ.get(PG_ENV), reason=f"needs {PG_ENV}")


def test_three_workstations_take_an_article_live_through_three_levels(tmp_path):
    from benchmarks.three_workstations import run

    url = os.environ[PG_ENV]
    reset_postgres(url)
    result = run(url, tmp_path / "live", timeout=90)
    assert {name: w["exit"] for name, w in result["workstations"].items()} == {
        "记者": 0,
        "编辑部": 0,
        "总编辑": 0,
    }
    failed = [name for name, ok in result.get("verified", {}).items() if not ok]
    assert result["ok"] and not failed, (failed, result)
    actions = [(e["workstation"], e["action"]) for e in result["events"]]
    assert ("记者", "refused") in actions  # a reporter may not claim at 初审
    checked = next(e for e in result["events"] if e["action"] == "checked")
    assert checked["found"] and checked["fixed"] == checked["found"] and checked["left"] == []
    pids = {w["pid"] for w in result["workstations"].values()}
    assert len(pids) == 3 and os.getpid() not in pids
