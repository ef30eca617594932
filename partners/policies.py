"""Who may see and do what with partner access: the Viewer of a token and the write log's visibility."""

from django.db.models import Q, QuerySet

from kernel.viewer import Viewer
from members.policies import organization_is_member

from .models import PartnerToken


def viewer_for_token(token: PartnerToken) -> Viewer:
    """A partner organisation acting through one of its tokens. A token of an active member organisation
    reads what members read: the organisation is the member, the token acts for it."""
    member = organization_is_member(token.organization_id)
    return Viewer(
        partner_id=token.organization_id,
        partner_name=token.organization.short_name,
        token_id=token.pk,
        token_prefix=token.prefix,
        scopes=frozenset(token.scopes),
        member_of=frozenset({token.organization_id}) if member else frozenset(),
        event_ids=None,
    )


def write_log_visible_to(queryset: QuerySet, viewer: Viewer) -> QuerySet:
    if viewer.is_staff:
        return queryset
    if viewer.is_partner:
        return queryset.filter(Q(organization_id=viewer.partner_id))
    return queryset.none()


def can_read_catalogue(viewer: Viewer) -> bool:
    """Anonymous visitors and people read the public catalogue; a token needs the `read` scope."""
    return not viewer.is_partner or viewer.has_scope(PartnerToken.Scope.READ)
