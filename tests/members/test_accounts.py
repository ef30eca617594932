"""Accounts, membership applications, the members' area, renewals and privacy, as a person uses them."""

import datetime
import json
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from members import services
from members.models import House, Membership, Organization, Person
from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "a-Long-and-unusual-passphrase-42"


def signup(client, email="ana@example.org", **extra):
    data = {
        "given_name": "Ana",
        "family_name": "Quispe",
        "email": email,
        "password": PASSWORD,
        "password_again": PASSWORD,
        **extra,
    }
    return client.post(reverse("members:signup"), data, follow=True)


def test_signup_creates_a_private_profile_and_signs_in(client):
    response = signup(client)
    assert "Welcome. Your account is ready." in response.content.decode()
    person = Person.objects.get(user__email="ana@example.org")
    assert person.full_name == "Ana Quispe" and person.public_profile is False
    assert client.get(person.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"password_again": "different"}, "The two passwords differ."),
        ({"password": "password", "password_again": "password"}, "This password is too common."),
        ({"email": "not-an-email"}, "Enter a valid email address."),
        ({"family_name": ""}, "This field is required."),
    ],
)
def test_signup_rejects_bad_input_and_keeps_what_was_typed(client, extra, message):
    body = signup(client, **extra).content.decode()
    assert message in body
    assert 'value="Ana"' in body, "the form keeps what was typed"
    assert not Person.objects.exists()


def test_signup_with_a_taken_email_is_refused(client):
    factories.UserFactory(username="ana@example.org", email="ana@example.org")
    body = signup(client).content.decode()
    assert "An account with this email address already exists." in body


def test_profile_consent_is_recorded_and_public_page_appears(client):
    signup(client)
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


def test_data_download_and_account_deletion(client):
    signup(client)
    event = factories.EventFactory(capacity=1)
    client.post(reverse("events:event-register", args=[event.slug]), {"name": "Ana Q", "email": "ana@example.org"})
    data = json.loads(client.get(reverse("members:profile-data")).content)
    assert data["account"]["email"] == "ana@example.org"
    assert data["person"]["family_name"] == "Quispe"
    assert data["registrations"][0]["event"] == event.title
    waiting = factories.RegistrationFactory(event=event, status="waitlisted")
    wrong = client.post(reverse("members:profile-delete"), {"password": "nope"})
    assert "That is not your password." in wrong.content.decode()
    client.post(reverse("members:profile-delete"), {"password": PASSWORD})
    assert not Person.objects.filter(family_name="Quispe").exists()
    assert not event.registrations.filter(email="ana@example.org").exists()
    waiting.refresh_from_db()
    assert waiting.status == "confirmed", "the freed seat went to the waitlist"


def test_deleting_a_speakers_account_keeps_the_public_record_by_name_only(client):
    signup(client)
    person = Person.objects.get(user__email="ana@example.org")
    factories.ParticipationFactory(person=person)
    client.post(reverse("members:profile-delete"), {"password": PASSWORD})
    person.refresh_from_db()
    assert (person.user, person.email, person.public_profile) == (None, "", False)
    assert person.family_name == "Quispe"


def test_password_reset_by_email(client):
    signup(client)
    client.post(reverse("members:logout"))
    mail.outbox.clear()
    client.post(reverse("members:password-reset"), {"email": "ana@example.org"})  # Django sends at once
    (message,) = mail.outbox
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", message.body).group(1)
    form_page = client.get(link, follow=True)
    new = "another-Quite-long-passphrase-7"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert client.login(username="ana@example.org", password=new)


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
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_application_review_and_members_area(client, staff, django_capture_on_commit_callbacks):
    signup(client)
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
    signup(client)
    body = apply(client, **extra).content.decode()
    assert field_message in body and "Andes Water Guardians" in body
    assert not Membership.objects.exists() and not Organization.objects.filter(name="Andes Water Guardians").exists()


def test_applying_twice_is_a_clear_form_error(client):
    signup(client)
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
