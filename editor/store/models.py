"""peewee models: the whole data model of one site.

All models bind to `database`, a proxy that `editor.store.db.open_database` points at a
SQLite file or a PostgreSQL server. Times are naive local wall-clock times of the newsroom.
"""

from __future__ import annotations

import json
from datetime import datetime

from peewee import (
    BigIntegerField,
    BlobField,
    BooleanField,
    CharField,
    Database,
    DatabaseProxy,
    DateField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    SqliteDatabase,
    TextField,
)

database = DatabaseProxy()
MAX_INTEGER = 2**63 - 1  # the largest integer SQLite stores and PostgreSQL's bigint holds


class JSONField(TextField):
    """A JSON document stored as text (portable across SQLite and PostgreSQL)."""

    def db_value(self, value):
        return None if value is None else json.dumps(value, ensure_ascii=False, default=str)

    def python_value(self, value):
        return None if value is None else json.loads(value)


def now() -> datetime:
    """The current local time, to the second."""
    return datetime.now().replace(microsecond=0)


def precise_now() -> datetime:
    """The current local time with its microseconds: for records compared with each other
    within a second (an export's page records and the publish log after it)."""
    return datetime.now()


def active_database():
    """The database the models are bound to now (the opened site, or a `bind_ctx` one)."""
    bound = Article._meta.database
    return bound.obj if isinstance(bound, DatabaseProxy) else bound


def is_sqlite(db: Database | DatabaseProxy) -> bool:
    """Whether `db` (a database or the proxy bound to one) is SQLite; the one dialect test
    for code holding a database (a `Target` not yet opened answers `Target.is_sqlite`)."""
    if isinstance(db, DatabaseProxy):
        db = db.obj
    return isinstance(db, SqliteDatabase)


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


SIMHASH_SYNCED = "simhash_synced"  # Meta key: when near-duplicate fingerprints were last synced


class Meta(BaseModel):
    """Key/value facts about the database itself (schema version, application id)."""

    key = CharField(primary_key=True)
    value = TextField()

    class Meta:
        table_name = "newsdesk_meta"


class Site(BaseModel):
    """The one row of site settings."""

    name = CharField(default="")
    domain = CharField(default="")
    slogan = CharField(default="")
    base_url = CharField(default="")
    founded_year = IntegerField(null=True)
    icp_number = CharField(default="")
    icp_url = CharField(default="https://beian.miit.gov.cn/")
    tech_support = CharField(default="")
    tech_support_url = CharField(default="")
    submission_email = CharField(default="")
    submission_contact = CharField(default="")
    rights_notice = TextField(default="")
    footer_links = JSONField(default=list)  # [{"title": ..., "url": ...}]
    language = CharField(default="zh-CN")
    templates_dir = CharField(default="", max_length=1000)
    settings = JSONField(default=dict)  # further theme options


class Partner(BaseModel):
    """A section's partner block: platform name and 战略合作单位 with contacts."""

    name = CharField(unique=True)  # platform name shown first in the block
    units = JSONField(default=list)  # strategic partner units, in order
    contact = CharField(default="")
    wechat = CharField(default="")
    phone = CharField(default="")
    email = CharField(default="")
    valid_until = DateField(null=True)


class Section(BaseModel):
    """A 栏目 of the two-level tree."""

    parent = ForeignKeyField("self", null=True, backref="children", on_delete="RESTRICT")
    name = CharField()
    slug = CharField()
    position = IntegerField(default=0)
    in_navigation = BooleanField(default=True)
    description = TextField(default="")
    partner = ForeignKeyField(Partner, null=True, on_delete="SET NULL")
    page_size = IntegerField(default=20)

    class Meta:
        indexes = ((("parent", "position"), False),)


class Source(BaseModel):
    """A 来源 outlet (成都日报)."""

    name = CharField(unique=True)
    url = CharField(default="", max_length=2000)


class Person(BaseModel):
    """A reporter, photographer or responsible editor."""

    name = CharField(unique=True)
    roles = JSONField(default=list)  # any of "reporter", "photographer", "editor"
    affiliation = CharField(default="")


class Asset(BaseModel):
    """An image or file, content-addressed by SHA-256; the bytes live in the database."""

    sha256 = CharField(unique=True, max_length=64)
    original_name = CharField(default="", max_length=1000)
    mime = CharField(default="application/octet-stream")
    size = IntegerField(default=0)
    width = IntegerField(null=True)
    height = IntegerField(null=True)
    alt = CharField(default="", max_length=1000)
    source_url = CharField(default="", max_length=2000)  # where an imported picture came from
    data = BlobField()
    created_at = DateTimeField(default=now)


class Page(BaseModel):
    """A static page of the site (关于, 意见反馈, 联系我们), linked from the footer."""

    slug = CharField(unique=True)
    title = CharField()
    body = TextField(default="")  # Markdown
    position = IntegerField(default=0)
    in_footer = BooleanField(default=True)
    updated_at = DateTimeField(default=now)


STATUSES = ("draft", "review", "published", "archived")
FLAGS = ("headline", "featured", "slideshow", "pinned")


class Article(BaseModel):
    """A 文章 with its newsroom metadata; `version` is the optimistic lock."""

    section = ForeignKeyField(Section, backref="articles", on_delete="RESTRICT")
    title = CharField(max_length=500)
    subtitle = CharField(default="", max_length=500)
    body_html_key = CharField(default="", max_length=64)  # hash of body + renderer version
    source = ForeignKeyField(Source, null=True, on_delete="SET NULL")
    source_url = CharField(default="", max_length=2000)
    original_title = CharField(default="", max_length=500)  # 原标题 of a 转载
    responsible_editor = ForeignKeyField(Person, null=True, on_delete="SET NULL")
    partner = ForeignKeyField(Partner, null=True, on_delete="SET NULL")
    cover = ForeignKeyField(Asset, null=True, on_delete="SET NULL")
    is_headline = BooleanField(default=False, index=True)
    is_featured = BooleanField(default=False, index=True)
    is_slideshow = BooleanField(default=False, index=True)
    is_pinned = BooleanField(default=False)
    status = CharField(default="draft", max_length=16)
    publish_time = DateTimeField(null=True)
    hits = IntegerField(default=0)
    hot_pin = IntegerField(null=True)  # editor's place in 热门排行 (1 = first)
    hot_exclude = BooleanField(default=False)
    version = IntegerField(default=1)
    created_at = DateTimeField(default=now)
    updated_at = DateTimeField(default=now)
    updated_by = CharField(default="")
    char_count = IntegerField(default=0)
    # Long texts last: SQLite reads a row's columns in order, and everything after a long
    # body would sit behind its overflow pages, slowing every list and sort.
    search_names = TextField(default="")  # 来源 and people's names, for search
    summary = TextField(default="")
    body = TextField(default="")
    body_html = TextField(default="")

    class Meta:
        indexes = (
            (("section", "status", "publish_time"), False),  # covers list pages
            # an export's question "what changed since the last one?" from the index
            # alone: which articles are visible and their versions, and the sums over all
            # articles of the change stamp (`content.site_stamp`)
            (("status", "publish_time", "id", "version", "updated_at"), False),
            (("publish_time",), False),
            (("hits",), False),
            (("source_url",), False),
            (("updated_at",), False),  # what changed since: the SimHash fingerprints' sync
        )


class ArticlePerson(BaseModel):
    """A reporter or photographer credited on an article, in byline order."""

    article = ForeignKeyField(Article, backref="credits", on_delete="CASCADE")
    person = ForeignKeyField(Person, on_delete="CASCADE")
    role = CharField(max_length=16)  # "reporter" or "photographer"
    position = IntegerField(default=0)

    class Meta:
        indexes = ((("article", "role", "position"), False),)


class Tag(BaseModel):
    """A keyword; articles sharing tags are related."""

    name = CharField(unique=True)
    slug = CharField(default="")


class ArticleTag(BaseModel):
    article = ForeignKeyField(Article, backref="tag_links", on_delete="CASCADE")
    tag = ForeignKeyField(Tag, backref="article_links", on_delete="CASCADE")
    position = IntegerField(default=0)

    class Meta:
        indexes = ((("article", "tag"), True),)


class RelatedPick(BaseModel):
    """An editor's pick for an article's 相关新闻, in order."""

    article = ForeignKeyField(Article, backref="related_picks", on_delete="CASCADE")
    related = ForeignKeyField(Article, on_delete="CASCADE")
    position = IntegerField(default=0)

    class Meta:
        indexes = ((("article", "related"), True),)


class Revision(BaseModel):
    """A full snapshot of an article's fields at one version."""

    article_id = IntegerField(index=True)
    version = IntegerField()
    author = CharField(default="")
    created_at = DateTimeField(default=now)
    snapshot = JSONField()
    kind = CharField(default="saved")  # saved, published, restored, imported, recovered

    class Meta:
        indexes = ((("article_id", "version"), False),)


class Draft(BaseModel):
    """Unsaved state of an open article (autosave), offered back after a crash."""

    key = CharField(unique=True)  # "article:<id>" or "new:<uuid>" or "conflict:<id>:<n>"
    article_id = IntegerField(null=True, index=True)
    base_version = IntegerField(null=True)
    author = CharField(default="")
    kind = CharField(default="autosave")  # "autosave" or "conflict"
    fields = JSONField()
    saved_at = DateTimeField(default=now)


class ExportState(BaseModel):
    """Per output file of a bundle: the fingerprint of its inputs and its bytes' hash."""

    out_dir = CharField(max_length=1000)
    path = CharField(max_length=1000)
    fingerprint = CharField(max_length=64)
    sha256 = CharField(max_length=64)
    size = IntegerField(default=0)
    exported_at = DateTimeField(default=now)

    class Meta:
        indexes = (
            (("out_dir", "path"), True),
            (("out_dir", "exported_at"), False),  # what an export recorded since a moment
        )


class PublishTarget(BaseModel):
    """A place the site is published to (发布到网站): an SFTP, FTP(S), S3-compatible or local
    folder target. The URL never holds a secret: passwords live in the OS keyring under
    `secret_key`."""

    name = CharField(unique=True, max_length=100)
    url = CharField(max_length=2000)
    mode = CharField(max_length=20, default="release")  # "release" or "in-place"
    base_url = CharField(max_length=1000, default="")
    is_default = BooleanField(default=False)
    secret_key = CharField(max_length=64, default="")  # the keyring entry's user name
    host_key = TextField(default="")  # SFTP: the server key pinned on first connect
    keep = IntegerField(default=5)  # releases kept on the target
    created_at = DateTimeField(default=now)


class PublishRecord(BaseModel):
    """One publish, dry run or rollback of a target (the publish history)."""

    target = CharField(max_length=100, index=True)
    release = CharField(max_length=64, default="")
    action = CharField(max_length=20, default="publish")  # publish, rollback, dry-run
    user = CharField(default="")
    started_at = DateTimeField(default=now)
    seconds = FloatField(default=0.0)
    sent = IntegerField(default=0)
    unchanged = IntegerField(default=0)
    deleted = IntegerField(default=0)
    bytes = IntegerField(default=0)
    result = CharField(max_length=20, default="ok")  # ok, failed, cancelled
    message = TextField(default="")


class NewsroomUser(BaseModel):
    """A person who signs in to the site (记者, 编辑, 部门主任, 总编辑, 校对, admin); the
    password is kept only as a salted scrypt hash."""

    name = CharField(unique=True, max_length=100)  # the sign-in name
    real_name = CharField(max_length=100)  # fills 责编 and bylines, printed on the 审签单
    roles = JSONField(default=list)
    salt = CharField(max_length=64)
    password_hash = CharField(max_length=128)
    active = BooleanField(default=True)
    created_at = DateTimeField(default=now)


class Delegation(BaseModel):
    """终审 handed to a deputy for a period (夜班): `deputy` may sign 终审 for `principal`
    from `starts` until `ends`."""

    principal = CharField(max_length=100)
    deputy = CharField(max_length=100, index=True)
    starts = DateTimeField(default=now)
    ends = DateTimeField()
    created_at = DateTimeField(default=now)


class ReviewState(BaseModel):
    """Where an article stands in 三审签发; every change is a compare-and-swap on
    (`state`, `seq`). `head` is the hash of the article's last sign-off record."""

    article_id = IntegerField(primary_key=True)
    state = CharField(max_length=16, default="draft", index=True)
    seq = IntegerField(default=0)
    claimed_by = CharField(max_length=100, default="")
    submitter = CharField(max_length=100, default="")
    round = IntegerField(default=0)
    head = CharField(max_length=64, default="")
    waiting_since = DateTimeField(default=now)


class ArticleSnapshot(BaseModel):
    """An immutable copy of the reviewed fields of one article version and its hash."""

    article_id = IntegerField()
    version = IntegerField()
    content_hash = CharField(max_length=64)
    snapshot = JSONField()
    created_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("article_id", "content_hash"), True),)


class Signoff(BaseModel):
    """One step of the review record (submit, claim, approve, return, withdraw …), chained
    by hash to the article's previous one; append-only."""

    article_id = IntegerField(index=True)
    level = CharField(max_length=16)  # first, second, final, self; or "" for submit
    decision = CharField(max_length=16)
    comment = TextField(default="")
    user = CharField(max_length=100)
    real_name = CharField(max_length=100)
    role = CharField(max_length=32, default="")
    delegated_from = CharField(max_length=100, default="")
    override = TextField(default="")  # the reason given to pass blocking findings
    content_hash = CharField(max_length=64, default="")
    version = IntegerField(default=0)
    created_at = DateTimeField()
    prev_hash = CharField(max_length=64, default="")
    hash = CharField(max_length=64)


class PublishLog(BaseModel):
    """What went out, when and where: one row per article page whose bytes changed in an
    export (the content hash 终审 signed, the page's path and address, the file's sha256);
    append-only."""

    article_id = IntegerField(index=True)
    content_hash = CharField(max_length=64, default="")
    version = IntegerField(default=0)
    destination = CharField(max_length=1000)  # the export folder
    path = CharField(max_length=1000)
    url = CharField(max_length=2000, default="")
    file_sha256 = CharField(max_length=64)
    logged_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("destination", "logged_at"), False),)  # a folder's last log


class WordEntry(BaseModel):
    """An entry of the site's word lists: a forbidden or cautioned word, or a 错别字 of the
    confusion list (wrong → right), with its level, replacement and note."""

    kind = CharField(max_length=16)  # forbidden, cautioned, confusion
    word = CharField(max_length=100)
    level = CharField(max_length=16, default="error")  # error or warning
    replacement = CharField(max_length=200, default="")
    note = CharField(max_length=500, default="")

    class Meta:
        indexes = ((("kind", "word"), True),)


class CheckSummary(BaseModel):
    """How many errors and warnings the article checks last found in an article, and in
    which version of it: the 待审 queue's badge. A cache the checks rewrite each time they
    run on an article (schema 15)."""

    article_id = IntegerField(primary_key=True)
    version = IntegerField(default=0)
    errors = IntegerField(default=0)
    warnings = IntegerField(default=0)
    checked_at = DateTimeField(default=now)


class SimhashPrint(BaseModel):
    """The SimHash fingerprint of an article's body at one version (and save time), with
    its four 16-bit bands indexed: the near-duplicate check looks up four buckets instead
    of fingerprinting the site. `value` is None for a text too short to compare. A cache
    the check keeps up to date (schema 17)."""

    article_id = IntegerField(primary_key=True)
    version = IntegerField(default=0)
    stamp = DateTimeField(null=True)  # the article's updated_at when fingerprinted
    value = BigIntegerField(null=True)  # the 64 bits as a signed integer
    band0 = IntegerField(null=True, index=True)
    band1 = IntegerField(null=True, index=True)
    band2 = IntegerField(null=True, index=True)
    band3 = IntegerField(null=True, index=True)


ALL_MODELS = [
    Meta,
    Site,
    Page,
    Partner,
    Section,
    Source,
    Person,
    Asset,
    Article,
    ArticlePerson,
    Tag,
    ArticleTag,
    RelatedPick,
    Revision,
    Draft,
    ExportState,
    PublishTarget,
    PublishRecord,
    NewsroomUser,
    Delegation,
    ReviewState,
    ArticleSnapshot,
    Signoff,
    PublishLog,
    WordEntry,
    CheckSummary,
    SimhashPrint,
]
