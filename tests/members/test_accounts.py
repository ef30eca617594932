"""Sign-up, sign-in, password reset and membership applications, as a person uses them."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from members import services
from members.models import Membership, Organization, Person
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
    assert client.get(person.get_absolute_url()).status_code == 200, "a person always sees their own page"
    client.logout()
    assert client.get(person.get_absolute_url()).status_code == 404, "but it is not public until they say so"


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
    assert client.get(reverse("accounts:members-area")).status_code == 403
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
    assert Membership.objects.get(pk=membership.pk).publicly_listed is False, "listing is for staff to decide"

    area = client.get(reverse("accounts:members-area")).content.decode()
    assert "Andes Water Guardians" in area and "ana@example.org" in area  # contact points, for members only
    assert reverse("accounts:members-area") in client.get(reverse("accounts:profile")).content.decode()


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


def test_application_form_preselects_no_type_and_explains_a_refusal(client):
    signup(client)
    page = client.get(reverse("members:membership-apply")).content.decode()
    assert '<option value="" selected>' in page or "selected>---------" in page
    assert '<option value="un_entity" selected' not in page
