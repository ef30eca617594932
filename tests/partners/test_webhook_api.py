"""/api/v1/webhooks/: register an endpoint (its secret shown once), list, change, delete, rotate the secret; each
endpoint's deliveries with status, attempts and the receiver's answer, and redelivery. Only the endpoint's own
organisation (with the webhooks:manage scope) and staff reach them."""

import datetime

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from standardwebhooks import Webhook

from partners.models import ApiWriteLog
from partners.webhook_models import WebhookDelivery, WebhookEndpoint
from partners.webhook_services import signing_secrets
from partners.webhook_transport import signature
from tests import factories
from tests.api_helpers import call, results
from tests.partners.conftest import WEBHOOK_SCOPES

pytestmark = pytest.mark.django_db
PUBLIC_URL = "https://8.8.8.8/portal-hooks"  # an address literal: checked without a name server


@pytest.fixture
def unep(make_token):
    org = factories.OrganizationFactory(slug="unep")
    return org, make_token(org, WEBHOOK_SCOPES)


def send(api_client, method, path, token=None, data=None):
    # Not tests.api_helpers.call: these bodies have a "url" field.
    headers = {"HTTP_AUTHORIZATION": token} if token else {}
    return getattr(api_client, method)(path, data, format="json", **headers)


def create(api_client, token, **overrides):
    data = {"url": PUBLIC_URL, "events": ["session.approved"], **overrides}
    return send(api_client, "post", "/api/v1/webhooks/", token, data)


def test_register_answers_the_secret_once(api_client, unep):
    org, token = unep
    response = create(api_client, token, events=["session.changed", "session.approved", "session.approved"])
    assert response.status_code == 201, response.content
    body = response.json()
    endpoint = WebhookEndpoint.objects.get()
    assert body["secret"] == endpoint.secret and body["secret"].startswith("whsec_")
    assert Webhook(body["secret"])  # a valid Standard Webhooks secret
    assert (body["url"], body["events"], body["enabled"], endpoint.organization) == (
        PUBLIC_URL,
        ["session.approved", "session.changed"],
        True,
        org,
    )
    again = call(api_client, "get", f"/api/v1/webhooks/{endpoint.pk}/", token).json()
    assert "secret" not in again and again == {k: v for k, v in body.items() if k != "secret"}
    assert ApiWriteLog.objects.get().action == "webhook.create"


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"url": "http://8.8.8.8/hook"}, "url", "Webhook URLs must use https."),
        ({"url": "https://127.0.0.1/hook"}, "url", "127.0.0.1 resolves to 127.0.0.1"),
        ({"url": "https://localhost:8443/hook"}, "url", "localhost resolves to"),
        ({"url": "https://169.254.169.254/latest/meta-data/"}, "url", "169.254.169.254 resolves to 169.254.169.254"),
        ({"url": "https://10.0.0.7/"}, "url", "10.0.0.7 resolves to 10.0.0.7"),
        ({"url": "https://[::1]/"}, "url", "::1 resolves to ::1"),
        ({"url": "https://[::ffff:192.168.1.1]/"}, "url", "resolves to ::ffff:192.168.1.1"),
        ({"url": "https://100.64.0.1/"}, "url", "100.64.0.1 resolves to 100.64.0.1"),
        ({"url": "https://hooks.invalid/"}, "url", "The host name hooks.invalid could not be resolved."),
        ({"url": "https://me:pw@8.8.8.8/"}, "url", "Put no user name or password in the URL"),
        ({"events": ["session.exploded"]}, "events.0", '"session.exploded" is not a valid choice.'),
        ({"events": []}, "events", "Ensure this field has at least 1 elements."),
    ],
)
def test_refused_urls_and_events(api_client, unep, payload, field, message):
    response = create(api_client, unep[1], **payload)
    assert response.status_code == 400
    body = response.json()
    assert list(body["errors"]) == [field] and message in str(body["errors"][field])
    assert not WebhookEndpoint.objects.exists()


def test_loopback_is_allowed_only_when_private_targets_are(api_client, unep, settings):
    settings.PORTAL_WEBHOOKS_ALLOW_PRIVATE = True
    assert create(api_client, unep[1], url="http://127.0.0.1:9/hook").status_code == 201


def test_the_scope_and_the_organisation_decide(api_client, unep, make_token, staff_client):
    org, token = unep
    endpoint_id = create(api_client, token).json()["id"]
    other = make_token(factories.OrganizationFactory(), WEBHOOK_SCOPES)
    reader = make_token(org, ["read"])
    assert call(api_client, "get", "/api/v1/webhooks/", reader).json() == {
        "detail": "This token does not carry the 'webhooks:manage' scope.",
        "code": "permission_denied",
        "errors": {},
    }
    assert call(api_client, "get", "/api/v1/webhooks/").status_code in (401, 403)
    assert results(call(api_client, "get", "/api/v1/webhooks/", other)) == []
    for method in ("get", "patch", "delete"):
        assert call(api_client, method, f"/api/v1/webhooks/{endpoint_id}/", other).status_code == 404
    assert call(api_client, "get", f"/api/v1/webhooks/{endpoint_id}/deliveries/", other).status_code == 404
    # Staff see every organisation's endpoints (and manage them in the admin).
    assert [e["id"] for e in staff_client.get("/api/v1/webhooks/").json()["results"]] == [endpoint_id]


def test_change_switch_off_and_on_and_delete(api_client, unep):
    token = unep[1]
    endpoint_id = create(api_client, token).json()["id"]
    url = f"/api/v1/webhooks/{endpoint_id}/"
    changed = call(api_client, "patch", url, token, events=["event.changed"], description="Programme sync")
    assert (changed.status_code, changed.json()["events"], changed.json()["description"]) == (
        200,
        ["event.changed"],
        "Programme sync",
    )
    off = call(api_client, "patch", url, token, enabled=False).json()
    assert off["enabled"] is False and off["disabled_reason"].startswith(
        f"Disabled by {unep[0].short_name} (API token "
    )
    on = call(api_client, "patch", url, token, enabled=True).json()
    assert (on["enabled"], on["disabled_at"], on["disabled_reason"]) == (True, None, "")
    assert call(api_client, "patch", url, token).json()["errors"] == {
        "non_field_errors": ["Send at least one field to change."]
    }
    assert send(api_client, "patch", url, token, {"url": "https://10.0.0.1/"}).status_code == 400
    assert call(api_client, "delete", url, token).status_code == 204
    assert not WebhookEndpoint.objects.exists()


def test_rotating_the_secret_keeps_the_old_one_signing_for_the_overlap(api_client, unep):
    token = unep[1]
    created = create(api_client, token).json()
    rotated = call(api_client, "post", f"/api/v1/webhooks/{created['id']}/rotate-secret/", token)
    assert rotated.status_code == 200
    new, old = rotated.json()["secret"], created["secret"]
    assert new != old and new.startswith("whsec_")
    endpoint = WebhookEndpoint.objects.get()
    expires = datetime.datetime.fromisoformat(rotated.json()["previous_secret_expires_at"])
    assert datetime.timedelta(hours=23, minutes=59) < expires - timezone.now() <= datetime.timedelta(hours=24)

    def headers_now():
        now = timezone.now().replace(microsecond=0)
        return {
            "webhook-id": "msg_1",
            "webhook-timestamp": str(int(now.timestamp())),
            "webhook-signature": signature(
                secrets=signing_secrets(endpoint), message_id="msg_1", timestamp=now, body="{}"
            ),
        }

    assert Webhook(new).verify("{}", headers_now()) == {} and Webhook(old).verify("{}", headers_now()) == {}
    endpoint.previous_secret_expires_at = timezone.now() - datetime.timedelta(seconds=1)
    with pytest.raises(Exception, match="No matching signature"):
        Webhook(old).verify("{}", headers_now())
    assert Webhook(new).verify("{}", headers_now()) == {}


def _deliveries(endpoint, n, **fields):
    return [
        WebhookDelivery.objects.create(
            endpoint=endpoint,
            message_id=f"msg_{endpoint.pk}_{i}",
            event_type="session.approved",
            object_type="events.Session",
            object_id=str(i),
            payload={"type": "session.approved", "timestamp": "2026-11-20T10:00:00+00:00", "data": {"id": i}},
            **fields,
        )
        for i in range(n)
    ]


@pytest.mark.parametrize("rows", [1, 3])
def test_endpoint_list_query_budget(api_client, unep, rows, django_assert_num_queries):
    for _ in range(rows):
        create(api_client, unep[1])
    with django_assert_num_queries(4):
        body = results(call(api_client, "get", "/api/v1/webhooks/", unep[1]))
    assert len(body) == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_deliveries_listed_with_status_attempts_and_answer(api_client, unep, rows, django_assert_num_queries):
    endpoint = WebhookEndpoint.objects.get(pk=create(api_client, unep[1]).json()["id"])
    _deliveries(endpoint, rows, status=WebhookDelivery.Status.FAILED, attempts=18, response_status_code=502)
    with django_assert_num_queries(5):
        listed = results(call(api_client, "get", f"/api/v1/webhooks/{endpoint.pk}/deliveries/", unep[1]))
    assert [(d["message_id"], d["status"], d["attempts"], d["response_status_code"]) for d in listed] == [
        (f"msg_{endpoint.pk}_{i}", "failed", 18, 502) for i in reversed(range(rows))
    ]
    assert "payload" not in listed[0]
    filtered = call(api_client, "get", f"/api/v1/webhooks/{endpoint.pk}/deliveries/?status=delivered", unep[1])
    assert results(filtered) == []


def test_a_delivery_in_full_and_redelivered(api_client, unep, django_capture_on_commit_callbacks):
    token = unep[1]
    endpoint = WebhookEndpoint.objects.get(pk=create(api_client, token).json()["id"])
    (delivery,) = _deliveries(endpoint, 1, status=WebhookDelivery.Status.FAILED, attempts=18, error="Timed out.")
    url = f"/api/v1/webhooks/{endpoint.pk}/deliveries/{delivery.pk}/"
    assert call(api_client, "get", url, token).json()["payload"] == delivery.payload
    with django_capture_on_commit_callbacks(execute=True):
        again = call(api_client, "post", url + "redeliver/", token)
    assert again.status_code == 202
    assert (again.json()["status"], again.json()["attempts"], again.json()["error"]) == ("queued", 0, "")
    delivery.refresh_from_db()
    assert delivery.round == 2
    task = DBTaskResult.objects.get(task_path="partners.webhook_tasks.deliver_webhook")
    assert (task.args_kwargs["args"], task.queue_name) == ([delivery.pk, 2], "webhooks")
    # A disabled endpoint sends nothing, redelivered or not.
    call(api_client, "patch", f"/api/v1/webhooks/{endpoint.pk}/", token, enabled=False)
    refused = call(api_client, "post", url + "redeliver/", token)
    assert (refused.status_code, refused.json()["detail"]) == (
        409,
        "The endpoint is disabled: enable it before redelivering.",
    )


def test_at_most_ten_endpoints_per_organisation(api_client, unep):
    for _ in range(10):
        assert create(api_client, unep[1]).status_code == 201
    refused = create(api_client, unep[1])
    assert (refused.status_code, refused.json()["errors"]) == (
        409,
        {"url": ["An organisation may register at most 10 webhook endpoints: delete one first."]},
    )
