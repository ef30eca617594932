"""Who may see and do what with publications: the only place it is written.

Published publications are public unless they are members-only, which members (people of active member
organisations, or a member organisation's token) and staff see. A partner also sees what it submitted, in
any state. Drafts, submissions in review and withdrawn publications are otherwise for staff. A publication's
file is downloadable by whoever may see the publication.
"""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from kernel.policy import Decision, allow, deny
from kernel.viewer import Viewer

from .models import Publication

P = Publication.Status
SCOPE_SUBMIT = "publications:submit"


def publication_condition(viewer: Viewer) -> Q:
    if viewer.is_staff:
        return Q()
    shown = Q(status=P.PUBLISHED)
    if not viewer.is_member:
        shown &= Q(members_only=False)
    if viewer.is_partner:
        shown |= Q(submitted_by_id=viewer.partner_id)
    return shown


def publications_visible_to(queryset: QuerySet, viewer: Viewer) -> QuerySet:
    return queryset.filter(publication_condition(viewer))


def can_view_publication(viewer: Viewer, publication: Publication) -> bool:
    return publications_visible_to(Publication.objects.filter(pk=publication.pk), viewer).exists()


def can_download(viewer: Viewer, publication: Publication) -> bool:
    return bool(publication.file) and can_view_publication(viewer, publication)


def is_members_only_for(viewer: Viewer, publication: Publication) -> bool:
    """A published members-only document this viewer may not open: pages say so, without its title."""
    return (
        publication.status == P.PUBLISHED and publication.members_only and not can_view_publication(viewer, publication)
    )


def can_submit_publication(viewer: Viewer) -> Decision:
    if viewer.is_staff or viewer.has_scope(SCOPE_SUBMIT):
        return allow()
    if viewer.is_partner:
        return deny(f"This token does not carry the '{SCOPE_SUBMIT}' scope.")
    return deny(_("Publications are submitted with a partner token."))


def can_resubmit(viewer: Viewer, publication: Publication) -> Decision:
    if viewer.is_staff:
        return allow()
    if viewer.has_scope(SCOPE_SUBMIT) and publication.submitted_by_id == viewer.partner_id:
        return allow()
    return deny(_("Only the organisation that submitted this publication can resubmit it."))
