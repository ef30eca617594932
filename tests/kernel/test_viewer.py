"""The Viewer is facts only: who is looking, as the site and the API build it."""

import pytest

from kernel.viewer import ANONYMOUS, Viewer
from members.models import Membership
from members.policies import viewer_for_user
from tests import factories

pytestmark = pytest.mark.django_db


def test_anonymous():
    assert Viewer.anonymous() is ANONYMOUS
    assert (ANONYMOUS.is_authenticated, ANONYMOUS.is_member, ANONYMOUS.is_partner, ANONYMOUS.is_staff) == (
        False,
        False,
        False,
        False,
    )
    assert ANONYMOUS.cache_key == "anonymous" and ANONYMOUS.actor == "" and ANONYMOUS.may_act_on_event(1)
    assert viewer_for_user(None) is ANONYMOUS


def test_a_member_is_a_person_of_an_active_member_organisation(member_user):
    viewer = viewer_for_user(member_user)
    (org,) = viewer.member_of
    assert viewer.affiliated_with == {org} and viewer.person_id == member_user.person.pk
    assert viewer.is_member and viewer.is_authenticated and not viewer.is_staff
    assert viewer.cache_key == f"person:{member_user.pk}"


def test_former_affiliations_and_inactive_memberships_do_not_make_a_member():
    user = factories.UserFactory()
    person = factories.PersonFactory(user=user)
    lapsed = factories.MembershipFactory(status=Membership.Status.LAPSED)
    factories.AffiliationFactory(person=person, organization=lapsed.organization)
    active = factories.MembershipFactory(status=Membership.Status.ACTIVE)
    factories.AffiliationFactory(person=person, organization=active.organization, former=True)
    viewer = viewer_for_user(user)
    assert viewer.affiliated_with == {lapsed.organization_id} and viewer.member_of == frozenset()


def test_partner_viewer_carries_scopes_and_membership(partner_viewer):
    org = factories.OrganizationFactory(acronym="GBA")
    reader = partner_viewer(org, ["read"])
    assert reader.is_partner and reader.has_scope("read") and not reader.has_scope("sessions:write")
    assert not reader.is_member and reader.cache_key == f"partner:{org.pk}:*:0:read"
    factories.MembershipFactory(organization=org, status=Membership.Status.ACTIVE)
    assert partner_viewer(org, ["read"]).is_member, "a member organisation's token reads what members read"


def test_staff_permissions_are_asked_of_django(staff, member):
    assert staff.has_perm("members.change_membership")
    assert not member.has_perm("members.change_membership")
    limited = Viewer(event_ids=frozenset({3}), partner_id=1, partner_name="X", token_prefix="abc")
    assert (limited.may_act_on_event(3), limited.may_act_on_event(4)) == (True, False)
    assert limited.cache_key == "partner:1:3:0:"
