"""Reusable lists: sources, people and partners."""

from __future__ import annotations

import pytest

from editor.errors import ValidationError


def test_sources_autocomplete_most_used_first(workspace):
    workspace.sections.create("新闻")
    for source in ("成都日报", "成都日报", "四川日报"):
        workspace.articles.create({"title": "稿件", "section": "新闻", "source": source})
    workspace.sources.ensure("成都商报")
    names = [s.name for s in workspace.sources.list()]
    assert names[0] == "成都日报" and set(names) == {"成都日报", "四川日报", "成都商报"}
    assert [s.name for s in workspace.sources.list("成都")][0] == "成都日报"
    assert {s.name for s in workspace.sources.list("四川")} == {"四川日报"}


def test_people_keep_roles(workspace):
    workspace.people.ensure("黄雪松", "reporter")
    workspace.people.ensure("黄雪松", "photographer")
    workspace.people.ensure("网宣黄怡竞", "editor")
    assert [p.name for p in workspace.people.list("reporter")] == ["黄雪松"]
    assert [p.name for p in workspace.people.list("editor")] == ["网宣黄怡竞"]
    person = workspace.people.list(prefix="雪松")[0]
    assert person.roles == ["reporter", "photographer"]
    updated = workspace.people.update(person.id, affiliation="成都日报锦观新闻")
    assert updated.affiliation == "成都日报锦观新闻"
    with pytest.raises(ValidationError):
        workspace.people.ensure("  ")


def test_partners_crud(workspace):
    partner = workspace.partners.create(
        "交流平台", units=["研究会", "书院"], contact="黄女士", wechat="17364845380"
    )
    workspace.partners.update(partner.id, units="研究会;书院;商会", valid_until="2026-12-31")
    again = workspace.partners.get("交流平台")
    assert again.units == ["研究会", "书院", "商会"] and str(again.valid_until) == "2026-12-31"
    with pytest.raises(ValidationError):
        workspace.partners.create("交流平台")
    section = workspace.sections.create("华商走世界", partner=partner.id)
    workspace.partners.delete(partner.id)
    assert workspace.sections.get(section.id).partner_id is None
