"""Many people register at once for the last seats: confirmed never exceeds capacity and nobody is lost."""

import threading

import pytest
from django.db import connection, connections

from events import services
from events.models import Registration
from portal.errors import DomainError
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 24


def race(target, n=THREADS):
    barrier = threading.Barrier(n)
    errors: list[BaseException] = []

    def run(i):
        try:
            barrier.wait()
            target(i)
        except BaseException as exc:  # collected and asserted on below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return errors


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are the point: PostgreSQL only")
def test_last_seats_are_never_oversold(transactional_db):
    event = factories.EventFactory(capacity=5)
    factories.RegistrationFactory.create_batch(2, event=event)  # 3 seats left

    errors = race(lambda i: services.registration_create(event=event, name=f"P{i}", email=f"p{i}@example.org"))

    assert errors == []
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count("confirmed") == 5
    assert statuses.count("waitlisted") == THREADS - 3
    assert len(statuses) == THREADS + 2, "everyone is either confirmed or waitlisted"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are the point: PostgreSQL only")
def test_simultaneous_cancellations_promote_exactly_as_many_from_the_waitlist(transactional_db):
    event = factories.EventFactory(capacity=4)
    confirmed = [services.registration_create(event=event, name=f"C{i}", email=f"c{i}@example.org") for i in range(4)]
    waiting = [services.registration_create(event=event, name=f"W{i}", email=f"w{i}@example.org") for i in range(6)]
    assert {r.status for r in waiting} == {"waitlisted"}

    errors = race(lambda i: services.registration_cancel(registration=confirmed[i]), n=4)

    assert errors == []
    by_email = dict(Registration.objects.filter(event=event).values_list("email", "status"))
    assert sum(1 for s in by_email.values() if s == "confirmed") == 4
    assert [by_email[f"w{i}@example.org"] for i in range(6)] == ["confirmed"] * 4 + ["waitlisted"] * 2, (
        "the waitlist is promoted in order"
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are the point: PostgreSQL only")
def test_same_person_twice_at_once_is_registered_once(transactional_db):
    event = factories.EventFactory(capacity=10)
    errors = race(lambda i: services.registration_create(event=event, name="Same", email="same@example.org"), n=8)
    assert all(isinstance(e, DomainError) and e.status == 409 for e in errors) and len(errors) == 7
    assert Registration.objects.filter(event=event).count() == 1
