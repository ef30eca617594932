"""Webhook deliveries end to end: a domain event, the worker's fan-out, a signed POST to a real receiver on
loopback that verifies with the standardwebhooks library, retries with backoff, giving up (the endpoint disabled,
its organisation emailed), and nothing for an organisation the policies do not let see the object."""

import json

import pytest
from django.core import mail
from django.test import Client
from django_tasks import TaskResultStatus
from standardwebhooks import Webhook

from events import services as events_services
from members.models import Membership
from partners.policies import viewer_for_token
from partners.services import partner_token_create
from partners.webhook_models import WebhookDelivery
from partners.webhook_services import webhook_deliveries_create, webhook_endpoint_create
from partners.webhook_tasks import WEBHOOK_BACKOFF
from tests import factories
from tests.partners.conftest import WEBHOOK_SCOPES

pytestmark = pytest.mark.django_db(transaction=True)
D = WebhookDelivery.Status


def subscribe(organization, url, events):
    token, secret = partner_token_create(organization=organization, name="hooks", scopes=WEBHOOK_SCOPES)
    endpoint, signing_secret = webhook_endpoint_create(by=viewer_for_token(token), url=url, events=events)
    return endpoint, signing_secret, f"Bearer {secret}"


def approved_session(proposer):
    event = factories.EventFactory(accepts_partner_sessions=True)
    token, _secret = partner_token_create(organization=proposer, name="sessions", scopes=["read", "sessions:write"])
    session = events_services.session_propose(
        event=event,
        by=viewer_for_token(token),
        title="Strategies for Strengthening Traceability and Circularity",
        starts_at=event.starts_at,
        ends_at=event.ends_at,
    )
    staff = factories.StaffFactory()
    from members.policies import viewer_for_user

    return events_services.session_approve(session=session, by=viewer_for_user(staff))


def test_a_signed_delivery_that_verifies_and_shows_what_the_api_shows(receiver, run_tasks, settings):
    settings.PORTAL_BASE_URL = "http://testserver"  # links in payloads as the test client's API writes them
    unep = factories.OrganizationFactory(slug="unep")
    endpoint, secret, token = subscribe(unep, receiver.url("/hooks"), ["session.approved"])
    assert secret.startswith("whsec_")
    session = approved_session(unep)

    ran = run_tasks()
    assert sorted(r.task_path for r in ran) == [
        "partners.webhook_tasks.deliver_webhook",
        "partners.webhook_tasks.fan_out_webhook_event",
    ]
    ((headers, body),) = receiver.requests["/hooks"]
    payload = Webhook(secret).verify(body, headers)
    api = Client().get(f"/api/v1/sessions/{session.pk}/", HTTP_AUTHORIZATION=token).json()
    assert payload == {"type": "session.approved", "timestamp": payload["timestamp"], "data": api}
    assert payload["data"]["status"] == "scheduled"
    delivery = WebhookDelivery.objects.get()
    assert (headers["webhook-id"], headers["Content-Type"]) == (delivery.message_id, "application/json")
    assert (delivery.endpoint, delivery.status, delivery.attempts, delivery.response_status_code) == (
        endpoint,
        D.DELIVERED,
        1,
        204,
    )
    with pytest.raises(Exception, match="No matching signature"):
        Webhook("whsec_" + "A" * 44).verify(body, headers)
    # The fan-out run again (a worker that died after its commit) makes no second delivery.
    (fan_out,) = [r for r in ran if r.task_path.endswith("fan_out_webhook_event")]
    assert webhook_deliveries_create(**fan_out.args_kwargs["kwargs"]) == []
    assert WebhookDelivery.objects.count() == 1


def test_a_receiver_that_fails_twice_gets_the_third_attempt(receiver, run_tasks):
    unep = factories.OrganizationFactory()
    _endpoint, secret, _token = subscribe(unep, receiver.url("/flaky"), ["session.approved"])
    receiver.answers["/flaky"] = [500, 503]
    approved_session(unep)

    first = run_tasks()
    assert {r.task_path: r.status for r in first}["partners.webhook_tasks.deliver_webhook"] == TaskResultStatus.FAILED
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_status_code, delivery.error) == (
        D.RETRYING,
        1,
        500,
        "The receiver answered 500.",
    )
    (second,) = run_tasks(after=WEBHOOK_BACKOFF.delay(1) * 1.2)  # the first retry comes within a minute
    assert second.status == TaskResultStatus.FAILED and second.args_kwargs["kwargs"]["attempt"] == 2
    (third,) = run_tasks()
    assert third.status == TaskResultStatus.SUCCESSFUL and third.args_kwargs["kwargs"]["attempt"] == 3

    sent = receiver.requests["/flaky"]
    assert len(sent) == 3
    assert len({headers["webhook-id"] for headers, _body in sent}) == 1, "one message, three attempts"
    assert all(Webhook(secret).verify(body, headers) for headers, body in sent)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_status_code, delivery.error) == (
        D.DELIVERED,
        3,
        204,
        "",
    )


def test_after_the_last_attempt_the_endpoint_is_disabled_and_its_organisation_told(receiver, run_tasks):
    unep = factories.OrganizationFactory(name="UN Environment Programme", contact_email="hooks@unep.example.org")
    endpoint, _secret, _token = subscribe(unep, receiver.url("/down"), ["session.approved", "session.changed"])
    receiver.answers["/down"] = [500] * WEBHOOK_BACKOFF.max_attempts
    session = approved_session(unep)

    for _ in range(WEBHOOK_BACKOFF.max_attempts):
        run_tasks()
    assert len(receiver.requests["/down"]) == WEBHOOK_BACKOFF.max_attempts == 18
    delivery = WebhookDelivery.objects.get()
    endpoint.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (D.FAILED, 18)
    assert not endpoint.enabled and endpoint.disabled_at is not None
    assert endpoint.disabled_reason.startswith(f"The session.approved delivery {delivery.message_id} failed")
    (notice,) = [m for m in mail.outbox if m.subject.startswith("Webhook endpoint disabled")]
    assert (notice.to, notice.subject) == (["hooks@unep.example.org"], f"Webhook endpoint disabled: {endpoint.url}")
    assert "kept failing, so it is disabled and receives no more events" in notice.body

    # Disabled: the next event makes no delivery.
    events_services.session_update(session=session, by=_proposer_viewer(unep), room="Room XII")
    run_tasks()
    assert WebhookDelivery.objects.count() == 1 and len(receiver.requests["/down"]) == 18


def _proposer_viewer(organization):
    token, _secret = partner_token_create(organization=organization, name="edit", scopes=["sessions:write"])
    return viewer_for_token(token)


def test_an_organisation_hears_nothing_it_may_not_see(receiver, run_tasks):
    member = factories.OrganizationFactory(slug="member-org")
    factories.MembershipFactory(organization=member, status=Membership.Status.ACTIVE)
    outsider = factories.OrganizationFactory(slug="outsider")
    everything = ["event.changed", "registration.confirmed", "registration.cancelled"]
    subscribe(member, receiver.url("/member"), everything)
    subscribe(outsider, receiver.url("/outsider"), everything)
    members_only = factories.EventFactory(visibility="members", title="Members' assembly")
    public = factories.EventFactory(title="Open forum")
    staff = _staff()

    # A members-only event changes: the member organisation hears of it, the outsider does not.
    members_only.title = "Members' assembly, new date"
    events_services.event_save(event=members_only, by=staff)
    # The outsider registers a delegate for a public event: nobody else hears of its registration.
    token, _secret = partner_token_create(organization=outsider, name="reg", scopes=["registrations:write"])
    events_services.registration_create(
        by=viewer_for_token(token), event=public, name="Delegate", email="delegate@outsider.example.org"
    )
    run_tasks()

    def heard(path):
        return [
            (json.loads(body)["type"], json.loads(body)["data"].get("title") or json.loads(body)["data"]["email"])
            for _headers, body in receiver.requests[path]
        ]

    assert heard("/member") == [("event.changed", "Members' assembly, new date")]
    assert heard("/outsider") == [("registration.confirmed", "delegate@outsider.example.org")]


def _staff():
    from members.policies import viewer_for_user

    return viewer_for_user(factories.StaffFactory())


def test_at_delivery_the_address_is_checked_again(receiver, run_tasks, settings):
    unep = factories.OrganizationFactory()
    subscribe(unep, receiver.url("/rebound"), ["session.approved"])
    settings.PORTAL_WEBHOOKS_ALLOW_PRIVATE = False  # as in production: the name now leads to loopback
    approved_session(unep)
    run_tasks()
    assert receiver.requests["/rebound"] == []
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.response_status_code) == (D.RETRYING, None)
    assert delivery.error == "Not sent: Webhook URLs must use https."
