"""Each database constraint refuses what it should, on the database itself (not only in forms)."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from events.models import Participation
from members.models import Membership
from publications.models import Publication
from tests import factories

pytestmark = pytest.mark.django_db


def refused(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_slugs_are_unique():
    org = factories.OrganizationFactory()
    refused(lambda: factories.OrganizationFactory(slug=org.slug))
    event = factories.EventFactory()
    refused(lambda: factories.EventFactory(slug=event.slug))
    person = factories.PersonFactory()
    refused(lambda: factories.PersonFactory(slug=person.slug))
    pub = factories.PublicationFactory()
    refused(lambda: factories.PublicationFactory(slug=pub.slug))
    topic = factories.TopicFactory()
    refused(lambda: factories.TopicFactory(slug=topic.slug))


def test_session_slug_unique_within_an_event_only():
    session = factories.SessionFactory()
    refused(lambda: factories.SessionFactory(event=session.event, slug=session.slug))
    other = factories.SessionFactory(slug=session.slug)  # another event: fine
    assert other.slug == session.slug


def test_event_and_session_end_after_start():
    event = factories.EventFactory()
    refused(lambda: factories.EventFactory(starts_at=event.starts_at, ends_at=event.starts_at))
    refused(lambda: factories.SessionFactory(event=event, ends_at=event.starts_at))


def test_affiliation_end_after_start():
    refused(
        lambda: factories.AffiliationFactory(start_date=datetime.date(2024, 1, 1), end_date=datetime.date(2023, 1, 1))
    )
    ok = factories.AffiliationFactory(start_date=datetime.date(2024, 1, 1), end_date=datetime.date(2024, 1, 1))
    assert ok.pk


def test_one_active_membership_per_organization_and_house():
    org = factories.OrganizationFactory()
    factories.MembershipFactory(organization=org, status=Membership.Status.ACTIVE)
    refused(lambda: factories.MembershipFactory(organization=org, status=Membership.Status.ACTIVE))
    # Lapsed and withdrawn history may pile up beside the active one.
    factories.MembershipFactory(organization=org, status=Membership.Status.LAPSED)
    factories.MembershipFactory(organization=org, status=Membership.Status.WITHDRAWN)
    assert org.memberships.count() == 3


def test_participation_role_once_per_person_and_session_but_several_roles_allowed():
    p = factories.ParticipationFactory(role=Participation.Role.OPENER)
    refused(lambda: factories.ParticipationFactory(session=p.session, person=p.person, role="opener"))
    closer = factories.ParticipationFactory(session=p.session, person=p.person, role="closer")
    assert {x.role for x in p.session.participations.all()} == {"opener", "closer"} and closer.pk


def test_published_publication_needs_a_date():
    refused(lambda: factories.PublicationFactory(status=Publication.Status.PUBLISHED, published_on=None))
    draft = factories.PublicationFactory(status=Publication.Status.DRAFT, published_on=None)
    assert draft.pk


def test_organization_cannot_be_its_own_parent():
    org = factories.OrganizationFactory()
    org.parent = org
    refused(org.save)


def test_registration_once_per_address_while_live():
    reg = factories.RegistrationFactory()
    refused(lambda: factories.RegistrationFactory(event=reg.event, email=reg.email))
    reg.status = "cancelled"
    reg.save()
    again = factories.RegistrationFactory(event=reg.event, email=reg.email)
    assert again.pk
