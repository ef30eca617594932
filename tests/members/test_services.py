"""Every membership transition, legal and refused, through the services bound to the lifecycle table; renewals
and the other member services."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from kernel.errors import Conflict, DomainError, InvalidTransition
from kernel.models import StatusChange
from members import services
from members.lifecycles import MEMBERSHIP
from members.models import House, Membership, Person
from tests.factories import (
    AffiliationFactory,
    MembershipFactory,
    OrganizationFactory,
    ParticipationFactory,
    UserFactory,
)

S = Membership.Status
pytestmark = pytest.mark.django_db

# transition name -> how to call it (the services need what the table says: a reason, a date)
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
# Written out here on purpose: the table in members/lifecycles.py must say exactly this.
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


def test_the_table_is_what_the_organisation_agreed():
    assert {t.name: (set(t.sources), t.target) for t in MEMBERSHIP if t.name != "apply"} == {
        name: (set(sources), target) for name, (sources, target) in EXPECTED.items()
    }
    assert all(t.service is not None for t in MEMBERSHIP), "every transition has the service that performs it"


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
        change = StatusChange.objects.of(membership).get()
        assert (change.transition, change.from_state, change.to_state, change.changed_by, change.actor) == (
            name,
            source,
            target,
            staff.user,
            "staff",
        )
    else:
        with pytest.raises(InvalidTransition) as excinfo:
            CALLS[name](membership, staff)
        assert excinfo.value.message.startswith(f"Cannot {name.replace('_', ' ')} a membership that is")
        membership.refresh_from_db()
        assert membership.status == source, "a refused transition must not change the row"
        assert not StatusChange.objects.of(membership).exists()


@pytest.mark.parametrize("name", ["reject", "suspend", "withdraw", "request_information"])
def test_transitions_that_need_a_reason_refuse_a_blank_one(name, staff):
    source = S.ACTIVE if name == "suspend" else S.APPLIED
    membership = MembershipFactory(status=source)
    assert MEMBERSHIP[name].needs == ("reason",)
    service = MEMBERSHIP[name].service
    with pytest.raises(DomainError) as excinfo:
        service(membership=membership, by=staff, reason="   ")
    assert excinfo.value.field == "reason"
    membership.refresh_from_db()
    assert membership.status == source


def test_apply_then_approve_runs_a_full_first_year_and_logs_both_steps(staff, django_capture_on_commit_callbacks):
    org = OrganizationFactory()
    finance = House.objects.get(slug="finance")
    with django_capture_on_commit_callbacks(execute=True):
        membership = services.membership_apply(
            organization=org, house=finance, statement="We commit.", contact_email="c@example.org"
        )
    assert (membership.status, membership.publicly_listed) == (S.APPLIED, False), "not listed until staff decide"
    with django_capture_on_commit_callbacks(execute=True):
        approved = services.membership_approve(membership=membership, by=staff, started_on=datetime.date(2026, 11, 25))
    assert (approved.started_on, approved.expires_on) == (datetime.date(2026, 11, 25), datetime.date(2027, 11, 24))
    steps = list(StatusChange.objects.of(membership).values_list("transition", "from_state", "to_state", "actor"))
    assert steps == [("apply", "", S.APPLIED, "system"), ("approve", S.APPLIED, S.ACTIVE, "staff")]
    assert [m.subject for m in mail.outbox] == ["We received your membership application", "Your membership is active"]
    assert "until 24 November 2027" in mail.outbox[-1].body


def test_first_dues_period_on_a_leap_day():
    assert services.first_dues_period_end(datetime.date(2028, 2, 29)) == datetime.date(2029, 2, 27)


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
    assert not StatusChange.objects.of(duplicate).exists()


def test_renew_must_extend_the_membership_and_defaults_to_a_year(staff):
    membership = MembershipFactory(
        status=S.ACTIVE, started_on=datetime.date(2025, 1, 1), expires_on=datetime.date(2030, 12, 31)
    )
    with pytest.raises(DomainError) as excinfo:
        services.membership_renew(membership=membership, by=staff, expires_on=datetime.date(2030, 6, 30))
    assert excinfo.value.field == "expires_on"
    renewed = services.membership_renew(membership=membership, by=staff)
    assert renewed.expires_on == datetime.date(2031, 12, 31)


def test_renewing_a_lapsed_membership_runs_a_year_from_today(staff):
    membership = MembershipFactory(
        status=S.LAPSED, started_on=datetime.date(2020, 1, 1), expires_on=datetime.date(2021, 12, 31)
    )
    renewed = services.membership_renew(membership=membership, by=staff)
    today = datetime.date.today()
    assert renewed.status == S.ACTIVE and renewed.ended_on is None
    assert renewed.expires_on == services._one_year_after(today)


def test_allowed_transitions_are_what_the_admin_offers():
    assert [t.name for t in MEMBERSHIP.allowed(S.APPLIED, staff_only=True)] == [
        "request_information",
        "approve",
        "reject",
        "withdraw",
    ]
    assert [t.name for t in MEMBERSHIP.allowed(S.ACTIVE, staff_only=True)] == ["suspend", "renew", "lapse", "withdraw"]
    assert MEMBERSHIP.allowed(S.REJECTED) == []


def test_membership_update_changes_details_but_never_the_status(staff):
    membership = MembershipFactory(status=S.ACTIVE, house=House.objects.get(slug="affected-communities"))
    updated = services.membership_update(membership=membership, by=staff, publicly_listed=True, dues_band="a")
    assert (updated.publicly_listed, updated.dues_band) == (True, "none"), "no dues in a house without dues"
    with pytest.raises(DomainError):
        services.membership_update(membership=membership, by=staff, status=S.WITHDRAWN)
    membership.refresh_from_db()
    assert membership.status == S.ACTIVE


def test_membership_save_records_a_new_membership_as_an_application(staff):
    org = OrganizationFactory()
    unsaved = Membership(organization=org, house=House.objects.get(slug="ngos"), status=S.ACTIVE)
    saved = services.membership_save(membership=unsaved, by=staff)
    assert saved.status == S.APPLIED, "added by staff, a membership still starts as an application"
    assert StatusChange.objects.of(saved).get().actor == "staff"


def test_renewal_reminders_once_then_lapse_after_grace(django_capture_on_commit_callbacks):
    today = datetime.date(2026, 12, 10)
    membership = MembershipFactory(
        status=S.ACTIVE,
        started_on=datetime.date(2026, 1, 1),
        expires_on=datetime.date(2026, 12, 31),
        contact_email="org@example.org",
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.membership_send_renewal_reminders(today=today, days_before=30) == [membership]
    assert mail.outbox[-1].to == ["org@example.org"] and "runs until 31 December 2026" in mail.outbox[-1].body
    assert services.membership_send_renewal_reminders(today=today, days_before=30) == []
    assert services.membership_lapse_overdue(today=datetime.date(2027, 1, 20), grace_days=30) == []
    (lapsed,) = services.membership_lapse_overdue(today=datetime.date(2027, 2, 1), grace_days=30)
    assert lapsed.status == S.LAPSED
    change = StatusChange.objects.of(lapsed).get()
    assert (change.actor, change.reason) == ("system", "Not renewed within 30 days of expiry.")


def test_renewals_command_runs_both_steps():
    MembershipFactory(status=S.ACTIVE, started_on=datetime.date(2020, 1, 1), expires_on=datetime.date(2020, 12, 31))
    call_command("membership_renewals", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Membership.objects.get().status == S.LAPSED


def test_person_ensure_for_user_gives_an_admin_made_account_one_person():
    user = UserFactory(first_name="Ada", last_name="Lovelace")
    first = services.person_ensure_for_user(user=user)
    second = services.person_ensure_for_user(user=user)
    assert first.pk == second.pk and (first.full_name, first.public_profile) == ("Ada Lovelace", False)
    assert Person.objects.filter(user=user).count() == 1


def test_profile_update_records_consent_only_when_it_changes():
    person = services.person_ensure_for_user(user=UserFactory())
    kept = services.profile_update(person=person, given_name="A", family_name="B", bio="", public_profile=False)
    assert kept.consent_recorded_at is None
    given = services.profile_update(person=person, given_name="A", family_name="B", bio="", public_profile=True)
    assert given.consent_recorded_at is not None
    with pytest.raises(DomainError):
        services.profile_update(person=person, given_name="A", family_name=" ", bio="", public_profile=True)


def test_person_forget_keeps_a_speaker_by_name_only_and_removes_others():
    speaker = AffiliationFactory(person__email="s@example.org", person__bio="Bio").person
    ParticipationFactory(person=speaker)
    services.person_forget(person=speaker)
    speaker.refresh_from_db()
    assert (speaker.email, speaker.bio, speaker.public_profile, speaker.user) == ("", "", False, None)
    assert speaker.affiliations.count() == 1
    nobody = AffiliationFactory().person
    services.person_forget(person=nobody)
    assert not Person.objects.filter(pk=nobody.pk).exists()
