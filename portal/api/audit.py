"""Record every write made through the API: who (organisation and token, or staff user) and what changed."""

from members.services import api_write_record

from .permissions import partner_of


def record_write(request, action: str, obj, changes: dict) -> None:
    partner = partner_of(request)
    api_write_record(
        organization=partner.organization if partner else None,
        token=partner.token if partner else None,
        user=None if partner else request.user,
        action=action,
        obj=obj,
        changes=changes,
    )
