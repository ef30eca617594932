"""Partner organisations' access to the API: their tokens, the log of their writes, idempotency records."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from events.models import Event
from members.models import Organization

# A token lives at least a day and at most two years; rotation keeps the old one alive this long at most.
TOKEN_MIN_DAYS, TOKEN_MAX_DAYS, TOKEN_DEFAULT_DAYS = 1, 730, 365
ROTATION_MAX_OVERLAP_DAYS = 30


class PartnerToken(models.Model):
    """An API credential that belongs to an organisation, not a person.

    Only a SHA-256 digest of the secret is stored; the short prefix identifies the token in lists and logs.
    Every token expires (1 to 730 days after issue). A token may be limited to named events: it still reads the
    public catalogue, but acts (sessions, registrations) only on those events (partners/policies.py).
    """

    class Scope(models.TextChoices):
        READ = "read", _("Read the catalogue")
        SESSIONS_WRITE = "sessions:write", _("Propose and edit its sessions")
        REGISTRATIONS_WRITE = "registrations:write", _("Register delegates")
        PUBLICATIONS_SUBMIT = "publications:submit", _("Submit publications for review")
        WEBHOOKS_MANAGE = "webhooks:manage", _("Manage its webhooks")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    scopes = models.JSONField(default=list)
    expires_at = models.DateTimeField()
    revoked = models.BooleanField(default=False)
    events = models.ManyToManyField(
        Event,
        blank=True,
        related_name="+",
        help_text=_("Leave empty for every event; otherwise it writes sessions and registrations of these only."),
    )
    rotated_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rotated_from",
        editable=False,
        help_text=_("The token issued to replace this one; this one works until its expiry."),
    )
    # Updated at most once a minute, so reads do not each turn into a write.
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "partner API token"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…) for {self.organization.short_name}"


class ApiWriteLog(models.Model):
    """Every write made through the partner API: who, with which token, what changed."""

    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="api_writes"
    )
    token = models.ForeignKey(PartnerToken, null=True, blank=True, on_delete=models.SET_NULL, related_name="writes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    changes = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type}#{self.object_id}"


class IdempotencyRecord(models.Model):
    """The stored answer to a POST sent with an Idempotency-Key, replayed when the same request comes again."""

    owner = models.CharField(max_length=64, help_text=_("token:<id> or user:<id>"))
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "key"], name="idempotency_key_once_per_owner")]

    def __str__(self) -> str:
        return f"{self.owner} {self.key}"


# The webhook models live in their own module; importing them here registers them with this app.
from .webhook_models import WebhookDelivery, WebhookEndpoint  # noqa: E402, F401
