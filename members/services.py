"""Writes that carry a rule for memberships, organisations and people.

Membership status changes only here, one service per transition. Each locks the row, re-reads the current
status under the lock, refuses illegal transitions with `InvalidTransition`, and logs who did it.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from portal.errors import Conflict, DomainError, InvalidTransition

from .houses import DEFAULT_HOUSES
from .models import House, Membership, MembershipStatusChange, Organization

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
