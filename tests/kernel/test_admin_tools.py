"""The admin machinery every app uses: CSV export, the shared topic and history lists, the staff groups."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from events.models import Event
from events.services import event_publish
from tests import factories

pytestmark = pytest.mark.django_db


def test_csv_export_neutralises_formulas(staff_client):
    reg = factories.RegistrationFactory(name='=HYPERLINK("http://evil")', organization_name="Org")
    response = staff_client.post(
        reverse("admin:events_registration_changelist"), {"action": "export_csv", "_selected_action": [reg.pk]}
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["name", "email", "organisation"]
    assert rows[1][:2] == ['\'=HYPERLINK("http://evil")', reg.email]


@pytest.mark.parametrize("rows", [1, 3])
def test_topic_changelist_query_budget(staff_client, rows, django_assert_num_queries):
    topics = [factories.TopicFactory() for _ in range(rows)]
    with django_assert_num_queries(5):
        body = staff_client.get(reverse("admin:kernel_topic_changelist")).content.decode()
    assert all(t.name in body for t in topics)


@pytest.mark.parametrize("rows", [1, 3])
def test_history_changelist_query_budget(staff_client, staff, rows, django_assert_num_queries):
    for _ in range(rows):
        event_publish(event=factories.EventFactory(status=Event.Status.DRAFT), by=staff)
    with django_assert_num_queries(9):
        body = staff_client.get(reverse("admin:kernel_statuschange_changelist")).content.decode()
    assert body.count("field-transition") == rows


def test_topics_are_saved_through_the_service(staff_client):
    response = staff_client.post(
        reverse("admin:kernel_topic_add"),
        {"name_en": "Traceability", "slug": "traceability", "kind": "theme", "identifier": "", "description": ""},
    )
    assert response.status_code == 302
    from kernel.models import Topic

    assert Topic.objects.get().name == "Traceability"


def test_staff_groups_exist_with_permissions():
    groups = {g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()}
    assert "change_membership" in groups["Membership team"] and "view_statuschange" in groups["Membership team"]
    assert "change_session" in groups["Events team"] and "change_membership" not in groups["Events team"]
    assert "change_publication" in groups["Editors"] and "view_event" in groups["Editors"]
    assert "change_topic" in groups["Editors"]
