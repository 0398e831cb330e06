"""The extracted article and the newsroom rules every importer shares.

Dates in the forms Chinese sites print them, titles without the site or channel suffix,
bylines such as `(成都日报锦观新闻记者 黄雪松 摄影 魏麟潇)` and `(责编:网宣黄怡竞)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from editor.i18n import tr

# 2019-09-07 10:00[:00], 2019/9/7, 2019.09.07, 2019年09月07日 10:00, 2019-09-07T13:43:45+08:00
DATE_TIME = re.compile(
    r"(?<!\d)((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)\s*日?"
    r"(?:\s*[T ]?\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?"
)
URL_DATE = re.compile(r"/((?:19|20)\d\d)[-/]?(\d\d)[-/]?(\d\d)(?=[/_\-.]|\d{2,}/)")
TITLE_SEPARATOR = re.compile(r"\s*(?:--|——|_|\||｜|－|\s-\s|-)\s*")
SITE_WORDS = re.compile(
    r"网|新闻|频道|资讯|财经|官网|日报|晚报|报社|在线|中心|首页|门户|平台|政府|\.com|\.cn|"
    r"[Nn]ews|[Pp]aper|订阅|号$|客户端|中国|电视台|官方|澎湃|凤凰|腾讯|新浪|搜狐|网易|头条|百家"
)
_BYLINE = re.compile(
    r"[（(]\s*(?P<aff>[^()（）]{0,30}?)(?:特约记者|本报记者|记者|通讯员)\s*(?P<rep>[^()（）]*?)"
    r"(?:\s+(?:摄影|摄影记者|摄|图)\s*[:：]?\s*(?P<pho>[^()（）]*?))?\s*[)）]\s*$"
)
_EDITOR = re.compile(
    r"[（(\[【]?\s*(?:责任编辑|责编|编辑|責任編輯|責編|編輯)\s*[:：]\s*(?P<name>[^()（）\[\]【】\s|]+)"
    r"\s*[)）\]】]?"
)
_EDITOR_CUT = re.compile(r"校对|报料|审核|审校|监制|来源|作者|编辑|澎湃|实习|责任|_|\d{3,}|[:：]")
# Page navigation printed next to a field (`责编：崔某` then a `返回首页>>` link): never part of
# a name, a 来源 or a title.
NAVIGATION = re.compile(
    r"返回(?:首页|首頁|顶部|頂部|列表|上页|上一页|主页)?|打印(?:本页|本頁|此页|此文)?|列印|"
    r"关闭(?:窗口|本页)?|關閉(?:視窗|窗口)?|分享到|【\s*(?:纠错|糾錯|打印|关闭)\s*】|纠错|"
    r"字号|字號|字体|收藏本页|加入收藏|>>|》》|&gt;&gt;|»"
)
_NAME_SPLIT = re.compile(r"[\s、,，;；/&＆]+")
_EDITOR_CODE = re.compile(r"_?[A-Z]{1,5}\d{2,}$")  # 163 appends "_NE0011", "_NBJ11279"


@dataclass
class ExtractedArticle:
    """An article read from a page or file: field values for review, plus what was learnt.

    `fields` uses the article field dict of the services (title, body, source, source_url,
    reporters, photographers, responsible_editor, publish_time, ...). Nothing is saved yet.
    """

    fields: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    format: str = ""
    origin: str = ""
    encoding: str = ""
    source_link: str = ""  # the 来源 outlet's own link, when the page gives one
    reporter_affiliation: str = ""
    section_candidates: list[list[str]] = field(default_factory=list)  # breadcrumb paths
    navigation: list[tuple[str, list[str]]] = field(default_factory=list)  # learnt tree
    partner_text: str = ""
    assets: dict[str, tuple[bytes, str, str]] = field(default_factory=dict)  # sha -> data
    origins: dict[str, str] = field(default_factory=dict)  # sha -> the address it came from
    cover_candidate: str = ""  # the page's own picture (og:image), to store as the cover
    cover_asset: str = ""  # its sha256 once fetched
    pictures_fetched: bool = False  # set once the pictures were downloaded (or tried)

    def __getitem__(self, key: str) -> Any:
        return self.fields.get(key)

    def get(self, key: str, default: Any = None) -> Any:
        return self.fields.get(key, default)

    def as_dict(self) -> dict[str, Any]:
        """Fields and findings as plain JSON-friendly values."""
        fields = dict(self.fields)
        if isinstance(fields.get("publish_time"), datetime):
            fields["publish_time"] = fields["publish_time"].isoformat(sep=" ")
        return {
            "fields": fields,
            "warnings": list(self.warnings),
            "format": self.format,
            "origin": self.origin,
            "encoding": self.encoding,
            "source_link": self.source_link,
            "reporter_affiliation": self.reporter_affiliation,
            "section_candidates": ["/".join(p) for p in self.section_candidates],
        }


def parse_datetime(text: str) -> datetime | None:
    """The first date (and time) in `text`, in any of the forms Chinese sites use."""
    if not text:
        return None
    for match in DATE_TIME.finditer(text):
        year, month, day, hour, minute, second = match.groups()
        try:
            return datetime(
                int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0)
            )
        except ValueError:
            continue
    return None


def date_from_url(url: str) -> datetime | None:
    """A date written into an article URL (/2019/0907/, /2019-11-25/, /20190907...)."""
    match = URL_DATE.search(url or "")
    if not match:
        return None
    try:
        return datetime(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def strip_site_suffix(title: str) -> str:
    """`标题_网易财经`, `标题--文化--人民网`, `标题|公园_新浪新闻` -> `标题`."""
    title = " ".join((title or "").split())
    while True:
        parts = list(TITLE_SEPARATOR.finditer(title))
        if not parts:
            return title
        last = parts[-1]
        head, tail = title[: last.start()], title[last.end() :]
        sep = last.group(0).strip()
        if not head.strip() or len(head.strip()) < 4:
            return title
        site_like = bool(SITE_WORDS.search(tail)) and len(tail) <= 30
        short = sep in ("_", "|", "｜", "--", "——") and len(tail) <= 10
        if not tail or site_like or short:
            title = head.strip()
            continue
        return title


def clean_title(title: str) -> str:
    """A title on one line, without leading labels such as `原创`."""
    title = " ".join((title or "").split())
    return re.sub(r"^(原创|独家|转载)\s+", "", title)


def split_people(text: str) -> list[str]:
    """Names from `黄雪松 李明`, `黄雪松、李明`, `黄雪松/李明`."""
    names = []
    for name in _NAME_SPLIT.split(text or ""):
        name = name.strip(" :：。.")
        if name and name not in names and len(name) <= 20:
            names.append(name)
    return names


@dataclass
class Byline:
    """Reporters and photographers read from a `(…记者 … 摄影 …)` line."""

    affiliation: str
    reporters: list[str]
    photographers: list[str]
    start: int  # where the byline begins in the paragraph


def find_byline(paragraph: str) -> Byline | None:
    """The byline at the end of a paragraph, e.g. `(成都日报锦观新闻记者 黄雪松 摄影 魏麟潇)`."""
    match = _BYLINE.search(paragraph)
    if not match:
        return None
    reporters = split_people(match.group("rep"))
    if not reporters or any(len(name) > 8 for name in reporters):
        return None
    affiliation = match.group("aff").strip()
    if affiliation in ("本报", "本台", "本刊", "本网"):
        affiliation = ""
    return Byline(affiliation, reporters, split_people(match.group("pho") or ""), match.start())


def cut_navigation(value: str) -> str:
    """A field value up to the first navigation word (`崔某返回首页>>` -> `崔某`)."""
    return NAVIGATION.split(value or "", maxsplit=1)[0].strip(" :：，,|丨/【[")


def find_editor(text: str) -> tuple[str, re.Match] | None:
    """The 责编 named in `(责编:网宣黄怡竞)`, `责任编辑：张迪`, `[责任编辑:王晓易_NE0011]`."""
    match = _EDITOR.search(text)
    if not match:
        return None
    name = cut_navigation(match.group("name"))
    name = _EDITOR_CUT.split(name, maxsplit=1)[0].strip(" :：。.")
    name = _EDITOR_CODE.sub("", name)
    if not name or len(name) > 12 or name in ("系统管理员", "管理员", "admin"):
        return None
    if not re.search(r"[\u4e00-\u9fff]", name) and not re.fullmatch(r"[A-Za-z][a-z]{2,}.*", name):
        return None  # a desk code such as HN666, not a name
    return name, match


_EDITOR_SPLIT = re.compile(r"\s*[、,，;；/／&＆]\s*")


def settle_editor(article: ExtractedArticle) -> None:
    """责编 holds one person: when the page names several (`汤诗瑶、丁涛`), keep the first and
    tell the editor the whole credit in a warning, so that no name is lost."""
    credit = (article.fields.get("responsible_editor") or "").strip()
    names = [n for n in _EDITOR_SPLIT.split(credit) if n]
    if len(names) > 1:
        article.fields["responsible_editor"] = names[0]
        article.warnings.append(
            tr(
                "责编 on the page names several people: “{credit}”; “{kept}” was kept.",
                credit=credit,
                kept=names[0],
            )
        )


_PLAIN_BYLINE = re.compile(
    r"^[（(]?\s*(?P<aff>[^\s()（）]{0,20}?)(?:本报|本台)?(?:特约)?记者\s*[:：]?\s*(?P<rep>[^()（）]+?)"
    r"(?:\s+(?:摄影|摄影记者|摄|图)\s*[:：]?\s*(?P<pho>[^()（）]+?))?\s*[)）]?$"
)
_PHOTO_LINE = re.compile(r"^[（(]?\s*(?:摄影|图|图片)\s*[:：/]?\s*(?P<pho>[^()（）]+?)\s*[)）]?$")


@dataclass
class Credits:
    """Bylines and 责编 taken from the last paragraphs of a manuscript."""

    reporters: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    affiliation: str = ""
    editor: str = ""


def take_credits(paragraphs: list[str]) -> tuple[list[str], Credits]:
    """Remove closing credit lines (`(…记者 … 摄影 …)`, `记者 张三`, `(责编:…)`) from the
    end of a list of plain paragraphs; return what remains and the credits."""
    credits = Credits()
    remaining = list(paragraphs)
    for _ in range(4):
        if not remaining:
            break
        last = remaining[-1].strip()
        editor = find_editor(last)
        if editor and len(last) - len(editor[1].group(0)) < 4:
            credits.editor = credits.editor or editor[0]
            remaining.pop()
            continue
        if len(last) <= 40:
            plain = _PLAIN_BYLINE.match(last)
            if plain and split_people(plain.group("rep")):
                names = split_people(plain.group("rep"))
                if all(len(n) <= 8 for n in names):
                    credits.reporters = credits.reporters or names
                    credits.photographers = credits.photographers or split_people(
                        plain.group("pho") or ""
                    )
                    aff = plain.group("aff").strip()
                    credits.affiliation = credits.affiliation or (
                        "" if aff in ("本报", "本台", "本网") else aff
                    )
                    remaining.pop()
                    continue
            photo = _PHOTO_LINE.match(last)
            if photo and split_people(photo.group("pho")):
                credits.photographers = credits.photographers or split_people(photo.group("pho"))
                remaining.pop()
                continue
        byline = find_byline(last)
        if byline:
            credits.reporters = credits.reporters or byline.reporters
            credits.photographers = credits.photographers or byline.photographers
            credits.affiliation = credits.affiliation or byline.affiliation
            rest = last[: byline.start].rstrip()
            if rest:
                remaining[-1] = rest
            else:
                remaining.pop()
        break
    return remaining, credits


_LEAD_BYLINE = re.compile(
    r"^[（(【\[]?\s*(?P<aff>[^\s()（）]{0,12}?)(?:本报|本台|本网)?(?:特约|实习)?记者\s*[:：]?\s*"
    r"(?P<rep>[\u4e00-\u9fa5·]{2,5}(?:[\s、,，]+[\u4e00-\u9fa5·]{2,5}){0,4})"
    r"(?:\s+(?:通讯员|实习生)\s*[\u4e00-\u9fa5·\s、]+)?"
    r"(?:\s+(?:摄影|摄)\s*[:：]?\s*(?P<pho>[\u4e00-\u9fa5·\s、]{2,20}))?\s*[)）】\]]?$"
    r"|^(?:文|执笔|主笔|撰文|撰稿)\s*[/／|｜丨:：]\s*"
    r"(?P<rep2>[\u4e00-\u9fa5·]{2,5}(?:[\s、,，&＆]+[\u4e00-\u9fa5·]{2,5}){0,3})"
    r"(?:\s+图\s*[/／|丨:：]\s*(?P<pho2>[\u4e00-\u9fa5·\s、]{2,20}))?$"
)


def lead_byline(line: str) -> Credits | None:
    """A byline paragraph such as `澎湃新闻记者 段彦超 廖艳`, `本报记者 张三 摄影 李四`,
    `文/张三 图/李四` or `执笔/张三、李四&王五` (at the top or bottom of a body)."""
    match = _LEAD_BYLINE.match((line or "").strip())
    if not match:
        return None
    reporters = split_people(match.group("rep") or match.group("rep2") or "")
    if not reporters:
        return None
    affiliation = (match.group("aff") or "").strip()
    return Credits(
        reporters,
        split_people(match.group("pho") or match.group("pho2") or ""),
        "" if affiliation in ("本报", "本台", "本网") else affiliation,
    )
