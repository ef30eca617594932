"""Sign-up with a confirmed address, sign-in, password reset and email change on allauth, as a person meets
them: what each page says, what each email says, and that no answer tells whether an address has an account."""

import time

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from members.models import Person, User
from tests import factories

from .accounts import confirm_latest_email, link_in, main_text, sign_in, sign_up

pytestmark = pytest.mark.django_db

FACTORY_PASSWORD = "correct horse battery staple"


def test_sign_up_asks_to_confirm_the_address_before_the_account_is_used(client):
    response = sign_up(client)
    assert response.redirect_chain == [(reverse("account_email_verification_sent"), 302)]
    assert "Verify Your Email Address" in main_text(response)
    person = Person.objects.get(user__email="ana@example.org")
    assert (person.full_name, person.email, person.public_profile) == ("Ana Quispe", "ana@example.org", False)
    assert client.get(reverse("accounts:profile")).status_code == 302, "not signed in before confirming"
    (message,) = mail.outbox
    assert (message.to, message.subject) == (["ana@example.org"], "Please Confirm Your Email Address")
    assert "Ana Quispe has given your email address to register an account" in message.body

    # Signing in before confirming sends the person back to confirm.
    early = sign_in(client)
    assert early.redirect_chain[-1][0] == reverse("account_email_verification_sent")
    assert client.get(reverse("accounts:profile")).status_code == 302

    confirmed = confirm_latest_email(client)
    assert confirmed.redirect_chain[-1][0] == reverse("accounts:profile")
    assert EmailAddress.objects.get(email="ana@example.org").verified
    assert Client().get(person.get_absolute_url()).status_code == 404, "the profile stays private"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"password2": "different-Passphrase-43"}, "You must type the same password each time."),
        ({"password1": "password", "password2": "password"}, "This password is too common."),
        ({"email": "not-an-email"}, "Enter a valid email address."),
        ({"family_name": ""}, "This field is required."),
    ],
)
def test_sign_up_rejects_bad_input_and_keeps_what_was_typed(client, extra, message):
    body = sign_up(client, **extra).content.decode()
    assert message in body
    assert 'value="Ana"' in body, "the form keeps what was typed"
    assert not Person.objects.exists() and not User.objects.exists() and mail.outbox == []


def _answer(response, address: str) -> tuple:
    """What a visitor can observe: each status on the way, the page's templates and its visible words."""
    return (
        [status for _url, status in response.redirect_chain] + [response.status_code],
        [url for url, _status in response.redirect_chain],
        [t.name for t in response.templates if t.name and not t.name.startswith(("allauth/elements", "django/"))],
        main_text(response).replace(address, "ADDRESS"),
    )


def test_sign_up_with_a_known_address_answers_as_for_a_new_one_and_tells_the_owner(client):
    owner = factories.UserFactory(email="ana@example.org")
    known = sign_up(Client(), email="ana@example.org")
    unknown = sign_up(Client(), email="ben@example.org")
    assert _answer(known, "ana@example.org") == _answer(unknown, "ben@example.org")
    assert _answer(known, "ana@example.org")[0] == [302, 200]

    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert by_recipient["ana@example.org"].subject == "Account Already Exists"
    assert "someone else tried to signup" in by_recipient["ana@example.org"].body
    assert "/accounts/password/reset/" in by_recipient["ana@example.org"].body
    assert by_recipient["ben@example.org"].subject == "Please Confirm Your Email Address"
    # The existing account is untouched: no second login, same password.
    assert list(User.objects.filter(email__iexact="ana@example.org")) == [owner]
    owner.refresh_from_db()
    assert owner.check_password(FACTORY_PASSWORD)


def test_password_reset_answers_alike_for_known_and_unknown_addresses(client):
    factories.UserFactory(email="ana@example.org")
    url = reverse("account_reset_password")
    known = Client().post(url, {"email": "ana@example.org"}, follow=True)
    unknown = Client().post(url, {"email": "nobody@example.org"}, follow=True)
    assert _answer(known, "ana@example.org") == _answer(unknown, "nobody@example.org")
    assert known.redirect_chain == [(reverse("account_reset_password_done"), 302)]
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert by_recipient["ana@example.org"].subject == "Password Reset Email"
    assert by_recipient["nobody@example.org"].subject == "Unknown Account"
    assert "we do not have any record of such an account" in by_recipient["nobody@example.org"].body


def test_a_wrong_password_and_an_unknown_address_get_the_same_refusal(client):
    factories.UserFactory(email="ana@example.org")
    known = sign_in(Client(), "ana@example.org", "not-the-password")
    unknown = sign_in(Client(), "nobody@example.org", "not-the-password")
    assert _answer(known, "ana@example.org") == _answer(unknown, "nobody@example.org")
    assert "The email address and/or password you specified are not correct." in main_text(known)


def test_password_reset_by_email_sets_a_new_password(client):
    user = factories.UserFactory(email="ana@example.org")
    client.post(reverse("account_reset_password"), {"email": "ana@example.org"})
    (message,) = mail.outbox
    form_page = client.get(link_in(message, "/accounts/password/reset/key/"), follow=True)
    new = "another-Quite-long-passphrase-7"
    done = client.post(form_page.redirect_chain[-1][0], {"password1": new, "password2": new}, follow=True)
    assert done.redirect_chain[-1][0] == reverse("account_reset_password_from_key_done")
    user.refresh_from_db()
    assert user.check_password(new)
    assert mail.outbox[-1].subject == "Password Reset" and "change was made to your account" in mail.outbox[-1].body
    assert sign_in(Client(), "ana@example.org", new).redirect_chain[-1][0] == reverse("accounts:profile")


def test_repeated_wrong_passwords_are_refused_for_a_while_then_the_right_one_works(client, settings):
    window = 6
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": f"10/m/ip,3/{window}s/key"}
    factories.UserFactory(email="ana@example.org")
    started = time.monotonic()
    first_guess_done = None
    for _ in range(3):
        assert "are not correct" in main_text(sign_in(client, password="wrong-guess"))
        first_guess_done = first_guess_done or time.monotonic()
    refused = sign_in(client, password=FACTORY_PASSWORD)
    assert time.monotonic() - started < window, "the machine was too slow to hit the limit inside its window"
    assert "Too many failed login attempts. Try again later." in main_text(refused)
    assert client.get(reverse("accounts:profile")).status_code == 302
    # Once the first wrong guess leaves the window, the right password works.
    time.sleep(max(0.0, first_guess_done + window - time.monotonic()) + 0.2)
    assert sign_in(client, password=FACTORY_PASSWORD).redirect_chain[-1][0] == reverse("accounts:profile")


def test_password_reset_requests_are_rate_limited_per_address(client):
    url = reverse("account_reset_password")
    statuses = [client.post(url, {"email": "ana@example.org"}).status_code for _ in range(6)]
    assert statuses == [302, 302, 302, 302, 302, 429]
    limited = client.post(url, {"email": "ana@example.org"})
    assert "Too many attempts" in main_text(limited)
    assert len(mail.outbox) == 5


def test_a_sign_in_from_a_new_browser_is_emailed_but_not_one_from_a_known_browser():
    factories.UserFactory(email="ana@example.org", first_name="Ana")
    User.objects.filter(email="ana@example.org").update(last_login="2026-01-01T00:00:00Z")
    first = Client(HTTP_USER_AGENT="Laptop browser/1.0")
    assert sign_in(first, password=FACTORY_PASSWORD).redirect_chain[-1][0] == reverse("accounts:profile")
    (notice,) = mail.outbox
    assert (notice.to, notice.subject) == (["ana@example.org"], "New sign-in to your account")
    assert "Laptop browser/1.0" in notice.body and "127.0.0.1" in notice.body
    assert "/accounts/sessions/" in notice.body
    first.post(reverse("account_logout"))
    sign_in(first, password=FACTORY_PASSWORD)
    assert len(mail.outbox) == 1, "the same browser signing in again is not news"
    sign_in(Client(HTTP_USER_AGENT="Phone browser/2.0"), password=FACTORY_PASSWORD)
    assert [m.subject for m in mail.outbox] == ["New sign-in to your account"] * 2


def test_the_first_sign_in_after_sign_up_is_not_reported_as_a_new_device(client):
    sign_up(client)
    confirm_latest_email(client)
    assert [m.subject for m in mail.outbox] == ["Please Confirm Your Email Address"]


def test_changing_the_address_takes_effect_once_the_new_one_is_confirmed(client):
    user = factories.UserFactory(email="ana@example.org")
    person = factories.PersonFactory(user=user, email="ana@example.org")
    client.force_login(user)
    client.post(reverse("account_email"), {"action_add": "", "email": "ana.quispe@example.org"})
    user.refresh_from_db()
    assert user.email == "ana@example.org", "the old address stays until the new one is confirmed"
    confirm_latest_email(client, email="ana.quispe@example.org")
    user.refresh_from_db()
    assert user.email == "ana.quispe@example.org"
    assert list(EmailAddress.objects.filter(user=user).values_list("email", "verified", "primary")) == [
        ("ana.quispe@example.org", True, True)
    ]
    person.refresh_from_db()
    assert person.email == "ana.quispe@example.org", "the profile's private contact address follows"
    changed = [m for m in mail.outbox if m.to == ["ana@example.org"]]
    assert [m.subject for m in changed] == ["Email Changed"]


def test_changing_to_an_address_of_another_account_reveals_nothing(client):
    factories.UserFactory(email="ben@example.org")
    user = factories.UserFactory(email="ana@example.org")
    client.force_login(user)
    taken = client.post(reverse("account_email"), {"action_add": "", "email": "ben@example.org"}, follow=True)
    free = client.post(reverse("account_email"), {"action_add": "", "email": "carla@example.org"}, follow=True)
    assert [s for _u, s in taken.redirect_chain] == [s for _u, s in free.redirect_chain] == [302]
    assert "Confirmation email sent to ben@example.org." in main_text(taken)
    # Ben's confirmed address stays his.
    assert EmailAddress.objects.get(email="ben@example.org", verified=True).user.email == "ben@example.org"


def test_account_pages_speak_french_and_spanish_with_allauths_own_catalogues(client):
    # The preference cookie the language switcher sets leads from the English address to the French one.
    client.cookies["django_language"] = "fr"
    login = main_text(client.get("/accounts/login/", follow=True))
    assert login.startswith("Connexion")
    client.cookies["django_language"] = "es"
    assert main_text(client.get("/accounts/login/", follow=True)).startswith("Iniciar sesión")
    # The portal's own words on the same pages come from its catalogues.
    client.force_login(factories.UserFactory(email_verified=False))
    assert main_text(client.get("/membership/apply/", follow=True)).startswith(
        "Confirme su dirección de correo electrónico"
    )
    client.cookies["django_language"] = "fr"
    assert "Où vous êtes connecté" in main_text(client.get("/accounts/profile/", follow=True))
