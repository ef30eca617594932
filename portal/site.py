"""The organisation's name, logo and colours as every page shows them, read once per content version.

The site settings row changes rarely and is shown on every page, so it is cached under the content version
(kernel/content.py): saving it bumps the version, so every server reads it afresh on its next page, whatever
cache it uses. The version is read first and the row after, so an entry never holds older settings than its
version. The page cache (portal/cache.py) hands over the version it has already read.

The last identity read is also kept under a fixed key for the 500 page, which must not touch the database.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext

from kernel.content import current_version

from . import theme

LATEST_KEY = "site-identity:latest"
# Entries of past versions are never read again: let them go after a day.
TIMEOUT = 24 * 60 * 60


@dataclass(frozen=True)
class SiteIdentity:
    chosen_name: str = ""
    logo_url: str = ""
    colours: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        """Staff's choice, else the server's setting, else a neutral description in the visitor's language."""
        return (
            self.chosen_name
            or getattr(settings, "PORTAL_ORGANISATION_NAME", "")
            or gettext("Responsible mining portal")
        )

    @property
    def css(self) -> str:
        """`:root { ... }` overriding the design's brand colours, or "" (the values are validated hex colours)."""
        if not self.colours:
            return ""
        return ":root { " + " ".join(f"{name}: {value};" for name, value in self.colours.items()) + " }"


def _from_row(row) -> SiteIdentity:
    if row is None:
        return SiteIdentity()
    return SiteIdentity(
        chosen_name=row.organisation_name.strip(),
        logo_url=row.logo.url if row.logo else "",
        colours=theme.custom_properties(row.brand_colour, row.brand_colour_strong),
    )


def site_identity(version: int | None = None) -> SiteIdentity:
    from .models import SiteSettings

    version = current_version() if version is None else version
    key = f"site-identity:{version}"
    identity = cache.get(key)
    if identity is None:
        identity = _from_row(SiteSettings.objects.filter(pk=1).first())
        cache.set(key, identity, TIMEOUT)
        cache.set(LATEST_KEY, identity, None)
    return identity


def last_known_identity() -> SiteIdentity:
    """For pages that must not touch the database (the 500 page): the last identity read, or the defaults."""
    try:
        return cache.get(LATEST_KEY) or SiteIdentity()
    except Exception:
        return SiteIdentity()
