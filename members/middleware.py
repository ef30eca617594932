"""Staff hold personal data of people in at-risk houses: the admin opens only to staff with a second factor.

In production settings (DEBUG off) staff without an authenticator app or security key are sent to set one up.
With DEBUG on (`make run`) they may go on, and the admin shows a banner saying the rule is skipped.
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .verification import has_second_factor


class StaffSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or "admin" not in match.namespaces or match.url_name == "logout":
            return None
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff) or has_second_factor(user):
            return None
        if not settings.PORTAL_STAFF_MFA_REQUIRED:
            request.staff_mfa_skipped = True  # read by templates/admin/base_site.html
            return None
        messages.warning(
            request,
            _(
                "Staff accounts need a second factor before the admin opens. Set up an authenticator app or "
                "a security key, then go back to the admin."
            ),
        )
        return redirect("mfa_index")
