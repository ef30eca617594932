"""Every membership transition, legal and refused, through the services that own them."""

import datetime

import pytest

from members import services
from members.models import House, Membership, MembershipStatusChange
from portal.errors import Conflict, DomainError, InvalidTransition
from tests.factories import MembershipFactory, OrganizationFactory

S = Membership.Status
pytestmark = pytest.mark.django_db

# transition name -> how to call it
CALLS = {
    "request_information": lambda m, by: services.membership_request_information(
        membership=m, by=by, reason="Please send your policy."
    ),
    "approve": lambda m, by: services.membership_approve(membership=m, by=by),
    "reject": lambda m, by: services.membership_reject(membership=m, by=by, reason="Out of scope."),
    "suspend": lambda m, by: services.membership_suspend(membership=m, by=by, reason="Dues unpaid."),
    "reinstate": lambda m, by: services.membership_reinstate(membership=m, by=by),
    "lapse": lambda m, by: services.membership_lapse(membership=m, by=by),
    "renew": lambda m, by: services.membership_renew(membership=m, by=by, expires_on=datetime.date(2099, 12, 31)),
    "withdraw": lambda m, by: services.membership_withdraw(membership=m, by=by, reason="Leaving."),
}
EXPECTED = {
    "request_information": ({S.APPLIED}, S.PENDING),
    "approve": ({S.APPLIED, S.PENDING}, S.ACTIVE),
    "reject": ({S.APPLIED, S.PENDING}, S.REJECTED),
    "suspend": ({S.ACTIVE}, S.SUSPENDED),
    "reinstate": ({S.SUSPENDED}, S.ACTIVE),
    "lapse": ({S.ACTIVE, S.SUSPENDED}, S.LAPSED),
    "renew": ({S.ACTIVE, S.LAPSED}, S.ACTIVE),
    "withdraw": ({S.APPLIED, S.PENDING, S.ACTIVE, S.SUSPENDED, S.LAPSED}, S.WITHDRAWN),
}
CASES = [(name, source) for name in CALLS for source in S.values]


@pytest.mark.parametrize(("name", "source"), CASES)
def test_each_transition_from_each_state(name, source, staff):
    membership = MembershipFactory(
        status=source, started_on=datetime.date(2024, 1, 1), expires_on=datetime.date(2024, 12, 31)
    )
    sources, target = EXPECTED[name]
    if source in sources:
        updated = CALLS[name](membership, staff)
        assert updated.status == target
        membership.refresh_from_db()
        assert membership.status == target
        change = MembershipStatusChange.objects.get(membership=membership)
        assert (change.from_status, change.to_status, change.changed_by) == (source, target, staff)
    else:
        with pytest.raises(InvalidTransition) as excinfo:
            CALLS[name](membership, staff)
        assert "Cannot" in excinfo.value.message
        membership.refresh_from_db()
        assert membership.status == source, "a refused transition must not change the row"
        assert not MembershipStatusChange.objects.filter(membership=membership).exists()


@pytest.mark.parametrize("name", ["reject", "suspend", "withdraw", "request_information"])
def test_transitions_that_need_a_reason_refuse_a_blank_one(name, staff):
    source = S.ACTIVE if name == "suspend" else S.APPLIED
    membership = MembershipFactory(status=source)
    service = {
        "reject": services.membership_reject,
        "suspend": services.membership_suspend,
        "withdraw": services.membership_withdraw,
        "request_information": services.membership_request_information,
    }[name]
    with pytest.raises(DomainError) as excinfo:
        service(membership=membership, by=staff, reason="   ")
    assert excinfo.value.field == "reason"
    membership.refresh_from_db()
    assert membership.status == source


def test_apply_then_approve_sets_dues_year_and_logs_both_steps(staff):
    org = OrganizationFactory()
    finance = House.objects.get(slug="finance")
    membership = services.membership_apply(organization=org, house=finance, statement="We commit.", by=None)
    assert membership.status == S.APPLIED
    approved = services.membership_approve(membership=membership, by=staff, started_on=datetime.date(2026, 3, 1))
    assert approved.started_on == datetime.date(2026, 3, 1)
    assert approved.expires_on == datetime.date(2026, 12, 31)
    steps = list(MembershipStatusChange.objects.filter(membership=membership).values_list("from_status", "to_status"))
    assert steps == [("", S.APPLIED), (S.APPLIED, S.ACTIVE)]


def test_second_application_while_one_is_open_is_a_conflict():
    org = OrganizationFactory()
    house = House.objects.get(slug="mining")
    services.membership_apply(organization=org, house=house)
    with pytest.raises(Conflict):
        services.membership_apply(organization=org, house=house)
    assert Membership.objects.filter(organization=org).count() == 1


def test_approving_a_second_active_membership_in_the_same_house_is_a_conflict(staff):
    org = OrganizationFactory()
    MembershipFactory(organization=org, status=S.ACTIVE)
    # Only possible by a row created outside the apply service (e.g. imported): the database still guards it.
    duplicate = MembershipFactory(organization=org, status=S.PENDING)
    with pytest.raises(Conflict):
        services.membership_approve(membership=duplicate, by=staff)
    duplicate.refresh_from_db()
    assert duplicate.status == S.PENDING


def test_renew_must_extend_the_membership(staff):
    membership = MembershipFactory(
        status=S.ACTIVE, started_on=datetime.date(2025, 1, 1), expires_on=datetime.date(2025, 12, 31)
    )
    with pytest.raises(DomainError):
        services.membership_renew(membership=membership, by=staff, expires_on=datetime.date(2025, 6, 30))
    renewed = services.membership_renew(membership=membership, by=staff, expires_on=datetime.date(2026, 12, 31))
    assert renewed.expires_on == datetime.date(2026, 12, 31)


def test_allowed_transitions_lists_what_the_admin_offers():
    assert services.allowed_transitions(S.APPLIED) == ["request_information", "approve", "reject", "withdraw"]
    assert services.allowed_transitions(S.REJECTED) == []
    assert services.allowed_transitions(S.WITHDRAWN) == []
