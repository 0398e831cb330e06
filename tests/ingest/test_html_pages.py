"""The 62 real Chinese news pages: every one imports with a clean title, body and fields."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from editor.ingest.reader import Reader
from tests.ingest.conftest import PAGES, page_names
from tests.shared_fixtures import missing

NAMES = page_names()
CJK = re.compile(r"[\u4e00-\u9fff]")
SITE_SUFFIX = re.compile(r"(?:_|\||｜|--)\s*[^_|｜]*(?:网|新闻|频道|财经|资讯|订阅)[^_|｜]*$")
# Lines that belong to the page furniture, never to an article body.
FURNITURE = re.compile(
    r"ICP备|版权所有|Copyright|All Rights Reserved|关于我们|联系我们|返回顶部|责任编辑|责编[:：]|"
    r"分享到|网友评论|我要评论|扫一扫|首页\s*(?:>|&gt;)|上一篇|下一篇|热门排行|相关新闻[:：]?$"
)
# Articles that are shorter than 200 Chinese characters on the page itself (checked by eye):
# a sentence of the article that must be there instead.
SHORT_ARTICLES = {
    "gzggw-1": "总体全县投资结构趋稳趋优",
    "hexun-1": "1.5小时交通圈",
    "mingridapan-1": "联合国贸发会议发布了",
    "readhub-readhub": "5G",
    "sina-2": "铁路部门提醒广大旅客",
    "stcn-1": "当升科技",
    "toutiao-2": "世界第二大内陆国的蒙古国",
}
# Fields compared with the page by eye: title, publish time as shown, 来源, 责编, reporters.
EXPECTED = {
    "163-1": (
        '多地项目连环爆雷 狂奔的龙湖集团"暗伤"曝露？',
        "2019-09-07 13:43",
        "证券市场红周刊",
        "杨倩",
        [],
    ),
    "163-3": (
        '奖金711万元！"中国诺贝尔奖"首位获奖女性啥来头?',
        "2019-09-08 00:20",
        "每日经济新闻",
        "荀建国",
        [],
    ),
    "sina-1": (
        "中国人习以为常的地方 为何老外却说“了不得”？",
        "2019-11-25 18:57",
        "参考消息",
        "张迪",
        [],
    ),
    "sina-5": ("陈同佳刑满出狱 向潘晓颖家人鞠躬致歉", "2019-10-23 09:05", "环球网", "吴金明", []),
    "sina-sina": (
        "最强“中国芯”本月商用 华为抢跑5G芯片大战",
        "2019-09-07 04:04",
        "北京日报",
        "张申",
        [],
    ),
    "people-1": (
        "女儿出嫁，郑板桥画了几笔兰花当嫁妆",
        "2019-06-15 08:18",
        "人民网-文化频道",
        "汤诗瑶",
        [],
    ),
    "thepaper-1": (
        "共享充电宝涨价告别1元时代：是“收割韭菜”还是回归理性",
        "2019-09-24 09:10",
        "中国青年报",
        "张珺",
        ["石佳"],
    ),
    "thepaper-5": (
        "柳叶刀：味觉嗅觉丧失是新冠感染最强预测指标，优于发烧咳嗽",
        "2020-06-06 10:08",
        "澎湃新闻",
        "李跃群",
        ["贺梨萍"],
    ),
    "xinhuanet-1": (
        "法国全国大罢工再次严重影响交通",
        "2019-12-10 07:57",
        "新华网",
        "尹世杰",
        ["唐霁"],
    ),
    "ifeng-1": (
        "女童眼睛被塞几十片纸，“无法用科学解释”",
        "2019-11-25 16:04",
        "澎湃新闻网",
        "",
        ["段彦超", "廖艳"],
    ),
    "ifeng-3": ("疫情防控常态化下，长春市的新经济之路", "2020-09-11 18:05", "商讯", "刘斌", []),
    "qq-2": (  # the info bar's unlabelled <span class="a_source">棱镜</span>
        "棱镜|数据业大整顿：爬虫与现金贷共生共荣，用户信息几元不等",
        "2019-09-23 07:48",
        "棱镜",
        "biaoffeng",
        [],
    ),
    "toutiao-3": (
        "海螺沟寻子一个月：儿子消失在眼前十几米，搜寻无果母亲不舍离去",
        "2019-09-09 16:01",
        "南方都市报",
        "",
        None,
    ),
    "guancha-3": (
        "苹果回应“违反中国劳动法”：大多数指控错误",
        "2019-09-09 19:32",
        "中新网",
        "于文凯",
        [],
    ),
    "huanqiu-1": (
        "补壹刀：别笑！18人的“新八国联军”今天成立了",
        "2020-06-05 20:35",
        "",
        "薛艺磊",
        ["叨叨姐", "胡一刀", "李小飞刀"],
    ),
    "cjn-1": (
        "外媒眼中的武汉长假：蓬勃发展，欢声笑语",
        "2020-10-04 20:30",
        "长江网",
        "姚昊",
        ["陈智"],
    ),
    "csdn-1": (
        "第三届知道安全论坛鸟巢举办 知道创宇发布新版ZoomEye",
        "2014-08-24 21:30",
        "CSDN",
        "",
        None,
    ),
    "gzggw-1": ("1-10月德清县固定资产投资结构趋稳趋优", "2016-11-22", "省发改委", "", []),
    "gsc-1": (
        "2019年中国人文地理学术年会在重庆•西南大学成功举行！",
        "2019-05-18",
        "中国地理学会",
        "",
        None,
    ),
    "mingridapan-1": (
        "最新出炉联合国贸发报告：2019年全球经济增长率降至2.3%",
        "2019-09-26 10:09",
        "",
        "",
        None,
    ),
    "njxfhn-1": (None, "2019-09-11", "", "", ["余毅菁", "向雪妮"]),
    "wechat-2": ("一日一技：在 Python 中实现延迟调用", "2020-02-11", "未闻Code", "", ["kingname"]),
    # A second round checked by eye against the page.
    "163-4": (
        "华为Mate20X 5G版半天不到需充电 耗电制约5G芯片",
        "2019-09-07 19:53",
        "每日经济新闻",
        "史建磊",
        [],
    ),
    "163-7": (
        "亚马逊海外购“限时快闪店”登陆拼多多",
        "2019-11-25 11:01",
        "新京报",
        "姚立伟",
        ["陆一夫"],
    ),
    "sina-3": (
        "债券市场是否存在泡沫？世界知名首席投资官们这么说",
        "2019-09-09 20:52",
        "新浪财经-自媒体综合",
        "郭明煜",
        [],
    ),
    "thepaper-3": (
        "新年伊始，习近平的重要文章谈了啥？",
        "2020-01-03 18:13",
        "新华社",
        "柴敏懿",
        [],
    ),
    "ifeng-2": ("他放弃百万年薪来到这里 唯一的要求竟是……", "2019-09-09 18:13", "新华网", "", []),
    "guancha-2": (
        "我国集成电路进口突破3000亿美元！魏少军：产业结构扭曲，没将产品作为中心",
        "2019-09-07 15:10",
        "EETOP",
        "刘响",
        [],
    ),
    "baijiahao-3": (
        "这款休闲裤太帅了，让你时尚潮流穿着舒适",
        "2018-03-08 23:16",
        "体育教科书",
        "",
        [],
    ),
    "toutiao-4": ("较强冷空气来袭 全国多地开启“抖抖抖”模式", "2019-11-25 10:37", "中国网", "", []),
    "zsnews-1": (
        "顺德区大良街道党工委委员潘卓辉一行到众创金融街开展调研工作",
        "2019-03-06 00:00",
        "东区办事处",
        "龙慧",
        [],
    ),
    "wechat-1": ("三星 Galaxy S20 系列手机正式发布", "2020-02-12 22:17", "爱否科技", "", []),
    "zyyfy-1": (
        "【不忘初心 牢记使命】我院医技药剂党支部举办2019年中药、药学理论知识与专业技能大赛",
        "2019-10-31 23:00",
        "本站原创",
        "苏芳",
        [],
    ),
}
# The first and last text paragraphs of the body, as the page prints them (checked by eye).
BODY_EDGES = {
    "163-4": ("华为已经预告，在即将到来的2019 IFA", "（应受访者要求，文中张严为化名。）"),
    "163-7": (
        "新京报讯（记者 陆一夫）11月25日，",
        "今年国内跨境电商行业景气度高于电商整体行业水平，",
    ),
    "sina-3": (
        "随着低增长、低利率、低通胀成为新的常态，",
        "我们预计英国央行将在11月降息25个基点。",
    ),
    "thepaper-3": (
        "【编前语】2020年1月1日出版的《求是》",
        "习近平要求，各级党委（党组）要按照党中央部署，",
    ),
    "ifeng-2": (
        "杭州市学军中学校长陈立群要退休了，",
        "**教人无问贵贱，育人不分优劣，让我们一起道一声：老师，您辛苦了。**",
    ),
    "guancha-2": (
        "9月3日，在第二届全球IC企业家大会",
        "魏少军表示，因为中国产业结构和国际上发达国家不一样，",
    ),
    "baijiahao-3": ("水洗工艺，最大程度凸显你腿部长度，", "17冬新款休闲裤明星同款运动长裤"),
    "toutiao-4": (
        "综合消息，近日，较强冷空气袭击多地，",
        "温馨提醒：本周全国不少地区气温持续低迷，",
    ),
    "zsnews-1": ("2019年2月27日下午，佛山顺德区大良街道", "下一步，我区将在市委市政府的领导下，"),
    "wechat-1": (
        "今天凌晨，三星在美国旧金山举行发布会，",
        "除 Galaxy S20 系列手机外，「翻盖式」折叠屏手机",
    ),
}


@pytest.fixture(scope="module")
def extracted():
    if not NAMES:
        missing(f"the shared news pages are not at {PAGES}")
    reader = Reader()
    return {name: reader.read_path(PAGES / f"{name}.html") for name in NAMES}


def test_all_pages_are_there():
    if not NAMES:
        missing(f"the shared news pages are not at {PAGES}")
    assert len(NAMES) == 62


@pytest.mark.parametrize("name", NAMES)
def test_page_has_title_without_site_suffix(extracted, name):
    title = extracted[name].fields["title"]
    assert title and len(title) >= 5
    assert not SITE_SUFFIX.search(title), title
    assert not title.endswith(("_网易财经", "人民网", "_新浪新闻", "_凤凰网", "_腾讯网"))


@pytest.mark.parametrize("name", NAMES)
def test_page_body_is_the_article_without_furniture(extracted, name):
    body = extracted[name].fields["body"]
    characters = len(CJK.findall(body))
    if name in SHORT_ARTICLES:
        assert SHORT_ARTICLES[name] in body
        assert characters >= 70
    else:
        assert characters >= 200, body[:300]
    offenders = [line for line in body.splitlines() if len(line) < 120 and FURNITURE.search(line)]
    assert offenders == []
    assert "<script" not in body and "function(" not in body


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fields_match_what_the_page_shows(extracted, name):
    title, when, source, editor, reporters = EXPECTED[name]
    fields = extracted[name].fields
    if title is not None:
        assert fields["title"] == title
    assert isinstance(fields["publish_time"], datetime)
    assert fields["publish_time"].isoformat(sep=" ").startswith(when)
    assert fields["source"] == source
    assert fields["responsible_editor"] == editor
    if reporters is not None:
        assert fields["reporters"] == reporters


def test_pages_that_show_a_date_get_a_publish_time(extracted):
    missing = sorted(n for n, a in extracted.items() if a.fields["publish_time"] is None)
    # Checked by eye: this topic page prints no date at all.
    assert missing == ["readhub-readhub"]
    # The gallery prints its time under the pictures, in <span class="time">; its comments'
    # relative times (`1小时前`) are not taken.
    assert extracted["toutiao-2"].fields["publish_time"] == datetime(2019, 9, 8, 11, 42, 3)
    assert extracted["cjddsb-1"].fields["publish_time"] == datetime(2019, 9, 23, 14, 34, 5)
    assert extracted["cjddsb-1"].fields["source"] == "当代商报"
    # WeChat keeps a Unix time in a script: read as Beijing time, whatever the machine's zone.
    assert extracted["wechat-2"].fields["publish_time"] == datetime(2020, 2, 11, 18, 47, 50)


def test_original_link_comes_from_canonical_or_og_url(extracted):
    assert extracted["sina-1"].fields["source_url"] == (
        "https://news.sina.com.cn/c/2019-11-25/doc-iihnzahi3275702.shtml"
    )
    assert extracted["ifeng-1"].fields["source_url"] == "https://news.ifeng.com/c/7rtKNyg6PU9"


def test_images_keep_their_captions(extracted):
    body = extracted["163-2"].fields["body"]
    assert '"姚明场边支招周琦。视频截图")' in body


def _as_gbk(data: bytes, declare: bool = True) -> bytes:
    text = data.decode("utf-8")
    text = re.sub(r"charset\s*=\s*[\"']?[\w-]+", "charset=gbk" if declare else "", text, flags=re.I)
    return text.encode("gbk", errors="xmlcharrefreplace")


@pytest.mark.parametrize("name", NAMES)
def test_gbk_copy_imports_identically(extracted, name):
    data = (PAGES / f"{name}.html").read_bytes()
    again = Reader().read_bytes(_as_gbk(data), f"{name}.html", name)
    assert again.encoding == "gb18030"
    assert again.fields == extracted[name].fields


@pytest.mark.parametrize("name", ["163-1", "sina-5", "people-1", "ifeng-3", "zsnews-1"])
def test_gbk_copy_without_charset_is_detected(extracted, name):
    data = (PAGES / f"{name}.html").read_bytes()
    again = Reader().read_bytes(_as_gbk(data, declare=False), f"{name}.html", name)
    assert again.fields["title"] == extracted[name].fields["title"]
    assert again.fields["body"] == extracted[name].fields["body"]


def _blocks(article) -> list[str]:
    return [b for b in article.fields["body"].split("\n\n") if b.strip()]


def test_bold_emphasis_and_credits_do_not_become_subheadings(extracted):
    body = extracted["163-9"].fields["body"]
    # A bold line that finishes the sentence before it, or opens a bold passage set line by
    # line, is emphasis; a bold line standing alone between sentences is a sub-heading.
    assert "\n\n**愿大家都能**\n\n**平安出行，安全到家。**" in body
    assert "**京沪高速北京方向，**\n\n**无锡枢纽至广陵枢纽（含江阴大桥）**" in body
    assert "**简单说就是**" in body
    assert "\n## 无锡-泰州/靖江\n" in body and "\n## 无锡-如皋\n" in body
    assert all(not line.startswith("## ") or "愿大家" not in line for line in body.splitlines())
    # A quotation's attribution stays with the poem, in bold.
    people = extracted["people-1"].fields["body"]
    assert "**——（汉）东方朔**" in people and "**——（宋）陆游**" in people
    assert "## ——" not in people
    # A writers' credit line fills the reporters and leaves the body.
    huanqiu = extracted["huanqiu-1"]
    assert "执笔" not in huanqiu.fields["body"]
    assert huanqiu.fields["reporters"] == ["叨叨姐", "胡一刀", "李小飞刀"]
    assert _blocks(huanqiu)[0].startswith("![](https://m1-1253159997.image.myqcloud.com/")


def test_video_placeholders_are_not_in_the_body(extracted):
    for name in ("sina-1", "sina-5", "163-5", "sina-4"):
        body = extracted[name].fields["body"]
        assert "video.sina.com.cn" not in body and "v.163.com" not in body, name
        assert "[视频" not in body, name
    assert _blocks(extracted["sina-1"])[0].startswith("“你们将开始明白为什么我这么喜欢中国")
    assert _blocks(extracted["sina-5"])[0].startswith("出狱了。据港媒刚刚消息")
    assert _blocks(extracted["163-5"])[0] == "认定诈骗和骚扰，不能省略必要的核实程序而“不审即判”。"
    assert "梨视频" not in extracted["163-5"].fields["body"]


def test_gallery_counter_is_not_text(extracted):
    body = extracted["toutiao-2"].fields["body"]
    assert body.startswith("当全世界绝大部分国家都在为能够吸引中国游客到来而绞尽脑汁的时候")
    assert "/10" not in body


def test_images_of_a_page_saved_without_its_address(extracted):
    relative = re.compile(r"!\[[^\]]*\]\((?!https?:)")
    # The site most links go to gives the origin: enough for paths from the root.
    people = extracted["people-1"]
    assert (
        "](http://culture.people.com.cn/NMediaFile/2019/0614/MAIN201906141807000399797949197.jpg)"
        in (people.fields["body"])
    )
    assert not relative.search(people.fields["body"])
    assert not [w for w in people.warnings if "relative" in w]
    # The page names itself (<meta name="Url">) and a share button spells that out in full.
    shanxi = extracted["shanxi-1"]
    assert (
        "](http://www.shanxi.gov.cn/yw/sxyw/201909/W020190918234243033577.jpg "
        in shanxi.fields["body"]
    )
    assert not relative.search(shanxi.fields["body"])
    assert not [w for w in shanxi.warnings if "relative" in w]
    # Only the site is known, the page's folder is not: `./W0…jpg` stays, with the warning.
    for name, site in (("cjn-1", "http://news.cjn.cn/"), ("cmse-1", "http://www.cmse.gov.cn/")):
        article = extracted[name]
        assert relative.search(article.fields["body"]), name
        assert [w for w in article.warnings if "relative" in w and site in w], name
    # The source_url field is never guessed from these clues.
    assert people.fields["source_url"] == "" and shanxi.fields["source_url"] == ""


def test_several_editors_keep_the_first_and_warn(extracted):
    people = extracted["people-1"]
    assert people.fields["responsible_editor"] == "汤诗瑶"
    assert [w for w in people.warnings if "汤诗瑶、丁涛" in w]


@pytest.mark.parametrize("name", sorted(BODY_EDGES))
def test_body_starts_and_ends_where_the_article_does(extracted, name):
    first, last = BODY_EDGES[name]
    texts = [b for b in _blocks(extracted[name]) if not b.startswith("![")]
    assert texts[0].startswith(first)
    assert texts[-1].strip().startswith(last)


def test_repost_notes_and_disclaimers_leave_the_body(extracted):
    assert "原创：" not in extracted["sina-3"].fields["body"]
    assert "免责声明" not in extracted["sina-3"].fields["body"]
    for name in ("thepaper-1", "thepaper-3"):
        assert "原题为" not in extracted[name].fields["body"], name
    for name in ("thepaper-2", "thepaper-4"):
        assert "原标题" not in extracted[name].fields["body"], name
        # the account's sign-off and reply menu (扫描下方二维码…, 回复【社保】…) are not the story
        assert "二维码" not in extracted[name].fields["body"], name
        assert "回复【" not in extracted[name].fields["body"], name
        assert _blocks(extracted[name])[-1].startswith("![")
    # a topic's link closes gamersky; links to a live stream open sina-4
    assert "相关资讯请关注" not in extracted["gamersky-gamersky"].fields["body"]
    assert _blocks(extracted["sina-4"])[1].startswith("新浪科技讯")
    # Links to an earlier report and to a topic page close sina-5: not the article.
    sina = extracted["sina-5"].fields["body"]
    assert "此前报道" not in sina and "聚焦香港局势" not in sina
    assert (
        _blocks(extracted["sina-5"])[-1].startswith("![")
        or "陈同佳" in _blocks(extracted["sina-5"])[-1]
    )


def test_adjacent_bold_runs_are_one_emphasis(extracted):
    body = extracted["ifeng-2"].fields["body"]
    assert "****" not in body
    assert (
        "**他来到贵州黔东南苗族侗族自治州台江县，当这个国家级贫困县唯一一所中学的校长。**" in body
    )
    assert "\n## 3 他改变的不只是这群苗族孩子\n" in body  # the section number joins its heading
    # A quoted sentence set in bold is a pull quote, not a sub-heading.
    assert "**“教育首先是精神成长，其次才成为科学获知的一部分。”**" in body


def test_bold_caption_under_an_image_becomes_its_caption(extracted):
    body = extracted["toutiao-4"].fields["body"]
    assert '"资料图：市民在寒冷天气中出行。中新社记者 贾天勇 摄")' in body
    assert "\n**资料图" not in body


def test_labelled_date_beats_a_date_the_first_sentence_mentions(extracted):
    # zsnews-1 prints 发布日期：2019-03-06 under the article, which opens "2019年2月27日下午，…".
    assert extracted["zsnews-1"].fields["publish_time"] == datetime(2019, 3, 6)
    assert (
        "](http://www.zsnews.cn/uploads/remote/2019/03/06/5c7f7d82bd8a2.jpg)"
        in (extracted["zsnews-1"].fields["body"])
    )


def test_self_media_account_is_the_source(extracted):
    sources = {
        n: extracted[n].fields["source"] for n in ("baijiahao-1", "baijiahao-2", "baijiahao-4")
    }
    assert sources == {
        "baijiahao-1": "加拿大必读",
        "baijiahao-2": "IT之家",
        "baijiahao-4": "八卦大相公",
    }
    assert extracted["mingridapan-1"].fields["source"] == ""  # a link to a column is no account


def test_closing_credit_line_fills_photographers_and_editor(extracted):
    article = extracted["zyyfy-1"]
    assert article.fields["photographers"] == ["张艳"]
    assert article.fields["responsible_editor"] == "苏芳"
    assert "供稿" not in article.fields["body"]
