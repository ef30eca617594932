"""A person's own pages across the apps: profile and consent, security and sessions, their data, erasure."""

import json

import pyotp
import pytest
from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.test import Client
from django.urls import reverse
from django.utils import translation

from members.models import Person, SignIn, User
from members.services import SIGN_IN_HISTORY, sign_in_record
from tests import factories
from tests.html import parse
from tests.members.accounts import PASSWORD, main_text, sign_in, signed_up

pytestmark = pytest.mark.django_db


def test_profile_consent_is_recorded_and_public_page_appears(client):
    signed_up(client)
    response = client.post(
        reverse("accounts:profile"),
        {
            "given_name": "Ana",
            "family_name": "Quispe",
            "bio": "Community organiser.",
            "phone": "+51 1",
            "public_profile": "on",
            "language": "en",
        },
        follow=True,
    )
    assert "Your profile is saved." in response.content.decode()
    person = Person.objects.get(user__email="ana@example.org")
    assert person.public_profile and person.consent_recorded_at is not None
    page = client.get(person.get_absolute_url()).content.decode()
    assert "Community organiser." in page and "+51 1" not in page and "ana@example.org" not in page


def test_profile_shows_address_second_factor_and_where_the_account_is_signed_in(client):
    signed_up(client)
    other_browser = Client(HTTP_USER_AGENT="Other browser/1.0")
    sign_in(other_browser)
    text = main_text(client.get(reverse("accounts:profile")))
    assert "Email address ana@example.org · confirmed" in text
    assert "Two-factor authentication off" in text
    sessions = UserSession.objects.filter(user__email="ana@example.org").order_by("created_at")
    assert [s.user_agent for s in sessions] == ["", "Other browser/1.0"]
    assert "Other browser/1.0" in text and "this browser" in text
    # Sign out everywhere else: the other browser's session ends, this one stays.
    client.post(reverse("usersessions_list"))
    assert other_browser.get(reverse("accounts:profile")).status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200
    assert UserSession.objects.filter(user__email="ana@example.org").count() == 1


def test_data_download_and_account_deletion(client):
    signed_up(client)
    event = factories.EventFactory(capacity=1)
    client.post(
        f"/fr{reverse('events:event-register', args=[event.slug])}",
        {"name": "Ana Q", "email": "ana@example.org", "organization_name": "Mina Q"},
    )
    translation.activate("en")  # the French page left this thread in French; the rest reads in English
    data = json.loads(client.get(reverse("accounts:profile-data")).content)
    assert data["account"]["email"] == "ana@example.org"
    assert data["email_addresses"] == [{"email": "ana@example.org", "verified": True, "primary": True}]
    assert data["second_factors"] == []
    assert [s["browser"] for s in data["sessions"]] == [""]
    assert data["person"]["family_name"] == "Quispe"
    registration = data["registrations"][0]
    assert [registration[key] for key in ("event", "name", "email", "organization_name", "language")] == [
        event.title,
        "Ana Q",
        "ana@example.org",
        "Mina Q",
        "fr",
    ]
    waiting = factories.RegistrationFactory(event=event, status="waitlisted")
    wrong = client.post(reverse("accounts:profile-delete"), {"password": "nope"})
    assert "That is not your password." in wrong.content.decode()
    client.post(reverse("accounts:profile-delete"), {"password": PASSWORD})
    assert not Person.objects.filter(family_name="Quispe").exists()
    assert not User.objects.filter(email="ana@example.org").exists()
    assert not EmailAddress.objects.filter(email="ana@example.org").exists()
    assert not event.registrations.filter(email="ana@example.org").exists()
    waiting.refresh_from_db()
    assert waiting.status == "confirmed", "the freed seat went to the waitlist"


def test_an_account_without_a_password_confirms_erasure_with_its_second_factor(client):
    user = factories.StaffFactory(is_staff=False, is_superuser=False)  # has an authenticator app
    user.set_unusable_password()
    user.save()
    client.force_login(user)
    response = client.post(reverse("accounts:profile-delete"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("mfa_reauthenticate"))
    assert User.objects.filter(pk=user.pk).exists()
    wrong = client.post(response["Location"], {"code": "000000"})
    assert "Incorrect code." in wrong.content.decode() and User.objects.filter(pk=user.pk).exists()
    code = pyotp.TOTP(user.totp_secret).now()
    done = client.post(response["Location"], {"code": code}, follow=True)
    assert "Your account and personal data were deleted." in main_text(done)
    assert not User.objects.filter(pk=user.pk).exists()


def test_deleting_a_speakers_account_keeps_the_public_record_by_name_only(client):
    signed_up(client)
    person = Person.objects.get(user__email="ana@example.org")
    factories.ParticipationFactory(person=person)
    client.post(reverse("accounts:profile-delete"), {"password": PASSWORD})
    person.refresh_from_db()
    assert (person.user, person.email, person.public_profile) == (None, "", False)
    assert person.family_name == "Quispe"


def test_an_account_made_in_the_admin_gets_a_private_profile_on_first_visit(client):
    user = factories.UserFactory(first_name="Inga", last_name="Petersen")
    client.force_login(user)
    assert client.get(reverse("accounts:profile")).status_code == 200
    client.get(reverse("accounts:profile"))
    person = Person.objects.get(user=user)
    assert (person.full_name, person.email, person.public_profile) == ("Inga Petersen", user.email, False)


def test_profile_lists_only_the_persons_own_registrations(client):
    signed_up(client)
    event = factories.EventFactory(capacity=3, title="Open consultation")
    client.post(reverse("events:event-register", args=[event.slug]), {"name": "Ana Q", "email": "ana@example.org"})
    user = Person.objects.get(user__email="ana@example.org").user
    factories.RegistrationFactory(
        event=event, user=user, registered_by=factories.OrganizationFactory(), email="x@example.org"
    )
    page = client.get(reverse("accounts:profile")).content.decode()
    assert page.count("Open consultation") == 1, "a partner's registration naming this account is the partner's"


def test_members_area_is_for_members(client, member_user):
    document = factories.PublicationFactory(title="Board minutes", members_only=True)
    assert client.get(reverse("accounts:members-area")).status_code == 302
    client.force_login(factories.UserFactory())
    refused = client.get(reverse("accounts:members-area"))
    assert refused.status_code == 403 and "active member organisations" in refused.content.decode()
    client.force_login(member_user)
    area = client.get(reverse("accounts:members-area")).content.decode()
    assert "Board minutes" in area
    assert document.title in client.get(reverse("publications:publication-list")).content.decode()
    client.logout()
    assert document.title not in client.get(reverse("publications:publication-list")).content.decode()


def test_recent_sign_ins_outlive_their_sessions_and_mark_a_new_browser(client):
    signed_up(client)
    laptop = Client(HTTP_USER_AGENT="Laptop browser/1.0")
    sign_in(laptop)
    laptop.post(reverse("account_logout"))
    phone = Client(HTTP_USER_AGENT="Phone browser/2.0", REMOTE_ADDR="203.0.113.9")
    sign_in(phone)
    section = parse(client.get(reverse("accounts:profile")).content).find(
        "section", **{"aria-labelledby": "sign-ins-heading"}
    )
    rows = [
        [*(cell.text for cell in row.find_all("td")[1:]), "new browser" in row.text]
        for row in section.find("tbody").find_all("tr")
    ]
    # The laptop's session has ended, yet its sign-in is still listed; the phone's is marked as a new browser.
    assert rows == [
        ["203.0.113.9", "Phone browser/2.0", True],
        ["127.0.0.1", "Laptop browser/1.0", True],
        ["127.0.0.1", "", False],
    ]
    exported = json.loads(client.get(reverse("accounts:profile-data")).content)["sign_ins"]
    assert [(s["browser"], s["new_browser"]) for s in exported] == [
        ("Phone browser/2.0", True),
        ("Laptop browser/1.0", True),
        ("", False),
    ]


def test_only_the_most_recent_sign_ins_are_kept():
    user = factories.UserFactory(email="ana@example.org")
    for n in range(SIGN_IN_HISTORY + 3):
        sign_in_record(
            user=user, ip="not an address" if n == 0 else "198.51.100.7", user_agent=f"b{n}", new_device=False
        )
    kept = list(SignIn.objects.of_account(user).values_list("user_agent", "ip"))
    assert kept == [(f"b{n}", "198.51.100.7") for n in reversed(range(3, SIGN_IN_HISTORY + 3))]


def build_registrations(user, rows: int) -> list:
    """`rows` registrations of `user`: each for an event with a session of its own seats, waitlisted on one."""
    import datetime

    from django.utils import timezone

    made = []
    for index in range(rows):
        starts = timezone.now() + datetime.timedelta(days=10 + index)
        event = factories.EventFactory(
            title=f"Consultation {index}", starts_at=starts, ends_at=starts + datetime.timedelta(hours=8)
        )
        session = factories.SessionFactory(
            event=event,
            title=f"Workshop {index}",
            capacity=1,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=1),
        )
        factories.RegistrationFactory(event=event, session=session, status="confirmed")
        made.append(factories.RegistrationFactory(event=event, user=user, email=user.email))
        waiting = factories.RegistrationFactory(
            event=event, session=session, user=user, email=user.email, status="waitlisted"
        )
        made.append(waiting)
    return made


@pytest.mark.parametrize("rows", [1, 3])
def test_my_registrations_query_count_is_flat(client, rows, django_assert_num_queries):
    user = factories.UserFactory()
    factories.PersonFactory(user=user)
    build_registrations(user, rows)
    client.force_login(user)
    with django_assert_num_queries(7):
        response = client.get(reverse("accounts:registrations"))
    assert len(parse(response.content).find_all("tr", class_="registration")) == 2 * rows


def test_my_registrations_lists_dates_states_and_links_of_the_persons_own_only(client):
    user = factories.UserFactory()
    factories.PersonFactory(user=user)
    (event_registration, session_registration) = build_registrations(user, 1)
    event, session = event_registration.event, session_registration.session
    factories.RegistrationFactory(event=event, user=factories.UserFactory(), email="else@example.org")
    partner = factories.OrganizationFactory()
    factories.RegistrationFactory(event=event, user=user, registered_by=partner, email="x@example.org")
    assert client.get(reverse("accounts:registrations")).status_code == 302
    client.force_login(user)
    rows = parse(client.get(reverse("accounts:registrations")).content).find_all("tr", class_="registration")
    local = event.starts_at.astimezone(event.tzinfo)

    def cells(row):
        return [td.text for td in row.find_all("td")], [a.attrs["href"] for a in row.find_all("a")]

    assert [cells(row) for row in rows] == [
        (
            [f"Workshop 0 {event.title}", row_time(local), "Waitlisted (position 1)", "Cancel"],
            [
                session.get_absolute_url(),
                event.get_absolute_url(),
                reverse("events:registration-cancel", args=[session_registration.cancel_token]),
            ],
        ),
        (
            [event.title, row_time(local), "Confirmed", "Cancel"],
            [event.get_absolute_url(), reverse("events:registration-cancel", args=[event_registration.cancel_token])],
        ),
    ]


def row_time(local) -> str:
    from django.utils import formats

    offset = local.strftime("%z")
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} (UTC{offset[:3]}:{offset[3:]})"
