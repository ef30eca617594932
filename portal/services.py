"""Writes of the site layer's own rows: the site settings (name, logo, colours)."""

from django.db import transaction
from django.utils.translation import gettext as _

from kernel.errors import DomainError
from kernel.viewer import Viewer

from . import policies, theme
from .models import SitePage, SiteSettings
from .site_pages import DEFAULT_PAGE_TRANSLATIONS, DEFAULT_PAGES

EDITABLE = ("organisation_name", "logo", "brand_colour", "brand_colour_strong")


def site_settings_validate(site_settings: SiteSettings) -> None:
    """Colours stay readable: the main colour as text on every page background and under white button text,
    the strong shade on the tint it is shown on."""
    brand, strong = site_settings.brand_colour, site_settings.brand_colour_strong
    if strong and not brand:
        raise DomainError(_("Choose the main colour first; the strong shade goes with it."), field="brand_colour")
    if not brand or not theme.hex_colour_like(brand) or (strong and not theme.hex_colour_like(strong)):
        return  # empty keeps the design's colours; a malformed value is the field validator's error
    ratio, background = theme.weakest_contrast(brand, theme.BACKGROUNDS)
    if ratio < theme.MINIMUM:
        raise DomainError(
            _("%(colour)s reaches only %(ratio).1f:1 against %(background)s; text needs 4.5:1. Choose a darker colour.")
            % {"colour": brand, "ratio": ratio, "background": background},
            field="brand_colour",
        )
    tint = theme.tint_of(brand)
    for name, colour in (("brand_colour", brand), ("brand_colour_strong", strong or theme.strong_of(brand))):
        ratio = theme.contrast(colour, tint)
        if ratio < theme.MINIMUM:
            raise DomainError(
                _("%(colour)s reaches only %(ratio).1f:1 on its light tint %(tint)s; text needs 4.5:1.")
                % {"colour": colour, "ratio": ratio, "tint": tint},
                field=name,
            )
    ratio, background = theme.weakest_contrast(strong or theme.strong_of(brand), theme.BACKGROUNDS)
    if ratio < theme.MINIMUM:
        raise DomainError(
            _("%(colour)s reaches only %(ratio).1f:1 against %(background)s; text needs 4.5:1.")
            % {"colour": strong, "ratio": ratio, "background": background},
            field="brand_colour_strong",
        )


def site_settings_save(*, site_settings: SiteSettings, by: Viewer) -> SiteSettings:
    """Staff set the organisation's name, logo and colours. Saving bumps the content version (kernel/content.py),
    so cached pages and the cached settings (portal/site.py) are renewed at once on every server."""
    policies.can_edit_site_settings(by).require()
    site_settings_validate(site_settings)
    with transaction.atomic():
        # The one row, created on the first save and updated in place after.
        row = SiteSettings.objects.select_for_update().filter(pk=1).first() or SiteSettings(pk=1)
        for name in EDITABLE:
            setattr(row, name, getattr(site_settings, name))
        row.full_clean(validate_unique=False)
        row.save()
    return row


def site_pages_ensure() -> None:
    """Create whichever of the privacy notice, contact page and accessibility statement is missing, and give a
    page still in its first English wording the same text in French and Spanish where none is written. A page
    staff rewrote keeps its languages as they are: a translation of the old wording would say something else."""
    with transaction.atomic():
        for key, (title, body) in DEFAULT_PAGES.items():
            page, _created = SitePage.objects.select_for_update().get_or_create(
                key=key, defaults={"title_en": title, "body_en": body}
            )
            if (page.title_en, page.body_en) != (title, body):
                continue
            changed = []
            for language, (translated_title, translated_body) in DEFAULT_PAGE_TRANSLATIONS[key].items():
                for name, text in (("title", translated_title), ("body", translated_body)):
                    if not getattr(page, f"{name}_{language}"):
                        setattr(page, f"{name}_{language}", text)
                        changed.append(f"{name}_{language}")
            if changed:
                page.save(update_fields=changed)
