"""The membership application. (Sign-up, sign-in, reset, email and MFA pages are allauth's; a person's own
pages, which span the apps, are in portal/account_views.py.)"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kernel.errors import DomainError

from . import policies, services
from .decorators import verified_email_required
from .forms import MembershipApplicationForm


def _form_error(form, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


@login_required
@verified_email_required
def membership_apply(request):
    viewer = request.viewer
    decision = policies.can_apply_for_membership(viewer)
    person = services.person_ensure_for_user(user=request.user)
    initial = {"contact_name": person.full_name, "contact_email": request.user.email}
    form = MembershipApplicationForm(request.POST or None, initial=initial)
    if request.method == "POST" and decision and form.is_valid():
        try:
            membership = services.membership_application_submit(viewer=viewer, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request,
                _("Thank you. The application of %(org)s is with our membership team.")
                % {"org": membership.organization.name},
            )
            return redirect("accounts:profile")
    return render(request, "members/apply.html", {"form": form, "decision": decision})
