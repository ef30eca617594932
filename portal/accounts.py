"""A person's rights over their account, across every app: a copy of their data, and erasure.

They span members (person, affiliations, applications) and events (registrations), so they live in the
site layer above both, and write through each app's services.
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.db import transaction

from events.models import Registration
from events.services import registration_cancel
from kernel.viewer import Viewer
from members.models import Membership, NewsletterSubscription, SignIn
from members.policies import viewer_for_user
from members.services import person_forget


def account_export(*, user) -> dict:
    """Everything the portal holds about a person, as JSON-ready data (their right of access)."""
    person = getattr(user, "person", None)
    data = {
        "account": {
            "username": user.username,
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "language": user.language,
        },
        "person": None,
        "affiliations": [],
        "registrations": [
            {
                "event": r.event.title,
                "session": r.session.title if r.session else None,
                "status": r.status,
                "name": r.name,
                "email": r.email,
                "organization_name": r.organization_name,
                "language": r.language,
                "registered_at": r.created_at.isoformat(),
            }
            for r in Registration.objects.filter(user=user).select_related("event", "session")
        ],
        "membership_applications": [
            {
                "organization": m.organization.name,
                "house": m.house.name,
                "status": m.status,
                "contact_name": m.contact_name,
                "contact_email": m.contact_email,
            }
            for m in Membership.objects.filter(applicant=user).select_related("organization", "house")
        ],
    }
    data["email_addresses"] = [
        {"email": a.email, "verified": a.verified, "primary": a.primary}
        for a in EmailAddress.objects.filter(user=user).order_by("email")
    ]
    # Only addresses the account confirmed: an unconfirmed one may be someone else's.
    confirmed_addresses = [a["email"].lower() for a in data["email_addresses"] if a["verified"]]
    data["newsletter"] = [
        {
            "email": s.email,
            "status": s.status,
            "consent_at": s.consent_at.isoformat(),
            "confirmed_at": s.confirmed_at.isoformat() if s.confirmed_at else None,
        }
        for s in NewsletterSubscription.objects.filter(email__in=confirmed_addresses)
    ]
    data["second_factors"] = [
        {"type": a.type, "added_at": a.created_at.isoformat()}
        for a in Authenticator.objects.filter(user=user).order_by("created_at")
    ]
    data["sessions"] = [
        {"signed_in_at": s.created_at.isoformat(), "ip": s.ip, "browser": s.user_agent}
        for s in UserSession.objects.filter(user=user).order_by("-created_at")
    ]
    data["sign_ins"] = [
        {"at": s.at.isoformat(), "ip": s.ip, "browser": s.user_agent, "new_browser": s.new_device}
        for s in SignIn.objects.of_account(user)
    ]
    if person is not None:
        data["person"] = {
            "honorific": person.honorific,
            "given_name": person.given_name,
            "family_name": person.family_name,
            "bio": person.bio,
            "website": person.website,
            "profile_url": person.profile_url,
            "email": person.email,
            "phone": person.phone,
            "public_profile": person.public_profile,
        }
        data["affiliations"] = [
            {"organization": a.organization.name, "title": a.title, "former": a.former}
            for a in person.affiliations.select_related("organization")
        ]
    return data


def account_delete(*, user) -> None:
    """Delete a login and what identifies the person behind it.

    Registrations are cancelled (freeing seats for the waitlist) and then removed. A person who spoke at a
    session or authored a publication stays in that public record by name only (members.services.person_forget).
    """
    viewer: Viewer = viewer_for_user(user)
    for registration in Registration.objects.filter(user=user).live():
        registration_cancel(registration=registration, by=viewer, reason="The registrant deleted their account.")
    with transaction.atomic():
        Registration.objects.filter(user=user).delete()
        Membership.objects.filter(applicant=user).update(applicant=None)
        person = getattr(user, "person", None)
        if person is not None:
            person_forget(person=person)
        user.delete()
