"""Domain events: a service says what happened ("session.approved"), and whoever subscribed hears of it once the
service's transaction has committed.

Services call `emit(...)` explicitly, inside or after their transaction; nothing is inferred from saves (no model
signals), so an event means what the service that emits it says it means. Subscribers are registered at start-up
by the apps above the domain apps (the partner webhooks, in `partners/apps.py`), which the domain apps must not
import: this module is how a service speaks to them without knowing them.

A subscriber receives a `DomainEvent` after the commit, never for a write that rolled back. One subscriber that
fails is logged and does not keep the others from hearing of the event, nor the service from succeeding.
"""

from __future__ import annotations

import datetime
import functools
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

# "<kind>.<what happened>", lower case: "session.approved", "registration.promoted".
EVENT_TYPE = re.compile(r"^[a-z][a-z_]*\.[a-z][a-z_]*$")


@dataclass(frozen=True)
class DomainEvent:
    type: str
    instance: models.Model
    occurred_at: datetime.datetime

    @property
    def model_label(self) -> str:
        return self.instance._meta.label


Subscriber = Callable[[DomainEvent], None]
_subscribers: list[Subscriber] = []


def subscribe(subscriber: Subscriber) -> None:
    """Hear of every event from now on (once, however often this is called with the same subscriber)."""
    if subscriber not in _subscribers:
        _subscribers.append(subscriber)


def unsubscribe(subscriber: Subscriber) -> None:
    if subscriber in _subscribers:
        _subscribers.remove(subscriber)


def emit(event_type: str, instance: models.Model, *, using: str | None = None) -> DomainEvent:
    """Tell the subscribers that `event_type` happened to `instance`, when the current transaction commits (at once
    outside a transaction). The time of the event is now, when the service decided it."""
    if not EVENT_TYPE.match(event_type):
        raise ValueError(f"An event type reads '<kind>.<what happened>', not {event_type!r}.")
    if instance.pk is None:
        raise ValueError("Events are about rows that exist: save the instance first.")
    event = DomainEvent(type=event_type, instance=instance, occurred_at=timezone.now())
    transaction.on_commit(functools.partial(_tell_subscribers, event), using=using)
    return event


def _tell_subscribers(event: DomainEvent) -> None:
    for subscriber in list(_subscribers):
        try:
            subscriber(event)
        except Exception:  # one broken subscriber must not silence the others, nor fail the committed write
            logger.exception("A subscriber to %s failed", event.type)
