"""The newcomer's journey in Chromium: sign up, confirm the address, apply, get approved by staff in the admin,
sign in, register, cancel, and see the waitlisted person promoted."""

import re

import pyotp
import pytest
from django.core import mail

from events.models import Registration
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-Long-and-unusual-passphrase-42"


def field(page, label: str):
    # Optional fields say so in their label.
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \(optional\))?$"))


def fill(page, fields: dict) -> None:
    for label, value in fields.items():
        field(page, label).fill(value)


def test_apply_approve_register_cancel_promote(browser, page, live_server, settings):
    staff = factories.StaffFactory(username="reviewer", password=PASSWORD)
    event = factories.EventFactory(title="Members' strategy day", capacity=1, visibility="public")

    # 1. A newcomer signs up, confirms the address from the email, and applies.
    page.goto(live_server.url + "/accounts/signup/")
    fill(
        page,
        {
            "Given name": "Ana",
            "Family name": "Quispe",
            "Email": "ana@example.org",
            "Password": PASSWORD,
            "Password (again)": PASSWORD,
        },
    )
    page.get_by_role("button", name="Sign Up").click()
    page.get_by_role("heading", name="Verify Your Email Address").wait_for()
    (confirmation,) = [m for m in mail.outbox if m.to == ["ana@example.org"]]
    page.goto(live_server.url + re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", confirmation.body).group(1))
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("heading", name="Your profile").wait_for()
    page.get_by_role("link", name="Apply for membership").click()
    # A first try with a too-short statement keeps everything typed and says what is wrong.
    fill(
        page,
        {
            "Organisation name": "Andes Water Guardians",
            "Contact email": "ana@example.org",
            "Statement of intent": "Too short",
        },
    )
    field(page, "Type of organisation").select_option("community_organisation")
    field(page, "Country").select_option("PE")
    field(page, "Stakeholder house").select_option("affected-communities")
    page.get_by_role("button", name="Send application").click()
    # Said twice: in the summary above the form (a link to the field) and under the field itself.
    summary = page.get_by_role("alert")
    summary.get_by_role("link", name="Statement of intent: Ensure this value has at least 20 characters").wait_for()
    page.locator("#id_statement_error").get_by_text("Ensure this value has at least 20 characters").wait_for()
    assert field(page, "Organisation name").input_value() == "Andes Water Guardians"
    fill(page, {"Statement of intent": "We represent communities downstream of three mines."})
    page.get_by_role("button", name="Send application").click()
    page.get_by_text("is with our membership team").wait_for()
    assert "Applied" in page.locator("main").inner_text()

    # 2. Staff sign in with their authenticator app (the admin login is the site's) and approve it.
    staff_context = browser.new_context()
    admin = staff_context.new_page()
    admin.goto(live_server.url + "/admin/login/")
    fill(admin, {"Email": staff.email, "Password": PASSWORD})
    admin.get_by_role("button", name="Sign In").click()
    fill(admin, {"Code": pyotp.TOTP(staff.totp_secret).now()})
    admin.get_by_role("button", name="Sign In").click()
    admin.get_by_role("heading", name="Site administration").wait_for()
    admin.goto(live_server.url + "/admin/members/membership/?status__exact=applied")
    admin.get_by_role("link", name="Andes Water Guardians").click()
    admin.get_by_role("button", name="Approve").click()
    admin.get_by_text("Approve: now active.").wait_for()
    history = admin.locator(".inline-group").all_inner_texts()[-1]
    assert "approve" in history and "reviewer" in history, "the step and who took it are in the history"
    assert any(m.subject == "Your membership is active" for m in mail.outbox)

    # 3. The newcomer signs out and in again, sees the members' area and registers.
    page.goto(live_server.url + "/accounts/profile/")
    page.get_by_role("button", name="Sign out").click()
    page.goto(live_server.url + "/accounts/login/")
    fill(page, {"Email": "ana@example.org", "Password": PASSWORD})
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("link", name="Members' area").click()
    assert "Andes Water Guardians" in page.locator("main").inner_text()
    page.goto(live_server.url + event.get_absolute_url())
    page.get_by_role("link", name="Register", exact=True).click()
    assert field(page, "Email").input_value() == "ana@example.org"
    page.get_by_role("button", name="Register").click()
    page.get_by_text("You are registered.", exact=True).wait_for()

    # 4. Someone else takes the waitlist.
    other = browser.new_context().new_page()
    other.goto(live_server.url + event.get_absolute_url() + "register/")
    fill(other, {"Full name": "Ben Waiting", "Email": "ben@example.org"})
    other.get_by_role("button", name="Register").click()
    other.get_by_text("you are on the waitlist").wait_for()

    # 5. The newcomer cancels from their profile; the waitlisted person is promoted and told.
    page.goto(live_server.url + "/accounts/profile/")
    page.get_by_role("link", name="Cancel", exact=True).click()
    page.get_by_role("button", name="Cancel my registration").click()
    page.get_by_text("Your registration is cancelled.").wait_for()
    assert Registration.objects.get(email="ben@example.org").status == "confirmed"
    assert any(m.to == ["ben@example.org"] and m.subject.startswith("A seat is yours") for m in mail.outbox)
    admin.goto(live_server.url + f"/admin/events/registration/?event__id__exact={event.pk}")
    rows = admin.locator("#result_list tbody tr").all_inner_texts()
    assert any("ben@example.org" in r and "Confirmed" in r for r in rows)
    assert any("ana@example.org" in r and "Cancelled" in r for r in rows)
    staff_context.close()
