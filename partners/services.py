"""Writes for partner access: tokens (create, authenticate, rotate, revoke) and the API write log."""

import datetime
import hashlib
import hmac
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from kernel.errors import DomainError
from kernel.viewer import Viewer
from members.models import Organization

from .models import ApiWriteLog, IdempotencyRecord, PartnerToken

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
        created_by=by.user if by is not None and by.user_id else None,
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


def partner_token_update(*, token: PartnerToken, by, expires_at: datetime.datetime | None) -> PartnerToken:
    """Staff change when a token expires; its owner, name and scopes are fixed once issued."""
    if expires_at is not None and timezone.is_naive(expires_at):
        raise DomainError("The expiry needs a time zone.", field="expires_at")
    with transaction.atomic():
        locked = PartnerToken.objects.select_for_update().get(pk=token.pk)
        locked.expires_at = expires_at
        locked.save(update_fields=["expires_at"])
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
