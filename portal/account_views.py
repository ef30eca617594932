"""A person's own pages, which span the apps: the profile (with registrations and applications), the data
download, erasure, and the members' area."""

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
from kernel.errors import DomainError
from kernel.viewer import Viewer
from members import policies as member_policies
from members import services as member_services
from members.decorators import verified_email_required
from members.forms import DeleteAccountForm, ProfileForm
from members.models import Membership, Organization, SignIn
from publications.models import Publication

from .accounts import account_delete, account_export

# The profile shows the last ten; the data export carries all that is kept.
RECENT_SIGN_INS = 10


@login_required
def profile(request):
    viewer = request.viewer
    person = member_services.person_ensure_for_user(user=request.user)
    initial = {
        "given_name": person.given_name,
        "family_name": person.family_name,
        "bio": person.bio,
        "phone": person.phone,
        "public_profile": person.public_profile,
        "language": request.user.language,
    }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            member_services.profile_update(person=person, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("accounts:profile")
    registrations = Registration.objects.visible_to(viewer).select_related("event", "session").order_by("-created_at")
    applications = Membership.objects.filter(applicant=request.user).select_related("organization", "house")
    # Sessions whose login has ended are dropped first, so the list shows where the account is signed in now.
    sessions = sorted(UserSession.objects.purge_and_list(request.user), key=lambda s: s.created_at, reverse=True)
    return render(
        request,
        "members/profile.html",
        {
            "form": form,
            "person": person,
            "public_page": member_policies.can_view_person(Viewer.anonymous(), person),
            "registrations": list(registrations),
            "applications": list(applications),
            "member_of": list(Organization.objects.filter(pk__in=viewer.member_of)),
            "email_address": EmailAddress.objects.filter(user=request.user, primary=True).first(),
            "email_verified": viewer.email_verified,
            "second_factors": sorted(
                Authenticator.objects.filter(user=request.user).values_list("type", flat=True).distinct()
            ),
            "sessions": sessions,
            "sign_ins": list(SignIn.objects.of_account(request.user)[:RECENT_SIGN_INS]),
        },
    )


@login_required
def my_registrations(request):
    """Everything the person registered for themselves: what, when, where it stands, and the way to cancel."""
    registrations = Registration.objects.made_by(request.viewer).for_person_list()
    return render(request, "members/my_registrations.html", {"registrations": list(registrations)})


@login_required
def profile_data(request):
    payload = json.dumps(account_export(user=request.user), indent=2, ensure_ascii=False)
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
        account_delete(user=user)
        messages.success(request, _("Your account and personal data were deleted."))
        return redirect("home")
    return render(request, "members/profile_delete.html", {"form": form})


@login_required
@verified_email_required
def members_area(request):
    viewer = request.viewer
    decision = member_policies.can_enter_members_area(viewer)
    if not decision:
        return render(request, "members/members_only.html", {"reason": decision.reason}, status=403)
    directory = (
        Membership.objects.visible_to(viewer).in_force().for_admin().order_by("house__order", "organization__name")
    )
    events = Event.objects.visible_to(viewer).upcoming().filter(visibility=Event.Visibility.MEMBERS)
    documents = Publication.objects.visible_to(viewer).members_only().newest_first()
    return render(
        request,
        "members/members_area.html",
        {
            "organizations": list(Organization.objects.filter(pk__in=viewer.member_of)),
            "directory": list(directory),
            "contacts": member_policies.can_see_member_contacts(viewer),
            "events": list(events),
            "documents": list(documents),
        },
    )
