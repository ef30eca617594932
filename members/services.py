"""Writes that carry a rule for memberships, organisations and people.

Membership status changes only here, one service per transition. Each locks the row, re-reads the current
status under the lock, refuses illegal transitions with `InvalidTransition`, and logs who did it.
"""

import datetime
import hashlib
import hmac
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from portal.errors import Conflict, DomainError, InvalidTransition

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


def _transition(*, membership: Membership, name: str, by, reason: str = "", changes: dict | None = None) -> Membership:
    sources, target = TRANSITIONS[name]
    with transaction.atomic():
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
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
        )
        MembershipStatusChange.objects.create(membership=membership, from_status="", to_status=S.APPLIED, changed_by=by)
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
    return _transition(
        membership=membership,
        name="approve",
        by=by,
        changes={"started_on": started_on, "expires_on": expires_on, "ended_on": None},
    )


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
                defaults={"name": name, "board_seats": seats, "votes": votes, "dues_apply": dues, "order": order},
            )[0]
            for order, (slug, name, seats, votes, dues) in enumerate(DEFAULT_HOUSES, start=1)
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
    from django.utils.text import slugify

    from .models import Person

    family_name, given_name = family_name.strip(), given_name.strip()
    if not family_name:
        raise DomainError("A family name is required.", field="family_name")
    base = slugify(f"{given_name} {family_name}")[:180] or "person"
    existing = set(Person.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in existing:
        slug, n = f"{base}-{n}", n + 1
    return Person.objects.create(
        given_name=given_name,
        family_name=family_name,
        honorific=honorific.strip(),
        slug=slug,
        public_profile=public_profile,
    )
