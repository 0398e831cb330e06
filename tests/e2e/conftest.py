"""End-to-end fixtures: the demo site with the reference article, exported once."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from tests.e2e.seed import SEED, body_markdown, read_seed
from tests.shared_fixtures import missing

SECTION = "华商走世界/川商走世界"


def store_seed_article(ws) -> int:
    """The reference page's article, its related picks and its hot ranking, stored."""
    page = read_seed()
    with ws.edit():
        ws.people.update(
            ws.people.ensure(page.reporters[0], "reporter").id, affiliation=page.affiliation
        )
        picks = []
        for n, title in enumerate(page.related):
            picks.append(
                ws.articles.create(
                    {
                        "title": title,
                        "section": "中国故事/企业故事",
                        "body": f"{title}。",
                        "status": "published",
                        "publish_time": datetime.now() - timedelta(days=40 + n),
                    }
                ).id
            )
        for n, title in enumerate(page.hot):
            ws.articles.create(
                {
                    "title": title,
                    "section": SECTION if n < 8 else "华商走世界/浙商走世界",
                    "body": f"{title}。",
                    "status": "published",
                    "hits": 900_000 - n * 1000,
                    "publish_time": datetime.now() - timedelta(days=100 + n),
                }
            )
        article = ws.articles.create(
            {
                "title": page.title,
                "section": SECTION,
                "body": body_markdown(page),
                "source": page.source,
                "source_url": "https://www.cdrb.com.cn/",
                "reporters": page.reporters,
                "photographers": page.photographers,
                "responsible_editor": page.editor_line.strip("()").split(":", 1)[1],
                "status": "published",
                "publish_time": f"{page.date}T09:30:00",
                "related": picks,
                "tags": ["校地合作"],
            }
        )
    return article.id


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory):
    """(workspace, bundle folder, reference article id, export result)."""
    if not SEED.is_file():
        missing(f"the reference page {SEED} is not next to the checkout")
    from editor.content.demo import load_demo
    from editor.workspace import Workspace

    folder = tmp_path_factory.mktemp("seed-site")
    with pytest.MonkeyPatch.context() as patch:  # (the per-test user paths are not set yet)
        patch.setenv("XDG_CACHE_HOME", str(folder / "cache"))
        ws = Workspace.open(str(folder / "site.newsdesk"), create=True, user="tester")
        with ws.edit():
            load_demo(ws)
        article_id = store_seed_article(ws)
        out = folder / "bundle"
        result = ws.publisher.export(out, workers=1)
    yield ws, out, article_id, result
    ws.close()
