"""Every email is a task: stored whole (attachments too) when the write commits, delivered by the worker, retried
while the mail server is down, delivered exactly once when it is back."""

import datetime
import email
import email.policy
import json
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.mail import EmailMessage, EmailMultiAlternatives, send_mail
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from background.mail import deliver_email, message_from_json, message_to_json
from events import calendars
from events.services import registration_create
from kernel.notifications import absolute_url
from kernel.viewer import Viewer
from tests import factories

pytestmark = pytest.mark.django_db

BINARY = bytes(range(256))  # not UTF-8: must survive as bytes, not be "normalised" into text


class Inbox:
    """An SMTP server's handler: keeps what it is given; refuses recipients in `refuse`."""

    def __init__(self, refuse=()):
        self.messages = []
        self.refuse = set(refuse)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            (envelope.rcpt_tos, email.message_from_bytes(envelope.content, policy=email.policy.default))
        )
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(queued_email):
    """Delivery through Django's real SMTP backend to a port on loopback where no server listens yet."""
    port = free_port()
    queued_email.PORTAL_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    queued_email.EMAIL_HOST, queued_email.EMAIL_PORT, queued_email.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    controllers = []

    class Server:
        def start(self, inbox):
            controller = Controller(inbox, hostname="127.0.0.1", port=port)
            controller.start()
            controllers.append(controller)
            return inbox

    yield Server()
    for controller in controllers:
        controller.stop()


def email_tasks():
    return DBTaskResult.objects.filter(task_path="background.mail.deliver_email").order_by("enqueued_at")


def test_a_message_survives_the_queue_whole(db, settings):
    message = EmailMultiAlternatives(
        subject="Votre inscription: Genève",
        body="Texte brut.",
        from_email="events@example.org",
        to=["a@example.org"],
        cc=["b@example.org"],
        bcc=["c@example.org"],
        reply_to=["team@example.org"],
        headers={"X-Portal": "1"},
    )
    message.attach_alternative("<p>Texte <b>riche</b>.</p>", "text/html")
    message.attach("invitation.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    message.attach("data.bin", BINARY, "application/octet-stream")
    message.attach("notes.txt", "déjà vu", "text/plain")

    payload = json.loads(json.dumps(message_to_json(message)))  # task arguments are stored as JSON
    rebuilt = message_from_json(payload)

    assert (rebuilt.subject, rebuilt.body, rebuilt.from_email) == (message.subject, message.body, message.from_email)
    assert (rebuilt.to, rebuilt.cc, rebuilt.bcc, rebuilt.reply_to) == (
        ["a@example.org"],
        ["b@example.org"],
        ["c@example.org"],
        ["team@example.org"],
    )
    assert rebuilt.alternatives == [("<p>Texte <b>riche</b>.</p>", "text/html")]
    assert [tuple(a) for a in rebuilt.attachments] == [tuple(a) for a in message.attachments]
    assert [tuple(a) for a in rebuilt.attachments] == [
        ("invitation.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar"),  # Django decodes text/*
        ("data.bin", BINARY, "application/octet-stream"),
        ("notes.txt", "déjà vu", "text/plain"),
    ]
    # Fixed once, when stored, so every attempt sends the same message.
    assert rebuilt.extra_headers["X-Portal"] == "1"
    assert rebuilt.extra_headers["Message-ID"] == payload["headers"]["Message-ID"]
    assert message_from_json(payload).message()["Message-ID"] == rebuilt.message()["Message-ID"]


def test_every_way_of_sending_mail_becomes_a_task(queued_email, django_capture_on_commit_callbacks):
    html = EmailMultiAlternatives("Confirm your address", "Open the link.", to=["new@example.org"])
    html.attach_alternative("<a href='#'>Open the link.</a>", "text/html")
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Hello", "Plain.", None, ["someone@example.org"])
        html.send()

    assert mail.outbox == []  # nothing sent by the web process
    assert [r.args_kwargs["args"][0]["subject"] for r in email_tasks()] == ["Hello", "Confirm your address"]
    assert {r.queue_name for r in email_tasks()} == {"email"}


def test_nothing_is_stored_for_a_write_that_rolled_back(queued_email, event, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        registration_create(by=Viewer.anonymous(), event=event, name="Ana", email="ana@example.org")
        raise RuntimeError("the request failed after the registration")
    assert callbacks == []
    assert not email_tasks().exists()
    assert mail.outbox == []


def test_mail_server_down_then_up_delays_the_mail_and_delivers_it_exactly_once(smtp, run_tasks):
    event = factories.EventFactory(title="IGF 21st Annual General Meeting", capacity=10)
    registration = registration_create(by=Viewer.anonymous(), event=event, name="Ana Silva", email="ana@example.org")
    (stored,) = email_tasks()
    assert stored.status == TaskResultStatus.READY

    # The server is down: the attempt fails and another is stored for later.
    (first,) = run_tasks()
    assert first.exception_class_path == "background.retry.RetryScheduled"
    assert "ConnectionRefusedError" in first.traceback
    (retry,) = email_tasks().filter(status=TaskResultStatus.READY)
    assert retry.args_kwargs["kwargs"] == {"attempt": 2}
    assert datetime.timedelta(seconds=25) < retry.run_after - timezone.now() < datetime.timedelta(seconds=35)

    (second,) = run_tasks()  # still down
    assert second.exception_class_path == "background.retry.RetryScheduled"

    inbox = smtp.start(Inbox())
    (third,) = run_tasks()
    assert third.status == TaskResultStatus.SUCCESSFUL
    assert run_tasks() == [] and run_tasks(after=datetime.timedelta(days=2)) == []

    ((recipients, message),) = inbox.messages
    assert recipients == ["ana@example.org"]
    assert message["Subject"] == f"Your registration for {event}"
    assert message["Message-ID"] == stored.args_kwargs["args"][0]["headers"]["Message-ID"]
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert absolute_url(event.get_absolute_url()) in text
    (ics,) = [part for part in message.iter_attachments() if part.get_filename() == "invitation.ics"]
    assert ics.get_content_type() == "text/calendar"
    expected = calendars.events_calendar(absolute_url("/"), [registration.event], name=event.title)
    assert ics.get_payload(decode=True) == expected


def test_a_recipient_the_server_refuses_for_good_is_not_retried(smtp, run_tasks):
    inbox = smtp.start(Inbox(refuse={"nobody@example.org"}))
    EmailMessage("Hello", "Text.", to=["nobody@example.org"]).send()
    (result,) = run_tasks()
    assert result.status == TaskResultStatus.FAILED
    assert result.exception_class_path == "background.retry.PermanentFailure"
    assert "550" in result.traceback
    assert run_tasks(after=datetime.timedelta(days=2)) == []
    assert inbox.messages == []


def test_the_worker_delivers_through_the_configured_backend(queued_email, run_tasks):
    EmailMessage("Hello", "Text.", to=["a@example.org"]).send()
    (result,) = run_tasks()
    assert result.status == TaskResultStatus.SUCCESSFUL
    ((message),) = mail.outbox
    assert (message.subject, message.to) == ("Hello", ["a@example.org"])
    assert result.return_value == {"message_id": message.extra_headers["Message-ID"]}
    assert deliver_email.module_path == "background.mail.deliver_email"
