"""Reusable lists the editor autocompletes: 来源 outlets, people, and partners."""

from __future__ import annotations

from datetime import date

from peewee import JOIN, fn

from editor.content.slugs import pinyin_key
from editor.errors import NotFoundError, ValidationError
from editor.i18n import tr
from editor.store.models import Article, ArticlePerson, Partner, Person, Section, Source

ROLES = ("reporter", "photographer", "editor")


def _clean_name(name: str, what: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(tr("A {what} needs a name.", what=what))
    if len(name) > 200:
        raise ValidationError(tr("A {what} name can be at most 200 characters.", what=what))
    return name


class SourceService:
    """来源 outlets (成都日报)."""

    def __init__(self) -> None:
        self.changes = 0  # bumped when this service adds or alters a source (pickers reload)

    def ensure(self, name: str, url: str = "") -> Source:
        """The source of that name, created if new."""
        name = _clean_name(name, tr("source"))
        source = Source.get_or_none(Source.name == name)
        if source is None:
            source = Source.create(name=name, url=url or "")
            self.changes += 1
        elif url and not source.url:
            source.url = url
            source.save()
        return source

    def list(self, prefix: str = "", limit: int = 50) -> list[Source]:
        """Sources whose name contains `prefix`, most used first."""
        query = (
            Source.select(Source, fn.COUNT(Article.id).alias("uses"))
            .join(Article, on=(Article.source == Source.id), join_type=JOIN.LEFT_OUTER)
            .group_by(Source.id)
            .order_by(fn.COUNT(Article.id).desc(), Source.name)
            .limit(limit)
        )
        if prefix:
            query = query.where(Source.name.contains(prefix))
        return list(query)

    def rename(self, source_id: int, name: str, url: str | None = None) -> Source:
        source = Source.get_or_none(Source.id == source_id)
        if source is None:
            raise NotFoundError(tr("No source with id {source_id}.", source_id=source_id))
        name = _clean_name(name, tr("source"))
        clash = Source.get_or_none((Source.name == name) & (Source.id != source_id))
        if clash:
            raise ValidationError(tr("There is already a source “{name}”.", name=name))
        source.name = name
        if url is not None:
            source.url = url
        source.save()
        self.changes += 1
        return source

    def delete(self, source_id: int) -> None:
        """Remove a source; articles that cited it keep no source."""
        Source.delete().where(Source.id == source_id).execute()
        self.changes += 1


class PeopleService:
    """Reporters, photographers and responsible editors."""

    def __init__(self) -> None:
        self.changes = 0  # bumped when this service adds a person or a role (pickers reload)

    def ensure(self, name: str, role: str | None = None) -> Person:
        """The person of that name, created if new, with `role` added to their roles."""
        name = _clean_name(name, tr("person"))
        if role is not None and role not in ROLES:
            raise ValidationError(tr("Unknown role “{role}”.", role=role))
        person = Person.get_or_none(Person.name == name)
        if person is None:
            self.changes += 1
            return Person.create(name=name, roles=[role] if role else [])
        if role and role not in (person.roles or []):
            person.roles = [*(person.roles or []), role]
            person.save()
            self.changes += 1
        return person

    def list(self, role: str | None = None, prefix: str = "", limit: int = 100) -> list[Person]:
        """People in pinyin order of their names, filtered by role and by a part of the name
        (the first `limit` of them)."""
        query = Person.select()
        if prefix:
            query = query.where(Person.name.contains(prefix))
        people = list(query)
        if role:
            people = [p for p in people if role in (p.roles or [])]
        people.sort(key=lambda person: pinyin_key(person.name))
        return people[:limit]

    def update(
        self, person_id: int, *, name: str | None = None, roles=None, affiliation: str | None = None
    ) -> Person:
        person = Person.get_or_none(Person.id == person_id)
        if person is None:
            raise NotFoundError(tr("No person with id {person_id}.", person_id=person_id))
        if name is not None:
            name = _clean_name(name, tr("person"))
            if Person.select().where((Person.name == name) & (Person.id != person_id)).exists():
                raise ValidationError(tr("There is already a person “{name}”.", name=name))
            person.name = name
        if roles is not None:
            bad = [r for r in roles if r not in ROLES]
            if bad:
                raise ValidationError(tr("Unknown roles: {bad}.", bad=", ".join(bad)))
            person.roles = list(roles)
        if affiliation is not None:
            person.affiliation = affiliation
        person.save()
        self.changes += 1
        return person

    def delete(self, person_id: int) -> None:
        """Remove a person and their bylines (articles keep their text)."""
        ArticlePerson.delete().where(ArticlePerson.person == person_id).execute()
        Person.delete().where(Person.id == person_id).execute()
        self.changes += 1


class PartnerService:
    """Partner blocks (合作单位) attached to sections or single articles."""

    FIELDS = ("name", "units", "contact", "wechat", "phone", "email", "valid_until")

    def list(self) -> list[Partner]:
        return list(Partner.select().order_by(Partner.name))

    def get(self, ref: int | str) -> Partner:
        if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit()):
            partner = Partner.get_or_none(Partner.id == int(ref))
        else:
            partner = Partner.get_or_none(Partner.name == ref)
        if partner is None:
            raise NotFoundError(tr("No partner “{ref}”.", ref=ref))
        return partner

    def _apply(self, partner: Partner, fields: dict) -> None:
        unknown = set(fields) - set(self.FIELDS)
        if unknown:
            raise ValidationError(
                tr(
                    "Unknown partner fields: {unknown}.",
                    unknown=", ".join(sorted(unknown)),
                )
            )
        for key, value in fields.items():
            if key == "name":
                value = _clean_name(value, tr("partner"))
                clash = Partner.select().where(Partner.name == value)
                if partner.id:
                    clash = clash.where(Partner.id != partner.id)
                if clash.exists():
                    raise ValidationError(
                        tr(
                            "There is already a partner “{value}”.",
                            value=value,
                        )
                    )
            elif key == "units":
                if isinstance(value, str):
                    value = [u for u in value.replace(";", ";").split(";")]
                value = [u.strip() for u in value if u and u.strip()]
            elif key == "valid_until" and isinstance(value, str):
                value = date.fromisoformat(value) if value else None
            elif value is None:
                value = ""
            setattr(partner, key, value)

    def create(self, name: str, **fields) -> Partner:
        partner = Partner()
        self._apply(partner, {"name": name, **fields})
        partner.save()
        return partner

    def update(self, ref: int | str, **fields) -> Partner:
        partner = self.get(ref)
        self._apply(partner, fields)
        partner.save()
        return partner

    def delete(self, ref: int | str) -> None:
        """Remove a partner; sections and articles that used it show none."""
        partner = self.get(ref)
        Section.update(partner=None).where(Section.partner == partner.id).execute()
        Article.update(partner=None).where(Article.partner == partner.id).execute()
        partner.delete_instance()
