"""Registering for events and sessions on the site, with emails, waitlist and the cancel link."""

import re

import icalendar
import pytest
from django.core import mail
from django.urls import reverse

from events.models import Event, Registration
from tests import factories

pytestmark = pytest.mark.django_db


def test_register_confirmed_with_ics_and_cancel_link(client, django_capture_on_commit_callbacks):
    event = factories.EventFactory(capacity=2, title="Open consultation")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:event-register", args=[event.slug]),
            {"name": "Ana", "email": "Ana@Example.org"},
            follow=True,
        )
    assert "You are registered." in response.content.decode()
    registration = Registration.objects.get()
    assert (registration.email, registration.status) == ("ana@example.org", "confirmed")
    (message,) = mail.outbox
    (attachment,) = message.attachments
    assert attachment[0] == "invitation.ics"
    (vevent,) = icalendar.Calendar.from_ical(attachment[1]).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Open consultation"
    cancel_path = re.search(r"https?://[^/]+(/events/registrations/\S+/cancel/)", message.body).group(1)
    assert client.get(cancel_path).status_code == 200
    client.post(cancel_path)
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_full_event_waitlists_and_cancelling_promotes_with_email(client, django_capture_on_commit_callbacks):
    event = factories.EventFactory(capacity=1)
    client.post(reverse("events:event-register", args=[event.slug]), {"name": "First", "email": "a@example.org"})
    body = client.post(
        reverse("events:event-register", args=[event.slug]), {"name": "Second", "email": "b@example.org"}, follow=True
    ).content.decode()
    assert "you are on the waitlist" in body
    first = Registration.objects.get(email="a@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("events:registration-cancel", args=[first.cancel_token]))
    assert Registration.objects.get(email="b@example.org").status == "confirmed"
    assert [m.to for m in mail.outbox] == [["b@example.org"]]
    assert mail.outbox[0].subject.startswith("A seat is yours")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "email": "a@example.org"}, "This field is required."),
        ({"name": "A", "email": "nope"}, "Enter a valid email address."),
    ],
)
def test_registration_form_errors(client, data, message):
    event = factories.EventFactory()
    body = client.post(reverse("events:event-register", args=[event.slug]), data).content.decode()
    assert message in body and not Registration.objects.exists()


def test_registering_twice_is_a_form_error(client):
    event = factories.EventFactory()
    url = reverse("events:event-register", args=[event.slug])
    client.post(url, {"name": "A", "email": "a@example.org"})
    body = client.post(url, {"name": "A", "email": "a@example.org"}).content.decode()
    assert "a@example.org is already registered." in body


def test_members_only_event_needs_an_active_member_account(client):
    event = factories.EventFactory(visibility=Event.Visibility.MEMBERS)
    assert client.get(reverse("events:event-register", args=[event.slug])).status_code == 404
    user = factories.UserFactory()
    person = factories.PersonFactory(user=user)
    client.force_login(user)
    assert client.get(reverse("events:event-register", args=[event.slug])).status_code == 404
    membership = factories.MembershipFactory(status="active")
    factories.AffiliationFactory(person=person, organization=membership.organization)
    body = client.post(
        reverse("events:event-register", args=[event.slug]), {"name": "Member", "email": "m@example.org"}, follow=True
    ).content.decode()
    assert "You are registered." in body


def test_session_with_its_own_capacity(client):
    session = factories.SessionFactory(capacity=1)
    url = reverse("events:session-register", args=[session.event.slug, session.slug])
    client.post(url, {"name": "A", "email": "a@example.org"})
    client.post(url, {"name": "B", "email": "b@example.org"})
    assert list(Registration.objects.order_by("pk").values_list("session", "status")) == [
        (session.pk, "confirmed"),
        (session.pk, "waitlisted"),
    ]
    no_capacity = factories.SessionFactory(event=session.event)
    redirect = client.get(reverse("events:session-register", args=[session.event.slug, no_capacity.slug]))
    assert redirect["Location"] == reverse("events:event-register", args=[session.event.slug])


def test_past_event_refuses_registration(client):
    import datetime

    from django.utils import timezone

    past = factories.EventFactory(
        starts_at=timezone.now() - datetime.timedelta(days=5), ends_at=timezone.now() - datetime.timedelta(days=4)
    )
    body = client.post(
        reverse("events:event-register", args=[past.slug]), {"name": "A", "email": "a@example.org"}
    ).content.decode()
    assert "This event is over." in body
