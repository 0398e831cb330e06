"""三审签发: every transition per role, one person one level, delegation with expiry, the
one-click 自审签发, withdrawal, 更正 and the export refusing what 终审 did not sign."""

from __future__ import annotations

from datetime import timedelta

import pytest

from editor.content import checks
from editor.content.review import LEVEL_ROLES, ReviewRefusedError
from editor.errors import ValidationError
from editor.store.models import Article, now
from tests.review.helpers import PEOPLE, new_article, newsroom, step


def _at(ws, article_id: int, level: str) -> None:
    """Bring a submitted article to `level` of 三审 with distinct signers."""
    signers = {"second": ["ed"], "final": ["ed", "head"]}[level] if level != "first" else []
    step(ws, "submit", article_id, "rep")
    for user in signers:
        step(ws, "sign", article_id, user)
    assert ws.review.state(article_id).state == level


def test_three_levels_take_a_draft_to_signed_and_published(workspace):
    ws = workspace
    article_id = newsroom(ws)
    assert ws.review.state(article_id).state == "draft"
    assert step(ws, "submit", article_id, "rep").state == "first"
    assert step(ws, "claim", article_id, "ed").claimed_by == "ed"
    assert step(ws, "sign", article_id, "ed", "事实清楚").state == "second"
    assert step(ws, "sign", article_id, "head").state == "final"
    assert step(ws, "sign", article_id, "chief", "同意签发").state == "signed"
    article = Article.get_by_id(article_id)
    assert article.status == "published"
    assert ws.articles.fields_of(article_id)["responsible_editor"] == "李编辑"
    assert ws.articles.fields_of(article_id)["reporters"] == ["赵记者"]  # the submitter's byline
    document = ws.review.document(article_id)
    assert document["chain_ok"] is True
    assert [(s["level"], s["decision"], s["real_name"]) for s in document["signoffs"]] == [
        ("", "submit", "赵记者"),
        ("first", "claim", "李编辑"),
        ("first", "approve", "李编辑"),
        ("second", "approve", "张主任"),
        ("final", "approve", "王总编"),
    ]
    assert document["signoffs"][-1]["content_hash"] == document["content_hash"]
    assert document["signed_hash"] == document["content_hash"]
    assert ws.checks.run(checks.PUBLISH) == []


@pytest.mark.parametrize("level", ["first", "second", "final"])
@pytest.mark.parametrize("user", sorted(PEOPLE))
def test_who_may_claim_sign_and_return_at_each_level(workspace, level, user):
    ws = workspace
    article_id = newsroom(ws)
    _at(ws, article_id, level)
    allowed = bool(set(PEOPLE[user][1]) & LEVEL_ROLES[level])
    if not allowed:
        for action, args in (("claim", ()), ("sign", ()), ("return_", ("重写导语",))):
            with pytest.raises(ReviewRefusedError, match="may not act"):
                step(ws, action, article_id, user, *args)
        assert ws.review.state(article_id).state == level
        return
    assert step(ws, "claim", article_id, user).claimed_by == user
    if ws.review._round_signers(article_id).get(user):  # signed an earlier level already
        with pytest.raises(ReviewRefusedError, match="one person signs one level"):
            step(ws, "sign", article_id, user)
    else:
        following = {"first": "second", "second": "final", "final": "signed"}[level]
        assert step(ws, "sign", article_id, user).state == following


def test_refusals_name_their_reason(workspace):
    ws = workspace
    article_id = newsroom(ws)
    with pytest.raises(ReviewRefusedError, match="not waiting"):
        step(ws, "claim", article_id, "ed")
    with pytest.raises(ReviewRefusedError, match="may not submit"):
        step(ws, "submit", article_id, "proof")
    step(ws, "submit", article_id, "rep")
    with pytest.raises(ReviewRefusedError, match="already waiting"):
        step(ws, "submit", article_id, "rep")
    step(ws, "claim", article_id, "ed")
    with pytest.raises(ReviewRefusedError, match="claimed by ed"):
        step(ws, "claim", article_id, "ed2")
    with pytest.raises(ReviewRefusedError, match="claimed by ed"):
        step(ws, "sign", article_id, "ed2")
    with pytest.raises(ReviewRefusedError, match="needs a comment"):
        step(ws, "return_", article_id, "ed", "  ")
    with pytest.raises(ReviewRefusedError, match="Only a signed article"):
        step(ws, "withdraw", article_id, "chief", "有误")


def test_one_person_cannot_sign_two_levels(workspace):
    ws = workspace
    article_id = newsroom(ws)
    step(ws, "submit", article_id, "rep")
    step(ws, "sign", article_id, "chief")  # 初审 by the chief himself
    step(ws, "sign", article_id, "head")
    with pytest.raises(ReviewRefusedError, match="王总编 already signed 初审"):
        step(ws, "sign", article_id, "chief")
    assert ws.review.state(article_id).state == "final"
    # a new round (returned and submitted again) starts a new count
    step(ws, "return_", article_id, "chief", "请补充来源", to="author")
    step(ws, "submit", article_id, "rep")
    step(ws, "sign", article_id, "ed")
    step(ws, "sign", article_id, "head")
    assert step(ws, "sign", article_id, "chief").state == "signed"


def test_return_goes_to_the_author_or_one_level_back(workspace):
    ws = workspace
    article_id = newsroom(ws)
    _at(ws, article_id, "final")
    assert step(ws, "return_", article_id, "chief", "数据待核实", to="previous").state == "second"
    assert step(ws, "return_", article_id, "head", "导语太长").state == "draft"
    records = ws.review.document(article_id)["signoffs"]
    assert [(r["decision"], r["comment"]) for r in records[-2:]] == [
        ("return", "数据待核实"),
        ("return", "导语太长"),
    ]


def test_two_levels_skip_the_desk_head(workspace):
    ws = workspace
    article_id = newsroom(ws, "二审")
    step(ws, "submit", article_id, "rep")
    assert step(ws, "sign", article_id, "ed").state == "final"
    with pytest.raises(ReviewRefusedError, match="may not act at 终审"):
        step(ws, "sign", article_id, "head")
    assert step(ws, "sign", article_id, "chief").state == "signed"


def test_review_off_signs_in_one_step_with_the_same_records(workspace):
    ws = workspace
    article_id = newsroom(ws, "关闭")
    assert ws.review.mode() == "关闭"
    assert step(ws, "sign", article_id, "rep").state == "signed"
    document = ws.review.document(article_id)
    assert [(s["level"], s["decision"]) for s in document["signoffs"]] == [
        ("", "submit"),
        ("self", "approve"),
    ]
    assert document["chain_ok"] and document["signed_hash"] == document["content_hash"]
    assert Article.get_by_id(article_id).status == "published"
    with pytest.raises(ReviewRefusedError, match="may not submit"):
        step(ws, "sign", new_article(ws, "第二篇"), "proof")


def test_a_delegated_deputy_signs_final_until_the_delegation_ends(workspace):
    ws = workspace
    article_id = newsroom(ws)
    _at(ws, article_id, "final")
    with pytest.raises(ReviewRefusedError, match="may not act at 终审"):
        step(ws, "sign", article_id, "head2")
    with ws.edit():
        ws.users.delegate(
            "chief", "head2", now() - timedelta(minutes=1), starts=now() - timedelta(hours=9)
        )
    with pytest.raises(ReviewRefusedError, match="may not act at 终审"):
        step(ws, "sign", article_id, "head2")  # that night shift is over
    with ws.edit():
        ws.users.delegate("chief", "head2", now() + timedelta(hours=8))
    assert step(ws, "sign", article_id, "head2").state == "signed"
    last = ws.review.document(article_id)["signoffs"][-1]
    assert (last["level"], last["real_name"], last["delegated_from"]) == (
        "final",
        "孙主任",
        "chief",
    )
    with pytest.raises(ValidationError, match="Only a 总编辑"):
        ws.users.delegate("head", "ed", now() + timedelta(hours=1))


def test_withdrawal_takes_a_signed_article_down(workspace):
    ws = workspace
    article_id = newsroom(ws)
    _at(ws, article_id, "final")
    step(ws, "sign", article_id, "chief")
    with pytest.raises(ReviewRefusedError, match="may not act at 终审"):
        step(ws, "withdraw", article_id, "head", "事实有误")
    with pytest.raises(ReviewRefusedError, match="needs a reason"):
        step(ws, "withdraw", article_id, "chief", "")
    assert step(ws, "withdraw", article_id, "chief", "事实有误").state == "withdrawn"
    assert Article.get_by_id(article_id).status == "draft"
    assert step(ws, "submit", article_id, "rep").state == "first"


def test_an_edit_after_final_refuses_the_export_until_a_correction_is_signed(workspace, tmp_path):
    ws = workspace
    article_id = newsroom(ws)
    _at(ws, article_id, "final")
    step(ws, "sign", article_id, "chief")
    ws.checks.before_publish()
    with ws.edit():
        version = Article.get_by_id(article_id).version
        ws.articles.update(article_id, {"body": "会议研究了明年的重点工作。"}, version)
    with pytest.raises(ValidationError, match="changed after 终审 signed it"):
        ws.checks.before_publish()
    with pytest.raises(ValidationError, match="changed after 终审"):
        ws.publisher.export(tmp_path / "out")
    # 更正: submitted again it goes straight to 终审
    assert step(ws, "submit", article_id, "ed").state == "final"
    step(ws, "sign", article_id, "chief", "更正")
    ws.checks.before_publish()


def test_with_review_on_an_article_published_without_sign_off_is_refused(workspace):
    ws = workspace
    article_id = newsroom(ws)
    with ws.edit():
        ws.articles.publish(article_id)
    with pytest.raises(ValidationError, match="published without 终审"):
        ws.checks.before_publish()
    with ws.edit():
        ws.review.set_mode("关闭")
    ws.checks.before_publish()


def test_the_export_runs_only_the_checks_that_can_refuse_it(workspace, monkeypatch):
    """A check that only warns (remote pictures reads every published body) is left out of
    the export's own run; `newsdesk check` at the publish stage still gives its warning."""
    ws = workspace
    with ws.edit():
        ws.review.set_mode("关闭")
    article_id = new_article(ws)
    with ws.edit():
        version = Article.get_by_id(article_id).version
        ws.articles.update(article_id, {"body": "![图](http://example.cn/a.jpg)"}, version)
        ws.articles.publish(article_id)
    rule = "articles.remote_pictures"
    assert rule in {f.rule for f in ws.checks.run(checks.PUBLISH)}
    remote = checks.CHECKS[rule]
    assert remote.warns_only
    ran = []
    real = type(remote).run
    monkeypatch.setattr(
        type(remote), "run", lambda self, context: ran.append(1) or real(self, context)
    )
    assert ws.checks.before_publish() == []
    assert ran == []
    assert [f.rule for f in ws.checks.run(checks.PUBLISH) if f.rule == rule] == [rule]


def test_a_blocking_finding_needs_a_recorded_override(workspace, monkeypatch):
    ws = workspace
    article_id = newsroom(ws)
    checks.load_checks()  # the whole registry first: none of it registers into the copy
    monkeypatch.setattr(checks, "CHECKS", dict(checks.CHECKS))

    class Blocking:
        rule = "test.blocking"
        stages = frozenset({checks.ARTICLE})

        def run(self, context):
            for article in context.articles or []:
                yield checks.Finding(self.rule, checks.ERROR, "坏词", article=article)

    checks.register(Blocking())
    with pytest.raises(ReviewRefusedError, match="--override"):
        step(ws, "submit", article_id, "rep")
    assert ws.review.state(article_id).state == "draft"
    step(ws, "submit", article_id, "rep", "引用原话，不改")
    with pytest.raises(ReviewRefusedError, match="坏词"):
        step(ws, "sign", article_id, "ed")
    step(ws, "sign", article_id, "ed", "", "已核实")
    overrides = [s["override"] for s in ws.review.document(article_id)["signoffs"]]
    assert overrides == [
        {"reason": "引用原话，不改", "rules": ["test.blocking"]},
        {"reason": "已核实", "rules": ["test.blocking"]},
    ]


def test_a_stale_state_is_refused(workspace):
    ws = workspace
    article_id = newsroom(ws)
    step(ws, "submit", article_id, "rep")
    seen = ws.review._current(article_id)
    step(ws, "claim", article_id, "ed")
    with pytest.raises(ReviewRefusedError, match="changed state meanwhile"), ws.edit():
        ws.review._swap(seen, claimed_by="ed2")
    assert ws.review.state(article_id).claimed_by == "ed"


def test_passwords_are_salted_hashes(workspace):
    ws = workspace
    newsroom(ws)
    from editor.content.users import SignInError
    from editor.store.models import NewsroomUser

    assert ws.users.authenticate("ed", "secret123").real_name == "李编辑"
    with pytest.raises(SignInError):
        ws.users.authenticate("ed", "wrong-one")
    with pytest.raises(SignInError):
        ws.users.authenticate("nobody", "secret123")
    ed, ed2 = NewsroomUser.get(name="ed"), NewsroomUser.get(name="ed2")
    assert ed.salt != ed2.salt and ed.password_hash != ed2.password_hash
    assert "secret123" not in ed.password_hash
    assert ed.password_hash.startswith("scrypt$256$8$1$")  # the cost travels with the hash
    from editor.content import users

    users._SCRYPT = {**users._SCRYPT, "n": 2**9}  # a later default cost (restored by the fixture)
    assert ws.users.authenticate("ed", "secret123").name == "ed"
    assert NewsroomUser.get(name="chief").roles == ["总编辑", "admin"]
