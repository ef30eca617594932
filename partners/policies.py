"""Who may see and do what with partner access: the Viewer of a token, the write log's visibility, and who manages
webhook endpoints."""

from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from events.models import Session
from events.policies import sessions_co_organised_by
from kernel.policy import Decision, allow, deny
from kernel.viewer import Viewer
from members.policies import organization_is_member

from .models import PartnerToken


def token_event_ids(token: PartnerToken) -> frozenset[int] | None:
    """The events a token is limited to, or None for a token limited to none (every event).

    A limited token reads the whole public catalogue like any other, but what it sees beyond it (its
    organisation's proposals, its registrations) and what it writes (sessions, registrations) is only about those
    events: the events' policies ask `Viewer.may_act_on_event` and filter on `Viewer.event_ids`."""
    if getattr(token, "is_event_limited", True) is False:
        return None  # known from the authentication query: no need to ask
    ids = frozenset(token.events.values_list("pk", flat=True))
    return ids or None


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
        event_ids=token_event_ids(token),
    )


def write_log_visible_to(queryset: QuerySet, viewer: Viewer) -> QuerySet:
    """Staff see every write; a partner its own organisation's, and every write (by anyone) to a session it
    proposed or co-organises, so co-organisers see each other's changes."""
    if viewer.is_staff:
        return queryset
    if viewer.is_partner:
        shared = (
            sessions_co_organised_by(Session.objects.all(), viewer)
            .annotate(id_text=Cast("pk", CharField()))
            .values("id_text")
        )
        return queryset.filter(
            Q(organization_id=viewer.partner_id) | Q(object_type=Session._meta.model_name, object_id__in=shared)
        )
    return queryset.none()


def can_read_catalogue(viewer: Viewer) -> bool:
    """Anonymous visitors and people read the public catalogue; a token needs the `read` scope."""
    return not viewer.is_partner or viewer.has_scope(PartnerToken.Scope.READ)


# --- webhooks -----------------------------------------------------------------------------------------

SCOPE_WEBHOOKS = PartnerToken.Scope.WEBHOOKS_MANAGE


def viewer_for_organization(organization) -> Viewer:
    """A partner organisation reading the catalogue, whichever of its tokens: what its webhooks may be told. It
    sees what a token of it with the `read` scope sees (members' content when it is an active member)."""
    member = organization_is_member(organization.pk)
    return Viewer(
        partner_id=organization.pk,
        partner_name=organization.short_name,
        scopes=frozenset({PartnerToken.Scope.READ}),
        member_of=frozenset({organization.pk}) if member else frozenset(),
        event_ids=None,
    )


def can_manage_webhooks(viewer: Viewer) -> Decision:
    if viewer.is_staff or viewer.has_scope(SCOPE_WEBHOOKS):
        return allow()
    if viewer.is_partner:
        return deny(f"This token does not carry the '{SCOPE_WEBHOOKS}' scope.")
    return deny(_("Webhooks are managed with a partner token."))


def webhook_endpoints_visible_to(queryset: QuerySet, viewer: Viewer) -> QuerySet:
    """Staff see every endpoint; a partner its own organisation's, with the scope."""
    if viewer.is_staff:
        return queryset
    if viewer.has_scope(SCOPE_WEBHOOKS):
        return queryset.filter(organization_id=viewer.partner_id)
    return queryset.none()


def can_change_webhook_endpoint(viewer: Viewer, endpoint) -> Decision:
    if viewer.is_staff or (viewer.has_scope(SCOPE_WEBHOOKS) and endpoint.organization_id == viewer.partner_id):
        return allow()
    return deny(_("Only the organisation that registered this endpoint, and staff, can change it."))
