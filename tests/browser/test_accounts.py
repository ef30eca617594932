"""Accounts in Chromium: sign-up with a confirmed address, an authenticator app and a recovery code, password
reset, the wrong-password limit, staff and the admin's second factor, and a security key under the site's CSP."""

import re
import time

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from django.core import mail

from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-Long-and-unusual-passphrase-42"
FACTORY_PASSWORD = "correct horse battery staple"


def field(page, label: str):
    # Optional fields say so in their label.
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \(optional\))?$"))


def mailed_link(live_server, to: str, prefix: str) -> str:
    """The newest link starting with `prefix` in mail to `to`, on the live server (emails say https)."""
    for message in reversed(mail.outbox):
        if message.to == [to] and (found := re.search(rf"https?://[^/\s]+({re.escape(prefix)}\S+)", message.body)):
            return live_server.url + found.group(1)
    raise AssertionError(f"no {prefix} link mailed to {to}: {[m.subject for m in mail.outbox]}")


def sign_in(page, live_server, email: str, password: str, path: str = "/accounts/login/"):
    page.goto(live_server.url + path)
    field(page, "Email").fill(email)
    field(page, "Password").fill(password)
    page.get_by_role("button", name="Sign In").click()


def sign_out(page, live_server):
    page.goto(live_server.url + "/accounts/logout/")
    page.get_by_role("button", name="Sign Out").click()
    page.wait_for_url(live_server.url + "/")


def confirm_access_if_asked(page, password: str):
    """allauth asks for the password again before security changes made long after signing in."""
    if "/reauthenticate/" in page.url:
        field(page, "Password").fill(password)
        page.get_by_role("button", name="Confirm").click()


def activate_authenticator_app(page, live_server, password: str) -> str:
    page.goto(live_server.url + "/accounts/2fa/totp/activate/")
    confirm_access_if_asked(page, password)
    secret = page.locator("#authenticator_secret").input_value()
    field(page, "Authenticator code").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Activate").click()
    page.wait_for_url(lambda url: "/accounts/2fa/" in url and "/totp/activate/" not in url)
    return secret


def test_sign_up_confirm_add_an_authenticator_and_sign_in_with_a_recovery_code(page, live_server):
    page.goto(live_server.url + "/accounts/signup/")
    for label, value in {
        "Given name": "Ana",
        "Family name": "Quispe",
        "Email": "ana@example.org",
        "Password": PASSWORD,
        "Password (again)": PASSWORD,
    }.items():
        field(page, label).fill(value)
    page.get_by_role("button", name="Sign Up").click()
    page.get_by_role("heading", name="Verify Your Email Address").wait_for()
    assert "Confirmation email sent to ana@example.org." in page.locator("main").inner_text()

    # Not signed in yet: the members' pages still ask to sign in.
    page.goto(live_server.url + "/membership/apply/")
    assert "/accounts/login/" in page.url

    page.goto(mailed_link(live_server, "ana@example.org", "/accounts/confirm-email/"))
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("heading", name="Your profile").wait_for()
    assert "ana@example.org · confirmed" in page.locator("main").inner_text()

    activate_authenticator_app(page, live_server, PASSWORD)
    page.goto(live_server.url + "/accounts/2fa/recovery-codes/")
    confirm_access_if_asked(page, PASSWORD)
    codes = page.locator("#recovery_codes").input_value().split()
    assert len(codes) == 10

    sign_out(page, live_server)
    sign_in(page, live_server, "ana@example.org", PASSWORD)
    page.get_by_role("heading", name="Two-Factor Authentication").wait_for()
    field(page, "Code").fill(codes[0])
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("heading", name="Your profile").wait_for()
    text = page.locator("main").inner_text()
    assert "authenticator app" in text and "recovery codes" in text
    recovery = Authenticator.objects.get(user__email="ana@example.org", type="recovery_codes")
    assert len(recovery.wrap().get_unused_codes()) == 9, "a recovery code works once"


def test_password_reset(page, live_server):
    factories.UserFactory(email="ana@example.org")
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_role("link", name="Forgot your password?").click()
    field(page, "Email").fill("ana@example.org")
    page.get_by_role("button", name="Reset My Password").click()
    page.get_by_role("heading", name="Password Reset").wait_for()
    page.goto(mailed_link(live_server, "ana@example.org", "/accounts/password/reset/key/"))
    field(page, "New Password").fill(PASSWORD)
    field(page, "New Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Change Password").click()
    page.get_by_text("Your password is now changed.").wait_for()
    sign_in(page, live_server, "ana@example.org", PASSWORD)
    page.get_by_role("heading", name="Your profile").wait_for()


def test_repeated_wrong_passwords_are_refused_for_a_while_then_the_right_one_works(page, live_server, settings):
    window = 8
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": f"10/m/ip,3/{window}s/key"}
    factories.UserFactory(email="ana@example.org")
    first_guess_done = None
    for _ in range(3):
        sign_in(page, live_server, "ana@example.org", "a-wrong-guess")
        page.get_by_text("The email address and/or password you specified are not correct.").wait_for()
        first_guess_done = first_guess_done or time.monotonic()
    sign_in(page, live_server, "ana@example.org", FACTORY_PASSWORD)
    page.get_by_text("Too many failed login attempts. Try again later.").wait_for()
    assert time.monotonic() - first_guess_done < window, "the limit must be hit inside its window"
    time.sleep(max(0.0, first_guess_done + window - time.monotonic()) + 0.2)
    sign_in(page, live_server, "ana@example.org", FACTORY_PASSWORD)
    page.get_by_role("heading", name="Your profile").wait_for()


def test_staff_sign_in_to_the_admin_with_an_authenticator_app(page, live_server):
    staff = factories.StaffFactory(email="reviewer@example.org")
    page.goto(live_server.url + "/admin/members/membership/")
    assert page.url == live_server.url + "/accounts/login/?next=%2Fadmin%2Fmembers%2Fmembership%2F"
    field(page, "Email").fill("reviewer@example.org")
    field(page, "Password").fill(FACTORY_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    field(page, "Code").fill("000000")
    page.get_by_role("button", name="Sign In").click()
    page.get_by_text("Incorrect code.", exact=True).wait_for()
    field(page, "Code").fill(pyotp.TOTP(staff.totp_secret).now())
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(live_server.url + "/admin/members/membership/")
    assert page.locator("#mfa-skipped").count() == 0


def test_staff_without_a_second_factor_set_one_up_before_the_admin_opens(page, live_server):
    factories.StaffFactory(email="reviewer@example.org", second_factor=False)
    sign_in(page, live_server, "reviewer@example.org", FACTORY_PASSWORD, path="/accounts/login/?next=/admin/")
    page.get_by_text("Staff accounts need a second factor before the admin opens.").wait_for()
    assert page.url == live_server.url + "/accounts/2fa/"
    activate_authenticator_app(page, live_server, FACTORY_PASSWORD)
    page.goto(live_server.url + "/admin/")
    page.get_by_role("heading", name="Site administration").wait_for()


def test_with_debug_on_staff_skip_the_second_factor_under_a_banner(page, live_server, settings):
    settings.PORTAL_STAFF_MFA_REQUIRED = False  # what DEBUG on (make run) sets
    factories.StaffFactory(email="reviewer@example.org", second_factor=False)
    sign_in(page, live_server, "reviewer@example.org", FACTORY_PASSWORD, path="/accounts/login/?next=/admin/")
    page.get_by_role("heading", name="Site administration").wait_for()
    assert "Two-factor authentication is skipped in development" in page.locator("#mfa-skipped").inner_text()


def test_a_security_key_works_under_the_content_security_policy(page, live_server, settings):
    settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True  # the live server speaks plain http on localhost
    factories.UserFactory(email="ana@example.org")
    blocked = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    sign_in(page, live_server, "ana@example.org", FACTORY_PASSWORD)
    page.get_by_role("heading", name="Your profile").wait_for()
    response = page.goto(live_server.url + "/accounts/2fa/webauthn/add/")
    confirm_access_if_asked(page, FACTORY_PASSWORD)
    assert "script-src 'self'" in response.headers["content-security-policy"]
    field(page, "Name").fill("Desk key")
    page.get_by_role("button", name="Add").click()
    # The add page's own address is under /accounts/2fa/ too: wait until the browser has left it.
    page.wait_for_url(lambda url: "/accounts/2fa/" in url and "/webauthn/add/" not in url)
    assert Authenticator.objects.filter(user__email="ana@example.org", type="webauthn").count() == 1

    sign_out(page, live_server)
    sign_in(page, live_server, "ana@example.org", FACTORY_PASSWORD)
    page.get_by_role("button", name="Use a security key").click()
    page.get_by_role("heading", name="Your profile").wait_for()
    assert blocked == []
