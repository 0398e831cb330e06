"""A newsroom for review tests: one user per role, a section and an article."""

from __future__ import annotations

PASSWORD = "secret123"
PEOPLE = {
    "rep": ("赵记者", ["记者"]),
    "ed": ("李编辑", ["编辑"]),
    "ed2": ("钱编辑", ["编辑"]),
    "head": ("张主任", ["部门主任"]),
    "head2": ("孙主任", ["部门主任"]),
    "chief": ("王总编", ["总编辑"]),
    "proof": ("周校对", ["校对"]),
    "admin": ("吴管理", ["admin"]),
}


def add_people(ws) -> None:
    """Every user of PEOPLE (chief first, so chief is also the site's admin)."""
    with ws.edit():
        for name in ("chief", *[n for n in PEOPLE if n != "chief"]):
            real_name, roles = PEOPLE[name]
            ws.users.add(name, real_name, roles, PASSWORD)


def new_article(ws, title: str = "市政府召开常务会议") -> int:
    """A draft article in a fresh or existing 要闻 section."""
    with ws.edit():
        section = next((n for n in ws.sections.tree() if n.name == "要闻"), None)
        section_id = section.id if section else ws.sections.create("要闻", slug="news").id
        article = ws.articles.create(
            {"title": title, "section": section_id, "body": "会议研究了今年的重点工作。"}
        )
    return article.id


def newsroom(ws, mode: str = "三审") -> int:
    """Users, the review mode and one draft article; returns its id."""
    add_people(ws)
    with ws.edit():
        ws.review.set_mode(mode)
    return new_article(ws)


def step(ws, action: str, article_id: int, user: str, *args, **kwargs):
    """One review step as its own unit of work."""
    with ws.edit():
        return getattr(ws.review, action)(article_id, user, *args, **kwargs)
