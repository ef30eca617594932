"""What an account has proved about itself: a confirmed email address, a second factor.

The portal asks these predicates wherever a rule depends on them (registration, membership applications, the
members' area, the admin), so each rule reads the same facts the same way.
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

# Recovery codes back up another factor; alone they are not one.
SECOND_FACTOR_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def email_verified(user) -> bool:
    """Whether this user's primary email address is confirmed. Anonymous visitors have none."""
    if user is None or not user.is_authenticated:
        return False
    cached = getattr(user, "_portal_email_verified", None)
    if cached is None:
        cached = EmailAddress.objects.filter(user=user, primary=True, verified=True).exists()
        user._portal_email_verified = cached
    return cached


def has_second_factor(user) -> bool:
    """Whether the user has an authenticator app or a security key (recovery codes alone do not count)."""
    if user is None or not user.is_authenticated:
        return False
    return Authenticator.objects.filter(user=user, type__in=SECOND_FACTOR_TYPES).exists()
