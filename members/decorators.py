"""View guards built on members.verification, shared by the members' and the events' pages."""

from functools import wraps

from django.shortcuts import render

from .verification import email_verified


def unverified_email_response(request):
    """The page telling a signed-in account to confirm its address first, or None when it may go on.

    Anonymous visitors pass: pages that need an account also use `login_required`, and a registration made
    without an account is confirmed by its own email.
    """
    if request.user.is_authenticated and not email_verified(request.user):
        return render(request, "members/verify_email.html", {"email": request.user.email}, status=403)
    return None


def verified_email_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return unverified_email_response(request) or view(request, *args, **kwargs)

    return wrapper
