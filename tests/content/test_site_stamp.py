"""The change stamp (`editor.content.site_stamp`): its frame alone, as the warm catalog
reads it again before reusing what it kept, is the whole stamp's frame."""

from __future__ import annotations

from datetime import datetime

from editor.content.site_stamp import change_stamp


def test_the_frame_alone_is_the_whole_stamp_s_frame(demo_workspace):
    ws = demo_workspace
    moment = datetime.now().replace(microsecond=0)
    whole, frame = change_stamp(moment), change_stamp(moment, articles=False)
    assert frame.frame == whole.frame and frame.templates == whole.templates
    assert whole.articles and frame.articles == ""
    article = ws.articles.get(ws.articles.list()[0].id)
    with ws.edit():
        ws.articles.update(article.id, {"title": article.title + "（改）"}, article.version)
    edited = change_stamp(moment)
    assert edited.frame == whole.frame and edited.articles != whole.articles
    node = ws.sections.tree().roots[0]
    with ws.edit():
        ws.sections.rename(node.id, node.name + "新")
    renamed = change_stamp(moment, articles=False)
    assert renamed.frame != frame.frame and renamed.frame == change_stamp(moment).frame
