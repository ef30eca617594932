"""Every email speaks its recipient's language, the one of their account (chosen at sign-up from the page's
language, changed in their profile), whoever's action sends it: staff deciding in English write to a
French-speaking member in French."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from events import services as event_services
from events.models import Registration
from kernel.models import StatusChange
from members import services
from members.models import House, Membership, User
from members.policies import viewer_for_user
from tests import factories
from tests.html import parse

from .accounts import PASSWORD, link_in, sign_up

pytestmark = pytest.mark.django_db


def _french_member(email="amelie@example.org"):
    user = factories.UserFactory(email=email, language="fr")
    house = House.objects.get(slug="ngos")
    house.name_fr = "ONG"
    house.save()
    return user, house


def test_staff_deciding_in_english_write_to_a_french_applicant_in_french(staff, django_capture_on_commit_callbacks):
    user, house = _french_member()
    organization = factories.OrganizationFactory(name="Terre Juste")
    with django_capture_on_commit_callbacks(execute=True):
        membership = services.membership_apply(
            organization=organization,
            house=house,
            by=viewer_for_user(user),
            contact_email=user.email,
        )
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.membership_approve(
            membership=membership,
            by=staff,
            started_on=datetime.date(2026, 3, 5),
            expires_on=datetime.date(2027, 3, 4),
        )
        services.membership_suspend(membership=membership, by=staff, reason="Dues unpaid.")
    assert [(m.to, m.subject, m.body) for m in mail.outbox] == [
        (
            ["amelie@example.org"],
            "Nous avons bien reçu votre demande d\u2019adhésion",
            "Merci. La demande d\u2019adhésion de Terre Juste au collège ONG est entre les mains de notre équipe "
            "des adhésions\u00a0; nous vous écrirons à chaque étape.",
        ),
        (
            ["amelie@example.org"],
            "Votre adhésion est active",
            "Bienvenue\u00a0: Terre Juste est membre du collège ONG jusqu\u2019au 4 mars 2027.",
        ),
        (
            ["amelie@example.org"],
            "Votre adhésion est suspendue",
            "L\u2019adhésion de Terre Juste est suspendue.\n\nDues unpaid.",
        ),
    ]


def test_an_english_applicant_still_reads_english(staff, django_capture_on_commit_callbacks):
    membership = factories.MembershipFactory(contact_email="ana@example.org")
    with translation.override("fr"), django_capture_on_commit_callbacks(execute=True):
        services.membership_approve(
            membership=membership, by=staff, started_on=datetime.date(2026, 3, 5), expires_on=datetime.date(2027, 3, 4)
        )
    (message,) = mail.outbox
    assert (message.subject, message.body) == (
        "Your membership is active",
        f"Welcome: {membership.organization.name} is a member in the NGOs house until 4 March 2027.",
    )


def test_a_french_members_registration_approved_by_staff_in_english_is_told_in_french(
    staff, django_capture_on_commit_callbacks
):
    user, _house = _french_member()
    event = factories.EventFactory(
        title="Regional dialogue", title_fr="Dialogue régional", capacity=5, registration_requires_approval=True
    )
    pending = factories.RegistrationFactory(
        event=event, user=user, name="Amélie Martin", email=user.email, status=Registration.Status.PENDING_APPROVAL
    )
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        event_services.registration_approve(registration=pending, by=staff)
    (message,) = mail.outbox
    assert message.subject == "Votre inscription à Dialogue régional"
    lines = message.body.splitlines()
    assert lines[:5] == [
        "Bonjour Amélie Martin,",
        "",
        "Votre place est confirmée. L\u2019entrée de calendrier est jointe.",
        "",
        "Dialogue régional",
    ]
    assert f"Page de l\u2019événement\u00a0: http://127.0.0.1:8000/fr/events/{event.slug}/" in lines


def test_sign_up_on_a_french_page_keeps_french_for_the_accounts_emails(client):
    with translation.override("fr"):
        sign_up(client, email="amelie@example.org")
    user = User.objects.get(email="amelie@example.org")
    assert user.language == "fr"
    (confirmation,) = mail.outbox
    assert confirmation.subject == "Confirmez votre adresse e-mail"
    # A password reset asked for from an English page is still written in French, with French links.
    translation.activate("en")
    Client().post(reverse("account_reset_password"), {"email": "amelie@example.org"})
    reset = mail.outbox[-1]
    assert reset.subject == "E-mail de réinitialisation de mot de passe"
    assert link_in(reset, "/fr/accounts/password/reset/key/")
    assert PASSWORD not in reset.body


def test_the_profile_changes_the_language_of_the_emails(client):
    user = factories.UserFactory(email="ana@example.org", language="fr")
    client.force_login(user)
    select = parse(client.get(reverse("accounts:profile")).content).find("select", name="language")
    label = parse(client.get(reverse("accounts:profile")).content).find("label", for_=select.attrs["id"])
    assert label.text == "Language of the emails we send you"
    assert [(o.attrs["value"], "selected" in o.attrs, o.text) for o in select.find_all("option")] == [
        ("en", False, "English"),
        ("fr", True, "Français"),
        ("es", False, "Español"),
    ]
    form = {"given_name": "Ana", "family_name": "Quispe", "bio": "", "phone": "", "language": "es"}
    assert client.post(reverse("accounts:profile"), form).status_code == 302
    user.refresh_from_db()
    assert user.language == "es"
    # It is part of what the person may download of their data.
    assert client.get(reverse("accounts:profile-data")).json()["account"]["language"] == "es"
    refused = client.post(reverse("accounts:profile"), form | {"language": "de"})
    assert refused.status_code == 200
    user.refresh_from_db()
    assert user.language == "es"


def test_a_lapse_for_want_of_renewal_is_explained_in_the_members_language(django_capture_on_commit_callbacks):
    user, house = _french_member()
    factories.MembershipFactory(
        organization=factories.OrganizationFactory(name="Terre Juste"),
        house=house,
        status=Membership.Status.ACTIVE,
        started_on=datetime.date(2026, 1, 1),
        expires_on=datetime.date(2026, 12, 31),
        contact_email=user.email,
    )
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.membership_lapse_overdue(today=datetime.date(2027, 2, 1), grace_days=30)
        other = factories.MembershipFactory(
            organization=factories.OrganizationFactory(name="Mines Propres"),
            status=Membership.Status.ACTIVE,
            contact_email=user.email,
        )
        services.membership_lapse(membership=other)
    assert [(m.subject, m.body) for m in mail.outbox] == [
        (
            "Votre adhésion a expiré",
            "L\u2019adhésion de Terre Juste a expiré.\n\n"
            "Non renouvelée dans un délai de 30\u00a0jours après son échéance.",
        ),
        (
            "Votre adhésion a expiré",
            "L\u2019adhésion de Mines Propres a expiré.\n\nAnnée de cotisation terminée sans renouvellement.",
        ),
    ]
    # The record staff read keeps the site's own language.
    assert [change.reason for change in StatusChange.objects.filter(to_state="lapsed").order_by("pk")] == [
        "Not renewed within 30 days of expiry.",
        "Dues year ended without renewal.",
    ]


def test_a_contact_without_an_account_is_written_to_in_the_organisations_language(
    staff, django_capture_on_commit_callbacks
):
    membership = factories.MembershipFactory(contact_email="contacto@example.org", organization__language="es")
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.membership_approve(
            membership=membership, by=staff, started_on=datetime.date(2026, 3, 5), expires_on=datetime.date(2027, 3, 4)
        )
    (message,) = mail.outbox
    assert (message.to, message.subject) == (["contacto@example.org"], "Su membresía está activa")
