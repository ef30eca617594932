"""members/policies.py: who sees which organisations, memberships and people, and who may apply or enter."""

import datetime

import pytest

from members import policies
from members.models import House, Membership, Organization, Person
from members.policies import viewer_for_user
from tests import factories

pytestmark = pytest.mark.django_db
S = Membership.Status


def visible(model, viewer):
    return set(model.objects.visible_to(viewer).values_list("pk", flat=True))


def test_organisations_are_public_unless_their_only_tie_is_private(anonymous, member, staff, partner_viewer):
    partner_org = factories.OrganizationFactory(name="Partner only")
    listed = factories.MembershipFactory(status=S.ACTIVE, publicly_listed=True).organization
    unlisted = factories.MembershipFactory(status=S.ACTIVE, publicly_listed=False).organization
    applicant = factories.MembershipFactory(status=S.APPLIED).organization
    rejected = factories.MembershipFactory(status=S.REJECTED).organization
    lapsed = factories.MembershipFactory(status=S.LAPSED, publicly_listed=True).organization
    both = factories.MembershipFactory(status=S.ACTIVE, publicly_listed=True).organization
    factories.MembershipFactory(organization=both, status=S.APPLIED, house=House.objects.get(slug="finance"))
    everyone = {partner_org.pk, listed.pk, lapsed.pk, both.pk}
    (own_org,) = member.affiliated_with
    assert visible(Organization, anonymous) == everyone | {own_org}
    assert visible(Organization, member) == everyone | {unlisted.pk, own_org}
    assert visible(Organization, staff) == everyone | {unlisted.pk, applicant.pk, rejected.pk, own_org}
    as_applicant = partner_viewer(applicant, ["read"])
    assert applicant.pk in visible(Organization, as_applicant) and rejected.pk not in visible(
        Organization, as_applicant
    )


def test_an_applicant_sees_their_own_organisation_and_application():
    user = factories.UserFactory()
    person = factories.PersonFactory(user=user)
    application = factories.MembershipFactory(status=S.APPLIED)
    factories.AffiliationFactory(person=person, organization=application.organization)
    viewer = viewer_for_user(user)
    assert application.organization_id in visible(Organization, viewer)
    assert visible(Membership, viewer) == {application.pk}
    assert visible(Membership, viewer_for_user(factories.UserFactory())) == set()


def test_memberships_public_when_listed_members_see_all_active(anonymous, member, staff):
    listed = factories.MembershipFactory(status=S.ACTIVE, publicly_listed=True)
    unlisted = factories.MembershipFactory(status=S.ACTIVE, publicly_listed=False)
    pending = factories.MembershipFactory(status=S.PENDING, publicly_listed=True)
    own = Membership.objects.get(organization_id__in=member.affiliated_with)
    assert visible(Membership, anonymous) == {listed.pk, own.pk}
    assert visible(Membership, member) == {listed.pk, unlisted.pk, own.pk}
    assert visible(Membership, staff) == {listed.pk, unlisted.pk, pending.pk, own.pk}


def test_people_need_consent_and_in_at_risk_houses_their_own_recorded_consent(anonymous, staff):
    consenting = factories.PersonFactory(public_profile=True)
    private = factories.PersonFactory(public_profile=False)
    union = factories.MembershipFactory(status=S.ACTIVE, house=House.objects.get(slug="organised-labour"))
    set_by_staff = factories.AffiliationFactory(organization=union.organization, person__public_profile=True).person
    own_consent = factories.AffiliationFactory(organization=union.organization, person__public_profile=True).person
    Person.objects.filter(pk=own_consent.pk).update(consent_recorded_at=datetime.datetime.now(datetime.UTC))
    former = factories.AffiliationFactory(organization=union.organization, person__public_profile=True, former=True)
    assert visible(Person, anonymous) == {consenting.pk, own_consent.pk, former.person_id}
    assert private.pk in visible(Person, staff) and set_by_staff.pk in visible(Person, staff)
    assert policies.can_view_person(anonymous, consenting) and not policies.can_view_person(anonymous, set_by_staff)


def test_a_person_always_sees_their_own_profile():
    user = factories.UserFactory()
    person = factories.PersonFactory(user=user, public_profile=False)
    assert visible(Person, viewer_for_user(user)) == {person.pk}


def test_with_person_link_marks_who_may_be_followed(anonymous, staff):
    public = factories.ParticipationFactory(person__public_profile=True)
    private = factories.ParticipationFactory(person__public_profile=False)
    from events.models import Participation

    links = dict(policies.with_person_link(Participation.objects.all(), anonymous).values_list("pk", "person_linkable"))
    assert links == {public.pk: True, private.pk: False}
    assert set(
        policies.with_person_link(Participation.objects.all(), staff).values_list("person_linkable", flat=True)
    ) == {True}


def test_affiliations_show_only_where_person_and_organisation_may_be_seen(anonymous):
    shown = factories.AffiliationFactory(person__public_profile=True)
    hidden_org = factories.MembershipFactory(status=S.APPLIED).organization
    hidden = factories.AffiliationFactory(person=shown.person, organization=hidden_org)
    from members.models import Affiliation

    assert set(Affiliation.objects.visible_to(anonymous).values_list("pk", flat=True)) == {shown.pk}
    assert hidden.pk


def test_applying_needs_a_signed_in_verified_account(anonymous):
    assert policies.can_apply_for_membership(anonymous).reason == "Sign in to apply for membership."
    no_email = viewer_for_user(factories.UserFactory(email=""))
    assert policies.can_apply_for_membership(no_email).reason == (
        "Confirm your email address before applying for membership."
    )
    assert policies.can_apply_for_membership(viewer_for_user(factories.UserFactory()))


def test_members_area_and_contacts_are_for_members_and_staff(anonymous, member, staff):
    signed_in = viewer_for_user(factories.UserFactory())
    assert [bool(policies.can_enter_members_area(v)) for v in (anonymous, signed_in, member, staff)] == [
        False,
        False,
        True,
        True,
    ]
    assert policies.can_enter_members_area(anonymous).reason.endswith("sign in.")
    assert [policies.can_see_member_contacts(v) for v in (anonymous, signed_in, member, staff)] == [
        False,
        False,
        True,
        True,
    ]
    assert policies.can_manage_memberships(staff) and not policies.can_manage_memberships(member)


def test_house_counts_follow_what_the_viewer_may_see(anonymous, member):
    ngos = House.objects.get(slug="ngos")
    factories.MembershipFactory(house=ngos, status=S.ACTIVE, publicly_listed=False)
    counts = {h.slug: h.active_members for h in House.objects.with_member_counts(anonymous)}
    member_counts = {h.slug: h.active_members for h in House.objects.with_member_counts(member)}
    assert (counts["ngos"], member_counts["ngos"]) == (1, 2), "the member's own listed organisation, plus the unlisted"
