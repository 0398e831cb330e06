"""Edits an editor makes between two exports, one function each, for the tests that check
that an incremental export (and its shortcuts) writes what a full export writes."""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.publish.test_preview_slice import OTHER, SECTION, _add, _grow


def files(folder) -> dict[str, bytes]:
    """Every file of a bundle by its path."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def grown(ws) -> None:
    """The demo site with 30 more articles in three sections (tags, pins, exclusions)."""
    _grow(ws, 30)


def published(ws) -> list[int]:
    """Visible articles' ids, newest first."""
    rows = [r for r in ws.articles.list() if r.status == "published" and not r.scheduled]
    return [r.id for r in rows]


def _edit(ws, article_id, **fields) -> None:
    article = ws.articles.get(article_id)
    with ws.edit():
        ws.articles.update(article_id, fields, article.version)


def new_article(ws) -> None:
    _add(ws, "新发的稿件", days=0.01, tags=["校地合作"])


def new_older_article(ws) -> None:
    _add(ws, "补发的旧稿", section=OTHER, days=5.3)


def edited_title(ws) -> None:
    _edit(ws, published(ws)[3], title="改过的标题")


def edited_body(ws) -> None:
    _edit(ws, published(ws)[4], body="只改了正文。\n")


def edited_summary(ws) -> None:
    _edit(ws, published(ws)[2], summary="新的摘要")


def changed_section(ws) -> None:
    aid = published(ws)[1]
    with ws.edit():
        ws.articles.move([aid], OTHER)


def deleted_article(ws) -> None:
    aid = published(ws)[0]
    with ws.edit():
        ws.articles.delete(aid)


def unpublished_article(ws) -> None:
    aid = published(ws)[5]
    with ws.edit():
        ws.articles.unpublish(aid)


def changed_tags(ws) -> None:
    _edit(ws, published(ws)[6], tags=["甲", "新标签"])


def changed_hits(ws) -> None:
    _edit(ws, published(ws)[-1], hits=999_999)


def changed_settings(ws) -> None:
    with ws.edit():
        ws.site.update(name="改名的网站")


def renamed_section(ws) -> None:
    node = ws.sections.tree().resolve(SECTION)
    with ws.edit():
        ws.sections.rename(node.id, "改名的栏目")


def edited_page(ws) -> None:
    page = ws.pages.list()[0]
    with ws.edit():
        ws.pages.save(page.slug, page.title + "（新）", page.body + "\n\n补充。")


def edited_partner(ws) -> None:
    partners = ws.partners.list()
    with ws.edit():
        if partners:
            ws.partners.update(partners[0].id, contact="新的联系人")
        else:
            ws.partners.create("新的合作平台", contact="联系人")


def renamed_person(ws) -> None:
    article = ws.articles.fields_of(published(ws)[0])
    reporters = article.get("reporters") or []
    if isinstance(reporters, str):
        reporters = [n for n in reporters.split() if n]
    if not reporters:
        _edit(ws, published(ws)[0], reporters="新记者")
        return
    person = next(p for p in ws.people.list() if p.name == reporters[0])
    with ws.edit():
        ws.people.update(person.id, name=person.name + "甲")


def scheduled(ws) -> datetime:
    """An article scheduled two hours ahead; returns the moment after which it shows."""
    when = datetime.now().replace(microsecond=0) + timedelta(hours=2)
    aid = _add(ws, "定时发布的稿件", days=0).id
    with ws.edit():
        ws.articles.schedule(aid, when)
    return when


EDITS = [
    new_article,
    new_older_article,
    edited_title,
    edited_body,
    edited_summary,
    changed_section,
    deleted_article,
    unpublished_article,
    changed_tags,
    changed_hits,
    changed_settings,
    renamed_section,
    edited_page,
    edited_partner,
    renamed_person,
]
