"""The lazy article list: model contract, paging by what is shown, filters, search, sort."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from playhouse.test_utils import count_queries
from PySide6.QtCore import Qt

from editor.ui.article_list import PAGE_SIZE, ArticleListModel, ArticleListPanel

MANY = 300


@pytest.fixture
def many_articles(ui_workspace):
    """The demo site plus MANY articles in one section."""
    ws = ui_workspace
    section = ws.sections.tree().resolve("经济/科技").id
    start = datetime(2024, 1, 1, 8, 0)
    with ws.edit():
        for n in range(MANY):
            ws.articles.create(
                {
                    "title": f"科技快讯第{n}期",
                    "section": section,
                    "body": f"正文 {n}",
                    "status": "published" if n % 2 else "draft",
                    "publish_time": start + timedelta(hours=n),
                    "hits": n,
                    "flags": ["headline"] if n % 50 == 0 else [],
                }
            )
    return ws


def test_model_passes_qtmodeltester(qapp, qtmodeltester, many_articles):
    model = ArticleListModel()
    model.set_service(many_articles.articles)
    qtmodeltester.check(model)


def test_scrolling_fetches_only_the_pages_shown(qtbot, many_articles):
    panel = ArticleListPanel()
    qtbot.addWidget(panel)
    panel.resize(700, 400)
    total = many_articles.summary()["articles"]
    with count_queries() as counter:
        panel.set_service(many_articles.articles)
        panel.show()
        qtbot.waitExposed(panel)
        qtbot.wait(50)
    model = panel.model
    assert model.rowCount() == total > 4 * PAGE_SIZE
    assert model.pages_fetched == 1  # one page for the first screen, not every row
    assert counter.count <= 6  # a count, one page of rows (rows, people, tree) and no more
    with count_queries() as counter:
        panel.table.scrollToBottom()
        qtbot.wait(50)
    assert model.pages_fetched == 2  # the last page only, none in between
    assert counter.count <= 4
    loaded = sum(len(page) for page in model._pages.values())
    assert loaded <= 2 * PAGE_SIZE
    last = model.row_at(total - 1)
    assert last is not None


def test_search_status_flags_and_sort(qtbot, many_articles):
    panel = ArticleListPanel()
    qtbot.addWidget(panel)
    panel.set_service(many_articles.articles)
    panel.search.setText("第12期")
    with qtbot.waitSignal(panel.model.modelReset, timeout=2000):
        pass  # the debounce fires once typing stops
    assert panel.model.total() == 1
    assert panel.model.row_at(0).title == "科技快讯第12期"
    panel.search.clear()
    panel._apply_search()
    panel.status_filter.setCurrentIndex(panel.status_filter.findData("draft"))
    drafts = panel.model.total()
    assert drafts >= MANY // 2
    assert all(panel.model.row_at(r).status == "draft" for r in range(min(drafts, 20)))
    panel.status_filter.setCurrentIndex(0)
    panel.flag_filter.setCurrentIndex(panel.flag_filter.findData("headline"))
    assert panel.model.total() >= MANY // 50
    panel.flag_filter.setCurrentIndex(0)
    panel.table.sortByColumn(5, Qt.SortOrder.DescendingOrder)  # hits
    hits = [panel.model.row_at(r).hits for r in range(10)]
    assert hits == sorted(hits, reverse=True)
    panel.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # title
    assert panel.model.query.order_by == "title" and not panel.model.query.descending
    panel.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # 来源 cannot be sorted
    assert panel.model.query.order_by == "title"
    assert panel.table.horizontalHeader().sortIndicatorSection() == 0


def test_selection_announces_and_actions_ask(qtbot, many_articles):
    panel = ArticleListPanel()
    qtbot.addWidget(panel)
    panel.set_service(many_articles.articles)
    with qtbot.waitSignal(panel.currentArticleChanged) as blocker:
        panel.select_row(3)
    assert blocker.args == [panel.model.article_id(3)]
    panel.table.selectAll()
    ids = panel.selected_ids()
    assert len(ids) == panel.model.total()
    with qtbot.waitSignal(panel.publishRequested) as blocker:
        panel._ask(panel.publishRequested)
    assert blocker.args == [ids]
    mime = panel.model.mimeData([panel.model.index(0, 0), panel.model.index(1, 0)])
    assert mime.hasFormat("application/x-newsdesk-articles")


def test_status_and_time_shown_in_the_editor_language(qtbot, many_articles):
    model = ArticleListModel()
    model.set_service(many_articles.articles)
    model.set_query(order_by="publish_time", descending=True)
    statuses = {model.data(model.index(r, 1)) for r in range(20)}
    assert statuses <= {"草稿", "已发布", "定时发布", "待审", "已归档"}
    assert model.headerData(3, Qt.Orientation.Horizontal) == "来源"


def test_a_pasted_paragraph_searches_its_first_words_and_says_so(qtbot, many_articles):
    panel = ArticleListPanel()
    qtbot.addWidget(panel)
    panel.set_service(many_articles.articles)
    panel.search.setText("科技快讯第12期 " + " ".join(f"第{n}期" for n in range(200)))
    panel._apply_search()
    assert panel.model.total() == 0  # the first twelve words are all searched for
    assert panel.count_label.text() == "共 0 篇（只搜索了前 12 个词）"
    panel.search.setText("科技快讯第12期 正文")
    panel._apply_search()
    assert panel.model.total() == 1
    assert panel.count_label.text() == "共 1 篇"
