"""Publications: news posts, reports, briefs and the like, with who made them and where they launched."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from events.models import Event, Session
from kernel.models import TimeStamped, Topic
from kernel.storage import private_storage
from kernel.translated import active_language
from kernel.validators import document_validators
from members.models import Organization, Person

from .querysets import PublicationQuerySet


class Publication(TimeStamped):
    class Type(models.TextChoices):
        NEWS_POST = "news_post", _("News post")
        REPORT = "report", _("Report")
        BRIEF = "brief", _("Brief")
        PRESS_RELEASE = "press_release", _("Press release")
        STANDARD = "standard", _("Standard")
        GUIDANCE = "guidance", _("Guidance")
        STATEMENT = "statement", _("Statement")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Release(models.TextChoices):
        """When a published publication goes public: at once, or under embargo until a time."""

        ON_PUBLISHING = "on_publishing", _("When published")
        AT_TIME = "at_time", _("At a set time")
        AT_LAUNCH = "at_launch", _("When its launch session starts")

    title = models.CharField(max_length=500)
    slug = models.SlugField(max_length=255, unique=True)
    type = models.CharField(max_length=20, choices=Type.choices, db_index=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True, help_text=_("Markdown. Rendered to sanitised HTML on the site."))
    published_on = models.DateField(null=True, blank=True, db_index=True)
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default="en")
    translation_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="translations"
    )
    file = models.FileField(
        upload_to="publications/",
        storage=private_storage,
        blank=True,
        validators=document_validators,
        help_text=_("PDF, office documents, EPUB, CSV, text or ZIP, at most 50 MB."),
    )
    external_url = models.URLField(blank=True, max_length=500)
    # A publisher's home page is not "the source" of an item: the page says which of the two the link opens.
    external_url_opens = models.CharField(
        max_length=10,
        choices=[("item", _("The publication itself")), ("publisher", _("The publisher's website"))],
        default="item",
        help_text=_("What the external address opens: the publication itself, or only its publisher's website."),
    )
    featured = models.BooleanField(default=False)
    members_only = models.BooleanField(
        default=False, help_text=_("Shown only to signed-in people of active member organisations.")
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="publications")
    related_events = models.ManyToManyField(Event, blank=True, related_name="publications")
    related_sessions = models.ManyToManyField(Session, blank=True, related_name="publications")
    launched_at = models.ForeignKey(
        Session, null=True, blank=True, on_delete=models.SET_NULL, related_name="launched_publications"
    )
    organizations = models.ManyToManyField(
        Organization, through="PublicationOrganization", related_name="publications", blank=True
    )
    people = models.ManyToManyField(Person, through="PublicationPerson", related_name="publications", blank=True)
    submitted_by = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submitted_publications",
        help_text=_("The partner organisation that submitted this publication for review."),
    )
    review_note = models.TextField(blank=True)
    # Demo rows stand beside real ones: whatever is invented says so wherever it is shown (page, feed, JSON-LD).
    invented = models.BooleanField(default=False, help_text=_("The whole publication is invented for the demo."))
    date_invented = models.BooleanField(default=False, help_text=_("Its publication date is invented for the demo."))
    language_invented = models.BooleanField(default=False, help_text=_("Its language is invented for the demo."))
    release = models.CharField(
        max_length=16,
        choices=Release.choices,
        default=Release.ON_PUBLISHING,
        help_text=_(
            "Under embargo, a published publication is seen only by staff and its contributors until its release."
        ),
    )
    release_at = models.DateTimeField(null=True, blank=True, help_text=_("The set time, for a release at a set time."))
    # When it went public (its release, or its publishing when not under embargo); empty while under embargo.
    released_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_on__isnull=False),
                name="publication_published_has_date",
            ),
            models.CheckConstraint(
                condition=Q(translation_of__isnull=True) | ~Q(translation_of=models.F("pk")),
                name="publication_not_own_translation",
            ),
            models.CheckConstraint(
                condition=~Q(release="at_time") | Q(release_at__isnull=False),
                name="publication_release_at_time_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def when_invented(self) -> bool:
        """Its date is invented: on its own, or because the whole publication is."""
        return self.invented or self.date_invented

    @property
    def invented_facts(self) -> list[str]:
        """What is shown about the publication but invented for the demo, in a reader's words."""
        facts = [(self.invented, _("the whole publication")), (self.date_invented, _("the publication date"))]
        facts.append((self.language_invented, _("the language")))
        return [str(words) for flag, words in facts if flag]

    @property
    def release_time(self):
        """The time its embargo names (a set time, or its launch session's start), if it has one."""
        if self.release == self.Release.AT_TIME:
            return self.release_at
        if self.release == self.Release.AT_LAUNCH and self.launched_at_id is not None:
            return self.launched_at.starts_at
        return None

    @property
    def body_translated(self) -> bool:
        """Whether the text shown is a translation into the page's language (the site's own, not the publisher's):
        the page says so."""
        language = active_language()
        return language != self.language and bool(getattr(self, f"body_{language}", ""))

    def get_download_url(self) -> str:
        return reverse("publications:publication-download", kwargs={"slug": self.slug})

    def get_absolute_url(self) -> str:
        if self.type == self.Type.NEWS_POST:
            return reverse("publications:news-detail", kwargs={"slug": self.slug})
        return reverse("publications:publication-detail", kwargs={"slug": self.slug})


class PublicationOrganization(models.Model):
    class Role(models.TextChoices):
        PUBLISHER = "publisher", _("Publisher")
        AUTHOR = "author", _("Author")
        CONTRIBUTOR = "contributor", _("Contributor")
        LAUNCHER = "launcher", _("Launched it")

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="publication_organizations")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="publication_roles")
    role = models.CharField(max_length=16, choices=Role.choices)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "contributing organisation"
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "organization", "role"], name="publication_organization_role_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization.short_name} ({self.get_role_display()})"


class PublicationPerson(models.Model):
    class Role(models.TextChoices):
        AUTHOR = "author", _("Author")
        CONTRIBUTOR = "contributor", _("Contributor")
        # Who launched or presented it (at `Publication.launched_at`, or a related session): shown on the
        # publication's page and on theirs.
        LAUNCHER = "launcher", _("Launched it")
        PRESENTER = "presenter", _("Presented it")

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="publication_people")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="publication_roles")
    role = models.CharField(max_length=16, choices=Role.choices)
    # As the publication prints it, like a speaker's affiliation on the programme: it stays true to the document
    # when the person later moves on.
    printed_affiliation = models.CharField(
        max_length=255, blank=True, help_text=_("Their organisation as the publication prints it.")
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "contributing person"
        constraints = [
            models.UniqueConstraint(fields=["publication", "person", "role"], name="publication_person_role_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"
