"""The newsletter sign-up with double opt-in: the email as its reader receives it (through the background task),
the confirmation and unsubscribe links, answers that say nothing about who is on the list, a rate limit, and the
subscribers in the admin with their export."""

import datetime
import re
import time

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from kernel.models import StatusChange
from members import services
from members.models import NewsletterSubscription
from members.policies import viewer_for_user
from tests import factories
from tests.background.conftest import queued_email, run_tasks  # noqa: F401 (fixtures)
from tests.html import parse

N = NewsletterSubscription.Status
SUBSCRIBE = "/newsletter/"


def sign_up(client, email, consent=True, headers=None, **environ):
    data = {"email": email}
    if consent:
        data["consent"] = "on"
    return client.post(SUBSCRIBE, data, headers=headers or {}, **environ)


def links(message) -> list[str]:
    return re.findall(r"http://127\.0\.0\.1:8000(/\S+)", message.body)


def subscription(email) -> NewsletterSubscription:
    return NewsletterSubscription.objects.get(email=email)


@pytest.mark.django_db(transaction=True)
def test_the_confirmation_email_as_received_and_its_link_subscribes(client, queued_email, run_tasks):  # noqa: F811
    response = sign_up(client, "Ana@Example.org")
    assert (response.status_code, response["Location"]) == (302, "/newsletter/sent/")
    assert subscription("ana@example.org").status == N.PENDING
    assert mail.outbox == []  # sent by the worker, not the web process

    run_tasks()

    (message,) = mail.outbox
    confirm, leave = links(message)
    assert message.to == ["ana@example.org"]
    assert message.subject == "Confirm your newsletter subscription"
    assert message.body.splitlines() == [
        "Someone, probably you, asked to receive our newsletter at this address.",
        "",
        "To confirm, follow this link within 7 days:",
        "http://127.0.0.1:8000" + confirm,
        "",
        "If you did not ask for it, ignore this message: nothing more will be sent to you.",
        "",
        "To unsubscribe at any time:",
        "http://127.0.0.1:8000" + leave,
    ]
    assert confirm.startswith("/newsletter/confirm/") and leave.startswith("/newsletter/unsubscribe/")

    # Opening the link (as a mail scanner would) changes nothing; the button does.
    page = client.get(confirm)
    assert page.status_code == 200 and subscription("ana@example.org").status == N.PENDING
    assert parse(page.content).find("main").find("button").text == "Confirm my subscription"
    done = client.post(confirm)
    assert parse(done.content).find("p", class_="notice").text == (
        "Thank you: you are subscribed to the newsletter. Each one carries a link to unsubscribe."
    )
    confirmed = subscription("ana@example.org")
    assert confirmed.status == N.CONFIRMED and confirmed.confirmed_at is not None
    assert list(NewsletterSubscription.objects.receiving()) == [confirmed]
    assert client.post(confirm).status_code == 200  # following it twice changes nothing

    client.post(leave)
    left = subscription("ana@example.org")
    assert left.status == N.UNSUBSCRIBED and left.unsubscribed_at is not None
    assert list(NewsletterSubscription.objects.receiving()) == []
    transitions = StatusChange.objects.filter(object_id=str(left.pk)).order_by("pk")
    assert [(c.transition, c.to_state) for c in transitions] == [
        ("subscribe", N.PENDING),
        ("confirm", N.CONFIRMED),
        ("unsubscribe", N.UNSUBSCRIBED),
    ]
    # An old confirmation link does not subscribe again after leaving.
    again = client.post(confirm)
    assert again.status_code == 400
    assert subscription("ana@example.org").status == N.UNSUBSCRIBED


@pytest.mark.django_db(transaction=True)
def test_the_email_speaks_the_language_of_the_sign_up(client, queued_email, run_tasks):  # noqa: F811
    client.post("/fr" + SUBSCRIBE, {"email": "lea@example.org", "consent": "on"})
    run_tasks()
    (message,) = mail.outbox
    assert message.subject == "Confirmez votre abonnement à la lettre d'information"
    assert message.body.splitlines()[0] == (
        "Quelqu'un, sans doute vous, a demandé à recevoir notre lettre d'information à cette adresse."
    )
    assert subscription("lea@example.org").language == "fr"


@pytest.mark.django_db
def test_the_sign_up_answers_the_same_whoever_the_address_belongs_to(client, django_capture_on_commit_callbacks):
    confirmed = NewsletterSubscription.objects.create(
        email="known@example.org", status=N.CONFIRMED, consent_at=timezone.now(), confirmed_at=timezone.now()
    )
    answers = []
    with django_capture_on_commit_callbacks(execute=True):
        for email in ("new@example.org", "known@example.org", "new@example.org"):
            response = sign_up(client, email)
            answers.append((response.status_code, response["Location"]))
    assert answers == [(302, "/newsletter/sent/")] * 3
    page = client.get("/newsletter/sent/")
    assert parse(page.content).find("h1").text == "Check your inbox"
    # Only the owner of an address hears more: the new one is sent a link (twice), the subscribed one nothing.
    assert [m.to for m in mail.outbox] == [["new@example.org"], ["new@example.org"]]
    confirmed.refresh_from_db()
    assert confirmed.status == N.CONFIRMED


@pytest.mark.django_db
def test_consent_is_required_and_nothing_is_kept_without_it(client):
    response = sign_up(client, "ana@example.org", consent=False)
    assert response.status_code == 200
    assert response.context["form"].errors == {"consent": ["Tick the box to agree to receive the newsletter."]}
    assert not NewsletterSubscription.objects.exists()
    response = sign_up(client, "not an address")
    assert response.context["form"].errors == {"email": ["Enter a valid email address."]}


@pytest.mark.django_db
def test_the_sign_up_is_rate_limited_per_network_address(client):
    for n in range(10):
        assert sign_up(client, f"person{n}@example.org").status_code == 302
    response = sign_up(client, "one-more@example.org")
    assert response.status_code == 429
    assert parse(response.content).find("h1").text == "Too many attempts"
    assert not NewsletterSubscription.objects.filter(email="one-more@example.org").exists()
    assert sign_up(client, "elsewhere@example.org", REMOTE_ADDR="10.0.0.9").status_code == 302


@pytest.mark.django_db
def test_a_tampered_or_expired_link_changes_nothing(client):
    pending = NewsletterSubscription.objects.create(email="ana@example.org", consent_at=timezone.now())
    token = services.newsletter_token(pending, salt=services.NEWSLETTER_CONFIRM_SALT)
    for bad in (token[:-2] + "xx", services.newsletter_token(pending, salt=services.NEWSLETTER_UNSUBSCRIBE_SALT)):
        response = client.post(reverse("members:newsletter-confirm", args=[bad]))
        assert response.status_code == 400
        assert parse(response.content).find("p", class_="notice").text == "This link is not valid or has expired."

    class EightDaysAgo(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - 8 * 24 * 60 * 60)

    expired = EightDaysAgo(salt=services.NEWSLETTER_CONFIRM_SALT).sign_object([pending.pk, pending.email])
    assert client.post(reverse("members:newsletter-confirm", args=[expired])).status_code == 400
    fresh = signing.TimestampSigner(salt=services.NEWSLETTER_CONFIRM_SALT).sign_object([pending.pk, pending.email])
    assert client.post(reverse("members:newsletter-confirm", args=[fresh])).status_code == 200
    pending.refresh_from_db()
    assert pending.status == N.CONFIRMED  # only the good link did it


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.django_db
def test_subscribers_changelist_query_budget(staff_client, rows, django_assert_num_queries):
    emails = [
        NewsletterSubscription.objects.create(email=f"reader{n}@example.org", consent_at=timezone.now()).email
        for n in range(rows)
    ]
    with django_assert_num_queries(8):
        response = staff_client.get(reverse("admin:members_newslettersubscription_changelist"))
    assert sorted(a.text for a in parse(response.content).find_all("th", class_="field-email")) == sorted(emails)


@pytest.mark.django_db
def test_staff_export_subscribers_as_csv(staff_client):
    consent = datetime.datetime(2026, 11, 3, 9, 30, tzinfo=datetime.UTC)
    row = NewsletterSubscription.objects.create(
        email="ana@example.org", status=N.CONFIRMED, consent_at=consent, confirmed_at=consent, language="fr"
    )
    response = staff_client.post(
        reverse("admin:members_newslettersubscription_changelist"),
        {"action": "export_csv", "_selected_action": [row.pk]},
    )
    assert response.content.decode().splitlines() == [
        "email,status,language,consent_at,confirmed_at",
        "ana@example.org,confirmed,fr,2026-11-03T09:30:00+00:00,2026-11-03T09:30:00+00:00",
    ]


@pytest.mark.django_db
def test_only_staff_allowed_to_see_subscribers_see_them(anonymous, member, staff):
    row = NewsletterSubscription.objects.create(email="ana@example.org", consent_at=timezone.now())
    assert list(NewsletterSubscription.objects.visible_to(anonymous)) == []
    assert list(NewsletterSubscription.objects.visible_to(member)) == []
    editor = viewer_for_user(factories.UserFactory(is_staff=True))
    assert list(NewsletterSubscription.objects.visible_to(editor)) == []
    assert list(NewsletterSubscription.objects.visible_to(staff)) == [row]


@pytest.mark.django_db
def test_a_persons_data_download_includes_their_newsletter_subscription(client):
    user = factories.UserFactory(email="ana@example.org")
    consent = datetime.datetime(2026, 11, 3, 9, 30, tzinfo=datetime.UTC)
    NewsletterSubscription.objects.create(email="ana@example.org", consent_at=consent)
    NewsletterSubscription.objects.create(email="someone-else@example.org", consent_at=consent)
    client.force_login(user)
    data = client.get(reverse("accounts:profile-data")).json()
    assert data["newsletter"] == [
        {"email": "ana@example.org", "status": N.PENDING, "consent_at": consent.isoformat(), "confirmed_at": None}
    ]
