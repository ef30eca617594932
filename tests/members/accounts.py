"""Helpers that walk the account flows as a person does: sign up, confirm the address from the email, sign in."""

import re

from django.core import mail
from django.urls import reverse

PASSWORD = "a-Long-and-unusual-passphrase-42"


def sign_up(client, email="ana@example.org", **extra):
    data = {
        "given_name": "Ana",
        "family_name": "Quispe",
        "email": email,
        "password1": PASSWORD,
        "password2": PASSWORD,
        **extra,
    }
    return client.post(reverse("account_signup"), data, follow=True)


def link_in(message, prefix: str) -> str:
    """The path of the first link in `message` that starts with `prefix` (emails carry absolute URLs)."""
    return re.search(rf"https?://[^/\s]+({re.escape(prefix)}\S+)", message.body).group(1)


def confirm_latest_email(client, email="ana@example.org"):
    (message,) = [m for m in mail.outbox if m.to == [email] and "confirm-email" in m.body][-1:]
    link = link_in(message, "/accounts/confirm-email/")
    return client.post(link, follow=True)


def signed_up(client, email="ana@example.org", **extra):
    """Sign up and confirm the address in the same browser, which signs the person in."""
    sign_up(client, email=email, **extra)
    return confirm_latest_email(client, email=email)


def sign_in(client, email="ana@example.org", password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password}, follow=True)


def main_text(response) -> str:
    """The visible words of the page's main element, whitespace collapsed, without the CSRF token."""
    body = response.content.decode()
    main = body[body.index("<main") : body.index("</main>")]
    text = re.sub(r"<[^>]+>", " ", main)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r" ([.,;:!?])", r"\1", text)  # "<strong>x</strong>." reads "x."
