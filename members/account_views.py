"""Accounts: sign-up and the membership application."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kernel.errors import DomainError

from . import policies, services
from .forms import MembershipApplicationForm, SignupForm


def _form_error(form, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def signup(request):
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.account_signup(
                **{k: form.cleaned_data[k] for k in ("email", "password", "given_name", "family_name")}
            )
        except DomainError as exc:
            _form_error(form, exc)
        except ValidationError as exc:  # password validators
            form.add_error("password", exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome. Your account is ready."))
            return redirect("accounts:profile")
    return render(request, "members/signup.html", {"form": form})


@login_required
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
