"""The article's fields in one table.

`ARTICLE_FIELDS` lists every field of the article field dict, the currency of the services,
the revisions, the drafts, the editor form, the importers and the preview. Each entry says:

* `name`: the key in the field dict (and the revision snapshot);
* `label`: the label, `lambda: tr("English")`, so it is looked up in the message
  language when asked for (`label_text()`; the Chinese is in
  resources/translations/messages_zh_CN.json, which tests/test_i18n_messages.py checks);
* `normalize`: how a value given by the editor, an importer or the command line becomes
  column values (or credit, tag and pick lists), refusing bad input with a ValidationError;
* `read`: how the value is read back from an article row (None: from the article's
  credits, tags, picks or lists, which `ArticleService.fields_of` reads);
* `widget`: the kind of input the editor form shows for it;
* `card`: the `ArticleCard` attributes that carry it to the pages, each with the article
  column it is read from and how a stored value is cleaned (empty: pages do not show it,
  or it comes from a list such as 来源 or the credits: `relation`);
* `lookup`: normalising it looks up or adds to the site's lists (sections, 来源, people,
  partners, images), so the preview does not normalise it from unsaved fields;
* `restorable`: restoring a revision brings it back (what says where, when and how high an
  article is published is kept as it is);
* `show`: its key in `newsdesk show --json` (None: not shown);
* `imported`: an importer may fill it;
* `compared`: the revisions dialog lists it when it changed between two versions (the
  body has its own comparison).

From the table come `FIELDS` and `fields_of`/`_normalize` of the article service, the
columns and values of the export's and the preview's cards (`editor.content.catalog`,
`editor.content.article_slice`, the publisher's preview card), `show --json`, what a
restore brings back, what an import saves, the revisions dialog's choice and the editor
form's plain line fields. docs/architecture-notes.md has the recipe for a new field.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from editor.content.text import text_stats
from editor.errors import ValidationError
from editor.i18n import tr
from editor.store.models import FLAGS, STATUSES, Asset, Partner, Source

MAX_TITLE = 500
MAX_TAG = 100
_NAME_SPLIT_CJK = re.compile(r"[,，、;；/\s]+")
_NAME_SPLIT = re.compile(r"[,，、;；/]+")


@dataclass
class Normalized:
    """A field dict made ready to write: column values and the lists kept beside the row."""

    columns: dict[str, Any] = field(default_factory=dict)
    reporters: list[str] | None = None
    photographers: list[str] | None = None
    tags: list[str] | None = None
    related: list[int] | None = None
    names: dict[str, str] = field(default_factory=dict)  # "source", "editor" names given


# (value, out, service) -> None; `service` is the ArticleService (its sections, sources and
# people), None where a field needs none (the preview normalises plain fields without one).
Normalizer = Callable[[Any, Normalized, Any], None]


@dataclass(frozen=True)
class CardColumn:
    """One `ArticleCard` attribute read from one article column; `clean` names how a stored
    value is cleaned (a key of `CLEANERS`)."""

    attribute: str
    column: str
    clean: str = "same"

    def cleaned(self, value: Any) -> Any:
        """`value` as the card carries it."""
        return CLEANERS[self.clean][0](value)


@dataclass(frozen=True)
class ArticleField:
    """One field of the article field dict (see the module docstring)."""

    name: str
    label: Callable[[], str]  # the label in the message language (a literal tr() template)
    normalize: Normalizer
    read: Callable[[Any], Any] | None
    widget: str
    card: tuple[CardColumn, ...] = ()
    relation: bool = False  # on the cards, but from a list (来源, credits, tags, picks)
    lookup: bool = False  # normalising it looks the site's lists up (sections, partners …)
    restorable: bool = True
    show: str | None = None
    imported: bool = True
    compared: bool = False

    def label_text(self) -> str:
        """The label in the message language (简体中文 or English)."""
        return self.label()

    @property
    def on_card(self) -> bool:
        """Pages get this field from the article's card."""
        return bool(self.card) or self.relation

    @property
    def plain(self) -> bool:
        """Stored in the article's own columns and normalised without any lookup, so the
        preview can take it from unsaved fields as a save would."""
        return bool(self.card) and not self.lookup


# ---- value helpers ---------------------------------------------------------------------------


def split_names(value: Any) -> list[str]:
    """Names from a list or from text such as “黄雪松、魏麟潇” or “Li Lei, Han Meimei”."""
    if value is None:
        return []
    if isinstance(value, str):
        splitter = _NAME_SPLIT if re.search(r"[A-Za-z]", value) else _NAME_SPLIT_CJK
        value = splitter.split(value)
    names, seen = [], set()
    for name in value:
        name = " ".join(str(name).split())
        if name and name not in seen:
            seen.add(name)
            names.append(name)
    return names


def parse_time(value: Any) -> datetime | None:
    """A publish time from a datetime, a date, or ISO text; None for empty."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        result = value
    elif isinstance(value, date):
        result = datetime.combine(value, time())
    else:
        try:
            result = datetime.fromisoformat(str(value).strip().replace("/", "-"))
        except ValueError:
            raise ValidationError(
                tr("“{value}” is not a date and time (use 2023-11-23 10:00).", value=value)
            ) from None
    if result.tzinfo is not None:
        result = result.astimezone().replace(tzinfo=None)
    return result.replace(microsecond=0)


def stored_time(value: Any) -> datetime | None:
    """A stored time as a datetime (SQLite keeps ISO text, PostgreSQL a datetime)."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def whole(value: Any, what: str, minimum: int = 0) -> int:
    """`value` as a whole number of at least `minimum`; `what` names it in the error."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError(tr("{what} must be a whole number.", what=what)) from None
    if number < minimum:
        raise ValidationError(
            tr(
                "{what} must be at least {minimum}.",
                what=what,
                minimum=minimum,
            )
        )
    return number


def flags_of(article: Any) -> list[str]:
    """The flags (headline, featured, slideshow, pinned) an article row has set."""
    return [flag for flag in FLAGS if getattr(article, f"is_{flag}", False)]


def _text(value: Any) -> str:
    return value or ""


def _same(value: Any) -> Any:
    return value


def _count(value: Any) -> int:
    return value or 0


# How a card cleans a stored value: the function, and the same as an expression over "{}"
# for the card builder `editor.content.catalog` compiles (one call a card, no loop).
CLEANERS: dict[str, tuple[Callable[[Any], Any], str]] = {
    "same": (_same, "{}"),
    "text": (_text, "({} or '')"),
    "count": (_count, "({} or 0)"),
    "flag": (bool, "bool({})"),
    "time": (stored_time, "stored_time({})"),
}


def _column(name: str) -> Callable[[Any], Any]:
    return lambda article: getattr(article, name)


def _iso(article: Any) -> str | None:
    return article.publish_time.isoformat() if article.publish_time else None


# ---- normalisers: one a field ------------------------------------------------------------------


def _title(value: Any, out: Normalized, service: Any) -> None:
    title = " ".join((value or "").split())
    if not title:
        raise ValidationError(tr("An article needs a title."))
    if len(title) > MAX_TITLE:
        raise ValidationError(tr("A title can be at most {limit} characters.", limit=MAX_TITLE))
    out.columns["title"] = title


def _subtitle(value: Any, out: Normalized, service: Any) -> None:
    subtitle = (value or "").strip()
    if len(subtitle) > MAX_TITLE:
        raise ValidationError(tr("A subtitle can be at most {limit} characters.", limit=MAX_TITLE))
    out.columns["subtitle"] = subtitle


def _stripped(column: str) -> Normalizer:
    def normalize(value: Any, out: Normalized, service: Any) -> None:
        out.columns[column] = (value or "").strip()

    normalize.__name__ = f"_stripped_{column}"
    return normalize


def _original_title(value: Any, out: Normalized, service: Any) -> None:
    title = " ".join((value or "").split())
    if len(title) > MAX_TITLE:
        raise ValidationError(
            tr("An original title can be at most {limit} characters.", limit=MAX_TITLE)
        )
    out.columns["original_title"] = title


def _body(value: Any, out: Normalized, service: Any) -> None:
    body = (value or "").replace("\r\n", "\n")
    out.columns.update(
        body=body, body_html="", body_html_key="", char_count=text_stats(body).characters
    )


def _section(value: Any, out: Normalized, service: Any) -> None:
    out.columns["section"] = service.sections.resolve(value).id


def _source(value: Any, out: Normalized, service: Any) -> None:
    name = value.strip() if isinstance(value, str) else value
    if isinstance(name, Source):
        name = name.name
    out.columns["source"] = service.sources.ensure(name).id if name else None
    out.names["source"] = name or ""


def _responsible_editor(value: Any, out: Normalized, service: Any) -> None:
    name = (value or "").strip()
    out.columns["responsible_editor"] = service.people.ensure(name, "editor").id if name else None
    out.names["editor"] = name


def _partner(value: Any, out: Normalized, service: Any) -> None:
    if value in (None, ""):
        out.columns["partner"] = None
        return
    query = Partner.id == value if isinstance(value, int) else Partner.name == value
    partner = Partner.get_or_none(query)
    if partner is None:
        raise ValidationError(tr("No partner “{ref}”.", ref=value))
    out.columns["partner"] = partner.id


def _cover(value: Any, out: Normalized, service: Any) -> None:
    if value in (None, ""):
        out.columns["cover"] = None
        return
    asset = Asset.get_or_none(Asset.id == int(value))
    if asset is None:
        raise ValidationError(tr("No image with id {ref}.", ref=value))
    out.columns["cover"] = asset.id


def _flags(value: Any, out: Normalized, service: Any) -> None:
    flags = value or []
    if isinstance(flags, str):
        flags = [f for f in re.split(r"[,\s]+", flags) if f]
    bad = [f for f in flags if f not in FLAGS]
    if bad:
        raise ValidationError(
            tr("Unknown flags: {bad} (use {flags}).", bad=", ".join(bad), flags=", ".join(FLAGS))
        )
    for flag in FLAGS:
        out.columns[f"is_{flag}"] = flag in flags


def stored_status(status: str) -> str:
    """The status a save stores for `status` ('scheduled' is a published article whose time
    is ahead); ValidationError for an unknown one."""
    if status == "scheduled":
        status = "published"
    if status not in STATUSES:
        raise ValidationError(
            tr(
                "Unknown status “{status}”: use {statuses}.",
                status=status,
                statuses=", ".join(STATUSES),
            )
        )
    return status


def _status(value: Any, out: Normalized, service: Any) -> None:
    out.columns["status"] = stored_status(value or "draft")


def _publish_time(value: Any, out: Normalized, service: Any) -> None:
    out.columns["publish_time"] = parse_time(value)


def _hits(value: Any, out: Normalized, service: Any) -> None:
    out.columns["hits"] = whole(value, tr("Hits"), minimum=0)


def _hot_pin(value: Any, out: Normalized, service: Any) -> None:
    out.columns["hot_pin"] = (
        None if value in (None, "", 0) else whole(value, tr("The hot-list pin"), 1)
    )


def _hot_exclude(value: Any, out: Normalized, service: Any) -> None:
    out.columns["hot_exclude"] = bool(value)


def _reporters(value: Any, out: Normalized, service: Any) -> None:
    out.reporters = split_names(value)


def _photographers(value: Any, out: Normalized, service: Any) -> None:
    out.photographers = split_names(value)


def _tags(value: Any, out: Normalized, service: Any) -> None:
    tags = (
        split_names(value)
        if isinstance(value, str)
        else [t.strip() for t in (value or []) if t and t.strip()]
    )
    if tags and max(len(tag) for tag in tags) > MAX_TAG:
        raise ValidationError(tr("A tag can be at most {limit} characters.", limit=MAX_TAG))
    out.tags = tags


def _related(value: Any, out: Normalized, service: Any) -> None:
    out.related = [int(i) for i in (value or [])]


_STRIPPED = {name: _stripped(name) for name in ("summary", "source_url")}


def _card(attribute: str, clean: str = "same", column: str = "") -> CardColumn:
    return CardColumn(attribute, column or attribute, clean)


# ---- the table --------------------------------------------------------------------------------

ARTICLE_FIELDS: tuple[ArticleField, ...] = (
    ArticleField(
        "title", lambda: tr("Title"), _title, _column("title"), "title",
        card=(_card("title", "text"),), show="title", compared=True,
    ),
    ArticleField(
        "subtitle", lambda: tr("Subtitle"), _subtitle, _column("subtitle"), "line",
        card=(_card("subtitle", "text"),), show="subtitle", compared=True,
    ),
    ArticleField(
        "section", lambda: tr("Section"), _section, _column("section_id"), "section",
        card=(_card("section_id", "same", "section"),), show="section", imported=False,
        compared=True, lookup=True,
    ),
    ArticleField(
        "status", lambda: tr("Status"), _status, _column("status"), "status",
        restorable=False, show="status", compared=True,
    ),
    ArticleField(
        "publish_time", lambda: tr("Publish time"), _publish_time, _iso, "datetime",
        card=(_card("publish_time", "time"),), restorable=False, show="published_at",
        compared=True,
    ),
    ArticleField(
        "source", lambda: tr("Source"), _source, None, "source",
        relation=True, show="source", compared=True, lookup=True,
    ),
    ArticleField(
        "source_url", lambda: tr("Original link"), _STRIPPED["source_url"], _column("source_url"),
        "line", card=(_card("source_url", "text"),), show="source_url", compared=True,
    ),
    ArticleField(
        "original_title", lambda: tr("Original title"), _original_title,
        _column("original_title"), "line",
        card=(_card("original_title", "text"),), show="original_title", compared=True,
    ),
    ArticleField(
        "responsible_editor", lambda: tr("Resp. editor"), _responsible_editor, None, "name",
        relation=True, show="editor", compared=True, lookup=True,
    ),
    ArticleField(
        "reporters", lambda: tr("Reporter"), _reporters, None, "names",
        relation=True, show="reporters", compared=True,
    ),
    ArticleField(
        "photographers", lambda: tr("Photographer"), _photographers, None, "names",
        relation=True, show="photographers", compared=True,
    ),
    ArticleField(
        "partner", lambda: tr("Partner"), _partner, None, "partner",
        card=(_card("partner_id", "same", "partner"),), restorable=False, show="partner",
        compared=True, lookup=True,
    ),
    ArticleField(
        "tags", lambda: tr("Tags"), _tags, None, "names",
        relation=True, show="tags", compared=True,
    ),
    ArticleField(
        "flags", lambda: tr("Flags"), _flags, flags_of, "flags",
        card=tuple(_card(f"is_{flag}", "flag") for flag in FLAGS), show="flags", compared=True,
    ),
    ArticleField(
        "hits", lambda: tr("Hits"), _hits, _column("hits"), "number",
        card=(_card("hits", "count"),), show="hits",
    ),
    ArticleField(
        "summary", lambda: tr("Summary"), _STRIPPED["summary"], _column("summary"), "text",
        card=(_card("summary", "text"),), show="summary", compared=True,
    ),
    ArticleField(
        "body", lambda: tr("Body"), _body, _column("body"), "markdown",
        show="body",
    ),
    ArticleField(
        "cover", lambda: tr("Cover image"), _cover, _column("cover_id"), "cover",
        card=(_card("cover_id", "same", "cover"),), restorable=False, compared=True,
        lookup=True,
    ),
    ArticleField(
        "hot_pin", lambda: tr("Place in Most read"), _hot_pin, _column("hot_pin"), "number",
        card=(_card("hot_pin"),), restorable=False, imported=False,
    ),
    ArticleField(
        "hot_exclude", lambda: tr("Keep out of Most read"), _hot_exclude,
        _column("hot_exclude"), "check",
        card=(_card("hot_exclude", "flag"),), restorable=False, imported=False,
    ),
    ArticleField(
        "related", lambda: tr("Related news"), _related, None, "related",
        relation=True, restorable=False, imported=False, compared=True,
    ),
)  # fmt: skip

BY_NAME: dict[str, ArticleField] = {f.name: f for f in ARTICLE_FIELDS}
FIELDS: tuple[str, ...] = tuple(BY_NAME)
# Kept with every snapshot besides the fields: who saved which version when.
BOOKKEEPING = ("id", "version", "updated_at", "updated_by")
RESTORABLE: tuple[str, ...] = tuple(f.name for f in ARTICLE_FIELDS if f.restorable)
IMPORTED: tuple[str, ...] = tuple(f.name for f in ARTICLE_FIELDS if f.imported)
COMPARED: tuple[str, ...] = tuple(f.name for f in ARTICLE_FIELDS if f.compared)
SHOWN: tuple[ArticleField, ...] = tuple(f for f in ARTICLE_FIELDS if f.show)
# Every card attribute read straight from an article column, in table order.
CARD_COLUMNS: tuple[CardColumn, ...] = tuple(c for f in ARTICLE_FIELDS for c in f.card)
PLAIN: tuple[ArticleField, ...] = tuple(f for f in ARTICLE_FIELDS if f.plain)


def normalize_fields(fields: dict[str, Any], service: Any) -> Normalized:
    """A field dict as values to write, each field by its own normaliser; unknown keys and
    bad values are refused with a ValidationError."""
    unknown = set(fields) - set(FIELDS) - set(BOOKKEEPING)
    if unknown:
        raise ValidationError(
            tr("Unknown article fields: {unknown}.", unknown=", ".join(sorted(unknown)))
        )
    out = Normalized()
    for spec in ARTICLE_FIELDS:
        if spec.name in fields:
            spec.normalize(fields[spec.name], out, service)
    return out


def card_values(fields: dict[str, Any]) -> dict[str, Any]:
    """The card attributes of the plain fields from an unsaved field dict, as a save would
    store them (the preview's card); a missing value, or one a save would refuse, gives
    the blank a card shows for an empty column."""
    values: dict[str, Any] = {}
    for spec in PLAIN:
        out = Normalized()
        if spec.name in fields:
            try:
                spec.normalize(fields[spec.name], out, None)
            except ValidationError:
                out.columns.clear()
        for column in spec.card:
            values[column.attribute] = column.cleaned(out.columns.get(column.column))
    return values


def label_of(name: str) -> str:
    """The label of field `name` in the message language."""
    return BY_NAME[name].label_text()
