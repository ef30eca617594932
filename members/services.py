"""Writes that carry a rule for memberships, organisations and people.

Membership status changes only here, one service per transition. Each locks the row, re-reads the current
status under the lock, refuses illegal transitions with `InvalidTransition`, and logs who did it.
"""

import datetime
import hashlib
import hmac
import secrets

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from portal.cache import content_changed
from portal.errors import Conflict, DomainError, InvalidTransition
from portal.notifications import send_after_commit
from portal.slugs import unique_slug

from .houses import DEFAULT_HOUSES
from .models import ApiWriteLog, House, Membership, MembershipStatusChange, Organization, PartnerToken

S = Membership.Status

# The lifecycle, as data: which states each transition may start from.
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "request_information": (frozenset({S.APPLIED}), S.PENDING),
    "approve": (frozenset({S.APPLIED, S.PENDING}), S.ACTIVE),
    "reject": (frozenset({S.APPLIED, S.PENDING}), S.REJECTED),
    "suspend": (frozenset({S.ACTIVE}), S.SUSPENDED),
    "reinstate": (frozenset({S.SUSPENDED}), S.ACTIVE),
    "lapse": (frozenset({S.ACTIVE, S.SUSPENDED}), S.LAPSED),
    "renew": (frozenset({S.ACTIVE, S.LAPSED}), S.ACTIVE),
    "withdraw": (frozenset({S.APPLIED, S.PENDING, S.ACTIVE, S.SUSPENDED, S.LAPSED}), S.WITHDRAWN),
}


def allowed_transitions(status: str) -> list[str]:
    """Names of the transitions open from `status`, for admin buttons and error messages."""
    return [name for name, (sources, _target) in TRANSITIONS.items() if status in sources]


def _today() -> datetime.date:
    return timezone.localdate()


# What the applicant is told at each step.
_EMAILS = {
    S.PENDING: ("More information needed for your membership application", "We need more information:\n\n{reason}"),
    S.ACTIVE: ("Your membership is active", "Welcome: {org} is now a member in the {house} house until {expires}."),
    S.REJECTED: ("Your membership application", "We cannot accept the application of {org}.\n\n{reason}"),
    S.SUSPENDED: ("Your membership is suspended", "The membership of {org} is suspended.\n\n{reason}"),
    S.LAPSED: ("Your membership has lapsed", "The membership of {org} lapsed.\n\n{reason}"),
    S.WITHDRAWN: ("Your membership has ended", "The membership of {org} was withdrawn.\n\n{reason}"),
}


def _tell_applicant(membership: Membership, status: str, reason: str = "") -> None:
    if status not in _EMAILS:
        return
    subject, body = _EMAILS[status]
    send_after_commit(
        to=membership.contact_email,
        subject=subject,
        body=body.format(
            org=membership.organization.name,
            house=membership.house.name,
            expires=membership.expires_on,
            reason=reason,
        ),
    )


def _transition(*, membership: Membership, name: str, by, reason: str = "", changes: dict | None = None) -> Membership:
    sources, target = TRANSITIONS[name]
    with transaction.atomic():
        locked = (
            Membership.objects.select_for_update(of=("self",))
            .select_related("organization", "house")
            .get(pk=membership.pk)
        )
        if locked.status not in sources:
            raise InvalidTransition(
                f"Cannot {name.replace('_', ' ')} a membership that is {locked.get_status_display().lower()}. "
                f"Allowed from {', '.join(sorted(str(s) for s in sources))}.",
                field="status",
            )
        previous = locked.status
        locked.status = target
        locked.status_reason = reason
        for field, value in (changes or {}).items():
            setattr(locked, field, value)
        try:
            with transaction.atomic():
                locked.save()
        except IntegrityError as exc:
            raise Conflict(
                f"{locked.organization} already has an active membership in {locked.house}.",
                field="status",
            ) from exc
        MembershipStatusChange.objects.create(
            membership=locked, from_status=previous, to_status=target, changed_by=by, reason=reason
        )
        _tell_applicant(locked, target, reason)
    return locked


def _require_reason(reason: str, action: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(f"A reason is required to {action} a membership.", field="reason")
    return reason


def membership_apply(
    *,
    organization: Organization,
    house: House,
    statement: str = "",
    by=None,
    applied_on: datetime.date | None = None,
    dues_band: str = Membership.DuesBand.NONE,
    contact_name: str = "",
    contact_email: str = "",
) -> Membership:
    with transaction.atomic():
        # Lock the organisation so two simultaneous applications cannot both pass the check below.
        Organization.objects.select_for_update().filter(pk=organization.pk).first()
        existing = Membership.objects.filter(
            organization=organization, house=house, status__in=[S.APPLIED, S.PENDING, S.ACTIVE, S.SUSPENDED]
        ).first()
        if existing is not None:
            raise Conflict(
                f"{organization} already has a membership in {house} that is {existing.get_status_display().lower()}.",
                field="house",
            )
        membership = Membership.objects.create(
            organization=organization,
            house=house,
            status=S.APPLIED,
            applied_on=applied_on or _today(),
            statement=statement,
            dues_band=dues_band if house.dues_apply else Membership.DuesBand.NONE,
            contact_name=contact_name,
            contact_email=contact_email,
            applicant=by if by is not None and getattr(by, "pk", None) else None,
        )
        MembershipStatusChange.objects.create(
            membership=membership, from_status="", to_status=S.APPLIED, changed_by=membership.applicant
        )
        send_after_commit(
            to=contact_email,
            subject="We received your membership application",
            body=f"Thank you. The application of {organization.name} to the {house.name} house is with our "
            "membership team; we will write at each step.",
        )
    return membership


def membership_request_information(*, membership: Membership, by, reason: str) -> Membership:
    reason = _require_reason(reason, "ask for more information on")
    return _transition(membership=membership, name="request_information", by=by, reason=reason)


def membership_approve(
    *,
    membership: Membership,
    by,
    started_on: datetime.date | None = None,
    expires_on: datetime.date | None = None,
) -> Membership:
    started_on = started_on or _today()
    # Dues years run to the end of the calendar year unless staff set another date.
    expires_on = expires_on or datetime.date(started_on.year, 12, 31)
    if expires_on < started_on:
        raise DomainError("The membership cannot expire before it starts.", field="expires_on")
    with transaction.atomic():
        approved = _transition(
            membership=membership,
            name="approve",
            by=by,
            changes={"started_on": started_on, "expires_on": expires_on, "ended_on": None},
        )
        if approved.house.private_profiles_by_default:
            # Affected communities and organised labour: no public profile without the person's recorded consent.
            from .models import Person

            Person.objects.filter(
                affiliations__organization=approved.organization,
                affiliations__former=False,
                consent_recorded_at__isnull=True,
                public_profile=True,
            ).update(public_profile=False, updated_at=timezone.now())
            content_changed()  # bulk writes send no signals
    return approved


def membership_reject(*, membership: Membership, by, reason: str) -> Membership:
    reason = _require_reason(reason, "reject")
    return _transition(membership=membership, name="reject", by=by, reason=reason, changes={"ended_on": _today()})


def membership_suspend(*, membership: Membership, by, reason: str) -> Membership:
    reason = _require_reason(reason, "suspend")
    return _transition(membership=membership, name="suspend", by=by, reason=reason)


def membership_reinstate(*, membership: Membership, by, reason: str = "") -> Membership:
    return _transition(membership=membership, name="reinstate", by=by, reason=reason)


def membership_lapse(*, membership: Membership, by=None, reason: str = "") -> Membership:
    return _transition(
        membership=membership,
        name="lapse",
        by=by,
        reason=reason or "Dues year ended without renewal.",
        changes={"ended_on": _today()},
    )


def membership_renew(*, membership: Membership, by, expires_on: datetime.date) -> Membership:
    start = membership.started_on or _today()
    if expires_on < start or (membership.expires_on and expires_on <= membership.expires_on):
        raise DomainError("A renewal must extend the membership past its current expiry.", field="expires_on")
    return _transition(
        membership=membership,
        name="renew",
        by=by,
        changes={"expires_on": expires_on, "ended_on": None},
    )


def membership_withdraw(*, membership: Membership, by, reason: str) -> Membership:
    reason = _require_reason(reason, "withdraw")
    return _transition(membership=membership, name="withdraw", by=by, reason=reason, changes={"ended_on": _today()})


def house_ensure_defaults() -> list[House]:
    """Create any of the default houses that are missing; leave existing ones as staff left them."""
    with transaction.atomic():
        return [
            House.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "board_seats": seats,
                    "votes": votes,
                    "dues_apply": dues,
                    "private_profiles_by_default": private,
                    "order": order,
                },
            )[0]
            for order, (slug, name, seats, votes, dues, private) in enumerate(DEFAULT_HOUSES, start=1)
        ]


# --- partner API tokens ---------------------------------------------------------------------------

TOKEN_PREFIX = "ptk"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def partner_token_create(
    *,
    organization: Organization,
    name: str,
    scopes: list[str],
    expires_at: datetime.datetime | None = None,
    by=None,
) -> tuple[PartnerToken, str]:
    """Create a token and return it with its secret. The secret is never stored and cannot be shown again."""
    unknown = set(scopes) - set(PartnerToken.Scope.values)
    if unknown:
        raise DomainError(f"Unknown scopes: {', '.join(sorted(unknown))}.", field="scopes")
    if not scopes:
        raise DomainError("A token needs at least one scope.", field="scopes")
    if expires_at is not None and expires_at <= timezone.now():
        raise DomainError("The expiry must be in the future.", field="expires_at")
    prefix = secrets.token_hex(4)
    secret = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    token = PartnerToken.objects.create(
        organization=organization,
        name=name.strip() or "API token",
        prefix=prefix,
        secret_hash=_digest(secret),
        scopes=sorted(set(scopes)),
        expires_at=expires_at,
        created_by=by,
    )
    return token, secret


def partner_token_authenticate(secret: str) -> PartnerToken:
    """The live token for `secret`, or DomainError saying why not (unknown, revoked, expired)."""
    parts = secret.split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        raise DomainError("Malformed API token.")
    token = PartnerToken.objects.select_related("organization").filter(prefix=parts[1]).first()
    if token is None or not hmac.compare_digest(token.secret_hash, _digest(secret)):
        raise DomainError("Unknown API token.")
    if token.revoked:
        raise DomainError("This API token has been revoked.")
    now = timezone.now()
    if token.expires_at is not None and token.expires_at <= now:
        raise DomainError("This API token has expired.")
    # Record use at most once a minute so reads do not turn into a write each.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        PartnerToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def partner_token_revoke(*, token: PartnerToken, by=None) -> PartnerToken:
    PartnerToken.objects.filter(pk=token.pk).update(revoked=True)
    token.revoked = True
    return token


def api_write_record(
    *, organization: Organization | None, token: PartnerToken | None, user, action: str, obj, changes: dict
) -> ApiWriteLog:
    return ApiWriteLog.objects.create(
        organization=organization,
        token=token,
        user=user if user is not None and getattr(user, "pk", None) else None,
        action=action,
        object_type=obj._meta.model_name,
        object_id=str(obj.pk),
        changes=changes,
    )


def person_create(*, family_name: str, given_name: str = "", honorific: str = "", public_profile: bool = False):
    """A person new to the catalogue. Not public until staff record their consent."""
    from .models import Person

    family_name, given_name = family_name.strip(), given_name.strip()
    if not family_name:
        raise DomainError("A family name is required.", field="family_name")
    slug = unique_slug(f"{given_name} {family_name}", taken=Person.objects.all(), fallback="person", max_length=180)
    return Person.objects.create(
        given_name=given_name,
        family_name=family_name,
        honorific=honorific.strip(),
        slug=slug,
        public_profile=public_profile,
    )


# --- renewals (run daily from cron: manage.py membership_renewals) --------------------------------


def membership_send_renewal_reminders(*, today: datetime.date | None = None, days_before: int = 30) -> list[Membership]:
    """Remind active members whose dues year ends within `days_before` days; once per expiry date."""
    today = today or _today()
    due = Membership.objects.filter(
        status=S.ACTIVE, expires_on__isnull=False, expires_on__lte=today + datetime.timedelta(days=days_before)
    ).exclude(reminder_sent_for=models.F("expires_on"))
    reminded = []
    for membership in due.select_related("organization", "house"):
        with transaction.atomic():
            updated = (
                Membership.objects.filter(pk=membership.pk, status=S.ACTIVE)
                .exclude(reminder_sent_for=membership.expires_on)
                .update(reminder_sent_for=membership.expires_on)
            )
            if not updated:  # another run got there first
                continue
            send_after_commit(
                to=membership.contact_email,
                subject="Your membership is due for renewal",
                body=f"The membership of {membership.organization.name} in the {membership.house.name} house "
                f"runs until {membership.expires_on:%d %B %Y}. Please renew before then.",
            )
        reminded.append(membership)
    return reminded


def membership_lapse_overdue(*, today: datetime.date | None = None, grace_days: int = 30) -> list[Membership]:
    """Lapse active memberships whose dues year ended more than `grace_days` ago, through the lapse service."""
    today = today or _today()
    overdue = Membership.objects.filter(status=S.ACTIVE, expires_on__lt=today - datetime.timedelta(days=grace_days))
    lapsed = []
    for membership in overdue:
        try:
            lapsed.append(
                membership_lapse(
                    membership=membership, by=None, reason=f"Not renewed within {grace_days} days of expiry."
                )
            )
        except InvalidTransition:  # changed by staff meanwhile
            continue
    return lapsed


# --- accounts and privacy -------------------------------------------------------------------------


def account_signup(*, user, given_name: str, family_name: str):
    """Save a new login prepared by the sign-up form, and create the Person it belongs to.

    The profile is not public until its owner says so. The email address is confirmed separately (allauth), so
    nothing here lets the account act before that.
    """
    given_name, family_name = given_name.strip(), family_name.strip()
    if not family_name:
        raise DomainError("A family name is required.", field="family_name")
    with transaction.atomic():
        user.first_name, user.last_name = given_name, family_name
        user.save()
        _person_for_account(user=user, given_name=given_name, family_name=family_name)
    return user


def account_person_ensure(*, user):
    """The Person behind a login, created on first use for accounts made in the admin or before sign-up did it."""
    from django.contrib.auth import get_user_model

    from .models import Person

    with transaction.atomic():
        # Lock the login so two first visits at once cannot create two people for it.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        person = Person.objects.filter(user=user).first()
        if person is None:
            person = _person_for_account(
                user=user, given_name=user.first_name, family_name=user.last_name or user.username
            )
    return person


def _person_for_account(*, user, given_name: str, family_name: str):
    person = person_create(family_name=family_name, given_name=given_name, public_profile=False)
    person.user = user
    person.email = user.email
    person.save(update_fields=["user", "email", "updated_at"])
    return person


def account_email_changed(*, user):
    """The person's private contact address follows the account's once the new one is confirmed."""
    from .models import Person

    with transaction.atomic():
        person = Person.objects.select_for_update().filter(user=user).first()
        if person is not None and person.email != user.email:
            person.email = user.email
            person.save(update_fields=["email", "updated_at"])
    return person


def account_email_confirm(*, user):
    """Record the user's current email address as confirmed and primary (accounts vouched for by staff)."""
    from allauth.account.models import EmailAddress

    email = (user.email or "").strip().lower()
    if not email:
        raise DomainError("The account has no email address to confirm.", field="email")
    with transaction.atomic():
        if EmailAddress.objects.filter(email__iexact=email, verified=True).exclude(user=user).exists():
            raise Conflict("Another account has already confirmed this email address.", field="email")
        EmailAddress.objects.filter(user=user, primary=True).exclude(email__iexact=email).update(primary=False)
        address, _created = EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    return address


def profile_update(*, person, given_name: str, family_name: str, bio: str, public_profile: bool, phone: str = ""):
    from .models import Person

    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        consent_changed = locked.public_profile != public_profile
        locked.given_name, locked.family_name = given_name.strip(), family_name.strip()
        locked.bio, locked.phone, locked.public_profile = bio.strip(), phone.strip(), public_profile
        if not locked.family_name:
            raise DomainError("A family name is required.", field="family_name")
        if consent_changed:
            locked.consent_recorded_at = timezone.now()
        locked.save()
    return locked


def account_export(*, user) -> dict:
    """Everything the portal holds about a person, as JSON-ready data (their right of access)."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.usersessions.models import UserSession

    from events.models import Registration

    person = getattr(user, "person", None)
    data = {
        "account": {"username": user.username, "email": user.email, "date_joined": user.date_joined.isoformat()},
        "person": None,
        "affiliations": [],
        "registrations": [
            {
                "event": r.event.title,
                "session": r.session.title if r.session else None,
                "status": r.status,
                "name": r.name,
                "email": r.email,
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
    data["second_factors"] = [
        {"type": a.type, "added_at": a.created_at.isoformat()}
        for a in Authenticator.objects.filter(user=user).order_by("created_at")
    ]
    data["sessions"] = [
        {
            "signed_in_at": s.created_at.isoformat(),
            "ip": s.ip,
            "browser": s.user_agent,
        }
        for s in UserSession.objects.filter(user=user).order_by("-created_at")
    ]
    if person is not None:
        data["person"] = {
            "honorific": person.honorific,
            "given_name": person.given_name,
            "family_name": person.family_name,
            "bio": person.bio,
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
    session or authored a publication stays in that public record by name only, with no contact details and
    no profile; anyone else is removed entirely.
    """
    from events.models import Registration
    from events.services import registration_cancel

    for registration in Registration.objects.filter(user=user).exclude(status="cancelled"):
        registration_cancel(registration=registration)
    with transaction.atomic():
        Registration.objects.filter(user=user).delete()
        Membership.objects.filter(applicant=user).update(applicant=None)
        person = getattr(user, "person", None)
        if person is not None:
            if person.participations.exists() or person.publication_roles.exists():
                person.user = None
                person.email = person.phone = person.bio = ""
                person.public_profile = False
                person.save()
            else:
                person.affiliations.all().delete()
                person.delete()
        user.delete()


def membership_application_submit(
    *,
    user,
    organization_name: str,
    acronym: str,
    type: str,
    country: str,
    website: str,
    house: House,
    contact_name: str,
    contact_email: str,
    statement: str,
    title: str = "",
) -> Membership:
    """The public application form: the organisation, the applicant's affiliation to it, and the application.

    An organisation already in the catalogue under the same name is reused rather than duplicated.
    """
    from .models import Affiliation

    name = organization_name.strip()
    with transaction.atomic():
        organization = Organization.objects.filter(name__iexact=name).first()
        if organization is None:
            slug = unique_slug(name, taken=Organization.objects.all(), fallback="organisation")
            organization = Organization.objects.create(
                name=name, acronym=acronym.strip(), slug=slug, type=type, country=country, website=website
            )
        person = getattr(user, "person", None)
        if person is not None and not person.affiliations.filter(organization=organization, former=False).exists():
            Affiliation.objects.create(person=person, organization=organization, title=title.strip())
        return membership_apply(
            organization=organization,
            house=house,
            statement=statement.strip(),
            by=user,
            contact_name=contact_name.strip(),
            contact_email=contact_email.strip(),
        )
