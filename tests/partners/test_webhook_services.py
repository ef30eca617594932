"""The notice of an endpoint disabled after its deliveries kept failing: sent to the organisation in its language,
while the record keeps the reason in the site's."""

import datetime

import pytest
from django.core import mail

from partners.webhook_models import WebhookDelivery, WebhookEndpoint
from partners.webhook_services import webhook_delivery_give_up, webhook_endpoint_create
from tests import factories

pytestmark = pytest.mark.django_db

BASE = "http://127.0.0.1:8000"
PUBLIC_URL = "https://8.8.8.8/portal-hooks"


def test_the_organisation_reads_why_its_endpoint_is_disabled_in_its_language(staff, django_capture_on_commit_callbacks):
    unep = factories.OrganizationFactory(name="PNUE", contact_email="hooks@unep.example.org", language="fr")
    endpoint, _secret = webhook_endpoint_create(
        by=staff, organization=unep, url=PUBLIC_URL, events=["session.approved"]
    )
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        message_id="msg_1",
        event_type="session.approved",
        object_type="events.Session",
        object_id="1",
        payload={"type": "session.approved", "data": {}},
        attempts=18,
    )
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        created_at=datetime.datetime(2027, 5, 18, 14, 0, tzinfo=datetime.UTC)
    )
    with django_capture_on_commit_callbacks(execute=True):
        webhook_delivery_give_up(delivery_id=delivery.pk, round=delivery.round, error="HTTP 500")
    endpoint = WebhookEndpoint.objects.get(pk=endpoint.pk)
    assert endpoint.disabled_reason == (
        "The session.approved delivery msg_1 failed at every attempt from 18 May 2027, 14:00 UTC on (18 attempts). "
        "Last error: HTTP 500"
    )
    (message,) = mail.outbox
    detail = f"{BASE}/api/v1/webhooks/{endpoint.pk}/"
    assert (message.to, message.subject) == (
        ["hooks@unep.example.org"],
        f"Point de réception de webhooks désactivé\u00a0: {PUBLIC_URL}",
    )
    assert message.body == (
        "Les envois vers le point de réception de webhooks de PNUE échouaient sans cesse\u00a0: il est désactivé et "
        "ne reçoit plus d\u2019événements.\n\n"
        f"Point de réception\u00a0: {PUBLIC_URL}\n"
        "L\u2019envoi session.approved msg_1 a échoué à chaque tentative depuis le 18 mai 2027, 14:00 UTC (18 "
        "tentatives). Dernière erreur\u00a0: HTTP 500\n\n"
        f"Dès que le récepteur fonctionne de nouveau, réactivez le point de réception (PATCH {detail} avec "
        '{"enabled": true}) et renvoyez ce qu\u2019il a manqué depuis sa liste d\u2019envois\u00a0: '
        f"{detail}deliveries/\n"
    )
