"""A person's own pages across the apps: profile and consent, their data, erasure, the members' area."""

import json

import pytest
from django.urls import reverse

from events.models import Registration
from members.models import Person
from tests import factories
from tests.members.test_accounts import PASSWORD, signup

pytestmark = pytest.mark.django_db


def test_profile_consent_is_recorded_and_public_page_appears(client):
    signup(client)
    response = client.post(
        reverse("accounts:profile"),
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
    assert person.get_absolute_url() in client.get(reverse("accounts:profile")).content.decode()


def test_profile_lists_only_the_persons_own_registrations(client):
    signup(client)
    event = factories.EventFactory(capacity=3, title="Open consultation")
    client.post(reverse("events:event-register", args=[event.slug]), {"name": "Ana Q", "email": "ana@example.org"})
    user = Person.objects.get(user__email="ana@example.org").user
    factories.RegistrationFactory(
        event=event, user=user, registered_by=factories.OrganizationFactory(), email="x@example.org"
    )
    page = client.get(reverse("accounts:profile")).content.decode()
    assert page.count("Open consultation") == 1, "a partner's registration naming this account is the partner's"


def test_data_download_and_account_deletion(client):
    signup(client)
    event = factories.EventFactory(capacity=1)
    client.post(reverse("events:event-register", args=[event.slug]), {"name": "Ana Q", "email": "ana@example.org"})
    data = json.loads(client.get(reverse("accounts:profile-data")).content)
    assert data["account"]["email"] == "ana@example.org"
    assert data["person"]["family_name"] == "Quispe"
    assert data["registrations"][0]["event"] == event.title
    waiting = factories.RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
    wrong = client.post(reverse("accounts:profile-delete"), {"password": "nope"})
    assert "That is not your password." in wrong.content.decode()
    client.post(reverse("accounts:profile-delete"), {"password": PASSWORD})
    assert not Person.objects.filter(family_name="Quispe").exists()
    assert not event.registrations.filter(email="ana@example.org").exists()
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED, "the freed seat went to the waitlist"


def test_deleting_a_speakers_account_keeps_the_public_record_by_name_only(client):
    signup(client)
    person = Person.objects.get(user__email="ana@example.org")
    factories.ParticipationFactory(person=person)
    client.post(reverse("accounts:profile-delete"), {"password": PASSWORD})
    person.refresh_from_db()
    assert (person.user, person.email, person.public_profile) == (None, "", False)
    assert person.family_name == "Quispe"


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
