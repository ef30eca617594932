"""The back office: each changelist renders its rows within a pinned number of queries, and actions
and the transition view go through the services."""

import csv
import io

import pytest
from django.urls import reverse

from events.models import Event, EventSeries, Registration
from members.models import Membership, MembershipStatusChange
from members.services import api_write_record, partner_token_create
from publications.models import Publication
from tests import factories

pytestmark = pytest.mark.django_db


def make_membership():
    return factories.MembershipFactory(
        organization=factories.OrganizationFactory(parent=factories.OrganizationFactory())
    )


# model admin url name -> (row factory, text each row shows, queries with 1 row == queries with 3 rows; one of them
# is the staff second-factor check, members/middleware.py)
CHANGELISTS = {
    "members_organization": (
        lambda: factories.OrganizationFactory(parent=factories.OrganizationFactory()),
        lambda o: o.name,
        7,
    ),
    "members_membership": (make_membership, lambda m: m.organization.name, 9),
    "members_person": (
        lambda: factories.PersonFactory(user=factories.UserFactory()),
        lambda p: p.family_name,
        6,
    ),
    "members_affiliation": (factories.AffiliationFactory, lambda a: a.person.family_name, 6),
    "members_house": (factories.HouseFactory, lambda h: h.name, 6),
    "events_event": (factories.EventFactory, lambda e: e.title, 9),
    "events_session": (
        lambda: factories.SessionFactory(proposed_by=factories.OrganizationFactory()),
        lambda s: s.title,
        9,
    ),
    "events_participation": (factories.ParticipationFactory, lambda p: p.person.family_name, 6),
    "events_registration": (
        lambda: factories.RegistrationFactory(registered_by=factories.OrganizationFactory()),
        lambda r: r.email,
        9,
    ),
    "publications_publication": (
        lambda: factories.PublicationFactory(submitted_by=factories.OrganizationFactory()),
        lambda p: p.title,
        9,
    ),
    "portal_topic": (factories.TopicFactory, lambda t: t.name, 6),
    "events_eventseries": (
        lambda: EventSeries.objects.create(
            name=f"Series {EventSeries.objects.count()}",
            slug=f"series-{EventSeries.objects.count()}",
            convened_by=factories.OrganizationFactory(),
        ),
        lambda s: s.name,
        6,
    ),
    "members_partnertoken": (
        lambda: partner_token_create(organization=factories.OrganizationFactory(), name="Site sync", scopes=["read"])[
            0
        ],
        lambda t: t.prefix,
        7,
    ),
    "members_apiwritelog": (
        lambda: api_write_record(
            organization=factories.OrganizationFactory(),
            token=None,
            user=None,
            action="session.update",
            obj=factories.SessionFactory(),
            changes={},
        ),
        lambda r: r.object_id,
        10,
    ),
}


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize("name", sorted(CHANGELISTS))
def test_changelist_query_count_does_not_grow_with_rows(name, rows, staff_client, django_assert_num_queries):
    make, text, queries = CHANGELISTS[name]
    objects = [make() for _ in range(rows)]
    url = reverse(f"admin:{name}_changelist")
    with django_assert_num_queries(queries):
        response = staff_client.get(url)
    body = response.content.decode()
    for obj in objects:
        assert text(obj) in body


def test_admin_shows_the_seed_session_with_its_eight_speakers(demo, staff_client):
    from events.models import Session

    session = Session.objects.get(slug="strategies-for-strengthening-traceability-and-circularity")
    body = staff_client.get(reverse("admin:events_session_change", args=[session.pk])).content.decode()
    for name in [
        "Ndakorerwa",
        "Disney Bruckner",
        "Kitaw",
        "Nicolini",
        "Urquiza Caroca",
        "Hill",
        "Westenberg",
        "Petersen",
    ]:
        assert name in body
    assert "Strategies for Strengthening Traceability and Circularity" in body


def test_membership_transition_view_runs_the_service_and_shows_refusals(staff_client, staff):
    membership = factories.MembershipFactory(status=Membership.Status.APPLIED)
    url = reverse("admin:members_membership_transition", args=[membership.pk])
    page = staff_client.get(reverse("admin:members_membership_change", args=[membership.pk])).content.decode()
    assert 'value="approve"' in page and 'value="reinstate"' not in page

    response = staff_client.post(url, {"transition": "reject", "reason": ""}, follow=True)
    assert "A reason is required to reject a membership." in response.content.decode()
    membership.refresh_from_db()
    assert membership.status == Membership.Status.APPLIED

    response = staff_client.post(url, {"transition": "reject", "reason": "Not a mining organisation."}, follow=True)
    assert "Membership is now rejected." in response.content.decode()
    membership.refresh_from_db()
    assert (membership.status, membership.status_reason) == ("rejected", "Not a mining organisation.")
    assert MembershipStatusChange.objects.get(membership=membership).changed_by == staff

    response = staff_client.post(url, {"transition": "approve"}, follow=True)
    assert "Cannot approve a membership that is rejected." in response.content.decode()


def test_approve_action_on_changelist(staff_client):
    applied = factories.MembershipFactory(status=Membership.Status.APPLIED)
    rejected = factories.MembershipFactory(status=Membership.Status.REJECTED)
    response = staff_client.post(
        reverse("admin:members_membership_changelist"),
        {"action": "membership_approve_action", "_selected_action": [applied.pk, rejected.pk]},
        follow=True,
    )
    body = response.content.decode()
    assert "Approve application: 1 done." in body
    assert "Cannot approve a membership that is rejected." in body
    applied.refresh_from_db()
    rejected.refresh_from_db()
    assert (applied.status, rejected.status) == ("active", "rejected")


def test_publish_and_unpublish_actions(staff_client):
    draft = factories.PublicationFactory(status=Publication.Status.DRAFT, published_on=None)
    staff_client.post(
        reverse("admin:publications_publication_changelist"),
        {"action": "publication_publish_action", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.status == "published" and draft.published_on is not None
    event = factories.EventFactory(status=Event.Status.DRAFT)
    staff_client.post(
        reverse("admin:events_event_changelist"),
        {"action": "event_publish_action", "_selected_action": [event.pk]},
    )
    event.refresh_from_db()
    assert event.status == "published"


def test_csv_export_of_registrations_neutralises_formulas(staff_client):
    reg = factories.RegistrationFactory(name='=HYPERLINK("http://evil")', organization_name="Org")
    response = staff_client.post(
        reverse("admin:events_registration_changelist"),
        {"action": "export_csv", "_selected_action": [reg.pk]},
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["name", "email", "organisation"]
    assert rows[1][0] == '\'=HYPERLINK("http://evil")'
    assert rows[1][1] == reg.email


def test_staff_add_registration_goes_through_capacity(staff_client):
    event = factories.EventFactory(capacity=1)
    factories.RegistrationFactory(event=event)
    response = staff_client.post(
        reverse("admin:events_registration_add"),
        {"event": event.pk, "name": "Late Delegate", "email": "late@example.org", "organization_name": ""},
        follow=True,
    )
    assert response.status_code == 200
    reg = Registration.objects.get(email="late@example.org")
    assert reg.status == "waitlisted"


def test_staff_groups_exist_with_permissions():
    from django.contrib.auth.models import Group

    groups = {g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()}
    assert "change_membership" in groups["Membership team"]
    assert "change_session" in groups["Events team"] and "change_membership" not in groups["Events team"]
    assert "change_publication" in groups["Editors"] and "view_event" in groups["Editors"]
