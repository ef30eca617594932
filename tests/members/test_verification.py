"""A confirmed address before an account registers, applies or enters the members' area; a second factor before
staff open the admin."""

import pyotp
import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.urls import reverse

from members.verification import email_verified, has_second_factor
from tests import factories

from .accounts import link_in, main_text

pytestmark = pytest.mark.django_db


def test_email_verified_reads_the_primary_address_only():
    assert email_verified(AnonymousUser()) is False
    assert email_verified(factories.UserFactory(email_verified=True)) is True
    assert email_verified(factories.UserFactory(email_verified=False)) is False
    no_rows = factories.UserFactory(email="")
    assert email_verified(no_rows) is False
    secondary = factories.UserFactory(email_verified=False)
    EmailAddress.objects.create(user=secondary, email="other@example.org", verified=True, primary=False)
    assert email_verified(secondary) is False, "a confirmed secondary address does not stand for the primary one"


GATED = [
    ("members:membership-apply", lambda: []),
    ("accounts:members-area", lambda: []),
    ("events:event-register", lambda: [factories.EventFactory().slug]),
]


@pytest.mark.parametrize(("name", "args"), GATED)
def test_an_unconfirmed_account_is_told_to_confirm_with_a_resend_button(client, name, args):
    user = factories.UserFactory(email="ana@example.org", email_verified=False)
    client.force_login(user)
    response = client.get(reverse(name, args=args()))
    assert response.status_code == 403
    assert response.templates[0].name == "members/verify_email.html"
    text = main_text(response)
    assert text.startswith("Confirm your email address Before you can register for events, apply for membership")
    assert "We sent a confirmation link to ana@example.org." in text

    resend = client.post(reverse("account_email"), {"email": "ana@example.org", "action_send": ""}, follow=True)
    assert "Confirmation email sent to ana@example.org." in main_text(resend)
    (message,) = mail.outbox
    client.post(link_in(message, "/accounts/confirm-email/"))
    after = client.get(reverse(name, args=args()))
    assert after.templates[0].name != "members/verify_email.html"


def test_an_unconfirmed_account_cannot_register_by_posting_either(client):
    event = factories.EventFactory()
    client.force_login(factories.UserFactory(email_verified=False))
    response = client.post(reverse("events:event-register", args=[event.slug]), {"name": "A", "email": "a@e.org"})
    assert response.status_code == 403 and not event.registrations.exists()


def test_an_account_without_any_address_is_asked_to_add_one(client):
    client.force_login(factories.UserFactory(email=""))
    text = main_text(client.get(reverse("members:membership-apply")))
    assert text.endswith("Add an email address")


def test_registration_without_an_account_is_unchanged(client):
    event = factories.EventFactory()
    response = client.post(reverse("events:event-register", args=[event.slug]), {"name": "A", "email": "a@e.org"})
    assert response.status_code == 302 and event.registrations.get().email == "a@e.org"


# --- staff and the admin ------------------------------------------------------------------------------


def test_the_admin_login_is_allauths_and_keeps_next(client):
    response = client.get("/admin/login/?next=/admin/members/membership/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Fmembers%2Fmembership%2F"
    assert client.get("/admin/")["Location"] == "/admin/login/?next=/admin/"


def test_staff_without_a_second_factor_are_sent_to_set_one_up(client, settings):
    settings.PORTAL_STAFF_MFA_REQUIRED = True
    staff = factories.StaffFactory(second_factor=False)
    assert not has_second_factor(staff)
    client.force_login(staff)
    response = client.get("/admin/members/membership/", follow=True)
    assert response.redirect_chain == [(reverse("mfa_index"), 302)]
    assert "Staff accounts need a second factor before the admin opens." in main_text(response)
    # The member-facing site stays open to them.
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_staff_with_an_authenticator_app_open_the_admin(client, settings):
    settings.PORTAL_STAFF_MFA_REQUIRED = True
    client.force_login(factories.StaffFactory())
    response = client.get("/admin/")
    assert response.status_code == 200 and 'id="mfa-skipped"' not in response.content.decode()


def test_recovery_codes_alone_are_not_a_second_factor(client, settings):
    from allauth.mfa.models import Authenticator

    staff = factories.StaffFactory(second_factor=False)
    Authenticator.objects.create(user=staff, type=Authenticator.Type.RECOVERY_CODES, data={"seed": "00"})
    assert not has_second_factor(staff)


def test_with_debug_on_staff_may_skip_the_second_factor_under_a_banner(client, settings):
    settings.PORTAL_STAFF_MFA_REQUIRED = False
    client.force_login(factories.StaffFactory(second_factor=False))
    response = client.get("/admin/")
    assert response.status_code == 200
    banner = response.content.decode().split('id="mfa-skipped"')[1].split("</ul>")[0]
    assert "Two-factor authentication is skipped in development (DEBUG is on)." in banner


def test_production_settings_require_the_second_factor():
    from django.conf import settings

    assert settings.DEBUG is False and settings.PORTAL_STAFF_MFA_REQUIRED is True


def test_staff_sign_in_asks_for_the_authenticator_code(client):
    staff = factories.StaffFactory(email="reviewer@example.org")
    page = client.post(
        "/accounts/login/?next=/admin/",
        {"login": "reviewer@example.org", "password": "correct horse battery staple"},
        follow=True,
    )
    assert page.redirect_chain[-1][0] == reverse("mfa_authenticate")
    assert client.get("/admin/").status_code == 302, "not signed in before the code"
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "Incorrect code." in wrong.content.decode()
    done = client.post(reverse("mfa_authenticate"), {"code": pyotp.TOTP(staff.totp_secret).now()}, follow=True)
    assert done.redirect_chain[-1][0] == "/admin/" and done.status_code == 200


@pytest.mark.parametrize(("windows", "accepted"), [(-1, True), (1, True), (-2, False)])
def test_a_code_from_the_neighbouring_window_is_accepted(client, windows, accepted):
    """Phone clocks drift, and a code typed at the end of its 30 seconds arrives in the next window."""
    import time

    staff = factories.StaffFactory(email="reviewer@example.org")
    client.post("/accounts/login/", {"login": "reviewer@example.org", "password": "correct horse battery staple"})
    totp = pyotp.TOTP(staff.totp_secret)
    code = totp.at(time.time() + windows * totp.interval)
    done = client.post(reverse("mfa_authenticate"), {"code": code}, follow=True)
    assert (client.get("/admin/").status_code == 200) is accepted, done.content.decode()[:300]
