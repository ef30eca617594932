"""View guards built on the Viewer's facts, shared by the members' and the events' pages."""

from functools import wraps

from django.shortcuts import render


def unverified_email_response(request):
    """The page telling a signed-in account to confirm its address first, or None when it may go on.

    Anonymous visitors pass: pages that need an account also use `login_required`, and a registration made
    without an account is confirmed by its own email. The policies refuse the same accounts (the Viewer says
    `email_verified`); this only shows them the way out, with a button to send the confirmation again.
    """
    viewer = request.viewer
    if viewer.user_id is not None and not viewer.email_verified:
        return render(request, "members/verify_email.html", {"email": request.user.email}, status=403)
    return None


def verified_email_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return unverified_email_response(request) or view(request, *args, **kwargs)

    return wrapper
