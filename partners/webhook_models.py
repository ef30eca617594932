"""Webhooks of partner organisations: the endpoints they register and each delivery made to one.

Kept apart from the token models (partners/models.py imports them, so Django finds them in this app).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from members.models import Organization


class WebhookEndpoint(models.Model):
    """An organisation's receiver of events, signed per Standard Webhooks with a secret of its own.

    The secret must be kept (not a digest, as for tokens): every delivery is signed with it. After a rotation the
    previous one still signs, beside the new one, until `previous_secret_expires_at`.
    """

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="webhook_endpoints")
    url = models.URLField(max_length=500)
    description = models.CharField(max_length=200, blank=True)
    events = models.JSONField(default=list, help_text=_("The event types sent to this endpoint."))
    secret = models.CharField(max_length=100, editable=False)
    previous_secret = models.CharField(max_length=100, blank=True, editable=False)
    previous_secret_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    enabled = models.BooleanField(default=True)
    disabled_at = models.DateTimeField(null=True, blank=True, editable=False)
    disabled_reason = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("webhook endpoint")

    def __str__(self) -> str:
        return f"{self.url} ({self.organization.short_name})"


class WebhookDelivery(models.Model):
    """One event sent to one endpoint: the payload as the organisation's API showed the object at the time, and
    how the attempts went. A redelivery starts a new round of attempts under the same `webhook-id`."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RETRYING = "retrying", _("Failed, tried again later")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    message_id = models.CharField(max_length=40, unique=True, help_text=_("The webhook-id header."))
    event_type = models.CharField(max_length=64, db_index=True)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    payload = models.JSONField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    # Each redelivery starts a new round; attempts left over from an earlier round stop when they see it.
    round = models.PositiveIntegerField(default=1)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    response_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.TextField(blank=True, help_text=_("The start of the receiver's last answer."))
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        indexes = [models.Index(fields=["endpoint", "-created_at"], name="webhook_delivery_recent")]

    def __str__(self) -> str:
        return f"{self.event_type} → {self.endpoint.url}"
