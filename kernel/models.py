"""Models every app shares: time stamps, the topic taxonomy, content versions and the record of transitions."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .querysets import StatusChangeQuerySet, TopicQuerySet


class TimeStamped(models.Model):
    # `updated_at` is what partners sync on (`updated_since`), so every catalogue row carries it.
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        abstract = True


class Topic(TimeStamped):
    class Kind(models.TextChoices):
        THEME = "theme", _("Theme")
        POLICY_INSTRUMENT = "policy_instrument", _("Policy instrument")

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=32, choices=Kind.choices, default=Kind.THEME)
    # Policy instruments are cited by identifier exactly as written ("UNEA 6/5", "ILO 169").
    identifier = models.CharField(max_length=100, blank=True)
    description = models.TextField(blank=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.identifier})" if self.identifier else self.name

    def get_absolute_url(self) -> str:
        return reverse("topic-detail", kwargs={"slug": self.slug})


class ContentVersion(models.Model):
    """One row whose number goes up whenever public content changes: the key of every cached page.

    Kept in the database (not the cache) so that all app servers see a change at once whatever cache each
    uses, at the cost of one primary-key read per cached page.
    """

    version = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"content version {self.version}"


class StatusChange(models.Model):
    """One step of a lifecycle: which row, from which state to which, who did it, when and why.

    Written only by `kernel.lifecycle` when a service performs a transition; shown in the admin.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    subject = GenericForeignKey("content_type", "object_id")
    transition = models.CharField(max_length=64)
    from_state = models.CharField(max_length=32, blank=True)
    to_state = models.CharField(max_length=32)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Who acted, in words that survive the user's deletion: a username, a partner's token, "system".
    actor = models.CharField(max_length=255, blank=True)
    reason = models.TextField(blank=True)
    changed_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = StatusChangeQuerySet.as_manager()

    class Meta:
        ordering = ["changed_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="statuschange_subject")]
        verbose_name = _("status change")

    def __str__(self) -> str:
        return f"{self.from_state or '∅'} → {self.to_state}"


class ChangeRecord(models.Model):
    """One write to a catalogue row that partners sync (an event, a session, a person...): what a changes feed
    reads to tell a partner what changed and what became invisible to it.

    Written only by `kernel.changes`. `audience` is the widest audience the row had around the write (before
    or after it): a tombstone is shown only to viewers of an audience that could have seen the row.
    """

    class Audience(models.TextChoices):
        PUBLIC = "public", _("Everyone")
        MEMBERS = "members", _("Members")
        RESTRICTED = "restricted", _("Staff and the organisations involved")

    kind = models.CharField(max_length=32)
    object_id = models.BigIntegerField()
    created = models.BooleanField(default=False)
    deleted = models.BooleanField(default=False)
    audience = models.CharField(max_length=16, choices=Audience.choices)
    changed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["kind", "object_id"], name="changerecord_subject")]

    def __str__(self) -> str:
        return f"{self.kind}#{self.object_id} at {self.changed_at:%Y-%m-%d %H:%M:%S}"
