"""The 栏目 tree: create, rename, move, reorder and delete sections; paths both ways."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from peewee import fn

from editor.content.slugs import slugify, unique_slug, validate_slug
from editor.errors import NotFoundError, SectionNotFoundError, ValidationError
from editor.i18n import tr
from editor.store.models import Article, Partner, Section, active_database

PATH_SEPARATOR = "/"
DEFAULT_PAGE_SIZE = 20
UNSORTED_NAME = "待分类"
UNSORTED_SLUG = "unsorted"


@dataclass
class SectionNode:
    """A section with its place in the tree, as plain values."""

    id: int
    name: str
    slug: str
    parent_id: int | None
    position: int
    in_navigation: bool
    partner_id: int | None
    page_size: int
    description: str
    path: str = ""  # names joined by "/"
    slug_path: str = ""  # slugs joined by "/"
    depth: int = 0
    children: list[SectionNode] = field(default_factory=list)

    def fingerprint(self) -> tuple:
        """The section's own stored values, for change detection (not its children)."""
        return (
            self.id,
            self.name,
            self.slug,
            self.parent_id,
            self.position,
            self.in_navigation,
            self.description,
            self.partner_id,
            self.page_size,
        )

    def as_dict(self) -> dict:
        """The `sections --json` shape."""
        return {
            "id": self.id,
            "name": self.name,
            "slug": self.slug,
            "path": self.path,
            "slug_path": self.slug_path,
            "in_navigation": self.in_navigation,
            "position": self.position,
            "children": [child.as_dict() for child in self.children],
        }


class SectionTree:
    """A snapshot of the whole tree, loaded with one query."""

    def __init__(self, sections: list[Section]) -> None:
        self.nodes: dict[int, SectionNode] = {}
        for s in sections:
            self.nodes[s.id] = SectionNode(
                id=s.id,
                name=s.name,
                slug=s.slug,
                parent_id=s.parent_id,
                position=s.position,
                in_navigation=s.in_navigation,
                partner_id=s.partner_id,
                page_size=s.page_size,
                description=s.description,
            )
        self.roots: list[SectionNode] = []
        for node in sorted(self.nodes.values(), key=lambda n: (n.position, n.id)):
            parent = self.nodes.get(node.parent_id) if node.parent_id else None
            (parent.children if parent else self.roots).append(node)

        def walk(nodes: list[SectionNode], path: str, slug_path: str, depth: int) -> None:
            for node in nodes:
                node.path = f"{path}{PATH_SEPARATOR}{node.name}" if path else node.name
                node.slug_path = f"{slug_path}/{node.slug}" if slug_path else node.slug
                node.depth = depth
                walk(node.children, node.path, node.slug_path, depth + 1)

        walk(self.roots, "", "", 0)
        self.by_path = {node.path: node for node in self.nodes.values()}

    def __iter__(self):
        """Depth-first, in tree order."""
        stack = list(reversed(self.roots))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def get(self, section_id: int) -> SectionNode:
        try:
            return self.nodes[section_id]
        except KeyError:
            raise NotFoundError(
                tr("No section with id {section_id}.", section_id=section_id)
            ) from None

    def ancestors(self, section_id: int) -> list[SectionNode]:
        """The chain from the top-level section down to this one (inclusive)."""
        chain = []
        node = self.nodes.get(section_id)
        while node is not None:
            chain.append(node)
            node = self.nodes.get(node.parent_id) if node.parent_id else None
        return list(reversed(chain))

    def descendant_ids(self, section_id: int) -> list[int]:
        """This section's id and those of everything under it."""
        result, stack = [], [self.get(section_id)]
        while stack:
            node = stack.pop()
            result.append(node.id)
            stack.extend(node.children)
        return result

    def partner_id(self, section_id: int) -> int | None:
        """The partner attached to the section or, failing that, its nearest ancestor."""
        for node in reversed(self.ancestors(section_id)):
            if node.partner_id:
                return node.partner_id
        return None

    def resolve(self, path: str) -> SectionNode:
        """The section at a path of names (`华商走世界/川商走世界`) or slugs."""
        cleaned = PATH_SEPARATOR.join(p.strip() for p in (path or "").strip("/ ").split("/"))
        node = self.by_path.get(cleaned)
        if node is None:
            by_slug = {n.slug_path: n for n in self.nodes.values()}
            node = by_slug.get(cleaned.lower())
        if node is None:
            candidates = list(self.by_path)
            names = {n.name: n.path for n in self.nodes.values()}
            close = difflib.get_close_matches(cleaned, candidates, n=3, cutoff=0.3)
            leaf = cleaned.split(PATH_SEPARATOR)[-1]
            for name in difflib.get_close_matches(leaf, list(names), n=3, cutoff=0.3):
                if names[name] not in close:
                    close.append(names[name])
            raise SectionNotFoundError(path, close[:5])
        return node


class SectionService:
    """Sections of the open site."""

    def tree(self) -> SectionTree:
        return SectionTree(list(Section.select().order_by(Section.position, Section.id)))

    def public_tree(self) -> SectionTree:
        """The tree the published site shows (see `public_tree`)."""
        return public_tree(self.tree())

    def unsorted_ids(self) -> set[int]:
        """待分类 and the sections under it (none until an import needed it)."""
        tree = self.tree()
        roots = [node for node in tree.roots if is_unsorted(node)]
        return {sid for root in roots for sid in tree.descendant_ids(root.id)}

    def get(self, section_id: int) -> Section:
        section = Section.get_or_none(Section.id == section_id)
        if section is None:
            raise NotFoundError(tr("No section with id {section_id}.", section_id=section_id))
        return section

    def resolve(self, ref: int | str | Section | None) -> Section:
        """A section from an id, a path of names or slugs, or a Section."""
        if isinstance(ref, Section):
            return ref
        if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit()):
            return self.get(int(ref))
        if not ref:
            raise ValidationError(tr("No section given."))
        return self.get(self.tree().resolve(ref).id)

    def path_of(self, section: int | Section) -> str:
        section_id = section.id if isinstance(section, Section) else section
        return self.tree().get(section_id).path

    def _sibling_slugs(self, parent_id: int | None, exclude: int | None = None) -> set[str]:
        query = Section.select(Section.slug).where(
            Section.parent.is_null() if parent_id is None else Section.parent == parent_id
        )
        if exclude is not None:
            query = query.where(Section.id != exclude)
        return {row.slug for row in query}

    def _check_name(self, name: str) -> str:
        name = (name or "").strip()
        if not name:
            raise ValidationError(tr("A section needs a name."))
        if PATH_SEPARATOR in name:
            raise ValidationError(
                tr(
                    "A section name cannot contain “{separator}”.",
                    separator=PATH_SEPARATOR,
                )
            )
        if len(name) > 100:
            raise ValidationError(tr("A section name can be at most 100 characters."))
        return name

    def _check_name_free(self, name: str, parent_id: int | None, exclude: int | None = None):
        query = Section.select().where(
            (Section.name == name)
            & (Section.parent.is_null() if parent_id is None else Section.parent == parent_id)
        )
        if exclude is not None:
            query = query.where(Section.id != exclude)
        if query.exists():
            raise ValidationError(
                tr(
                    "There is already a section “{name}” at that place.",
                    name=name,
                )
            )

    def create(
        self,
        name: str,
        parent: int | str | Section | None = None,
        *,
        slug: str | None = None,
        position: int | None = None,
        in_navigation: bool = True,
        description: str = "",
        partner: int | Partner | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> Section:
        """Add a section under `parent` (None: top level), last unless `position` is given."""
        name = self._check_name(name)
        parent_section = self.resolve(parent) if parent not in (None, "") else None
        parent_id = parent_section.id if parent_section else None
        if parent_section is not None and parent_section.parent_id is not None:
            raise ValidationError(
                tr(
                    "Sections have two levels, as the site's navigation, breadcrumbs and lists "
                    "show them: “{path}” is a subsection and cannot hold sections.",
                    path=self.tree().get(parent_section.id).path,
                )
            )
        self._check_name_free(name, parent_id)
        taken = self._sibling_slugs(parent_id)
        if slug:
            slug = validate_slug(slug)
            if slug in taken:
                raise ValidationError(
                    tr(
                        "The slug “{slug}” is already used by a sibling section.",
                        slug=slug,
                    )
                )
        else:
            slug = unique_slug(slugify(name), taken)
        with active_database().atomic():
            siblings = self._siblings(parent_id)
            if position is None or position >= len(siblings):
                position = len(siblings)
            section = Section.create(
                parent=parent_id,
                name=name,
                slug=slug,
                position=position,
                in_navigation=in_navigation,
                description=description,
                partner=partner,
                page_size=_check_page_size(page_size),
            )
            siblings.insert(position, section)
            self._renumber(siblings)
        return section

    def _siblings(self, parent_id: int | None, exclude: int | None = None) -> list[Section]:
        query = Section.select().where(
            Section.parent.is_null() if parent_id is None else Section.parent == parent_id
        )
        if exclude is not None:
            query = query.where(Section.id != exclude)
        return list(query.order_by(Section.position, Section.id))

    def _renumber(self, siblings: list[Section]) -> None:
        for index, section in enumerate(siblings):
            if section.position != index:
                Section.update(position=index).where(Section.id == section.id).execute()
                section.position = index

    def rename(self, section: int | str | Section, name: str, slug: str | None = None) -> Section:
        """Change a section's name and, if given, its slug (the slug does not follow the name
        by itself: published addresses stay)."""
        section = self.resolve(section)
        name = self._check_name(name)
        self._check_name_free(name, section.parent_id, exclude=section.id)
        section.name = name
        if slug is not None:
            self._set_slug(section, slug)
        section.save()
        return section

    def _set_slug(self, section: Section, slug: str) -> None:
        slug = validate_slug(slug)
        if slug in self._sibling_slugs(section.parent_id, exclude=section.id):
            raise ValidationError(
                tr(
                    "The slug “{slug}” is already used by a sibling section.",
                    slug=slug,
                )
            )
        section.slug = slug

    def update(self, section: int | str | Section, **fields) -> Section:
        """Change properties: name, slug, in_navigation, description, partner, page_size."""
        section = self.resolve(section)
        allowed = {"name", "slug", "in_navigation", "description", "partner", "page_size"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValidationError(
                tr(
                    "Unknown section fields: {unknown}.",
                    unknown=", ".join(sorted(unknown)),
                )
            )
        if "name" in fields:
            name = self._check_name(fields["name"])
            self._check_name_free(name, section.parent_id, exclude=section.id)
            section.name = name
        if "slug" in fields:
            self._set_slug(section, fields["slug"])
        if "in_navigation" in fields:
            section.in_navigation = bool(fields["in_navigation"])
        if "description" in fields:
            section.description = fields["description"] or ""
        if "partner" in fields:
            partner = fields["partner"]
            section.partner = partner.id if isinstance(partner, Partner) else partner
        if "page_size" in fields:
            section.page_size = _check_page_size(fields["page_size"])
        section.save()
        return section

    def move(
        self,
        section: int | str | Section,
        new_parent: int | str | Section | None,
        position: int | None = None,
    ) -> Section:
        """Put a section under another parent (None: top level) at `position`."""
        section = self.resolve(section)
        target = self.resolve(new_parent) if new_parent not in (None, "") else None
        tree = self.tree()
        if target is not None and target.id in tree.descendant_ids(section.id):
            raise ValidationError(
                tr(
                    "“{path}” cannot move under itself or its own subsection “{target}”.",
                    path=tree.get(section.id).path,
                    target=tree.get(target.id).path,
                )
            )
        target_id = target.id if target else None
        if target is not None and (target.parent_id is not None or tree.get(section.id).children):
            raise ValidationError(
                tr(
                    "Sections have two levels, as the site's navigation, breadcrumbs and lists "
                    "show them: “{path}” cannot go under “{target}”.",
                    path=tree.get(section.id).path,
                    target=tree.get(target.id).path,
                )
            )
        with active_database().atomic():
            if target_id != section.parent_id:
                self._check_name_free(section.name, target_id, exclude=section.id)
                if section.slug in self._sibling_slugs(target_id, exclude=section.id):
                    section.slug = unique_slug(section.slug, self._sibling_slugs(target_id))
            old_parent = section.parent_id
            siblings = self._siblings(target_id, exclude=section.id)
            if position is None or position > len(siblings):
                position = len(siblings)
            section.parent = target_id
            section.save()
            siblings.insert(max(0, position), section)
            self._renumber(siblings)
            if old_parent != target_id:
                self._renumber(self._siblings(old_parent))
        return section

    def reorder(self, parent: int | str | Section | None, ordered_ids: list[int]) -> None:
        """Set the order of a parent's children; ids not listed keep their order after them."""
        parent_id = self.resolve(parent).id if parent not in (None, "") else None
        siblings = self._siblings(parent_id)
        by_id = {s.id: s for s in siblings}
        unknown = [i for i in ordered_ids if i not in by_id]
        if unknown:
            raise ValidationError(
                tr(
                    "Sections {unknown} are not children of that parent.",
                    unknown=unknown,
                )
            )
        ordered = [by_id[i] for i in ordered_ids]
        ordered += [s for s in siblings if s.id not in set(ordered_ids)]
        with active_database().atomic():
            self._renumber(ordered)

    def delete(
        self, section: int | str | Section, move_articles_to: int | str | Section | None = None
    ) -> int:
        """Delete a section and its subsections; returns how many articles were moved.

        A section tree that still holds articles needs a target section for them.
        """
        section = self.resolve(section)
        tree = self.tree()
        doomed = tree.descendant_ids(section.id)
        count = Article.select().where(Article.section.in_(doomed)).count()
        target = None
        if count:
            if move_articles_to in (None, ""):
                raise ValidationError(
                    tr(
                        "“{path}” still holds {count} articles: choose a section to move them to.",
                        path=tree.get(section.id).path,
                        count=count,
                    )
                )
            target = self.resolve(move_articles_to)
            if target.id in doomed:
                raise ValidationError(
                    tr(
                        "The articles cannot move into a section being deleted.",
                    )
                )
        with active_database().atomic():
            if target is not None:
                Article.update(section=target.id).where(Article.section.in_(doomed)).execute()
            for section_id in reversed(doomed):  # children before parents
                Section.delete().where(Section.id == section_id).execute()
            self._renumber(self._siblings(section.parent_id))
        return count

    def article_counts(self, published_only: bool = False) -> dict[int, int]:
        """Articles per section (not including subsections), in one query."""
        query = Article.select(Article.section, fn.COUNT(Article.id).alias("n"))
        if published_only:
            query = query.where(Article.status == "published")
        return {row.section_id: row.n for row in query.group_by(Article.section).objects()}

    def ensure_unsorted(self) -> Section:
        """The 待分类 section that imports fall back to; created on first use."""
        existing = Section.get_or_none((Section.parent.is_null()) & (Section.slug == UNSORTED_SLUG))
        if existing is None:
            existing = Section.get_or_none(
                (Section.parent.is_null()) & (Section.name == UNSORTED_NAME)
            )
        return existing or self.create(UNSORTED_NAME, slug=UNSORTED_SLUG, in_navigation=False)


def public_tree(tree: SectionTree) -> SectionTree:
    """`tree` without 待分类 and what is under it: the holding place of imports no section
    matched is never public (no query: built from the nodes)."""
    hidden = {
        sid for root in tree.roots if is_unsorted(root) for sid in tree.descendant_ids(root.id)
    }
    if not hidden:
        return tree
    return SectionTree([node for node in tree.nodes.values() if node.id not in hidden])


def is_unsorted(section) -> bool:
    """Whether a section (row or node) is the top-level 待分类 of unmatched imports."""
    return section.parent_id is None and (
        section.slug == UNSORTED_SLUG or section.name == UNSORTED_NAME
    )


def _check_page_size(value) -> int:
    try:
        size = int(value)
    except (TypeError, ValueError):
        raise ValidationError(tr("The page size must be a whole number.")) from None
    if not 1 <= size <= 500:
        raise ValidationError(tr("The page size must be between 1 and 500."))
    return size
