"""Events, the sessions inside them, who organises them and who speaks."""

import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from kernel.models import TimeStamped, Topic
from members.models import Affiliation, Organization, Person

from .querysets import EventQuerySet, ParticipationQuerySet, RegistrationQuerySet, SessionQuerySet


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(value)s is not a known IANA time zone."), params={"value": value})


class EventSeries(TimeStamped):
    """A recurring gathering such as the IGF Annual General Meeting; each event is one edition."""

    name = models.CharField(max_length=255)
    acronym = models.CharField(max_length=50, blank=True)
    slug = models.SlugField(max_length=255, unique=True)
    convened_by = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="event_series"
    )
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "event series"

    def __str__(self) -> str:
        return self.acronym or self.name


class Event(TimeStamped):
    class Type(models.TextChoices):
        AGM = "agm", _("Annual general meeting")
        CONFERENCE = "conference", _("Conference")
        SIDE_SESSION = "side_session", _("Side session")
        WEBINAR = "webinar", _("Webinar")
        WORKSHOP = "workshop", _("Workshop")
        MEMBERS_MEETING = "members_meeting", _("Members' meeting")
        CONSULTATION = "consultation", _("Consultation")
        LAUNCH = "launch", _("Launch")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        MEMBERS = "members", _("Members only")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    series = models.ForeignKey(EventSeries, null=True, blank=True, on_delete=models.SET_NULL, related_name="events")
    edition = models.PositiveSmallIntegerField(null=True, blank=True, help_text=_("e.g. 21 for the 21st."))
    title = models.CharField(max_length=255)
    slug = models.SlugField(max_length=255, unique=True)
    theme = models.CharField(max_length=500, blank=True)
    summary = models.TextField(blank=True)
    description = models.TextField(blank=True)
    type = models.CharField(max_length=32, choices=Type.choices, db_index=True)
    format = models.CharField(max_length=16, choices=Format.choices, default=Format.IN_PERSON)
    venue = models.CharField(max_length=255, blank=True)
    room = models.CharField(max_length=255, blank=True)
    address = models.CharField(
        max_length=255, blank=True, help_text=_("The venue's street address, as registrants need it to find it.")
    )
    city = models.CharField(max_length=100, blank=True)
    country = CountryField(blank=True)
    online_url = models.URLField(
        blank=True,
        help_text=_("The join link of an online or hybrid event. Never shown publicly: sent to confirmed registrants."),
    )
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    timezone = models.CharField(max_length=64, default="UTC", validators=[validate_timezone])
    languages = models.JSONField(default=list, blank=True, help_text=_('Language codes, e.g. ["en", "fr"].'))
    interpretation = models.JSONField(
        default=list, blank=True, help_text=_("Languages with simultaneous interpretation.")
    )
    visibility = models.CharField(max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    capacity = models.PositiveIntegerField(null=True, blank=True, help_text=_("Empty means unlimited."))
    accepts_partner_sessions = models.BooleanField(default=False)
    registration_requires_approval = models.BooleanField(default=False)
    topics = models.ManyToManyField(Topic, blank=True, related_name="events")
    organizations = models.ManyToManyField(Organization, through="EventOrganization", related_name="events", blank=True)
    # Demo rows stand beside real ones: whatever is invented says so wherever it is shown (page, .ics, JSON-LD).
    invented = models.BooleanField(default=False, help_text=_("The whole event is invented for the demo."))
    dates_invented = models.BooleanField(default=False, help_text=_("Its dates and times are invented for the demo."))
    languages_invented = models.BooleanField(default=False, help_text=_("Its languages are invented for the demo."))

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:event-detail", kwargs={"slug": self.slug})

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def when_invented(self) -> bool:
        """Its dates are invented: on their own, or because the whole event is."""
        return self.invented or self.dates_invented

    @property
    def invented_facts(self) -> list[str]:
        """What is shown about the event but invented for the demo, in a reader's words."""
        facts = [(self.invented, _("the whole event")), (self.dates_invented, _("the dates and times"))]
        facts.append((self.languages_invented, _("the languages")))
        return [str(words) for flag, words in facts if flag]


class EventOrganization(models.Model):
    class Role(models.TextChoices):
        HOST = "host", _("Host")
        ORGANISER = "organiser", _("Organiser")
        CO_ORGANISER = "co_organiser", _("Co-organiser")
        PARTNER = "partner", _("Partner")
        SPONSOR = "sponsor", _("Sponsor")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="event_organizations")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="event_roles")
    role = models.CharField(max_length=16, choices=Role.choices)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "event organisation"
        constraints = [
            models.UniqueConstraint(fields=["event", "organization", "role"], name="event_organization_role_once"),
        ]

    def __str__(self) -> str:
        return f"{self.organization.short_name} ({self.get_role_display()})"


class Session(TimeStamped):
    class Type(models.TextChoices):
        PLENARY = "plenary", _("Plenary")
        PARTNER_SIDE_SESSION = "partner_side_session", _("Partner-led side session")
        PANEL = "panel", _("Panel")
        WORKSHOP = "workshop", _("Workshop")
        WEBINAR = "webinar", _("Webinar")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        SCHEDULED = "scheduled", _("Scheduled")
        REJECTED = "rejected", _("Rejected")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(max_length=255, help_text=_("The working title."))
    printed_title = models.CharField(
        max_length=255, blank=True, help_text=_("The title as the printed programme gives it, if it differs.")
    )
    slug = models.SlugField(max_length=255)
    type = models.CharField(max_length=32, choices=Type.choices, db_index=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SCHEDULED, db_index=True)
    summary = models.TextField(blank=True)
    description = models.TextField(blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    room = models.CharField(max_length=255, blank=True)
    capacity = models.PositiveIntegerField(null=True, blank=True, help_text=_("Empty means no own limit."))
    languages = models.JSONField(default=list, blank=True, help_text=_('Language codes, e.g. ["en", "fr"].'))
    interpretation = models.JSONField(
        default=list, blank=True, help_text=_("Languages with simultaneous interpretation.")
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="sessions")
    organizations = models.ManyToManyField(
        Organization, through="SessionOrganization", related_name="sessions", blank=True
    )
    proposed_by = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_sessions",
        help_text=_("The partner organisation that proposed this session through the API."),
    )
    invented = models.BooleanField(default=False, help_text=_("The whole session is invented for the demo."))
    time_invented = models.BooleanField(default=False, help_text=_("Its date and time are invented for the demo."))

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "slug"], name="session_slug_unique_per_event"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:session-detail", kwargs={"event_slug": self.event.slug, "slug": self.slug})

    @property
    def when_invented(self) -> bool:
        """A session's date is invented when its own time is, or the session, or its event's dates."""
        return self.time_invented or self.invented or self.event.when_invented

    @property
    def invented_facts(self) -> list[str]:
        facts = [(self.invented or self.event.invented, _("the whole session"))]
        facts.append((self.when_invented, _("the date and time")))
        return [str(words) for flag, words in facts if flag]


class SessionOrganization(models.Model):
    class Role(models.TextChoices):
        ORGANISER = "organiser", _("Organiser")
        CO_ORGANISER = "co_organiser", _("Co-organiser")
        CO_FACILITATOR = "co_facilitator", _("Co-facilitator")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="session_organizations")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="session_roles")
    role = models.CharField(max_length=16, choices=Role.choices)
    order = models.PositiveSmallIntegerField(default=0)
    # A partner named as co-organiser in another partner's proposal accepts before the session is shown.
    accepted = models.BooleanField(
        default=True, help_text=_("Whether the organisation has accepted to co-organise (named by a partner).")
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "session co-organiser"
        constraints = [
            models.UniqueConstraint(fields=["session", "organization", "role"], name="session_organization_role_once"),
        ]

    def __str__(self) -> str:
        return f"{self.organization.short_name} ({self.get_role_display()})"


class SessionOutput(TimeStamped):
    """What a session left behind: its slides, a recording, a written summary, or another link."""

    class Kind(models.TextChoices):
        SLIDES = "slides", _("Slides")
        RECORDING = "recording", _("Recording")
        SUMMARY = "summary", _("Summary")
        OTHER = "other", _("Other")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="outputs")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    title = models.CharField(max_length=255, blank=True, help_text=_("Empty: the kind is shown."))
    url = models.URLField(blank=True, help_text=_("Where it can be seen or downloaded."))
    text = models.TextField(blank=True, help_text=_("A summary written here rather than linked."))
    order = models.PositiveSmallIntegerField(default=0)
    invented = models.BooleanField(default=False, help_text=_("It is invented for the demo."))

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "session output"
        constraints = [
            models.CheckConstraint(condition=~Q(url="") | ~Q(text=""), name="session_output_has_link_or_text"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.title or str(self.get_kind_display())

    def clean(self) -> None:
        if not self.url and not self.text:
            raise ValidationError(_("Give a link or a text."))


class Participation(TimeStamped):
    class Role(models.TextChoices):
        OPENER = "opener", _("Opener")
        MODERATOR = "moderator", _("Moderator")
        SPEAKER = "speaker", _("Speaker")
        PANELLIST = "panellist", _("Panellist")
        DISCUSSANT = "discussant", _("Discussant")
        RAPPORTEUR = "rapporteur", _("Rapporteur")
        CLOSER = "closer", _("Closer")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(max_length=16, choices=Role.choices)
    order = models.PositiveSmallIntegerField(default=0)
    # The snapshot as printed on the day: titles change, the programme does not.
    printed_title = models.CharField(max_length=255, blank=True)
    printed_affiliation = models.CharField(max_length=255, blank=True)
    affiliation = models.ForeignKey(
        Affiliation, null=True, blank=True, on_delete=models.SET_NULL, related_name="participations"
    )

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person", "role"], name="participation_role_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()} at {self.session}"

    @property
    def printed_line(self) -> str:
        return ", ".join(part for part in (self.printed_title, self.printed_affiliation) if part)


class Registration(TimeStamped):
    """A seat at an event, or at one session of it when the session has its own capacity."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("Waitlisted")
        PENDING_APPROVAL = "pending_approval", _("Awaiting approval")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    session = models.ForeignKey(Session, null=True, blank=True, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(max_length=255)
    email = models.EmailField()
    organization_name = models.CharField(max_length=255, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    registered_by = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="delegate_registrations",
        help_text=_("The partner organisation that registered this delegate through the API."),
    )
    status = models.CharField(max_length=20, choices=Status.choices, db_index=True)
    # Every email to the registrant is written in it, unless they have an account (whose language wins): the
    # page's language when they register themselves, the one the partner gives (or the partner's own) otherwise.
    language = models.CharField(
        _("language of emails"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        db_default=settings.LANGUAGE_CODE,  # rows written by older code (and migrations) get it too
    )
    cancel_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    attended = models.BooleanField(default=False)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            # One live registration per address for the event as a whole, and one per session, per
            # registering party: people registering themselves share one space, each partner has its own, so
            # no party learns of another's registrations. Staff merge duplicates across parties.
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=Q(session__isnull=True, registered_by__isnull=True) & ~Q(status="cancelled"),
                name="registration_once_per_event",
            ),
            models.UniqueConstraint(
                fields=["session", "email"],
                condition=Q(session__isnull=False, registered_by__isnull=True) & ~Q(status="cancelled"),
                name="registration_once_per_session",
            ),
            models.UniqueConstraint(
                fields=["event", "email", "registered_by"],
                condition=Q(session__isnull=True, registered_by__isnull=False) & ~Q(status="cancelled"),
                name="registration_once_per_event_per_partner",
            ),
            models.UniqueConstraint(
                fields=["session", "email", "registered_by"],
                condition=Q(session__isnull=False, registered_by__isnull=False) & ~Q(status="cancelled"),
                name="registration_once_per_session_per_partner",
            ),
        ]

    def __str__(self) -> str:
        target = self.session or self.event
        return f"{self.name} <{self.email}> for {target} ({self.get_status_display()})"

    @property
    def target(self):
        """What the seat is for: the session, or the event as a whole."""
        return self.session or self.event

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED

    @property
    def is_waitlisted(self) -> bool:
        return self.status == self.Status.WAITLISTED

    @property
    def awaits_approval(self) -> bool:
        return self.status == self.Status.PENDING_APPROVAL
