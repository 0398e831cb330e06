"""html_to_markdown: the cleaner behind the news-page importer and HTML paste."""

from __future__ import annotations

from editor.ingest.clean import html_to_markdown


def test_scripts_styles_navigation_and_share_buttons_are_dropped():
    html = """<html><head><title>t</title><style>p{color:red}</style></head><body>
    <nav>首页 新闻 体育</nav><div class="share-box">分享到微信</div>
    <script>alert(1)</script><p>正文第一段。</p><div id="comment_list">网友评论</div>
    <footer>版权所有</footer></body></html>"""
    assert html_to_markdown(html) == "正文第一段。\n"


def test_paragraphs_inline_markup_and_links():
    html = '<p>　　第一段，<b>加粗</b>与<a href="/a/1.html">链接</a>。</p><p>第二段 5*3</p>'
    md = html_to_markdown(html, "https://news.example.cn/2023/x.html")
    assert md == ("第一段，**加粗**与[链接](https://news.example.cn/a/1.html)。\n\n第二段 5\\*3\n")


def test_line_break_between_chinese_characters_vanishes_but_spaces_stay():
    md = html_to_markdown("<p>成都与上海\n  交大合作</p><p>引育企业50家 产值超过5亿元</p>")
    assert md == "成都与上海交大合作\n\n引育企业50家 产值超过5亿元\n"


def test_headings_and_bold_only_short_paragraph_become_subheadings():
    md = html_to_markdown(
        "<h2>小标题</h2><p><strong>再度携手上海交大 市校合作升级</strong></p>"
        "<p><strong>这是一句加粗的完整句子。</strong></p>"
    )
    assert md.split("\n\n") == [
        "## 小标题",
        "## 再度携手上海交大 市校合作升级",
        "**这是一句加粗的完整句子。**\n",
    ]


def test_images_take_lazy_source_and_the_centered_caption_that_follows():
    html = (
        '<p style="text-align:center"><img src="data:image/gif;base64,R0lGOD" '
        'data-original="//img.example.cn/a.jpg"></p>'
        '<p style="text-align:center">图为签约现场。</p><p>正文。</p>'
        '<figure><img src="b.png" alt="乙"><figcaption>说明乙</figcaption></figure>'
        '<img src="icon_share.png"><img src="t.gif" width="1" height="1">'
    )
    md = html_to_markdown(html, "https://news.example.cn/x/")
    assert md.split("\n\n") == [
        '![图为签约现场。](https://img.example.cn/a.jpg "图为签约现场。")',
        "正文。",
        '![乙](https://news.example.cn/x/b.png "说明乙")\n',
    ]


def test_lists_tables_quotes_and_line_start_markers():
    html = (
        "<ul><li>一</li><li>二</li></ul><ol><li>甲</li></ol>"
        "<table><tr><th>项目</th><th>数量</th></tr><tr><td>企业</td><td>50|家</td></tr></table>"
        "<blockquote><p>引文</p></blockquote><p>1. 不是列表</p><p># 不是标题</p>"
    )
    assert html_to_markdown(html).split("\n\n") == [
        "- 一\n- 二",
        "1. 甲",
        "| 项目 | 数量 |\n| --- | --- |\n| 企业 | 50\\|家 |",
        "> 引文",
        "1\\. 不是列表",
        "\\# 不是标题\n",
    ]


def test_word_clipboard_html():
    html = (
        "Version:0.9\r\nStartHTML:0000000105\r\n"
        '<html xmlns:o="urn:schemas-microsoft-com:office:office"><body><!--StartFragment-->'
        "<p class=MsoNormal>Word 段落<o:p></o:p></p>"
        "<p class=MsoNormal><b>小标题<o:p></o:p></b></p>"
        '<p class=MsoNormal><img src="file:///C:/Users/a/image001.png">正文<o:p>&nbsp;</o:p></p>'
        "<!--EndFragment--></body></html>"
    )
    assert html_to_markdown(html) == "Word 段落\n\n## 小标题\n\n正文\n"


def test_empty_and_garbage_input_give_empty_markdown():
    assert html_to_markdown("") == ""
    assert html_to_markdown("   \n") == ""
    assert html_to_markdown("<script>x()</script>") == ""
    assert html_to_markdown("纯文本，没有标签") == "纯文本，没有标签\n"


def test_markup_like_text_is_escaped():
    md = html_to_markdown("<p>&lt;script&gt; [注] a_b `x`</p>")
    assert md == "&lt;script> \\[注\\] a\\_b \\`x\\`\n"
