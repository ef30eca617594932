"""Accounts, membership applications, the members' area, renewals and privacy, as a person uses them."""

import datetime
import json

import pyotp
import pytest
from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from members import services
from members.models import House, Membership, Organization, Person, User
from tests import factories

from .accounts import PASSWORD, main_text, sign_in, signed_up

pytestmark = pytest.mark.django_db


def test_profile_consent_is_recorded_and_public_page_appears(client):
    signed_up(client)
    response = client.post(
        reverse("members:profile"),
        {
            "given_name": "Ana",
            "family_name": "Quispe",
            "bio": "Community organiser.",
            "phone": "+51 1",
            "public_profile": "on",
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
    text = main_text(client.get(reverse("members:profile")))
    assert "Email address ana@example.org · confirmed" in text
    assert "Two-factor authentication off" in text
    sessions = UserSession.objects.filter(user__email="ana@example.org").order_by("created_at")
    assert [s.user_agent for s in sessions] == ["", "Other browser/1.0"]
    assert "Other browser/1.0" in text and "this browser" in text
    # Sign out everywhere else: the other browser's session ends, this one stays.
    client.post(reverse("usersessions_list"))
    assert other_browser.get(reverse("members:profile")).status_code == 302
    assert client.get(reverse("members:profile")).status_code == 200
    assert UserSession.objects.filter(user__email="ana@example.org").count() == 1


def test_data_download_and_account_deletion(client):
    signed_up(client)
    event = factories.EventFactory(capacity=1)
    client.post(reverse("events:event-register", args=[event.slug]), {"name": "Ana Q", "email": "ana@example.org"})
    data = json.loads(client.get(reverse("members:profile-data")).content)
    assert data["account"]["email"] == "ana@example.org"
    assert data["email_addresses"] == [{"email": "ana@example.org", "verified": True, "primary": True}]
    assert data["second_factors"] == []
    assert [s["browser"] for s in data["sessions"]] == [""]
    assert data["person"]["family_name"] == "Quispe"
    assert data["registrations"][0]["event"] == event.title
    waiting = factories.RegistrationFactory(event=event, status="waitlisted")
    wrong = client.post(reverse("members:profile-delete"), {"password": "nope"})
    assert "That is not your password." in wrong.content.decode()
    client.post(reverse("members:profile-delete"), {"password": PASSWORD})
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
    response = client.post(reverse("members:profile-delete"))
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
    client.post(reverse("members:profile-delete"), {"password": PASSWORD})
    person.refresh_from_db()
    assert (person.user, person.email, person.public_profile) == (None, "", False)
    assert person.family_name == "Quispe"


def test_an_account_made_in_the_admin_gets_a_private_profile_on_first_visit(client):
    user = factories.UserFactory(first_name="Inga", last_name="Petersen")
    client.force_login(user)
    assert client.get(reverse("members:profile")).status_code == 200
    client.get(reverse("members:profile"))
    person = Person.objects.get(user=user)
    assert (person.full_name, person.email, person.public_profile) == ("Inga Petersen", user.email, False)


def apply(client, **extra):
    data = {
        "organization_name": "Andes Water Guardians",
        "acronym": "AWG",
        "type": "community_organisation",
        "country": "PE",
        "website": "https://awg.example",
        "house": "affected-communities",
        "contact_name": "Ana Quispe",
        "contact_email": "ana@example.org",
        "title": "Coordinator",
        "statement": "We represent communities downstream of three mines.",
        **extra,
    }
    return client.post(reverse("members:membership-apply"), data, follow=True)


def test_application_needs_an_account(client):
    response = client.get(reverse("members:membership-apply"))
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=" + reverse("members:membership-apply")


def test_application_review_and_members_area(client, staff, django_capture_on_commit_callbacks):
    signed_up(client)
    assert client.get(reverse("members:members-area")).status_code == 403
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = apply(client)
    assert "The application of Andes Water Guardians is with our membership team." in response.content.decode()
    membership = Membership.objects.get(organization__name="Andes Water Guardians")
    assert (membership.status, membership.house.slug, membership.applicant.email) == (
        "applied",
        "affected-communities",
        "ana@example.org",
    )
    assert mail.outbox[-1].subject == "We received your membership application"
    assert Person.objects.get(user__email="ana@example.org").affiliations.get().title == "Coordinator"

    with django_capture_on_commit_callbacks(execute=True):
        services.membership_request_information(membership=membership, by=staff, reason="Send your statutes.")
    assert "Send your statutes." in mail.outbox[-1].body
    with django_capture_on_commit_callbacks(execute=True):
        services.membership_approve(membership=membership, by=staff)
    assert mail.outbox[-1].subject == "Your membership is active"

    area = client.get(reverse("members:members-area")).content.decode()
    assert "Andes Water Guardians" in area and "ana@example.org" in area  # contact points, for members only
    assert reverse("members:members-area") in client.get(reverse("members:profile")).content.decode()


@pytest.mark.parametrize(
    ("extra", "field_message"),
    [
        ({"statement": "short"}, "Ensure this value has at least 20 characters"),
        ({"house": "no-such-house"}, "Select a valid choice"),
        ({"website": "not a url"}, "Enter a valid URL."),
        ({"contact_email": ""}, "This field is required."),
    ],
)
def test_application_form_rejects_bad_input(client, extra, field_message):
    signed_up(client)
    body = apply(client, **extra).content.decode()
    assert field_message in body and "Andes Water Guardians" in body
    assert not Membership.objects.exists() and not Organization.objects.filter(name="Andes Water Guardians").exists()


def test_applying_twice_is_a_clear_form_error(client):
    signed_up(client)
    apply(client)
    body = apply(client).content.decode()
    assert "already has a membership in Affected communities that is applied" in body
    assert Membership.objects.count() == 1


def test_members_only_documents_stay_out_of_public_lists(client):
    doc = factories.PublicationFactory(title="Board minutes", members_only=True)
    assert doc.title not in client.get(reverse("publications:publication-list")).content.decode()
    assert client.get(doc.get_absolute_url()).status_code == 404


def test_renewal_reminders_once_then_lapse_after_grace(django_capture_on_commit_callbacks):
    today = datetime.date(2026, 12, 10)
    membership = factories.MembershipFactory(
        status="active",
        started_on=datetime.date(2026, 1, 1),
        expires_on=datetime.date(2026, 12, 31),
        contact_email="org@example.org",
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.membership_send_renewal_reminders(today=today, days_before=30) == [membership]
    assert mail.outbox[-1].to == ["org@example.org"] and "renew" in mail.outbox[-1].body
    assert services.membership_send_renewal_reminders(today=today, days_before=30) == []
    assert services.membership_lapse_overdue(today=datetime.date(2027, 1, 20), grace_days=30) == []
    (lapsed,) = services.membership_lapse_overdue(today=datetime.date(2027, 2, 1), grace_days=30)
    assert lapsed.status == "lapsed" and lapsed.status_changes.last().reason.startswith("Not renewed")


def test_renewals_command_runs():
    call_command("membership_renewals", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_approval_into_a_private_house_hides_profiles_without_recorded_consent(staff):
    org = factories.OrganizationFactory()
    unconsented = factories.AffiliationFactory(organization=org, person__public_profile=True).person
    consented = factories.AffiliationFactory(organization=org, person__public_profile=True).person
    Person.objects.filter(pk=consented.pk).update(consent_recorded_at=datetime.datetime.now(datetime.UTC))
    membership = factories.MembershipFactory(organization=org, house=House.objects.get(slug="organised-labour"))
    services.membership_approve(membership=membership, by=staff)
    unconsented.refresh_from_db()
    consented.refresh_from_db()
    assert (unconsented.public_profile, consented.public_profile) == (False, True)
