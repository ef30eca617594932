"""The partner access back office: tokens issued through the service, the write log read-only."""

import pytest
from django.urls import reverse

from partners.models import PartnerToken
from partners.services import api_write_record, partner_token_create
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rows", [1, 3])
def test_token_changelist_query_budget(rows, staff_client, django_assert_num_queries):
    tokens = [
        partner_token_create(organization=factories.OrganizationFactory(), name="Sync", scopes=["read"])[0]
        for _ in range(rows)
    ]
    with django_assert_num_queries(6):
        body = staff_client.get(reverse("admin:partners_partnertoken_changelist")).content.decode()
    assert all(t.prefix in body for t in tokens)


@pytest.mark.parametrize("rows", [1, 3])
def test_log_changelist_query_budget(rows, staff_client, partner_viewer, django_assert_num_queries):
    for _ in range(rows):
        api_write_record(
            by=partner_viewer(factories.OrganizationFactory()),
            action="session.update",
            obj=factories.SessionFactory(),
            changes={},
        )
    with django_assert_num_queries(9):
        body = staff_client.get(reverse("admin:partners_apiwritelog_changelist")).content.decode()
    assert body.count("session.update") >= rows


def test_issuing_a_token_shows_its_secret_once(staff_client, staff_user):
    org = factories.OrganizationFactory()
    response = staff_client.post(
        reverse("admin:partners_partnertoken_add"),
        {
            "organization": org.pk,
            "name": "UNEP website",
            "scopes": ["read", "sessions:write"],
            "days": "365",
        },
        follow=True,
    )
    token = PartnerToken.objects.get()
    assert f"ptk_{token.prefix}_" in response.content.decode()
    assert (token.organization, token.scopes, token.created_by) == (org, ["read", "sessions:write"], staff_user)
    page = staff_client.get(reverse("admin:partners_partnertoken_change", args=[token.pk])).content.decode()
    assert f"ptk_{token.prefix}_" not in page


def test_revoke_action(staff_client):
    token, _secret = partner_token_create(organization=factories.OrganizationFactory(), name="x", scopes=["read"])
    staff_client.post(
        reverse("admin:partners_partnertoken_changelist"), {"action": "revoke", "_selected_action": [token.pk]}
    )
    token.refresh_from_db()
    assert token.revoked
