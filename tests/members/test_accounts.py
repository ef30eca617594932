"""Membership applications and the members' area, as a person with an account uses them."""

import pytest
from django.core import mail
from django.urls import reverse

from members import services
from members.models import Membership, Organization, Person

from .accounts import signed_up

pytestmark = pytest.mark.django_db


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
