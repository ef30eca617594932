"""The worker's part of webhooks: turning an event into deliveries, each delivery's attempts with retries, and
forgetting old deliveries. Tasks call the webhook services like any other surface."""

import datetime
import json

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from background.retry import Backoff, retrying_task

from . import webhook_services as services
from .webhook_transport import post, signature

# The first retry within a minute, then doubling up to every three hours: 18 attempts over about 28 hours, so a
# receiver down for a whole day still gets every event (even with the delays' jitter all one way).
WEBHOOK_BACKOFF = Backoff(first=datetime.timedelta(seconds=30), cap=datetime.timedelta(hours=3), max_attempts=18)


class DeliveryFailed(Exception):
    """The receiver did not take the delivery (no answer in time, an error, or an answer other than 2xx)."""


def _gave_up(error, delivery_id: int, round: int, **kwargs) -> None:
    services.webhook_delivery_give_up(delivery_id=delivery_id, round=round, error=str(error))


@retrying_task(backoff=WEBHOOK_BACKOFF, on_give_up=_gave_up, queue_name="webhooks")
def deliver_webhook(delivery_id: int, round: int, *, attempt: int) -> dict:
    """One attempt at one delivery: signed now (a receiver refuses old timestamps), sent, and its outcome noted."""
    delivery = services.webhook_delivery_to_attempt(delivery_id=delivery_id, round=round)
    if delivery is None:
        return {"sent": False}
    endpoint = delivery.endpoint
    body = json.dumps(delivery.payload, separators=(",", ":"), ensure_ascii=False)
    now = timezone.now().replace(microsecond=0)
    headers = {
        "webhook-id": delivery.message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": signature(
            secrets=services.signing_secrets(endpoint, now=now),
            message_id=delivery.message_id,
            timestamp=now,
            body=body,
        ),
    }
    outcome = post(endpoint.url, body=body, headers=headers, timeout=settings.PORTAL_WEBHOOK_TIMEOUT)
    services.webhook_delivery_record(
        delivery=delivery, round=round, outcome=outcome, final=attempt >= WEBHOOK_BACKOFF.max_attempts
    )
    if not outcome.ok:
        raise DeliveryFailed(outcome.summary())
    return {"sent": True, "status_code": outcome.status_code}


@task(queue_name="webhooks")
def fan_out_webhook_event(*, event_type: str, model_label: str, object_id: str, occurred_at: str) -> dict:
    """One delivery per subscribed endpoint of each organisation allowed to see the object."""
    deliveries = services.webhook_deliveries_create(
        event_type=event_type, model_label=model_label, object_id=object_id, occurred_at=occurred_at
    )
    return {"deliveries": len(deliveries)}


@task()
def prune_webhook_deliveries() -> dict:
    keep = datetime.timedelta(days=settings.PORTAL_WEBHOOK_DELIVERIES_KEEP_DAYS)
    return {"deleted": services.webhook_deliveries_prune(older_than=keep)}
