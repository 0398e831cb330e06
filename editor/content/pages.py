"""Static pages of the site (关于, 意见反馈, 联系我们)."""

from __future__ import annotations

from editor.content.slugs import validate_slug
from editor.errors import NotFoundError, ValidationError
from editor.i18n import tr
from editor.store.models import Page, now


class PageService:
    """Create, edit and list static pages."""

    def list(self) -> list[Page]:
        return list(Page.select().order_by(Page.position, Page.id))

    def get(self, slug: str) -> Page:
        page = Page.get_or_none(Page.slug == slug)
        if page is None:
            raise NotFoundError(tr("No page “{slug}”.", slug=slug))
        return page

    def save(
        self,
        slug: str,
        title: str,
        body: str,
        *,
        position: int | None = None,
        in_footer: bool = True,
    ) -> Page:
        """Create the page or replace its title and body."""
        slug = validate_slug(slug)
        title = (title or "").strip()
        if not title:
            raise ValidationError(tr("A page needs a title."))
        if len(title) > 200:
            raise ValidationError(tr("A page title can be at most 200 characters."))
        page = Page.get_or_none(Page.slug == slug) or Page(slug=slug)
        page.title = title
        page.body = body or ""
        page.in_footer = in_footer
        if position is not None:
            page.position = position
        elif page.id is None:
            page.position = Page.select().count()
        page.updated_at = now()
        page.save()
        return page

    def delete(self, slug: str) -> None:
        self.get(slug).delete_instance()
