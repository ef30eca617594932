"""Writes for partner access: tokens (create, authenticate, rotate, revoke) and the API write log."""

import datetime
import hashlib
import hmac
import secrets

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from kernel.errors import DomainError
from kernel.viewer import Viewer
from members.models import Organization

from .models import (
    ROTATION_MAX_OVERLAP_DAYS,
    TOKEN_DEFAULT_DAYS,
    TOKEN_MAX_DAYS,
    TOKEN_MIN_DAYS,
    ApiWriteLog,
    IdempotencyRecord,
    PartnerToken,
)

TOKEN_PREFIX = "ptk"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _check_expiry(expires_at: datetime.datetime, now: datetime.datetime) -> None:
    if expires_at is None:
        raise DomainError("Every token needs an expiry.", field="expires_at")
    if timezone.is_naive(expires_at):
        raise DomainError("The expiry needs a time zone.", field="expires_at")
    if expires_at <= now:
        raise DomainError("The expiry must be in the future.", field="expires_at")
    if expires_at > now + datetime.timedelta(days=TOKEN_MAX_DAYS):
        raise DomainError(f"A token expires within {TOKEN_MAX_DAYS} days.", field="expires_at")


def _check_days(days) -> None:
    if not isinstance(days, int) or not TOKEN_MIN_DAYS <= days <= TOKEN_MAX_DAYS:
        raise DomainError(
            f"A token lives between {TOKEN_MIN_DAYS} and {TOKEN_MAX_DAYS} days, not {days}.", field="days"
        )


def _issue(*, organization, name, scopes, expires_at, events, created_by) -> tuple[PartnerToken, str]:
    prefix = secrets.token_hex(4)
    secret = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    token = PartnerToken.objects.create(
        organization=organization,
        name=name,
        prefix=prefix,
        secret_hash=_digest(secret),
        scopes=sorted(set(scopes)),
        expires_at=expires_at,
        created_by=created_by,
    )
    if events:
        token.events.set(events)
    return token, secret


def partner_token_create(
    *,
    organization: Organization,
    name: str,
    scopes: list[str],
    days: int | None = None,
    expires_at: datetime.datetime | None = None,
    events=(),
    by=None,
) -> tuple[PartnerToken, str]:
    """Create a token and return it with its secret. The secret is never stored and cannot be shown again.

    Every token expires: after `days` (1 to 730; 365 when neither is given) or at `expires_at` (within 730
    days). `events` limits what it may act on to those events (see partners/policies.py)."""
    unknown = set(scopes) - set(PartnerToken.Scope.values)
    if unknown:
        raise DomainError(f"Unknown scopes: {', '.join(sorted(unknown))}.", field="scopes")
    if not scopes:
        raise DomainError("A token needs at least one scope.", field="scopes")
    now = timezone.now()
    if expires_at is None:
        days = TOKEN_DEFAULT_DAYS if days is None else days
        _check_days(days)
        expires_at = now + datetime.timedelta(days=days)
    elif days is not None:
        raise DomainError("Give the expiry as a number of days or as a date, not both.", field="days")
    _check_expiry(expires_at, now)
    with transaction.atomic():
        return _issue(
            organization=organization,
            name=name.strip() or "API token",
            scopes=scopes,
            expires_at=expires_at,
            events=list(events),
            created_by=by.user if by is not None and by.user_id else None,
        )


def partner_token_rotate(
    *, token: PartnerToken, overlap_days: int, days: int | None = None, by=None
) -> tuple[PartnerToken, str]:
    """Issue a successor to a live token (same organisation, name, scopes and events) and let the old one work
    `overlap_days` more (0 to 30; never past its own expiry), so a partner can switch without an outage.

    The new token lives `days` (1 to 730), by default as long as the old one was issued for."""
    if not isinstance(overlap_days, int) or not 0 <= overlap_days <= ROTATION_MAX_OVERLAP_DAYS:
        raise DomainError(
            f"The overlap is between 0 and {ROTATION_MAX_OVERLAP_DAYS} days, not {overlap_days}.",
            field="overlap_days",
        )
    with transaction.atomic():
        old = PartnerToken.objects.select_for_update().select_related("organization").get(pk=token.pk)
        now = timezone.now()
        if old.revoked:
            raise DomainError("A revoked token cannot be rotated: issue a new one.")
        if old.expires_at <= now:
            raise DomainError("An expired token cannot be rotated: issue a new one.")
        if old.rotated_to_id is not None:
            raise DomainError("This token has already been rotated.")
        if days is None:
            lifetime = round((old.expires_at - old.created_at).total_seconds() / 86400)
            days = min(max(lifetime, TOKEN_MIN_DAYS), TOKEN_MAX_DAYS)
        _check_days(days)
        new, secret = _issue(
            organization=old.organization,
            name=old.name,
            scopes=old.scopes,
            expires_at=now + datetime.timedelta(days=days),
            events=list(old.events.all()),
            created_by=by.user if by is not None and by.user_id else None,
        )
        old.expires_at = min(old.expires_at, now + datetime.timedelta(days=overlap_days))
        old.rotated_to = new
        old.save(update_fields=["expires_at", "rotated_to"])
    token.expires_at, token.rotated_to = old.expires_at, new
    return new, secret


def partner_token_authenticate(secret: str) -> PartnerToken:
    """The live token for `secret`, or DomainError saying why not (unknown, revoked, expired)."""
    parts = secret.split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        raise DomainError("Malformed API token.")
    limited = Exists(PartnerToken.events.through.objects.filter(partnertoken_id=OuterRef("pk")))
    token = (
        PartnerToken.objects.select_related("organization")
        .annotate(is_event_limited=limited)
        .filter(prefix=parts[1])
        .first()
    )
    if token is None or not hmac.compare_digest(token.secret_hash, _digest(secret)):
        raise DomainError("Unknown API token.")
    if token.revoked:
        raise DomainError("This API token has been revoked.")
    now = timezone.now()
    if token.expires_at <= now:
        raise DomainError("This API token has expired.")
    # Record use at most once a minute so reads do not turn into a write each.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        PartnerToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def partner_token_update(*, token: PartnerToken, by, expires_at: datetime.datetime, events=None) -> PartnerToken:
    """Staff change when a token expires (within 730 days from now) and which events it is limited to; its
    owner, name and scopes are fixed once issued."""
    _check_expiry(expires_at, timezone.now())
    with transaction.atomic():
        locked = PartnerToken.objects.select_for_update().get(pk=token.pk)
        locked.expires_at = expires_at
        locked.save(update_fields=["expires_at"])
        if events is not None:
            locked.events.set(events)
    return locked


def partner_token_revoke(*, token: PartnerToken, by=None) -> PartnerToken:
    with transaction.atomic():
        PartnerToken.objects.filter(pk=token.pk).update(revoked=True)
    token.revoked = True
    return token


def api_write_record(*, by: Viewer, action: str, obj, changes: dict) -> ApiWriteLog:
    """Log a write made through the API, under the partner organisation (and token) or the staff user."""
    return ApiWriteLog.objects.create(
        organization_id=by.partner_id,
        token_id=by.token_id,
        user=by.user if by.user_id else None,
        action=action,
        object_type=obj._meta.model_name,
        object_id=str(obj.pk),
        changes=changes,
    )


# --- idempotency ------------------------------------------------------------------------------------


def idempotency_claim(*, owner: str, key: str, fingerprint: str):
    """Claim `key` for `owner` before the work starts: (the new record, None), or (None, the record of an
    earlier request with this key) so that a racing or repeated request is answered without doing it twice."""
    try:
        with transaction.atomic():
            return IdempotencyRecord.objects.create(owner=owner, key=key, fingerprint=fingerprint), None
    except IntegrityError:
        return None, IdempotencyRecord.objects.get(owner=owner, key=key)


def idempotency_complete(*, record: IdempotencyRecord, status_code: int, body) -> None:
    IdempotencyRecord.objects.filter(pk=record.pk).update(status_code=status_code, response_body=body)


def idempotency_release(*, record: IdempotencyRecord) -> None:
    IdempotencyRecord.objects.filter(pk=record.pk).delete()
