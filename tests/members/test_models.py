"""Each database constraint of the members app refuses what it should, on the database itself."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from members.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db


def refused(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_slugs_are_unique():
    org = factories.OrganizationFactory()
    refused(lambda: factories.OrganizationFactory(slug=org.slug))
    person = factories.PersonFactory()
    refused(lambda: factories.PersonFactory(slug=person.slug))


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


def test_membership_cannot_expire_before_it_starts():
    refused(
        lambda: factories.MembershipFactory(
            started_on=datetime.date(2025, 1, 1), expires_on=datetime.date(2024, 12, 31)
        )
    )


def test_organization_cannot_be_its_own_parent():
    org = factories.OrganizationFactory()
    org.parent = org
    refused(org.save)


def test_names_read_as_the_organisation_writes_them():
    org = factories.OrganizationFactory(name="UN Environment Programme", acronym="UNEP")
    assert (str(org), org.short_name) == ("UN Environment Programme (UNEP)", "UNEP")
    person = factories.PersonFactory(given_name="", family_name="Nicolini")
    assert person.full_name == "Nicolini"
    former = factories.AffiliationFactory(person=person, organization=org, title="Director", former=True)
    assert str(former) == "Nicolini: Former Director, UNEP"
