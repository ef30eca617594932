"""The members back office: lists within a query budget, and every write and status change through the
services and the lifecycle table."""

import pytest
from django.urls import reverse

from kernel.models import StatusChange
from members.models import House, Membership, Organization
from tests import factories
from tests.html import parse

pytestmark = pytest.mark.django_db
S = Membership.Status

CHANGELISTS = {
    "members_organization": (
        lambda: factories.OrganizationFactory(parent=factories.OrganizationFactory()),
        lambda o: o.name,
        6,
    ),
    "members_membership": (
        lambda: factories.MembershipFactory(organization=factories.OrganizationFactory()),
        lambda m: m.organization.name,
        8,
    ),
    "members_person": (lambda: factories.PersonFactory(user=factories.UserFactory()), lambda p: p.family_name, 5),
    "members_affiliation": (factories.AffiliationFactory, lambda a: a.person.family_name, 5),
    "members_house": (factories.HouseFactory, lambda h: h.name, 5),
}


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize("name", sorted(CHANGELISTS))
def test_changelist_query_budget(name, rows, staff_client, django_assert_num_queries):
    make, text, queries = CHANGELISTS[name]
    objects = [make() for _ in range(rows)]
    with django_assert_num_queries(queries):
        response = staff_client.get(reverse(f"admin:{name}_changelist"))
    body = response.content.decode()
    assert all(text(obj) in body for obj in objects)


def transition(staff_client, membership, name, **data):
    url = reverse("admin:members_membership_transition", args=[membership.pk, name])
    return staff_client.post(url, data, follow=True).content.decode()


def test_the_change_page_offers_exactly_the_tables_steps(staff_client):
    membership = factories.MembershipFactory(status=S.ACTIVE)
    page = staff_client.get(reverse("admin:members_membership_change", args=[membership.pk])).content.decode()
    for name in ("suspend", "renew", "lapse", "withdraw"):
        assert reverse("admin:members_membership_transition", args=[membership.pk, name]) in page
    for name in ("approve", "reinstate", "reject"):
        assert reverse("admin:members_membership_transition", args=[membership.pk, name]) not in page


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            [
                "Change status",
                "Reason for “Suspend”",
                "Expires on (empty: the usual)",
                "Reason for “Withdraw”",
            ],
        ),
        (
            "fr",
            [
                "Changer le statut",
                "Motif de l\u2019étape « Suspendre »",
                "Expire le (vide pour la date habituelle)",
                "Motif de l\u2019étape « Retirer »",
            ],
        ),
    ],
)
def test_the_status_steps_speak_the_admins_language(staff_client, language, expected):
    membership = factories.MembershipFactory(status=S.ACTIVE)
    url = reverse("admin:members_membership_change", args=[membership.pk])
    steps = parse(staff_client.get(url, HTTP_ACCEPT_LANGUAGE=language).content).find("fieldset", id="lifecycle")
    assert [steps.find("h2").text, *(label.text for label in steps.find_all("label"))] == expected


def test_buttons_run_the_services_and_show_refusals(staff_client, staff_user):
    membership = factories.MembershipFactory(status=S.APPLIED)
    assert "A reason is required to reject a membership." in transition(staff_client, membership, "reject", reason="")
    membership.refresh_from_db()
    assert membership.status == S.APPLIED
    assert "Reject: now rejected." in transition(
        staff_client, membership, "reject", reason="Not a mining organisation."
    )
    membership.refresh_from_db()
    assert (membership.status, membership.status_reason) == (S.REJECTED, "Not a mining organisation.")
    change = StatusChange.objects.of(membership).get()
    assert (change.changed_by, change.reason) == (staff_user, "Not a mining organisation.")
    assert "Cannot approve a membership that is rejected." in transition(staff_client, membership, "approve")
    assert "There is no such step for this record." in transition(staff_client, membership, "apply")
    history = staff_client.get(reverse("admin:members_membership_change", args=[membership.pk])).content.decode()
    assert "Not a mining organisation." in history and "staff" in history


def test_renew_works_with_and_without_a_date(staff_client):
    import datetime

    membership = factories.MembershipFactory(
        status=S.ACTIVE, started_on=datetime.date(2025, 1, 1), expires_on=datetime.date(2030, 6, 30)
    )
    assert "Renew: now active." in transition(staff_client, membership, "renew")
    membership.refresh_from_db()
    assert membership.expires_on == datetime.date(2031, 6, 30)
    transition(staff_client, membership, "renew", expires_on="2033-12-31")
    membership.refresh_from_db()
    assert membership.expires_on == datetime.date(2033, 12, 31)
    assert "is not a date" in transition(staff_client, membership, "renew", expires_on="soon")
    assert "must extend" in transition(staff_client, membership, "renew", expires_on="2031-01-01")


def test_list_actions_come_from_the_table(staff_client):
    applied = factories.MembershipFactory(status=S.APPLIED)
    rejected = factories.MembershipFactory(status=S.REJECTED)
    response = staff_client.post(
        reverse("admin:members_membership_changelist"),
        {"action": "transition_approve", "_selected_action": [applied.pk, rejected.pk]},
        follow=True,
    )
    body = response.content.decode()
    assert "Approve: 1 done." in body and "Cannot approve a membership that is rejected." in body
    applied.refresh_from_db()
    rejected.refresh_from_db()
    assert (applied.status, rejected.status) == (S.ACTIVE, S.REJECTED)
    actions = staff_client.get(reverse("admin:members_membership_changelist")).content.decode()
    assert 'value="transition_reject"' not in actions, "a step that needs a reason is a button, not a list action"


def test_a_membership_added_on_an_organisations_page_is_an_application(staff_client):
    org = factories.OrganizationFactory()
    ngos = House.objects.get(slug="ngos")
    data = {
        "name": org.name,
        "slug": org.slug,
        "type": org.type,
        "country": "CH",
        "language": "fr",  # the language of the notices to the organisation, chosen here
        "memberships-TOTAL_FORMS": 1,
        "memberships-INITIAL_FORMS": 0,
        "memberships-0-house": ngos.pk,
        "memberships-0-dues_band": "none",
    }
    response = staff_client.post(reverse("admin:members_organization_change", args=[org.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    membership = Membership.objects.get(organization=org)
    assert (membership.status, membership.publicly_listed) == (S.APPLIED, False)
    assert StatusChange.objects.of(membership).get().transition == "apply"
    assert Organization.objects.values_list("name", "language").get(pk=org.pk) == (org.name, "fr")
