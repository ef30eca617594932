"""How django-allauth creates accounts and signs people in on the portal.

Sign-up hands the new login to `members.services.account_signup`, which creates the Person behind it. A sign-in
from a browser that has not signed in to this account before is emailed to the person (allauth's notification
mail, with the address, browser and time), so a stranger's sign-in does not go unnoticed.
"""

import datetime

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.crypto import salted_hmac

from . import services

DEVICE_COOKIE = "portal_device"
DEVICE_COOKIE_SALT = "members.adapters.known-device"
DEVICE_COOKIE_AGE = datetime.timedelta(days=365)
# A shared computer remembers a handful of accounts, not every one ever used on it.
DEVICE_COOKIE_MAX_ACCOUNTS = 10


def user_display(user) -> str:
    """How allauth names the account in pages and emails: the person's name, else the address."""
    person = getattr(user, "person", None)
    return (person.full_name if person else "") or user.get_full_name() or user.email or user.get_username()


def _account_mark(user) -> str:
    # Not the user id itself: the cookie should not say which accounts were used on a shared computer.
    return salted_hmac(DEVICE_COOKIE_SALT, str(user.pk)).hexdigest()[:20]


def _known_accounts(request) -> list[str]:
    # A missing, tampered or expired cookie reads as a browser never seen before.
    value = request.get_signed_cookie(DEVICE_COOKIE, default="", salt=DEVICE_COOKIE_SALT, max_age=DEVICE_COOKIE_AGE)
    return [mark for mark in value.split(",") if mark]


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        if commit:
            services.account_signup(
                user=user,
                given_name=form.cleaned_data.get("given_name", ""),
                family_name=form.cleaned_data.get("family_name", ""),
                # The language of the sign-up page (/fr/accounts/signup/): the account's emails are written in it.
                language=translation.get_language(),
            )
        return user

    def send_mail(self, template_prefix, email, context):
        """allauth's emails (address confirmation, password reset, new sign-in) in the account's language,
        whatever the page that set them off; an address without an account in the page's language."""
        user = context.get("user")
        language = services.email_language(
            email=email, user=user if getattr(user, "pk", None) else None, default=translation.get_language()
        )
        # Its links (password reset, address confirmation) lead to that language's pages: they were made in the
        # page's language, which translate_url reads them in.
        context = {
            key: translate_url(value, language) if key.endswith("_url") and isinstance(value, str) else value
            for key, value in context.items()
        }
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def login(self, request, user):
        # Django updates last_login as it signs the user in; post_login needs to know whether there was one.
        request._portal_previous_login = user.last_login
        super().login(request, user)

    def post_login(self, request, user, *, signup, **kwargs):
        response = super().post_login(request, user, signup=signup, **kwargs)
        known = _known_accounts(request)
        mark = _account_mark(user)
        first_sign_in = getattr(request, "_portal_previous_login", None) is None
        new_device = mark not in known and not signup and not first_sign_in
        if new_device:
            self.send_notification_mail("account/email/new_sign_in", user)
        services.sign_in_record(
            user=user,
            ip=self.get_client_ip(request),
            user_agent=request.headers.get("User-Agent", ""),
            new_device=new_device,
        )
        # Remember this browser for the account (and refresh the cookie's year), most recent last.
        others = [m for m in known if m != mark]
        response.set_signed_cookie(
            DEVICE_COOKIE,
            ",".join([*others[-(DEVICE_COOKIE_MAX_ACCOUNTS - 1) :], mark]),
            salt=DEVICE_COOKIE_SALT,
            max_age=int(DEVICE_COOKIE_AGE.total_seconds()),
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response
