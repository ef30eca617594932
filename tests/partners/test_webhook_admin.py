"""Staff see and manage every organisation's webhook endpoints and deliveries in the admin, through the services."""

import pytest
from django.urls import reverse

from partners.webhook_models import WebhookDelivery, WebhookEndpoint
from partners.webhook_services import webhook_endpoint_create
from tests import factories

pytestmark = pytest.mark.django_db
PUBLIC_URL = "https://8.8.8.8/portal-hooks"


def endpoint_for(staff, organization=None, **kwargs):
    organization = organization or factories.OrganizationFactory()
    return webhook_endpoint_create(
        by=staff, organization=organization, url=PUBLIC_URL, events=["session.approved"], **kwargs
    )[0]


def delivery_for(endpoint, n=0, **fields):
    return WebhookDelivery.objects.create(
        endpoint=endpoint,
        message_id=f"msg_admin_{endpoint.pk}_{n}",
        event_type="session.approved",
        object_type="events.Session",
        object_id="1",
        payload={"type": "session.approved", "data": {}},
        **fields,
    )


@pytest.mark.parametrize("rows", [1, 3])
def test_endpoint_changelist_query_budget(rows, staff, staff_client, django_assert_num_queries):
    endpoints = [endpoint_for(staff) for _ in range(rows)]
    with django_assert_num_queries(6):
        body = staff_client.get(reverse("admin:partners_webhookendpoint_changelist")).content.decode()
    assert all(e.organization.name in body for e in endpoints)


@pytest.mark.parametrize("rows", [1, 3])
def test_delivery_changelist_query_budget(rows, staff, staff_client, django_assert_num_queries):
    deliveries = [
        delivery_for(endpoint_for(staff), attempts=2, status=WebhookDelivery.Status.RETRYING) for _ in range(rows)
    ]
    with django_assert_num_queries(9):
        body = staff_client.get(reverse("admin:partners_webhookdelivery_changelist")).content.decode()
    assert body.count("Failed, tried again later") >= rows and len(deliveries) == rows


def test_registering_an_endpoint_shows_its_secret_once(staff_client):
    org = factories.OrganizationFactory()
    response = staff_client.post(
        reverse("admin:partners_webhookendpoint_add"),
        {"organization": org.pk, "url": PUBLIC_URL, "description": "", "events": ["event.changed"], "enabled": "on"},
        follow=True,
    )
    endpoint = WebhookEndpoint.objects.get()
    assert (endpoint.organization, endpoint.events) == (org, ["event.changed"])
    assert endpoint.secret in response.content.decode()
    page = staff_client.get(reverse("admin:partners_webhookendpoint_change", args=[endpoint.pk])).content.decode()
    assert endpoint.secret not in page


def test_an_unsafe_url_is_refused_beside_its_field(staff_client):
    response = staff_client.post(
        reverse("admin:partners_webhookendpoint_add"),
        {
            "organization": factories.OrganizationFactory().pk,
            "url": "https://169.254.169.254/latest/",
            "events": ["event.changed"],
            "enabled": "on",
        },
    )
    assert response.status_code == 200 and not WebhookEndpoint.objects.exists()
    assert response.context["adminform"].form.errors["url"] == [
        "169.254.169.254 resolves to 169.254.169.254: a loopback, private, link-local or otherwise reserved "
        "address. Webhooks go to public addresses only."
    ]


def test_staff_disable_enable_rotate_and_redeliver(staff, staff_client, django_capture_on_commit_callbacks):
    endpoint = endpoint_for(staff)
    old_secret = endpoint.secret
    changelist = reverse("admin:partners_webhookendpoint_changelist")
    staff_client.post(changelist, {"action": "_disable_action", "_selected_action": [endpoint.pk]})
    endpoint.refresh_from_db()
    assert not endpoint.enabled and endpoint.disabled_reason == "Disabled by staff."
    staff_client.post(changelist, {"action": "_enable_action", "_selected_action": [endpoint.pk]})
    response = staff_client.post(
        changelist, {"action": "rotate_secret", "_selected_action": [endpoint.pk]}, follow=True
    )
    endpoint.refresh_from_db()
    assert endpoint.enabled and endpoint.previous_secret == old_secret
    assert endpoint.secret in response.content.decode()

    delivery = delivery_for(endpoint, status=WebhookDelivery.Status.FAILED, attempts=18)
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            reverse("admin:partners_webhookdelivery_changelist"),
            {"action": "redeliver", "_selected_action": [delivery.pk]},
        )
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.round) == (WebhookDelivery.Status.QUEUED, 0, 2)
