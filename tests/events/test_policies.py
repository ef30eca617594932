"""events/policies.py: who sees which events, sessions, speakers and registrations, and who may register,
propose, edit and cancel."""

import datetime

import pytest
from django.utils import timezone

from events import policies
from events.models import Event, Participation, Registration, Session
from members.policies import viewer_for_user
from tests import factories

pytestmark = pytest.mark.django_db
E, SS = Event.Status, Session.Status


def visible(model, viewer):
    return set(model.objects.visible_to(viewer).values_list("pk", flat=True))


def test_events_by_status_and_audience(anonymous, member, staff):
    public = factories.EventFactory()
    cancelled = factories.EventFactory(status=E.CANCELLED)
    draft = factories.EventFactory(status=E.DRAFT)
    members_only = factories.EventFactory(visibility=Event.Visibility.MEMBERS)
    members_draft = factories.EventFactory(visibility=Event.Visibility.MEMBERS, status=E.DRAFT)
    assert visible(Event, anonymous) == {public.pk, cancelled.pk}
    assert visible(Event, member) == {public.pk, cancelled.pk, members_only.pk}
    assert visible(Event, staff) == {public.pk, cancelled.pk, draft.pk, members_only.pk, members_draft.pk}


def test_a_partner_also_sees_the_events_it_takes_part_in(partner_viewer):
    partner = factories.OrganizationFactory()
    hosted = factories.EventFactory(visibility=Event.Visibility.MEMBERS)
    factories.EventOrganizationFactory(event=hosted, organization=partner)
    co_organised = factories.EventFactory(visibility=Event.Visibility.MEMBERS)
    factories.SessionOrganizationFactory(session__event=co_organised, organization=partner)
    draft = factories.EventFactory(status=E.DRAFT)
    factories.EventOrganizationFactory(event=draft, organization=partner)
    other = factories.EventFactory(visibility=Event.Visibility.MEMBERS)
    seen = visible(Event, partner_viewer(partner, ["read"]))
    assert {hosted.pk, co_organised.pk} <= seen and draft.pk not in seen and other.pk not in seen


def test_sessions_scheduled_in_visible_events_and_a_partners_own(anonymous, staff, partner_viewer):
    event = factories.EventFactory()
    scheduled = factories.SessionFactory(event=event)
    statuses = {s: factories.SessionFactory(event=event, status=s) for s in (SS.PROPOSED, SS.REJECTED, SS.CANCELLED)}
    in_draft_event = factories.SessionFactory(event__status=E.DRAFT)
    partner = factories.OrganizationFactory()
    own = factories.SessionFactory(event=event, status=SS.PROPOSED, proposed_by=partner)
    assert visible(Session, anonymous) == {scheduled.pk}
    assert visible(Session, partner_viewer(partner, ["read"])) == {scheduled.pk, own.pk}
    assert visible(Session, staff) == {scheduled.pk, own.pk, in_draft_event.pk, *(s.pk for s in statuses.values())}


def test_participations_follow_their_session(anonymous):
    shown = factories.ParticipationFactory()
    hidden = factories.ParticipationFactory(session__status=SS.PROPOSED)
    assert visible(Participation, anonymous) == {shown.pk} and hidden.pk


def test_registrations_only_to_whoever_made_them(anonymous, staff, partner_viewer):
    event = factories.EventFactory()
    user = factories.UserFactory()
    own = factories.RegistrationFactory(event=event, user=user)
    partner_a, partner_b = factories.OrganizationFactory(), factories.OrganizationFactory()
    by_a = factories.RegistrationFactory(event=event, registered_by=partner_a, user=user)
    by_b = factories.RegistrationFactory(event=event, registered_by=partner_b)
    assert visible(Registration, anonymous) == set()
    assert visible(Registration, viewer_for_user(user)) == {own.pk}, "a delegate sees what they made, not a partner's"
    assert visible(Registration, partner_viewer(partner_a)) == {by_a.pk}
    assert visible(Registration, staff) == {own.pk, by_a.pk, by_b.pk}


def test_registration_is_open_only_for_published_future_events_and_sessions_with_seats():
    past = factories.EventFactory(
        starts_at=timezone.now() - datetime.timedelta(days=3), ends_at=timezone.now() - datetime.timedelta(days=2)
    )
    cases = {
        "cancelled": (factories.EventFactory(status=E.CANCELLED), None),
        "draft": (factories.EventFactory(status=E.DRAFT), None),
        "past": (past, None),
    }
    event = factories.EventFactory()
    cases["proposed session"] = (event, factories.SessionFactory(event=event, status=SS.PROPOSED, capacity=3))
    cases["no seats of its own"] = (event, factories.SessionFactory(event=event))
    cases["another event's session"] = (event, factories.SessionFactory(capacity=3))
    reasons = {name: policies.registration_is_open(e, s).reason for name, (e, s) in cases.items()}
    assert reasons == {
        "cancelled": "This event is cancelled.",
        "draft": "Registration is open only for published events.",
        "past": "This event is over.",
        "proposed session": "Registration is open only for scheduled sessions.",
        "no seats of its own": "This session has no seats of its own: register for the event instead.",
        "another event's session": "That session belongs to another event.",
    }
    assert policies.registration_is_open(event, factories.SessionFactory(event=event, capacity=1))


def test_who_may_register(anonymous, member, staff, partner_viewer):
    public = factories.EventFactory()
    members_only = factories.EventFactory(visibility=Event.Visibility.MEMBERS)
    partner = factories.OrganizationFactory()
    unverified = viewer_for_user(factories.UserFactory(email=""))
    assert policies.can_register(anonymous, public)
    assert policies.can_register(anonymous, members_only).reason.startswith("This event is for members only")
    assert policies.can_register(member, members_only) and policies.can_register(staff, members_only)
    assert (
        policies.can_register(unverified, public).reason == "Confirm your email address before registering for events."
    )
    assert policies.can_register(partner_viewer(partner, ["read"]), public).reason == (
        "This token does not carry the 'registrations:write' scope."
    )
    assert not policies.can_register(partner_viewer(partner), members_only)
    assert policies.can_register(partner_viewer(partner), public)


def test_who_may_cancel(anonymous, staff, partner_viewer):
    user = factories.UserFactory()
    partner = factories.OrganizationFactory()
    own = factories.RegistrationFactory(user=user)
    delegate = factories.RegistrationFactory(registered_by=partner)
    assert policies.can_cancel_registration(viewer_for_user(user), own)
    assert not policies.can_cancel_registration(anonymous, own)
    assert not policies.can_cancel_registration(viewer_for_user(user), delegate)
    assert policies.can_cancel_registration(partner_viewer(partner), delegate)
    assert not policies.can_cancel_registration(partner_viewer(partner, ["read"]), delegate)
    assert not policies.can_cancel_registration(partner_viewer(factories.OrganizationFactory()), delegate)
    assert policies.can_cancel_registration(staff, delegate)


def test_who_may_propose_and_edit_sessions(staff, partner_viewer):
    open_event = factories.EventFactory(accepts_partner_sessions=True)
    closed = factories.EventFactory()
    partner = factories.OrganizationFactory()
    writer, reader = partner_viewer(partner), partner_viewer(partner, ["read"])
    assert policies.can_propose_session(writer, open_event)
    assert policies.can_propose_session(writer, closed).reason == "This event does not accept partner sessions."
    assert (
        policies.can_propose_session(reader, open_event).reason
        == "Proposing sessions needs the 'sessions:write' scope."
    )
    own = factories.SessionOrganizationFactory(organization=partner).session
    other = factories.SessionFactory()
    assert policies.can_edit_session(writer, own) and not policies.can_edit_session(writer, other)
    assert not policies.can_edit_session(reader, own) and policies.can_edit_session(staff, other)


def test_an_event_is_under_way_between_its_start_and_its_end_unless_cancelled():
    now = timezone.now()
    hour = datetime.timedelta(hours=1)
    running = factories.EventFactory(starts_at=now - hour, ends_at=now + hour)
    cancelled = factories.EventFactory(starts_at=now - hour, ends_at=now + hour, status=Event.Status.CANCELLED)
    assert [policies.is_under_way(e, now=now) for e in (running, cancelled)] == [True, False]
    assert [policies.is_under_way(running, now=moment) for moment in (now - 2 * hour, now + hour)] == [False, False]
    assert [policies.has_ended(running.ends_at, now=moment) for moment in (now, now + 2 * hour)] == [False, True]
