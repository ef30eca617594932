"""Writes for partners' webhooks: endpoints (register, change, delete, rotate the secret, disable), the deliveries
made for each event, the outcome of each attempt, and redeliveries.

Deliveries are rows first and tasks second, in one transaction: a delivery is never lost between the event and
the worker, and its task is never run for a row that rolled back. The attempts themselves run in the worker
(partners/webhook_tasks.py).
"""

from __future__ import annotations

import base64
import datetime
import secrets
import uuid
from itertools import groupby

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext, ngettext

from background.queue import enqueue_on_commit
from kernel.errors import Conflict, DomainError
from kernel.events import DomainEvent
from kernel.notifications import absolute_url, send_after_commit, utc_day_and_time
from kernel.viewer import Viewer
from members.models import Organization
from members.services import organization_notice_address

from . import policies
from .webhook_models import WebhookDelivery, WebhookEndpoint
from .webhook_transport import Outcome, check_url
from .webhooks import EVENT_TYPES, KINDS, render

SECRET_PREFIX = "whsec_"
# Endpoints per organisation: each one is a delivery per event, so a runaway integration cannot multiply them.
MAX_ENDPOINTS = 10
D = WebhookDelivery.Status


def _new_secret() -> str:
    """A Standard Webhooks secret: whsec_ and 32 random bytes in base64."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode("ascii")


def _clean_events(events) -> list[str]:
    if not isinstance(events, list | tuple) or not events:
        raise DomainError("Choose at least one event type.", field="events")
    unknown = sorted({str(e) for e in events} - set(EVENT_TYPES))
    if unknown:
        raise DomainError(f"Unknown event types: {', '.join(unknown)}.", field="events")
    return sorted(set(events))


def signing_secrets(endpoint: WebhookEndpoint, *, now: datetime.datetime | None = None) -> list[str]:
    """The secrets a delivery is signed with now: the current one, and the previous one during the overlap."""
    now = now or timezone.now()
    keys = [endpoint.secret]
    if endpoint.previous_secret and endpoint.previous_secret_expires_at and endpoint.previous_secret_expires_at > now:
        keys.append(endpoint.previous_secret)
    return keys


# --- endpoints ----------------------------------------------------------------------------------------


def webhook_endpoint_validate(endpoint: WebhookEndpoint) -> None:
    """Where it is and what it receives hold up: a safe URL (webhook_transport.check_url), known event types."""
    check_url(endpoint.url)
    _clean_events(endpoint.events)


def webhook_endpoint_create(
    *, by: Viewer, url: str, events: list[str], description: str = "", organization: Organization | None = None
) -> tuple[WebhookEndpoint, str]:
    """Register an endpoint; return it with its signing secret, which is shown this once."""
    policies.can_manage_webhooks(by).require()
    if by.is_partner:
        organization = Organization.objects.get(pk=by.partner_id)
    if organization is None:
        raise DomainError("Say which organisation the endpoint is for.", field="organization")
    events = _clean_events(events)
    check_url(url)
    if WebhookEndpoint.objects.filter(organization=organization).count() >= MAX_ENDPOINTS:
        raise Conflict(
            f"An organisation may register at most {MAX_ENDPOINTS} webhook endpoints: delete one first.", field="url"
        )
    secret = _new_secret()
    endpoint = WebhookEndpoint(
        organization=organization, url=url, events=events, description=description.strip(), secret=secret
    )
    with transaction.atomic():
        endpoint.full_clean()
        endpoint.save()
    return endpoint, secret


def webhook_endpoint_update(
    *,
    endpoint: WebhookEndpoint,
    by: Viewer,
    url: str | None = None,
    events: list[str] | None = None,
    description: str | None = None,
    enabled: bool | None = None,
) -> WebhookEndpoint:
    """Change where an endpoint is, what it receives, or switch it off and on again (enabling it again after it was
    disabled for failing deliveries: redeliver what it missed afterwards)."""
    policies.can_change_webhook_endpoint(by, endpoint).require()
    if url is not None:
        check_url(url)
    if events is not None:
        events = _clean_events(events)
    with transaction.atomic():
        locked = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
        if url is not None:
            locked.url = url
        if events is not None:
            locked.events = events
        if description is not None:
            locked.description = description.strip()
        if enabled is True and not locked.enabled:
            locked.enabled, locked.disabled_at, locked.disabled_reason = True, None, ""
        elif enabled is False and locked.enabled:
            locked.enabled, locked.disabled_at = False, timezone.now()
            locked.disabled_reason = f"Disabled by {by.actor or 'staff'}."
        locked.full_clean()
        locked.save()
    return locked


def webhook_endpoint_delete(*, endpoint: WebhookEndpoint, by: Viewer) -> None:
    """Delete an endpoint and its deliveries; attempts still waiting find nothing to send."""
    policies.can_change_webhook_endpoint(by, endpoint).require()
    with transaction.atomic():
        WebhookEndpoint.objects.filter(pk=endpoint.pk).delete()


def webhook_endpoint_rotate_secret(*, endpoint: WebhookEndpoint, by: Viewer) -> tuple[WebhookEndpoint, str]:
    """A new signing secret, shown this once. Deliveries carry signatures by both secrets for the overlap period
    (PORTAL_WEBHOOK_SECRET_OVERLAP), so receivers can switch without losing one."""
    policies.can_change_webhook_endpoint(by, endpoint).require()
    secret = _new_secret()
    with transaction.atomic():
        locked = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
        locked.previous_secret, locked.secret = locked.secret, secret
        locked.previous_secret_expires_at = timezone.now() + settings.PORTAL_WEBHOOK_SECRET_OVERLAP
        locked.save(update_fields=["previous_secret", "secret", "previous_secret_expires_at", "updated_at"])
    return locked, secret


def webhook_endpoint_disable(*, endpoint: WebhookEndpoint, reason: str | Promise, by: Viewer | None = None) -> bool:
    """Disable an endpoint whose deliveries keep failing and email its organisation, in its language; False if
    it already was. A `reason` the site writes itself is lazy: recorded in the site's language, told in the
    organisation's."""
    with translation.override(settings.LANGUAGE_CODE):
        recorded = str(reason)
    with transaction.atomic():
        locked = WebhookEndpoint.objects.select_for_update().select_related("organization").get(pk=endpoint.pk)
        if not locked.enabled:
            return False
        locked.enabled, locked.disabled_at, locked.disabled_reason = False, timezone.now(), recorded
        locked.save(update_fields=["enabled", "disabled_at", "disabled_reason", "updated_at"])
        detail = absolute_url(reverse("api:webhook-detail", kwargs={"pk": locked.pk}))
        with translation.override(locked.organization.language):
            values = {
                "url": locked.url,
                "org": locked.organization.name,
                "reason": str(reason),
                "detail": detail,
                "enable": '{"enabled": true}',
            }
            send_after_commit(
                to=organization_notice_address(organization=locked.organization),
                subject=gettext("Webhook endpoint disabled: %(url)s") % values,
                body=gettext(
                    "Deliveries to the webhook endpoint of %(org)s kept failing, so it is disabled and receives no "
                    "more events.\n\nEndpoint: %(url)s\n%(reason)s\n\n"
                    "Once the receiver works again, enable the endpoint (PATCH %(detail)s with %(enable)s) "
                    "and redeliver what it missed from its list of deliveries: %(detail)sdeliveries/\n"
                )
                % values,
            )
    return True


# --- deliveries -----------------------------------------------------------------------------------------


def _subscribed(event_type: str):
    endpoints = WebhookEndpoint.objects.filter(enabled=True).select_related("organization")
    # Endpoints are few (one or two per partner): their event lists are read here rather than queried as JSON,
    # which SQLite (make run) could not do.
    return [endpoint for endpoint in endpoints.order_by("organization_id", "pk") if event_type in endpoint.events]


def webhook_event_dispatch(*, event: DomainEvent) -> None:
    """A domain event happened (after its commit): make its deliveries in the worker, if anyone subscribed."""
    from .webhook_tasks import fan_out_webhook_event  # the tasks call these services: import at use

    if not _subscribed(event.type):
        return
    fan_out_webhook_event.enqueue(
        event_type=event.type,
        model_label=event.model_label,
        object_id=str(event.instance.pk),
        occurred_at=event.occurred_at.isoformat(),
    )


def webhook_deliveries_create(
    *, event_type: str, model_label: str, object_id: str, occurred_at: str
) -> list[WebhookDelivery]:
    """One delivery per enabled endpoint subscribed to `event_type`, for each organisation the domain policies let
    see the object; its payload is the object as that organisation's API shows it now."""
    from .webhook_tasks import deliver_webhook

    kind = KINDS[model_label]
    created = []
    with transaction.atomic():
        for organization, endpoints in groupby(_subscribed(event_type), key=lambda endpoint: endpoint.organization):
            data = render(kind, object_id, policies.viewer_for_organization(organization))
            if data is None:  # this organisation may not see it: it hears nothing
                continue
            payload = {"type": event_type, "timestamp": occurred_at, "data": data}
            for endpoint in endpoints:
                # The same event and endpoint always make the same webhook-id: a fan-out run twice (a worker
                # that died after its commit) adds nothing, and receivers can tell repeats by it.
                event_key = f"{event_type}|{model_label}|{object_id}|{occurred_at}|{endpoint.pk}"
                delivery, new = WebhookDelivery.objects.get_or_create(
                    message_id=f"msg_{uuid.uuid5(uuid.NAMESPACE_URL, event_key).hex}",
                    defaults={
                        "endpoint": endpoint,
                        "event_type": event_type,
                        "object_type": model_label,
                        "object_id": object_id,
                        "payload": payload,
                    },
                )
                if new:
                    enqueue_on_commit(deliver_webhook, delivery.pk, delivery.round)
                    created.append(delivery)
    return created


def webhook_delivery_to_attempt(*, delivery_id: int, round: int) -> WebhookDelivery | None:
    """The delivery an attempt should send, or None: gone (its endpoint deleted, or pruned), superseded by a
    redelivery, or its endpoint disabled meanwhile (then it is marked failed, not sent)."""
    delivery = (
        WebhookDelivery.objects.select_related("endpoint", "endpoint__organization")
        .filter(pk=delivery_id, round=round)
        .first()
    )
    if delivery is None:
        return None
    if not delivery.endpoint.enabled:
        WebhookDelivery.objects.filter(pk=delivery.pk, round=round).update(
            status=D.FAILED, error="Not sent: the endpoint is disabled."
        )
        return None
    return delivery


def webhook_delivery_record(*, delivery: WebhookDelivery, round: int, outcome: Outcome, final: bool) -> None:
    """Note how an attempt went: delivered, failed and retried later, or failed for good."""
    now = timezone.now()
    if outcome.ok:
        status, error, delivered_at = D.DELIVERED, "", now
    else:
        status, error, delivered_at = (D.FAILED if final else D.RETRYING), outcome.summary(), None
    WebhookDelivery.objects.filter(pk=delivery.pk, round=round).update(
        status=status,
        attempts=F("attempts") + 1,
        last_attempt_at=now,
        delivered_at=delivered_at,
        response_status_code=outcome.status_code,
        response_body=outcome.response_body,
        error=error,
    )


def webhook_delivery_give_up(*, delivery_id: int, round: int, error: str) -> None:
    """The last attempt failed: the delivery has failed, and its endpoint is disabled (its organisation emailed)."""
    delivery = WebhookDelivery.objects.select_related("endpoint").filter(pk=delivery_id, round=round).first()
    if delivery is None:
        return
    WebhookDelivery.objects.filter(pk=delivery.pk, round=round).update(status=D.FAILED)
    webhook_endpoint_disable(
        endpoint=delivery.endpoint,
        reason=_gave_up_reason(
            event_type=delivery.event_type,
            message_id=delivery.message_id,
            first=delivery.created_at,
            attempts=delivery.attempts,
            error=error,
        ),
    )


def _gave_up_reason_text(*, event_type: str, message_id, first: datetime.datetime, attempts: int, error: str) -> str:
    return ngettext(
        "The %(event_type)s delivery %(id)s failed at every attempt from %(first)s UTC on (%(attempts)d attempt). "
        "Last error: %(error)s",
        "The %(event_type)s delivery %(id)s failed at every attempt from %(first)s UTC on (%(attempts)d attempts). "
        "Last error: %(error)s",
        attempts,
    ) % {
        "event_type": event_type,
        "id": message_id,
        "first": utc_day_and_time(first),
        "attempts": attempts,
        "error": error,
    }


# Lazy, so that the record keeps it in the site's language and the organisation reads it in its own.
_gave_up_reason = lazy(_gave_up_reason_text, str)


def webhook_delivery_redeliver(*, delivery: WebhookDelivery, by: Viewer) -> WebhookDelivery:
    """Send a delivery again, from a first attempt, with the same webhook-id (receivers recognise a repeat)."""
    policies.can_change_webhook_endpoint(by, delivery.endpoint).require()
    from .webhook_tasks import deliver_webhook

    with transaction.atomic():
        locked = WebhookDelivery.objects.select_for_update(of=("self",)).select_related("endpoint").get(pk=delivery.pk)
        if not locked.endpoint.enabled:
            raise Conflict("The endpoint is disabled: enable it before redelivering.", field="endpoint")
        locked.round += 1
        locked.status, locked.attempts, locked.error = D.QUEUED, 0, ""
        locked.save(update_fields=["round", "status", "attempts", "error"])
        enqueue_on_commit(deliver_webhook, locked.pk, locked.round)
    return locked


def webhook_deliveries_prune(*, older_than: datetime.timedelta) -> int:
    """Forget deliveries older than `older_than` (their payloads may name registrants)."""
    with transaction.atomic():
        deleted, _by_model = WebhookDelivery.objects.filter(created_at__lt=timezone.now() - older_than).delete()
    return deleted
