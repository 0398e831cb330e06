"""The general rules behind the real pages' fixes, on small pages of our own: emphasis that is
not a sub-heading, video players, gallery counters, pages saved without their address, and a
责编 credit that names several people."""

from __future__ import annotations

from editor.ingest.body_edges import is_video_placeholder
from editor.ingest.clean import html_to_markdown, parse_html
from editor.ingest.fields import lead_byline
from editor.ingest.html_page import extract_html
from editor.ingest.page_address import page_address, resolve_root_images, site_key
from editor.ingest.reader import Reader

PARAGRAPH = (
    "成都正加速推进校地协同发展，打通科技成果转化的“最后一公里”，为城市高质量发展注入创新动能。"
)


def _page(body: str, head: str = "", after: str = "") -> str:
    paragraphs = "".join(f"<p>{PARAGRAPH}第{i}段。</p>" for i in range(5))
    return (
        f"<html><head><meta charset='utf-8'><title>校地协同再升级_示例新闻网</title>{head}</head>"
        f"<body><h1>校地协同再升级</h1><div>2023-11-23 10:00 来源：成都日报</div>"
        f"<div id='article_content'>{body}{paragraphs}</div>{after}</body></html>"
    )


def test_bold_line_that_finishes_a_sentence_is_emphasis():
    md = html_to_markdown("<p>请大家互相转告，</p><p><b>愿大家都能</b></p><p><b>平安出行。</b></p>")
    assert md == "请大家互相转告，\n\n**愿大家都能**\n\n**平安出行。**\n"


def test_bold_line_opening_a_bold_passage_set_line_by_line_is_emphasis():
    md = html_to_markdown(
        "<p>正文。</p><p><b>简单说就是</b></p><p><b>往江阴方向全封闭，</b></p>"
        "<p><b>但是往无锡方向不受影响。</b></p>"
    )
    assert md.split("\n\n")[1] == "**简单说就是**"


def test_lone_bold_line_between_sentences_stays_a_subheading():
    md = html_to_markdown(
        "<p>正文。</p><p><b>无锡-如皋</b></p><p>暨南大道-长山大道。</p>"
        "<p><b>市校合作升级</b></p><p><b>这是一句加粗的完整句子。</b></p>"
    )
    assert md.split("\n\n")[:2] == ["正文。", "## 无锡-如皋"]
    assert "## 市校合作升级" in md


def test_attribution_and_credit_lines_are_never_subheadings():
    md = html_to_markdown(
        "<p><b>《诫子诗》</b></p><p><b>——（汉）东方朔</b></p><p>明者处事，莫尚於中。</p>"
        "<p><b>执笔/张三、李四</b></p><p><b>文｜王五</b></p>"
    )
    assert md.split("\n\n")[:2] == ["## 《诫子诗》", "**——（汉）东方朔**"]
    assert "**执笔/张三、李四**" in md and "**文｜王五**" in md


def test_writers_credit_fills_reporters():
    credits = lead_byline("执笔/叨叨姐、胡一刀&李小飞刀")
    assert credits is not None and credits.reporters == ["叨叨姐", "胡一刀", "李小飞刀"]
    article = extract_html(_page("<p><strong>执笔/张小明、李大刀</strong></p>"))
    assert article.fields["reporters"] == ["张小明", "李大刀"]
    assert "执笔" not in article.fields["body"]


def test_video_player_and_its_title_bar_are_dropped():
    player = (
        '<div class="video-wrapper"><video src="a.mp4"></video><div class="video-info">'
        '<a href="http://v.example.com/1.html">女民警1天拨100个电话</a>（来源：梨视频）</div></div>'
    )
    article = extract_html(_page(player), "https://news.example.cn/a/1.html")
    assert article.fields["body"].startswith(PARAGRAPH)


def test_video_link_lines_are_placeholders():
    assert is_video_placeholder("[视频-陈同佳出狱 鞠躬说“对不起”](http://news.example.cn/p/1.html)")
    assert is_video_placeholder(
        "[女民警1天拨100个电话](http://v.163.com/static/1/VK.html) （来源：梨视频）"
    )
    assert is_video_placeholder("**[发布会全程](https://www.example.cn/video/2019/1.html)**")
    assert is_video_placeholder("【视频】陈同佳出狱")
    assert not is_video_placeholder("[苹果发布会：谈色彩 致创新](http://tech.example.cn/zt/apple/)")
    assert not is_video_placeholder("视频显示，陈同佳走出监狱后鞠躬致歉，并向潘晓颖家人道歉。")
    body = (
        '<p><img src="https://img.example.cn/poster.jpg"></p>'
        '<p><a href="http://video.example.cn/p/1.html">视频-陈同佳出狱</a></p>'
    )
    article = extract_html(_page(body), "https://news.example.cn/a/1.html")
    assert article.fields["body"].startswith(PARAGRAPH)  # the poster frame went with it


def test_gallery_counter_is_dropped_but_fractions_in_text_stay():
    body = '<div class="abstract"><span class="abstract-index"><em>1</em>/10</span>蒙古国的草原。</div>'
    article = extract_html(_page(body + "<p>约1/3的游客来自中国。</p>"))
    assert article.fields["body"].startswith("蒙古国的草原。")
    assert "约1/3的游客来自中国。" in article.fields["body"]


def test_base_href_gives_the_address():
    html = _page(
        '<p><img src="./W0201.jpg"></p>', head='<base href="http://www.example.gov.cn/yw/201909/">'
    )
    article = extract_html(html)
    assert "](http://www.example.gov.cn/yw/201909/W0201.jpg)" in article.fields["body"]
    assert not article.warnings


def test_the_page_linked_both_ways_gives_its_folder():
    head = '<meta name="Url" content="./t20190918_1.shtml">'
    after = (
        "<script>var url = 'http://www.example.gov.cn/yw/sxyw/201909/t20190918_1.shtml';</script>"
    )
    article = extract_html(_page('<p><img src="./W0201.jpg"></p>', head=head, after=after))
    assert "](http://www.example.gov.cn/yw/sxyw/201909/W0201.jpg)" in article.fields["body"]
    assert article.fields["source_url"] == ""


def test_the_site_most_links_go_to_gives_the_origin_for_root_paths_only():
    links = "".join(
        f'<a href="http://culture.example.com.cn/n{i}.html">文化{i}</a>' for i in range(6)
    )
    links += '<a href="http://www.example.com.cn/">首页</a><a href="https://other.org/">外站</a>'
    root = parse_html(_page("", after=links))
    address = page_address(root)
    assert address is not None and not address.exact
    assert address.url == "http://culture.example.com.cn/"
    article = extract_html(
        _page('<p><img src="/NMediaFile/a.jpg"></p><p><img src="./W02.jpg"></p>', after=links)
    )
    assert "](http://culture.example.com.cn/NMediaFile/a.jpg)" in article.fields["body"]
    assert "](./W02.jpg)" in article.fields["body"]  # the folder is unknown: not guessed
    assert any("http://culture.example.com.cn/" in w for w in article.warnings)


def test_no_clue_keeps_the_relative_path_and_the_warning():
    article = extract_html(_page('<p><img src="/NMediaFile/a.jpg"></p>'))
    assert "](/NMediaFile/a.jpg)" in article.fields["body"]
    assert any("relative addresses" in w for w in article.warnings)
    assert (
        page_address(parse_html("<html><body><a href='http://a.cn/'>x</a></body></html>")) is None
    )


def test_site_key_and_root_images():
    assert site_key("culture.people.com.cn") == "people.com.cn"
    assert site_key("news.cjn.cn") == "cjn.cn"
    assert site_key("www.example.com") == "example.com"
    assert resolve_root_images(
        "![](/a.jpg)\n\n![](//cdn.cn/b.jpg)\n\n![](c.jpg)", "http://x.cn/"
    ) == ("![](http://x.cn/a.jpg)\n\n![](//cdn.cn/b.jpg)\n\n![](c.jpg)")


def test_several_editors_keep_the_first_and_warn():
    html = _page("", after="<div class='edit'>(责编：汤诗瑶、丁涛)</div>")
    article = Reader().read(html)
    assert article.fields["responsible_editor"] == "汤诗瑶"
    assert any("汤诗瑶、丁涛" in w for w in article.warnings)
    single = Reader().read(_page("", after="<div class='edit'>(责编：汤诗瑶)</div>"))
    assert single.fields["responsible_editor"] == "汤诗瑶"
    assert not [w for w in single.warnings if "责编" in w]


def test_adjacent_bold_runs_merge_and_quoted_sentences_are_not_headings():
    md = html_to_markdown(
        "<p>正文。</p><p><strong>教人无问贵贱，</strong><strong>育人不分优劣。</strong></p>"
        "<p><b>“教育首先是精神成长。</b><b>”</b></p><p>又一段。</p>"
    )
    assert md.split("\n\n")[1] == "**教人无问贵贱，育人不分优劣。**"
    assert md.split("\n\n")[2] == "**“教育首先是精神成长。”**"


def test_bold_caption_after_an_image():
    md = html_to_markdown(
        '<p><img src="https://img.example.cn/a.jpg"></p><p><b>资料图：市民出行。</b></p>'
    )
    assert md == '![资料图：市民出行。](https://img.example.cn/a.jpg "资料图：市民出行。")\n'


def test_repost_credit_disclaimer_and_original_title_note_leave_the_body():
    body = (
        "<p>原创： 路闻卓立编译 人民币交易与研究</p>"
        + f"<p>{PARAGRAPH}</p>" * 3
        + "<p>（原题为《校地协同》）</p><p>免责声明："
        + "本文内容均源自自媒体，版权归原作者所有。" * 4
        + "</p>"
        + "<p>猜你喜欢的别的东西，以及更多文章。</p>"
    )
    html = (
        "<html><head><title>校地协同再升级_示例新闻网</title></head><body><h1>校地协同再升级</h1>"
        f"<div>2023-11-23 10:00 来源：成都日报</div><div id='article_content'>{body}</div></body></html>"
    )
    text = extract_html(html).fields["body"]
    assert text == "\n\n".join([PARAGRAPH] * 3) + "\n"


def test_labelled_publish_date_under_the_body_beats_a_date_in_its_first_sentence():
    html = (
        "<html><head><title>调研工作_示例网</title></head><body><div>东区新闻</div>"
        "<div><b>调研工作</b></div><div id='article_content'>"
        f"<p>2019年2月27日下午，调研组到众创金融街调研。{PARAGRAPH}</p>"
        + f"<p>{PARAGRAPH}</p>" * 4
        + "</div><div>发布日期：2019-03-06 责任编辑：龙慧</div></body></html>"
    )
    article = extract_html(html)
    assert article.fields["publish_time"].isoformat() == "2019-03-06T00:00:00"


def test_self_media_account_is_the_source():
    header = '<div class="author-txt"><p class="author-name">体育教科书</p></div>'
    html = (
        f"<html><head><title>休闲裤</title></head><body><h2>这款休闲裤太帅了</h2>{header}"
        f"<div>发布时间：18-03-08</div><div class='article-content'>"
        + f"<p>{PARAGRAPH}</p>" * 5
        + "</div></body></html>"
    )
    assert extract_html(html).fields["source"] == "体育教科书"
    linked = html.replace(
        '<p class="author-name">体育教科书</p>',
        '<a class="author-name" href="/hq/">行情实时播报</a>',
    )
    assert extract_html(linked).fields["source"] == ""


def test_section_number_joins_the_heading_below_it():
    md = html_to_markdown(
        "<p>正文。</p><p><strong>1</strong></p><p><strong>全国名校长在小地方遇难题</strong></p>"
        "<p>来台江前。</p><p><strong>2</strong></p><p>没有标题的一节。</p>"
    )
    assert md.split("\n\n") == [
        "正文。",
        "## 1 全国名校长在小地方遇难题",
        "来台江前。",
        "## 2",
        "没有标题的一节。\n",
    ]


def test_closing_links_to_other_reports_leave_the_body():
    body = (
        "<p>本文原标题：《校地协同》</p>"
        + f"<p>{PARAGRAPH}</p>" * 3
        + '<p>此前报道：<a href="https://news.example.cn/a/0.html">港媒报道</a></p>'
        + '<p><a href="http://news.example.cn/zt/hk/">聚焦香港局势</a></p>'
    )
    html = (
        "<html><head><title>校地协同再升级_示例新闻网</title></head><body><h1>校地协同再升级</h1>"
        f"<div>2023-11-23 10:00 来源：成都日报</div><div id='article_content'>{body}</div></body></html>"
    )
    assert extract_html(html).fields["body"] == "\n\n".join([PARAGRAPH] * 3) + "\n"


def test_closing_credit_line_fills_the_fields():
    body = f"<p>{PARAGRAPH}</p>" * 3 + "<p>药剂科供稿  摄影/张艳  编辑/苏芳</p>"
    html = (
        "<html><head><title>校地协同再升级_示例新闻网</title></head><body><h1>校地协同再升级</h1>"
        f"<div>2023-11-23 10:00 来源：成都日报</div><div id='article_content'>{body}</div></body></html>"
    )
    article = extract_html(html)
    assert article.fields["body"] == "\n\n".join([PARAGRAPH] * 3) + "\n"
    assert article.fields["photographers"] == ["张艳"]
    assert article.fields["responsible_editor"] == "苏芳"
    plain = extract_html(html.replace("药剂科供稿  摄影/张艳  编辑/苏芳", "图/示意 这是一句正文。"))
    assert "这是一句正文" in plain.fields["body"]


def test_account_menu_and_topic_links_leave_the_body():
    body = (
        '<p><b><a href="http://live.example.cn/2023">直播：校地协同签约仪式</a></b></p>'
        + f"<p>{PARAGRAPH}</p>" * 3
        + '<p>相关资讯请关注:<a href="http://news.example.cn/zt/xd/">校地协同专题</a></p>'
    )
    html = (
        "<html><head><title>校地协同再升级_示例新闻网</title></head><body><h1>校地协同再升级</h1>"
        f"<div>2023-11-23 10:00 来源：成都日报</div><div id='article_content'>{body}</div></body></html>"
    )
    assert extract_html(html).fields["body"] == "\n\n".join([PARAGRAPH] * 3) + "\n"
    menu = (
        "<p>扫描下方二维码解锁更多技能</p><p>1、回复【公租房】查看最新消息</p>"
        "<p>2、回复【社保】查询社保缴纳记录</p>"
    )
    followed = extract_html(html.replace("<p>相关资讯请关注", menu + "<p>相关资讯请关注"))
    assert followed.fields["body"] == "\n\n".join([PARAGRAPH] * 3) + "\n"
    # A link inside the text, or a paragraph mentioning a QR code in the middle, stays.
    inline = f'<p>详见<a href="http://news.example.cn/a/1.html">签约全文</a>。{PARAGRAPH}</p>'
    middle = "<p>市民扫描二维码即可预约。</p>"
    kept = extract_html(html.replace("<p><b><a", inline + middle + "<p><b><a"))
    assert "签约全文" in kept.fields["body"] and "扫描二维码即可预约" in kept.fields["body"]
