"""The site's own settings: the organisation's name, logo and colours, set by staff in the admin."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kernel.models import TimeStamped
from kernel.validators import logo_validators

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Write the colour as # and six hexadecimal digits, e.g. #0b5563."))


class SiteSettings(TimeStamped):
    """One row (pk 1). Until staff save it, the PORTAL_ORGANISATION_NAME setting and the design's own colours
    apply; each field left empty keeps its default."""

    organisation_name = models.CharField(
        max_length=120,
        blank=True,
        help_text=_("Shown in page titles, the header and the footer. Empty: the name set for the server."),
    )
    logo = models.ImageField(
        upload_to="site/",
        blank=True,
        validators=logo_validators,
        help_text=_("Shown in the header beside the name. PNG, JPEG or WebP, at most 2 MB."),
    )
    brand_colour = models.CharField(
        max_length=7,
        blank=True,
        validators=[hex_colour],
        help_text=_(
            "Links, buttons and the current-page mark, e.g. #0b5563. It must be readable as text on the page "
            "backgrounds and under white button text (a contrast of at least 4.5:1). Empty: the design's teal."
        ),
    )
    brand_colour_strong = models.CharField(
        max_length=7,
        blank=True,
        validators=[hex_colour],
        help_text=_("Links under the pointer and the current page's name: a darker shade. Empty: derived from it."),
    )

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="site_settings_single_row")]

    def __str__(self) -> str:
        return str(_("Site settings"))


class SitePage(TimeStamped):
    """The site's own pages that staff write in the admin: the privacy notice, the contact page and the
    accessibility statement. Markdown, shown as sanitised HTML (kernel/markdown.py); linked in every footer."""

    class Key(models.TextChoices):
        PRIVACY = "privacy", _("Privacy notice")
        CONTACT = "contact", _("Contact")
        ACCESSIBILITY = "accessibility", _("Accessibility statement")

    key = models.CharField(max_length=20, choices=Key.choices, unique=True)
    title = models.CharField(max_length=200)
    body = models.TextField(help_text=_("Markdown. Rendered to sanitised HTML on the site."))

    class Meta:
        ordering = ["key"]
        verbose_name = _("site page")
        verbose_name_plural = _("site pages")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(f"page-{self.key}")
