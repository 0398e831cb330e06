"""What a save from the main window shows: the pickers offer a new reporter or source in the
next article, the tree's and the status bar's counts follow the article, the list row shows the
new title; all without reading the whole site again for a plain save."""

from __future__ import annotations

from playhouse.test_utils import count_queries

from editor.ui.section_tree import ArticleCountRole
from tests.ui.helpers import commit_text


def _open_first(window) -> int:
    window.articles.select_row(0)
    article_id = window.articles.current_id()
    window.open_article(article_id, force=True)
    assert window.editor.article_id == article_id
    return article_id


def _count_in_tree(window, section_id: int) -> int:
    model = window.tree_model
    return model.data(model.index_of(section_id), ArticleCountRole)


def _elsewhere(ws, section_id: int) -> int:
    """A section neither above nor below `section_id`, not 待分类."""
    tree = ws.sections.tree()
    near = {n.id for n in tree.ancestors(section_id)} | set(tree.descendant_ids(section_id))
    near |= set(ws.sections.unsorted_ids())
    return next(n.id for n in tree if n.id not in near)


def _tree_totals(window) -> dict[int, int]:
    counts = window.workspace.sections.article_counts()
    tree = window.workspace.sections.tree()
    return {node.id: sum(counts.get(i, 0) for i in tree.descendant_ids(node.id)) for node in tree}


def test_a_new_reporter_and_source_are_offered_in_the_next_article(window):
    _open_first(window)
    people = window.editor.people_completers[0].names
    assert "新来的记者" not in people.stringList()
    window.editor.reporters.setText("新来的记者")
    window.editor.source.setText("新来的来源报")
    window.editor.responsible_editor.setText("新来的责编")
    assert window.save_article()
    assert "新来的记者" in people.stringList()
    assert "新来的记者" in window.editor.people_completers[1].names.stringList()
    assert "新来的来源报" in window.editor.source_completer.names.stringList()
    assert "新来的责编" in window.editor.editor_names.stringList()

    window.new_article()  # the next article offers them
    assert "新来的记者" in window.editor.people_completers[0].names.stringList()
    assert "新来的来源报" in window.editor.source_completer.names.stringList()


def test_a_known_person_taking_a_new_role_is_offered_in_that_role(window):
    ws = window.workspace
    with ws.edit():
        ws.people.ensure("只是摄影", "photographer")
    window.reload_choices()
    assert "只是摄影" not in window.editor.editor_names.stringList()
    _open_first(window)
    window.editor.responsible_editor.setText("只是摄影")
    assert window.save_article()
    assert "只是摄影" in window.editor.editor_names.stringList()


def test_a_plain_save_reads_neither_the_pickers_nor_the_tree_again(window, monkeypatch):
    article_id = _open_first(window)
    calls = []
    monkeypatch.setattr(window, "reload_choices", lambda: calls.append("choices"))
    resets = []
    window.tree_model.modelReset.connect(lambda: resets.append("tree"))
    window.articles.model.modelReset.connect(lambda: resets.append("list"))
    commit_text(window.editor.title, "（更新）")
    title = window.editor.fields()["title"]
    assert window.save_article()
    assert calls == [] and resets == []
    row = window.articles.model.row_of(article_id)
    assert window.articles.model.data(window.articles.model.index(row, 0)) == title
    assert window.articles.current_id() == article_id


def test_moving_and_publishing_in_a_save_updates_the_counts(window):
    ws = window.workspace
    article_id = _open_first(window)
    stored = ws.articles.get(article_id)
    other = _elsewhere(ws, stored.section_id)
    before_old, before_new = (
        _count_in_tree(window, stored.section_id),
        _count_in_tree(window, other),
    )
    window.editor.section.setCurrentIndex(window.editor.section.findData(other))
    target = "draft" if stored.status == "published" else "published"
    window.editor.status.setCurrentIndex(window.editor.status.findData(target))
    assert window.save_article()
    assert ws.articles.get(article_id).section_id == other
    totals = _tree_totals(window)
    assert {node.id: _count_in_tree(window, node.id) for node in ws.sections.tree()} == totals
    assert _count_in_tree(window, other) == before_new + 1
    assert _count_in_tree(window, stored.section_id) <= before_old
    status_bar = window.counts_label.text()
    window.update_status()  # what reading the site again would show
    assert window.counts_label.text() == status_bar

    window.new_article()  # a new article counts too
    commit_text(window.editor.title, "新稿件计数")
    window.editor.section.setCurrentIndex(window.editor.section.findData(other))
    assert window.save_article()
    assert _count_in_tree(window, other) == before_new + 2
    assert window.articles.current_id() == window.editor.article_id
    status_bar = window.counts_label.text()
    window.update_status()
    assert window.counts_label.text() == status_bar


def test_a_save_that_moves_the_article_out_of_the_list_fetches_the_list_again(window):
    ws = window.workspace
    article_id = _open_first(window)
    stored = ws.articles.get(article_id)
    window.articles.set_section(stored.section_id)
    listed = window.articles.model.total()
    other = _elsewhere(ws, stored.section_id)
    window.editor.section.setCurrentIndex(window.editor.section.findData(other))
    assert window.save_article()
    assert window.articles.model.total() == listed - 1
    assert window.articles.model.row_of(article_id) is None


def test_query_count_of_a_plain_save(window, monkeypatch):
    """A save writes the article and its revision and reads back one list row: no site-wide
    reads (tree, counts, people, sources) ride along with it."""
    _open_first(window)
    monkeypatch.setattr(window.workspace.checks, "run", lambda *a, **k: [])
    commit_text(window.editor.title, "（改）")
    with count_queries() as counted:
        assert window.save_article()
    statements = [record.msg[0] for record in counted.get_queries()]
    site_wide = [sql for sql in statements if "GROUP BY" in sql or "COUNT(" in sql.upper()]
    assert site_wide == []  # no article counts, status counts, source ranking, list count
    assert not any(
        sql.startswith('SELECT "t1"."id", "t1"."name", "t1"."roles"') and "WHERE" not in sql
        for sql in statements
    )  # no list of people
    assert counted.count <= 40, counted.count  # the writes (article, names, search index, revision)


def test_a_save_does_not_fingerprint_the_whole_site(window, monkeypatch):
    """Near-duplicates read every article: the check after a save leaves them to the review
    panel and `newsdesk check`, so a save on a big site stays quick."""
    from editor.content import simhash

    def whole_site():
        raise AssertionError("a save read the whole site for near-duplicates")

    monkeypatch.setattr(simhash, "site_index", whole_site)
    _open_first(window)
    commit_text(window.editor.title, "（再改）")
    assert window.save_article()
