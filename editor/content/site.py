"""Site settings (the one Site row)."""

from __future__ import annotations

from editor.errors import ValidationError
from editor.i18n import tr
from editor.store.models import Site

EDITABLE = (
    "name",
    "domain",
    "slogan",
    "base_url",
    "founded_year",
    "icp_number",
    "icp_url",
    "tech_support",
    "tech_support_url",
    "submission_email",
    "submission_contact",
    "rights_notice",
    "footer_links",
    "language",
    "templates_dir",
    "settings",
)


class SiteService:
    """Read and change the site settings."""

    def get(self) -> Site:
        site = Site.select().order_by(Site.id).first()
        return site if site is not None else Site.create()

    def update(self, **fields) -> Site:
        unknown = set(fields) - set(EDITABLE)
        if unknown:
            raise ValidationError(
                tr(
                    "Unknown site settings: {unknown}.",
                    unknown=", ".join(sorted(unknown)),
                )
            )
        site = self.get()
        if "founded_year" in fields and fields["founded_year"] not in (None, ""):
            try:
                fields["founded_year"] = int(fields["founded_year"])
            except (TypeError, ValueError):
                raise ValidationError(
                    tr("The founding year must be a year such as 2006.")
                ) from None
        elif "founded_year" in fields:
            fields["founded_year"] = None
        if "base_url" in fields and fields["base_url"]:
            base = fields["base_url"].strip()
            if not base.startswith(("http://", "https://")):
                raise ValidationError(tr("The base URL must start with http:// or https://."))
            fields["base_url"] = base.rstrip("/") + "/"
        if "footer_links" in fields:
            links = fields["footer_links"] or []
            for link in links:
                if not isinstance(link, dict) or not link.get("title"):
                    raise ValidationError(tr("Each footer link needs a title."))
        for key, value in fields.items():
            setattr(site, key, value if value is not None or key == "founded_year" else "")
        site.save()
        return site
