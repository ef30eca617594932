"""Who may see and do what with publications: the only place it is written.

Published publications are public unless they are members-only, which members (people of active member
organisations, or a member organisation's token) and staff see. A partner also sees what it submitted, in
any state. Drafts, submissions in review and withdrawn publications are otherwise for staff. A publication's
file is downloadable by whoever may see the publication.

Embargo: a published publication whose release time has not come (a set time, or the start of the session it is
launched at) is seen only by staff and its contributors: the organisation that submitted it, the organisations
named on it and their people, and the people named on it. From its release time on, it is seen as any published
publication, whether or not the worker has yet recorded the release (publications.services.publication_release).
"""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Participation, Session
from events.policies import sessions_co_organised_by
from kernel.policy import Decision, allow, deny
from kernel.viewer import Viewer

from .models import Publication, PublicationOrganization, PublicationPerson

P = Publication.Status
RELEASE = Publication.Release
SCOPE_SUBMIT = "publications:submit"


def released_condition(now: datetime.datetime | None = None) -> Q:
    """Publications whose embargo, if any, is over at `now` (a release following a launch session that is no longer
    set follows nothing: no embargo)."""
    now = now or timezone.now()
    return (
        Q(release=RELEASE.ON_PUBLISHING)
        | Q(release=RELEASE.AT_TIME, release_at__lte=now)
        | Q(release=RELEASE.AT_LAUNCH, launched_at__starts_at__lte=now)
        | Q(release=RELEASE.AT_LAUNCH, launched_at__isnull=True)
    )


def _contributed_by(viewer: Viewer) -> Q | None:
    """Publications the viewer had a hand in: its organisations named on them (or, for a partner, submitted by
    it), or the person named on them."""
    organizations = set(viewer.affiliated_with) | ({viewer.partner_id} if viewer.is_partner else set())
    shown = None
    if organizations:
        named = PublicationOrganization.objects.filter(organization_id__in=organizations).values("publication_id")
        shown = Q(pk__in=named) | Q(submitted_by_id__in=organizations)
    if viewer.person_id is not None:
        author = Q(pk__in=PublicationPerson.objects.filter(person_id=viewer.person_id).values("publication_id"))
        shown = author if shown is None else shown | author
    return shown


def publication_condition(viewer: Viewer, *, now: datetime.datetime | None = None) -> Q:
    if viewer.is_staff:
        return Q()
    shown = Q(status=P.PUBLISHED)
    if not viewer.is_member:
        shown &= Q(members_only=False)
    contributed = _contributed_by(viewer)
    shown &= released_condition(now) if contributed is None else released_condition(now) | contributed
    if viewer.is_partner:
        shown |= Q(submitted_by_id=viewer.partner_id)
    return shown


def publications_visible_to(queryset: QuerySet, viewer: Viewer) -> QuerySet:
    return queryset.filter(publication_condition(viewer))


def can_view_publication(viewer: Viewer, publication: Publication) -> bool:
    return publications_visible_to(Publication.objects.filter(pk=publication.pk), viewer).exists()


def can_download(viewer: Viewer, publication: Publication) -> bool:
    return bool(publication.file) and can_view_publication(viewer, publication)


def is_under_embargo(publication: Publication, *, now: datetime.datetime | None = None) -> bool:
    """Published, but its release time has not come."""
    return (
        publication.status == P.PUBLISHED
        and not Publication.objects.filter(pk=publication.pk).filter(released_condition(now)).exists()
    )


def is_members_only_for(viewer: Viewer, publication: Publication) -> bool:
    """A published members-only document this viewer may not open: pages say so, without its title. One under
    embargo is simply not there yet."""
    return (
        publication.status == P.PUBLISHED
        and publication.members_only
        and not can_view_publication(viewer, publication)
        and not is_under_embargo(publication)
    )


def release_is_due(publication: Publication, *, now: datetime.datetime | None = None) -> bool:
    """Published under embargo, the release not yet recorded, and its time has come: the worker releases it."""
    return (
        publication.status == P.PUBLISHED
        and publication.release != RELEASE.ON_PUBLISHING
        and publication.released_at is None
        and Publication.objects.filter(pk=publication.pk).filter(released_condition(now)).exists()
    )


def releases_due(queryset: QuerySet, *, now: datetime.datetime | None = None) -> QuerySet:
    under_embargo = queryset.filter(status=P.PUBLISHED, released_at__isnull=True).exclude(release=RELEASE.ON_PUBLISHING)
    return under_embargo.filter(released_condition(now))


def people_nameable_as_authors(queryset: QuerySet, viewer: Viewer) -> QuerySet:
    """People a caller may name as a publication's authors: those it may see and, for a partner, the speakers of
    the sessions it co-organises too (people it put on the programme itself, who may have no public page yet)."""
    visible = queryset.visible_to(viewer)
    if not viewer.is_partner:
        return visible
    own_speakers = Participation.objects.filter(
        session__in=sessions_co_organised_by(Session.objects.all(), viewer)
    ).values("person_id")
    return queryset.filter(Q(pk__in=visible.values("pk")) | Q(pk__in=own_speakers))


def can_submit_publication(viewer: Viewer) -> Decision:
    if viewer.is_staff or viewer.has_scope(SCOPE_SUBMIT):
        return allow()
    if viewer.is_partner:
        return deny(f"This token does not carry the '{SCOPE_SUBMIT}' scope.")
    return deny(_("Publications are submitted with a partner token."))


def can_link_publication_to_events(viewer: Viewer, event_ids: set[int]) -> Decision:
    """The events a submission names (its event, its launch session's event). A token limited to named events
    acts on publications of those only, as it does on sessions and registrations: it must name one of its events,
    and none other."""
    if viewer.event_ids is None:
        return allow()
    if not event_ids:
        return deny(
            _("This token is limited to named events: give the publication's event or launch session."), field="event"
        )
    if not all(viewer.may_act_on_event(event_id) for event_id in event_ids):
        return deny(_("This token is limited to other events."), field="event")
    return allow()


def can_resubmit(viewer: Viewer, publication: Publication) -> Decision:
    if viewer.is_staff:
        return allow()
    if viewer.has_scope(SCOPE_SUBMIT) and publication.submitted_by_id == viewer.partner_id:
        return allow()
    return deny(_("Only the organisation that submitted this publication can resubmit it."))


def can_edit_submission(viewer: Viewer, publication: Publication) -> Decision:
    """The submitting organisation edits its publication while staff have not published it (in review, or
    returned to it as a draft); staff edit in the back office."""
    if viewer.is_staff:
        return allow()
    if not (viewer.has_scope(SCOPE_SUBMIT) and publication.submitted_by_id == viewer.partner_id):
        return deny(_("Only the organisation that submitted this publication can change it."))
    if publication.status not in (Publication.Status.DRAFT, Publication.Status.IN_REVIEW):
        return deny(_("A published or withdrawn publication is changed by the editors."), field="status")
    if viewer.event_ids is not None and not can_link_publication_to_events(
        viewer, set(publication.related_events.values_list("pk", flat=True))
    ):
        # Its organisation's publication of another event is not this token's to change.
        return deny(_("This token is limited to other events."), field="event")
    return allow()
