"""Models shared by all three apps: the topic taxonomy and the timestamps every synced row carries."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .querysets import TopicQuerySet


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
