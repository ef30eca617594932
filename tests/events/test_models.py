"""Each database constraint of the events app refuses what it should, on the database itself."""

import pytest
from django.db import IntegrityError, transaction

from events.models import Participation, Registration
from tests import factories

pytestmark = pytest.mark.django_db


def refused(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_event_slugs_are_unique_and_session_slugs_unique_within_an_event():
    event = factories.EventFactory()
    refused(lambda: factories.EventFactory(slug=event.slug))
    session = factories.SessionFactory(event=event)
    refused(lambda: factories.SessionFactory(event=event, slug=session.slug))
    other = factories.SessionFactory(slug=session.slug)  # another event: fine
    assert other.slug == session.slug


def test_event_and_session_end_after_start():
    event = factories.EventFactory()
    refused(lambda: factories.EventFactory(starts_at=event.starts_at, ends_at=event.starts_at))
    refused(lambda: factories.SessionFactory(event=event, ends_at=event.starts_at))


def test_participation_role_once_per_person_and_session_but_several_roles_allowed():
    p = factories.ParticipationFactory(role=Participation.Role.OPENER)
    refused(lambda: factories.ParticipationFactory(session=p.session, person=p.person, role=Participation.Role.OPENER))
    closer = factories.ParticipationFactory(session=p.session, person=p.person, role=Participation.Role.CLOSER)
    assert {x.role for x in p.session.participations.all()} == {"opener", "closer"} and closer.pk


def test_registration_once_per_address_per_registering_party_while_live():
    reg = factories.RegistrationFactory()
    refused(lambda: factories.RegistrationFactory(event=reg.event, email=reg.email))
    # Each partner registers in a space of its own: nobody learns of another party's registrations.
    partner_a, partner_b = factories.OrganizationFactory(), factories.OrganizationFactory()
    by_a = factories.RegistrationFactory(event=reg.event, email=reg.email, registered_by=partner_a)
    factories.RegistrationFactory(event=reg.event, email=reg.email, registered_by=partner_b)
    refused(lambda: factories.RegistrationFactory(event=reg.event, email=reg.email, registered_by=partner_a))
    by_a.status = Registration.Status.CANCELLED
    by_a.save()
    again = factories.RegistrationFactory(event=reg.event, email=reg.email, registered_by=partner_a)
    assert again.pk


def test_registration_once_per_session_per_party():
    session = factories.SessionFactory(capacity=5)
    reg = factories.RegistrationFactory(event=session.event, session=session)
    refused(lambda: factories.RegistrationFactory(event=session.event, session=session, email=reg.email))
    event_wide = factories.RegistrationFactory(event=session.event, email=reg.email)
    assert event_wide.pk, "a seat at the session and one at the event are different registrations"
