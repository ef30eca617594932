"""What the events services say happened (kernel.events), for the partners' webhooks: one event per decision or
change, after the commit."""

import datetime

import pytest

from events import services
from events.models import Registration, Session
from kernel.errors import NotPermitted
from tests import factories

pytestmark = pytest.mark.django_db
R = Registration.Status
HOUR = datetime.timedelta(hours=1)


def test_session_proposal_decisions_and_changes(
    partner_viewer, staff, heard_events, django_capture_on_commit_callbacks
):
    event = factories.EventFactory(accepts_partner_sessions=True)
    unep = partner_viewer(factories.OrganizationFactory())
    with django_capture_on_commit_callbacks(execute=True):
        kept = services.session_propose(
            event=event, by=unep, title="Kept", starts_at=event.starts_at, ends_at=event.starts_at + HOUR
        )
        refused = services.session_propose(
            event=event, by=unep, title="Refused", starts_at=event.starts_at, ends_at=event.starts_at + HOUR
        )
    assert heard_events == [], "a proposal is the partner's own doing: nothing to announce"
    with django_capture_on_commit_callbacks(execute=True):
        services.session_approve(session=kept, by=staff)
        services.session_reject(session=refused, by=staff, reason="The programme is full.")
        services.session_update(session=kept, by=unep, room="Room XII")
        services.session_set_speakers(
            session=kept,
            by=unep,
            speakers=[services.SpeakerSpec(role="speaker", new_person=services.NewPerson("Hill"))],
        )
        services.session_cancel(session=kept, by=staff)
    assert heard_events == [
        ("session.approved", "events.Session", kept.pk),
        ("session.rejected", "events.Session", refused.pk),
        ("session.changed", "events.Session", kept.pk),
        ("session.changed", "events.Session", kept.pk),
        ("session.changed", "events.Session", kept.pk),
    ]


def test_staff_edits_of_events_and_sessions_are_changes(staff, heard_events, django_capture_on_commit_callbacks):
    event = factories.EventFactory(status="draft")
    with django_capture_on_commit_callbacks(execute=True):
        session = services.session_save(
            session=Session(event=event, title="New", type="panel", starts_at=event.starts_at, ends_at=event.ends_at),
            by=staff,
        )
        event.title = "Renamed"
        services.event_save(event=event, by=staff)
        services.event_publish(event=event, by=staff)
        session.room = "Room XX"
        services.session_save(session=session, by=staff)
    assert heard_events == [
        ("event.changed", "events.Event", event.pk),
        ("event.changed", "events.Event", event.pk),
        ("session.changed", "events.Session", session.pk),
    ]


def test_registrations_confirmed_waitlisted_promoted_cancelled(
    anonymous, staff, heard_events, django_capture_on_commit_callbacks
):
    event = factories.EventFactory(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        seated = services.registration_create(by=anonymous, event=event, name="A", email="a@example.org")
        waiting = services.registration_create(by=anonymous, event=event, name="B", email="b@example.org")
        services.registration_cancel(registration=seated, by=staff)
    assert heard_events == [
        ("registration.confirmed", "events.Registration", seated.pk),
        ("registration.waitlisted", "events.Registration", waiting.pk),
        ("registration.cancelled", "events.Registration", seated.pk),
        ("registration.promoted", "events.Registration", waiting.pk),
    ]


def test_a_pending_registration_is_announced_once_decided(
    anonymous, staff, heard_events, django_capture_on_commit_callbacks
):
    event = factories.EventFactory(capacity=5, registration_requires_approval=True)
    with django_capture_on_commit_callbacks(execute=True):
        pending = services.registration_create(by=anonymous, event=event, name="A", email="a@example.org")
        assert pending.status == R.PENDING_APPROVAL
        services.registration_approve(registration=pending, by=staff)
    assert heard_events == [("registration.confirmed", "events.Registration", pending.pk)]


def test_nothing_is_announced_for_a_refused_write(partner_viewer, heard_events, django_capture_on_commit_callbacks):
    session = factories.SessionFactory()
    stranger = partner_viewer(factories.OrganizationFactory())
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(NotPermitted):
        services.session_update(session=session, by=stranger, room="Mine now")
    assert heard_events == []
