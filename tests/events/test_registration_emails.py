"""The emails a registrant receives, as they receive them: what, when in the event's own zone, where (venue and
address, or the join link of an online event for confirmed seats only), the cancel link and the calendar file."""

import datetime
import zoneinfo

import icalendar
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from events import services
from events.models import Event, Registration
from tests import factories

pytestmark = pytest.mark.django_db

GENEVA = zoneinfo.ZoneInfo("Europe/Zurich")
JOIN = "https://meet.example.org/webinar-42"


def register(client, event, email, name="Ana Registrant", language="en"):
    # The page's language is its address's (/fr/…): the email speaks the language of the page it came from.
    with translation.override(language):
        url = reverse("events:event-register", args=[event.slug])
    client.post(url, {"name": name, "email": email})
    return Registration.objects.get(email=email, event=event)


def body_lines(message) -> list[str]:
    return message.body.splitlines()


def in_person_event(**fields) -> Event:
    return factories.EventFactory(
        title="Regional dialogue",
        venue="Palais des Nations",
        room="Room XXIV",
        address="Avenue de la Paix 8-14",
        city="Geneva",
        country="CH",
        starts_at=datetime.datetime(2031, 11, 11, 13, 15, tzinfo=GENEVA),
        ends_at=datetime.datetime(2031, 11, 11, 14, 45, tzinfo=GENEVA),
        timezone="Europe/Zurich",
        **fields,
    )


def online_event(**fields) -> Event:
    return factories.EventFactory(
        title="Members' webinar",
        format=Event.Format.ONLINE,
        city="",
        country="",
        online_url=JOIN,
        starts_at=datetime.datetime(2031, 2, 10, 15, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2031, 2, 10, 16, 30, tzinfo=datetime.UTC),
        timezone="America/Santiago",
        **fields,
    )


def test_confirmation_gives_date_time_in_the_event_zone_and_the_venue_with_its_address(
    client, django_capture_on_commit_callbacks
):
    event = in_person_event(capacity=10)
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(client, event, "ana@example.org")
    (message,) = mail.outbox
    assert message.subject == "Your registration for Regional dialogue"
    cancel = "http://127.0.0.1:8000" + reverse("events:registration-cancel", args=[registration.cancel_token])
    assert body_lines(message) == [
        "Dear Ana Registrant,",
        "",
        "Your seat is confirmed. The calendar entry is attached.",
        "",
        "Regional dialogue",
        "When: Nov. 11, 2031, 1:15 p.m. \u2013 2:45 p.m. (Europe/Zurich, UTC+01:00)",
        "Where: Palais des Nations, Room XXIV, Avenue de la Paix 8-14, Geneva, Switzerland",
        "Event page: http://127.0.0.1:8000" + event.get_absolute_url(),
        "",
        "To cancel, open: " + cancel,
    ]
    (vevent,) = icalendar.Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")
    assert str(vevent["LOCATION"]) == "Room XXIV, Palais des Nations, Avenue de la Paix 8-14, Geneva, Switzerland"


def test_a_multi_day_event_gives_both_dates_in_the_readers_language(client, django_capture_on_commit_callbacks):
    event = in_person_event(capacity=10)
    event.ends_at = datetime.datetime(2031, 11, 13, 18, 0, tzinfo=GENEVA)
    event.save()
    with django_capture_on_commit_callbacks(execute=True):
        register(client, event, "ana@example.org", language="fr")
    (message,) = mail.outbox
    assert message.subject == "Votre inscription à Regional dialogue"
    assert "Quand\u00a0: 11 novembre 2031, 13:15 \u2013 13 novembre 2031, 18:00 (Europe/Zurich, UTC+01:00)" in (
        body_lines(message)
    )


def test_an_online_event_sends_the_join_link_to_confirmed_registrants_only(client, django_capture_on_commit_callbacks):
    event = online_event(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        first = register(client, event, "first@example.org", name="First")
        register(client, event, "second@example.org", name="Second")
    confirmed, waitlisted = mail.outbox
    assert confirmed.to == ["first@example.org"] and waitlisted.to == ["second@example.org"]
    assert body_lines(confirmed)[4:9] == [
        "Members' webinar",
        "When: Feb. 10, 2031, noon \u2013 1:30 p.m. (America/Santiago, UTC-03:00)",
        "Where: Online",
        f"Join online: {JOIN}",
        "This link is for you: please do not pass it on.",
    ]
    (vevent,) = icalendar.Calendar.from_ical(confirmed.attachments[0][1]).walk("VEVENT")
    assert f"Join online: {JOIN}" in str(vevent["DESCRIPTION"]).splitlines()

    assert JOIN not in waitlisted.body and waitlisted.attachments == []
    assert body_lines(waitlisted)[2] == (
        "The event is full, so you are on the waitlist. If a seat frees up, it is yours and we will tell you."
    )
    assert body_lines(waitlisted)[5:8] == [
        "When: Feb. 10, 2031, noon \u2013 1:30 p.m. (America/Santiago, UTC-03:00)",
        "Where: Online",
        "Join online: the link comes by email once your seat is confirmed.",
    ]

    # A seat frees: the promoted registrant now receives the link.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("events:registration-cancel", args=[first.cancel_token]))
    (promoted,) = mail.outbox
    assert promoted.to == ["second@example.org"] and promoted.subject == "A seat is yours: Members' webinar"
    assert f"Join online: {JOIN}" in body_lines(promoted)


def test_registrations_awaiting_approval_get_no_join_link(client, django_capture_on_commit_callbacks):
    event = online_event(registration_requires_approval=True)
    with django_capture_on_commit_callbacks(execute=True):
        register(client, event, "ana@example.org")
    (message,) = mail.outbox
    assert JOIN not in message.body
    assert "Join online: the link comes by email once your seat is confirmed." in body_lines(message)


def test_the_join_link_never_reaches_a_public_surface(client):
    event = online_event()
    for path in (
        event.get_absolute_url(),
        reverse("events:event-ics", args=[event.slug]),
        reverse("events:upcoming-ics"),
        f"/api/v1/events/{event.slug}/",
        "/api/v1/events/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert JOIN not in response.content.decode(), path


def test_staff_read_the_join_link_through_the_api(staff_client):
    event = online_event()
    assert staff_client.get(f"/api/v1/events/{event.slug}/").json()["online_url"] == JOIN


def breakout(event, **extra):
    """A 30-minute session at an invented time, with five seats."""
    return factories.SessionFactory(
        event=event,
        title="Breakout on tailings",
        capacity=5,
        starts_at=datetime.datetime(2031, 11, 11, 13, 30, tzinfo=GENEVA),
        ends_at=datetime.datetime(2031, 11, 11, 14, 0, tzinfo=GENEVA),
        time_invented=True,
        **extra,
    )


def test_a_session_registration_names_its_event_and_room(client, django_capture_on_commit_callbacks):
    event = in_person_event()
    session = breakout(event, room="Room XII")
    url = reverse("events:session-register", args=[event.slug, session.slug])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"name": "Ana", "email": "ana@example.org"})
    (message,) = mail.outbox
    assert body_lines(message)[4:9] == [
        "Breakout on tailings",
        "Part of Regional dialogue",
        "When: Nov. 11, 2031, 1:30 p.m. \u2013 2 p.m. (Europe/Zurich, UTC+01:00)",
        "Invented for the demo: the date and time.",
        "Where: Palais des Nations, Room XII, Avenue de la Paix 8-14, Geneva, Switzerland",
    ]


@pytest.mark.parametrize(
    ("language", "join", "online"),
    [("fr", f"Participer en ligne\u00a0: {JOIN}", "En ligne"), ("es", f"Participar en línea: {JOIN}", "En línea")],
)
def test_the_attached_calendar_file_is_in_the_registrants_language(
    client, django_capture_on_commit_callbacks, language, join, online
):
    event = online_event(capacity=5, title_fr="Webinaire des membres", title_es="Seminario web para miembros")
    with django_capture_on_commit_callbacks(execute=True):
        register(client, event, "ana@example.org", language=language)
    (message,) = mail.outbox
    (vevent,) = icalendar.Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")
    assert str(vevent["DESCRIPTION"]).splitlines() == ["", join]
    assert (str(vevent["SUMMARY"]), str(vevent["LOCATION"])) == (
        {"fr": "Webinaire des membres", "es": "Seminario web para miembros"}[language],
        online,
    )


def test_a_session_registrants_calendar_file_is_in_their_language(client, django_capture_on_commit_callbacks):
    event = in_person_event(title_fr="Dialogue régional")
    session = breakout(event, title_fr="Atelier sur les résidus miniers")
    factories.SessionOrganizationFactory(session=session, organization__acronym="IRMA")
    factories.ParticipationFactory(
        session=session,
        person__given_name="Ana",
        person__family_name="Speaker",
        printed_title="",
        printed_affiliation="",
    )
    with translation.override("fr"):
        url = reverse("events:session-register", args=[event.slug, session.slug])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"name": "Ana", "email": "ana@example.org"})
    (message,) = mail.outbox
    (vevent,) = icalendar.Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")
    assert str(vevent["DESCRIPTION"]).splitlines() == [
        "Dans le cadre de l\u2019événement «\u00a0Dialogue régional\u00a0».",
        "Co-organisateurs\u00a0: IRMA (co-organisateur).",
        "Inventé pour la démonstration\u00a0: la date et l\u2019heure.",
        "",
        "Intervenants\u00a0:",
        "- Ana Speaker (Intervenant)",
    ]


# --- the registrant's language, kept on the registration for those without an account ----------------------


def test_a_seat_freed_later_is_told_in_the_language_of_the_page_the_registrant_used(
    client, staff, django_capture_on_commit_callbacks
):
    event = in_person_event(capacity=1, title_fr="Dialogue régional")
    first = register(client, event, "ana@example.org")
    waiting = register(client, event, "amelie@example.org", name="Amélie Martin", language="fr")
    assert (waiting.status, waiting.language) == (Registration.Status.WAITLISTED, "fr")
    mail.outbox.clear()
    # Staff free the seat from an English page: the registrant promoted still reads French.
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=first, by=staff)
    (message,) = mail.outbox
    assert (message.to, message.subject) == (["amelie@example.org"], "Une place vous attend\u00a0: Dialogue régional")
    assert body_lines(message)[:5] == [
        "Bonjour Amélie Martin,",
        "",
        "Votre place est confirmée. L\u2019entrée de calendrier est jointe.",
        "",
        "Dialogue régional",
    ]


def test_an_approval_is_told_in_the_language_of_the_page_the_registrant_used(
    client, staff, django_capture_on_commit_callbacks
):
    event = in_person_event(capacity=5, registration_requires_approval=True, title_es="Diálogo regional")
    pending = register(client, event, "ana@example.org", language="es")
    mail.outbox.clear()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.registration_approve(registration=pending, by=staff)
    (message,) = mail.outbox
    assert message.subject == "Su inscripción en Diálogo regional"


def test_a_registrant_with_an_account_is_written_to_in_their_accounts_language(
    staff, django_capture_on_commit_callbacks
):
    user = factories.UserFactory(email="ana@example.org", language="es")
    event = in_person_event(capacity=5, registration_requires_approval=True, title_es="Diálogo regional")
    # Registered on a French page, but the account says Spanish: the account's language wins.
    pending = factories.RegistrationFactory(
        event=event, email=user.email, language="fr", status=Registration.Status.PENDING_APPROVAL
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_approve(registration=pending, by=staff)
    (message,) = mail.outbox
    assert message.subject == "Su inscripción en Diálogo regional"
