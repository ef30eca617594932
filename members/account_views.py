"""The signed-in person's pages: profile with consent, sessions and second factors, data download and deletion,
membership applications, the members' area. Sign-up, sign-in, reset, email and MFA pages are allauth's."""

import json

from allauth.account.decorators import reauthentication_required
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from events.models import Event, Registration
from portal.errors import DomainError
from publications.models import Publication

from . import services
from .decorators import verified_email_required
from .forms import DeleteAccountForm, MembershipApplicationForm, ProfileForm
from .models import Membership, Person
from .querysets import active_member_organizations
from .verification import email_verified


def _form_error(form, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _person_for(user) -> Person:
    return getattr(user, "person", None) or services.account_person_ensure(user=user)


@login_required
def profile(request):
    person = _person_for(request.user)
    initial = {
        "given_name": person.given_name,
        "family_name": person.family_name,
        "bio": person.bio,
        "phone": person.phone,
        "public_profile": person.public_profile,
    }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(person=person, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("members:profile")
    registrations = (
        Registration.objects.filter(user=request.user).select_related("event", "session").order_by("-created_at")
    )
    applications = Membership.objects.filter(applicant=request.user).select_related("organization", "house")
    # Sessions whose login has ended are dropped first, so the list shows where the account is signed in now.
    sessions = sorted(UserSession.objects.purge_and_list(request.user), key=lambda s: s.created_at, reverse=True)
    return render(
        request,
        "members/profile.html",
        {
            "form": form,
            "person": person,
            "registrations": list(registrations),
            "applications": list(applications),
            "member_of": list(active_member_organizations(request.user)),
            "email_address": EmailAddress.objects.filter(user=request.user, primary=True).first(),
            "email_verified": email_verified(request.user),
            "second_factors": sorted(
                Authenticator.objects.filter(user=request.user).values_list("type", flat=True).distinct()
            ),
            "sessions": sessions,
        },
    )


@login_required
def profile_data(request):
    payload = json.dumps(services.account_export(user=request.user), indent=2, ensure_ascii=False)
    response = HttpResponse(payload, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@login_required
@reauthentication_required(enabled=lambda request: not request.user.has_usable_password())
def profile_delete(request):
    form = DeleteAccountForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.account_delete(user=user)
        messages.success(request, _("Your account and personal data were deleted."))
        return redirect("home")
    return render(request, "members/profile_delete.html", {"form": form})


@login_required
@verified_email_required
def membership_apply(request):
    person = _person_for(request.user)
    initial = {"contact_name": person.full_name, "contact_email": request.user.email}
    form = MembershipApplicationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.membership_application_submit(user=request.user, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request,
                _("Thank you. The application of %(org)s is with our membership team.")
                % {"org": membership.organization.name},
            )
            return redirect("members:profile")
    return render(request, "members/apply.html", {"form": form})


@login_required
@verified_email_required
def members_area(request):
    organizations = list(active_member_organizations(request.user))
    if not organizations and not request.user.is_staff:
        return render(request, "members/members_only.html", status=403)
    directory = (
        Membership.objects.active()
        .select_related("organization", "house")
        .order_by("house__order", "organization__name")
    )
    events = Event.objects.visible_to(request.user).upcoming().filter(visibility=Event.Visibility.MEMBERS)
    documents = Publication.objects.for_members().filter(members_only=True).order_by("-published_on")
    return render(
        request,
        "members/members_area.html",
        {
            "organizations": organizations,
            "directory": list(directory),
            "events": list(events),
            "documents": list(documents),
        },
    )
