"""Many people register at once for the last seats: confirmed never exceeds capacity and nobody is lost."""

import threading

import pytest
from django.db import connection, connections

from events import services
from events.models import Registration
from kernel.errors import DomainError
from kernel.viewer import Viewer
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 24
ANYONE = Viewer.anonymous()


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


def register(event, i, prefix="p"):
    return services.registration_create(by=ANYONE, event=event, name=f"{prefix}{i}", email=f"{prefix}{i}@example.org")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are the point: PostgreSQL only")
def test_last_seats_are_never_oversold(transactional_db):
    event = factories.EventFactory(capacity=5)
    factories.RegistrationFactory.create_batch(2, event=event)  # 3 seats left

    errors = race(lambda i: register(event, i))

    assert errors == []
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count(Registration.Status.CONFIRMED) == 5
    assert statuses.count(Registration.Status.WAITLISTED) == THREADS - 3
    assert len(statuses) == THREADS + 2, "everyone is either confirmed or waitlisted"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are the point: PostgreSQL only")
def test_simultaneous_cancellations_promote_exactly_as_many_from_the_waitlist(transactional_db):
    event = factories.EventFactory(capacity=4)
    confirmed = [register(event, i, "c") for i in range(4)]
    waiting = [register(event, i, "w") for i in range(6)]
    assert {r.status for r in waiting} == {Registration.Status.WAITLISTED}

    errors = race(lambda i: services.registration_cancel(registration=confirmed[i], by=None, by_link=True), n=4)

    assert errors == []
    by_email = dict(Registration.objects.filter(event=event).values_list("email", "status"))
    assert sum(1 for s in by_email.values() if s == Registration.Status.CONFIRMED) == 4
    assert [by_email[f"w{i}@example.org"] for i in range(6)] == ["confirmed"] * 4 + ["waitlisted"] * 2, (
        "the waitlist is promoted in order"
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are the point: PostgreSQL only")
def test_same_person_twice_at_once_is_registered_once(transactional_db):
    event = factories.EventFactory(capacity=10)
    errors = race(lambda i: register(event, 0, "same"), n=8)
    assert all(isinstance(e, DomainError) and e.status == 409 for e in errors) and len(errors) == 7
    assert Registration.objects.filter(event=event).count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are the point: PostgreSQL only")
def test_two_partners_and_the_site_race_for_the_last_seat(transactional_db):
    from partners.policies import viewer_for_token
    from partners.services import partner_token_create

    event = factories.EventFactory(capacity=1)
    viewers = [ANYONE] + [
        viewer_for_token(
            partner_token_create(
                organization=factories.OrganizationFactory(), name="t", scopes=["registrations:write"]
            )[0]
        )
        for _ in range(2)
    ]
    errors = race(
        lambda i: services.registration_create(by=viewers[i], event=event, name=f"P{i}", email=f"p{i}@example.org"),
        n=3,
    )
    assert errors == []
    statuses = sorted(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses == ["confirmed", "waitlisted", "waitlisted"]
