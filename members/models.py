"""Organisations, the stakeholder houses they belong to, people and their affiliations."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from kernel.models import TimeStamped
from kernel.validators import logo_validators, photo_validators

from .querysets import (
    AffiliationQuerySet,
    HouseQuerySet,
    MembershipQuerySet,
    NewsletterSubscriptionQuerySet,
    OrganizationQuerySet,
    PersonQuerySet,
    SignInQuerySet,
)


class User(AbstractUser):
    """The login account. Swapped in before the first migration so it can grow without a data move."""

    # Every email to this person is written in it, whoever's action sent it (a member signing up in French hears
    # in French of what English-speaking staff decide). Set from the page's language at sign-up, changed in
    # the profile.
    language = models.CharField(
        _("language of emails"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"


class House(TimeStamped):
    """A stakeholder house. Data, not code: staff can change seats, votes and dues without a deploy."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    board_seats = models.PositiveSmallIntegerField(default=0)
    votes = models.BooleanField(default=True, help_text=_("Whether members of this house vote."))
    dues_apply = models.BooleanField(default=True, help_text=_("Whether members of this house pay dues."))
    private_profiles_by_default = models.BooleanField(
        default=False,
        help_text=_("People of member organisations in this house start with a non-public profile."),
    )
    order = models.PositiveSmallIntegerField(default=0)

    objects = HouseQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("members:organization-list") + f"?house={self.slug}"


class Organization(TimeStamped):
    class Type(models.TextChoices):
        UN_ENTITY = "un_entity", _("UN entity")
        INTERGOVERNMENTAL_FORUM = "intergovernmental_forum", _("Intergovernmental forum")
        REGIONAL_BODY = "regional_body", _("Regional body")
        GOVERNMENT_MINISTRY = "government_ministry", _("Government ministry")
        LEGISLATURE = "legislature", _("Legislature")
        MINING_COMPANY = "mining_company", _("Mining company")
        PURCHASING_COMPANY = "purchasing_company", _("Purchasing company")
        FINANCE = "finance", _("Finance")
        NGO = "ngo", _("NGO")
        COMMUNITY_ORGANISATION = "community_organisation", _("Community organisation")
        LABOUR_UNION = "labour_union", _("Labour union")
        MULTI_STAKEHOLDER_INITIATIVE = "multi_stakeholder_initiative", _("Multi-stakeholder initiative")
        INDUSTRY_ASSOCIATION = "industry_association", _("Industry association")
        AUDIT_FIRM = "audit_firm", _("Audit firm")
        ACADEMIC = "academic", _("Academic")
        OTHER = "other", _("Other")

    name = models.CharField(max_length=255)
    acronym = models.CharField(max_length=50, blank=True)
    slug = models.SlugField(max_length=255, unique=True)
    type = models.CharField(max_length=40, choices=Type.choices, default=Type.OTHER, db_index=True)
    country = CountryField(blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text=_("The body this one sits under, e.g. AMDC under UNECA."),
    )
    website = models.URLField(blank=True)
    contact_email = models.EmailField(
        blank=True,
        help_text=_(
            "Where notices for the organisation go: decisions on the sessions and publications it proposes. "
            "Never shown publicly."
        ),
    )
    # Notices to the organisation (to its contact address, not to a person with an account) are written in it.
    language = models.CharField(
        _("language of notices"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        db_default=settings.LANGUAGE_CODE,  # rows written by older code (and migrations) get it too
        help_text=_("The language of the emails sent to the organisation's contact address."),
    )
    logo = models.ImageField(
        upload_to="logos/", blank=True, validators=logo_validators, help_text=_("PNG, JPEG or WebP, at most 2 MB.")
    )
    description = models.TextField(blank=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="organization_not_own_parent"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def short_name(self) -> str:
        return self.acronym or self.name

    @property
    def meta_parts(self) -> list[str]:
        """What pages print under the name: its type (not "Other", which says nothing of it) and country."""
        parts = [] if self.type == self.Type.OTHER else [self.get_type_display()]
        return parts + ([self.country.name] if self.country else [])

    def get_absolute_url(self) -> str:
        return reverse("organization-detail", kwargs={"slug": self.slug})


class Membership(TimeStamped):
    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        PENDING = "pending", _("Pending")
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        LAPSED = "lapsed", _("Lapsed")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        REJECTED = "rejected", _("Rejected")

    class DuesBand(models.TextChoices):
        NONE = "none", _("No dues")
        A = "a", _("Band A")
        B = "b", _("Band B")
        C = "c", _("Band C")
        D = "d", _("Band D")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    house = models.ForeignKey(House, on_delete=models.PROTECT, related_name="memberships")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.APPLIED, db_index=True)
    applied_on = models.DateField(null=True, blank=True)
    started_on = models.DateField(null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True, help_text=_("End of the paid dues year."))
    ended_on = models.DateField(null=True, blank=True)
    dues_band = models.CharField(max_length=8, choices=DuesBand.choices, default=DuesBand.NONE)
    # Not listed until staff decide: some members (affected communities, organised labour) may not wish to be.
    publicly_listed = models.BooleanField(
        default=False, help_text=_("Shown in the public member directory. Members always see every member.")
    )
    statement = models.TextField(blank=True, help_text=_("The applicant's statement of intent."))
    contact_name = models.CharField(max_length=255, blank=True)
    contact_email = models.EmailField(blank=True, help_text=_("Where the applicant is told of each step."))
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="applications"
    )
    reminder_sent_for = models.DateField(
        null=True, blank=True, help_text=_("The expiry date a renewal reminder was last sent for.")
    )
    status_reason = models.TextField(blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organization__name", "house__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "house"],
                condition=Q(status="active"),
                name="membership_one_active_per_organization_and_house",
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(started_on__isnull=True) | Q(expires_on__gte=F("started_on")),
                name="membership_expires_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} in {self.house} ({self.get_status_display()})"


class Person(TimeStamped):
    honorific = models.CharField(max_length=50, blank=True)
    given_name = models.CharField(max_length=100, blank=True)
    # Required: a speaker may be known only by a family name ("Parliamentarian Nicolini").
    family_name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=200, unique=True)
    bio = models.TextField(blank=True)
    photo = models.ImageField(
        upload_to="people/", blank=True, validators=photo_validators, help_text=_("PNG, JPEG or WebP, at most 5 MB.")
    )
    website = models.URLField(blank=True, help_text=_("Their own website, shown on their public page."))
    profile_url = models.URLField(
        blank=True,
        help_text=_("A professional profile elsewhere (e.g. ORCID, LinkedIn), shown on their public page."),
    )
    public_profile = models.BooleanField(
        default=False, help_text=_("The person consents to a public profile page and API entry.")
    )
    consent_recorded_at = models.DateTimeField(null=True, blank=True)
    # Private contact points: shown in the admin only, never on the site or the API.
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=50, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.given_name, self.family_name) if part)

    def get_absolute_url(self) -> str:
        return reverse("person-detail", kwargs={"slug": self.slug})


class Affiliation(TimeStamped):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="affiliations")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="affiliations")
    title = models.CharField(max_length=255, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    # Explicit because sources often say "former" without dates ("Former Interim Director of AMDC").
    former = models.BooleanField(default=False)

    objects = AffiliationQuerySet.as_manager()

    class Meta:
        ordering = ["former", "-start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="affiliation_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        prefix = "Former " if self.former else ""
        title = f"{prefix}{self.title}, " if self.title else prefix
        return f"{self.person}: {title}{self.organization.short_name}"


class SignIn(models.Model):
    """One sign-in to an account, kept after it ends so that its owner can spot one that was not theirs.

    Sessions that are still open are allauth's (usersessions); this is the history, trimmed to the most recent
    few by the service that records it.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sign_ins")
    at = models.DateTimeField()
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=255, blank=True)
    new_device = models.BooleanField(
        default=False, help_text=_("The browser had not signed in to this account before.")
    )

    objects = SignInQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["user", "-at"], name="sign_in_user_recent")]

    def __str__(self) -> str:
        return f"{self.user} at {self.at:%Y-%m-%d %H:%M}"


class NewsletterSubscription(TimeStamped):
    """An address on the newsletter list, with the consent it gave: double opt-in, so it receives nothing
    until the owner follows the link sent to it (members.services.newsletter_subscribe)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting confirmation")
        CONFIRMED = "confirmed", _("Subscribed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    email = models.EmailField(unique=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True)
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default="en")
    consent_at = models.DateTimeField(help_text=_("When the address owner ticked the consent box."))
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    objects = NewsletterSubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("newsletter subscription")
        verbose_name_plural = _("newsletter subscriptions")

    def __str__(self) -> str:
        return self.email
