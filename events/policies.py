"""Who may see and do what with events, sessions, speakers and registrations: the only place it is written.

- Events: published (and cancelled ones, which stay up marked as cancelled so calendars learn of it) are
  public when their visibility is public; members (people of active member organisations, or a member
  organisation's token) also see members-only events; a partner also sees the events it hosts or
  co-organises a session of. Drafts are for staff.
- Sessions: scheduled sessions of a visible event; a partner also sees the sessions it co-organises or
  proposed, in any state. Proposed, rejected and cancelled sessions are otherwise for staff.
- Speakers (participations) are visible with their session; the link to a person's page follows the
  person's own visibility (members/policies.py).
- Registrations: only the person who registered (signed in), the partner organisation that registered the
  delegate, and staff. A partner learns nothing about registrations it did not make: addresses are unique
  per registering party, so a partner's duplicate never collides with someone else's (staff merge
  duplicates in the admin).
- A token limited to named events acts and reads beyond the public catalogue for those events only.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kernel.policy import Decision, allow, deny
from kernel.viewer import Viewer

from .models import Event, EventOrganization, Registration, Session, SessionOrganization

E, SS, R = Event.Status, Session.Status, Registration.Status
ANNOUNCED = (E.PUBLISHED, E.CANCELLED)
SCOPE_SESSIONS = "sessions:write"
SCOPE_REGISTRATIONS = "registrations:write"


def _partner_event_ids_condition(viewer: Viewer) -> Q:
    if viewer.event_ids is None:
        return Q()
    return Q(pk__in=viewer.event_ids)


def _involves_partner(viewer: Viewer) -> Q:
    """Events the partner hosts, organises or co-organises a session of."""
    hosts = EventOrganization.objects.filter(event=OuterRef("pk"), organization_id=viewer.partner_id)
    co_organises = Session.objects.filter(event=OuterRef("pk")).filter(
        Q(proposed_by_id=viewer.partner_id)
        | Q(pk__in=SessionOrganization.objects.filter(organization_id=viewer.partner_id).values("session_id"))
    )
    return (Exists(hosts) | Exists(co_organises)) & _partner_event_ids_condition(viewer)


def event_condition(viewer: Viewer) -> Q:
    """The condition on Event rows for what `viewer` may see (exposed for queries that join events)."""
    if viewer.is_staff:
        return Q()
    shown = Q(status__in=ANNOUNCED)
    if not viewer.is_member:
        shown &= Q(visibility=Event.Visibility.PUBLIC)
    if viewer.is_partner:
        shown |= Q(status__in=ANNOUNCED) & _involves_partner(viewer)
    return shown


def events_visible_to(queryset: QuerySet, viewer: Viewer) -> QuerySet:
    return queryset.filter(event_condition(viewer))


def _co_organised_by(partner_id: int, *, accepted_only: bool = False) -> Q:
    """Sessions the partner proposed or co-organises; with `accepted_only`, not those it is only invited to."""
    roles = SessionOrganization.objects.filter(organization_id=partner_id)
    if accepted_only:
        roles = roles.filter(accepted=True)
    return Q(proposed_by_id=partner_id) | Q(pk__in=roles.values("session_id"))


def _awaiting_co_organiser() -> Exists:
    """A co-organiser named by the proposing partner has not accepted yet: the session is not shown."""
    return Exists(SessionOrganization.objects.filter(session=OuterRef("pk"), accepted=False))


def session_condition(viewer: Viewer) -> Q:
    if viewer.is_staff:
        return Q()
    visible_events = Event.objects.filter(event_condition(viewer)).values("pk")
    shown = Q(status=SS.SCHEDULED, event__in=visible_events) & ~Q(_awaiting_co_organiser())
    if viewer.is_partner:
        own = _co_organised_by(viewer.partner_id)
        if viewer.event_ids is not None:
            own &= Q(event_id__in=viewer.event_ids)
        shown |= own
    return shown


def sessions_visible_to(queryset: QuerySet, viewer: Viewer) -> QuerySet:
    return queryset.filter(session_condition(viewer))


def participations_visible_to(queryset: QuerySet, viewer: Viewer) -> QuerySet:
    if viewer.is_staff:
        return queryset
    return queryset.filter(session__in=Session.objects.filter(session_condition(viewer)).values("pk"))


def registrations_visible_to(queryset: QuerySet, viewer: Viewer) -> QuerySet:
    if viewer.is_staff:
        return queryset
    if viewer.is_partner:
        mine = Q(registered_by_id=viewer.partner_id)
        if viewer.event_ids is not None:
            mine &= Q(event_id__in=viewer.event_ids)
        return queryset.filter(mine)
    if viewer.user_id is not None:
        return queryset.filter(user_id=viewer.user_id, registered_by__isnull=True)
    return queryset.none()


def registrations_made_by(queryset: QuerySet, viewer: Viewer) -> QuerySet:
    """A signed-in person's own registrations (made for themselves on the site), whoever else may see them: what
    event pages and "My registrations" show as theirs. Staff and partners have none of their own here."""
    if viewer.user_id is None or viewer.is_partner:
        return queryset.none()
    return queryset.filter(user_id=viewer.user_id, registered_by__isnull=True)


def sessions_co_organised_by(queryset: QuerySet, viewer: Viewer) -> QuerySet:
    """Sessions the viewer's partner organisation proposed or co-organises (within the events its token is
    limited to): their co-organisers see each other's writes to them."""
    if not viewer.is_partner:
        return queryset.none()
    own = queryset.filter(_co_organised_by(viewer.partner_id))
    return own.filter(event_id__in=viewer.event_ids) if viewer.event_ids is not None else own


def sessions_editable_by(queryset: QuerySet, viewer: Viewer) -> QuerySet:
    """Sessions `viewer` may change: staff any; a partner those it co-organises (with the scope) in events that
    are not over: a past programme is a record, which only staff correct."""
    if viewer.is_staff:
        return queryset
    if viewer.is_partner and viewer.has_scope(SCOPE_SESSIONS):
        own = queryset.filter(
            _co_organised_by(viewer.partner_id, accepted_only=True), event__ends_at__gt=timezone.now()
        )
        return own.filter(event_id__in=viewer.event_ids) if viewer.event_ids is not None else own
    return queryset.none()


# --- single decisions -------------------------------------------------------------------------------


def can_view_event(viewer: Viewer, event: Event) -> bool:
    return events_visible_to(Event.objects.filter(pk=event.pk), viewer).exists()


def can_view_session(viewer: Viewer, session: Session) -> bool:
    return sessions_visible_to(Session.objects.filter(pk=session.pk), viewer).exists()


def is_members_only_for(viewer: Viewer, event: Event, session: Session | None = None) -> bool:
    """An announced members-only event (or a scheduled session of one) this viewer may not open: pages say it
    is for members and how to get in, without its title."""
    if event.status not in ANNOUNCED or event.visibility != Event.Visibility.MEMBERS:
        return False
    if session is not None and session.status != SS.SCHEDULED:
        return False
    return not can_view_event(viewer, event)


def has_ended(ends_at, *, now=None) -> bool:
    """An event (or a session) whose end `ends_at` has passed is over: marked "ended", closed for registration."""
    return ends_at < (now or timezone.now())


def is_under_way(event: Event, *, now=None) -> bool:
    """An announced, not cancelled event between its start and its end: its programme says what is on now."""
    now = now or timezone.now()
    return event.status == E.PUBLISHED and event.starts_at <= now < event.ends_at


def registration_is_open(event: Event, session: Session | None = None, *, now=None) -> Decision:
    """Whether an event (or one session of it) takes registrations at all, whoever asks."""
    now = now or timezone.now()
    if event.status == E.CANCELLED:
        return deny(_("This event is cancelled."), field="event")
    if event.status != E.PUBLISHED:
        return deny(_("Registration is open only for published events."), field="event")
    if has_ended(event.ends_at, now=now):
        return deny(_("This event is over."), field="event")
    if session is not None:
        if session.event_id != event.pk:
            return deny(_("That session belongs to another event."), field="session")
        if session.status != SS.SCHEDULED:
            return deny(_("Registration is open only for scheduled sessions."), field="session")
        if has_ended(session.ends_at, now=now):
            return deny(_("This session is over."), field="session")
        if session.capacity is None:
            # The site and the API agree: a session without its own seats is attended with the event's.
            return deny(_("This session has no seats of its own: register for the event instead."), field="session")
    return allow()


def can_register(viewer: Viewer, event: Event, session: Session | None = None) -> Decision:
    """Whether `viewer` may register someone (themselves, or a delegate) for `event` or one of its sessions."""
    open_ = registration_is_open(event, session)
    if not open_:
        return open_
    if viewer.is_staff:
        return allow()
    if viewer.is_partner:
        if not viewer.has_scope(SCOPE_REGISTRATIONS):
            return deny(f"This token does not carry the '{SCOPE_REGISTRATIONS}' scope.")
        if not viewer.may_act_on_event(event.pk):
            return deny(_("This token is limited to other events."), field="event")
    elif viewer.user_id is not None and not viewer.email_verified:
        return deny(_("Confirm your email address before registering for events."), field="email")
    if not can_view_event(viewer, event):
        return deny(_("This event is for members only: sign in with a member account."), field="event")
    if event.visibility == Event.Visibility.MEMBERS and not viewer.is_member:
        return deny(_("This event is for members only: sign in with a member account."), field="event")
    return allow()


def can_receive_join_link(registration: Registration) -> Decision:
    """The join link of an online or hybrid event goes to confirmed registrants only: not to the waitlist, not
    to registrations awaiting approval, never onto a public page, feed, calendar file or JSON-LD."""
    event = registration.event
    if event.format == Event.Format.IN_PERSON or not event.online_url:
        return deny(_("This event has no join link."))
    if registration.status != R.CONFIRMED:
        return deny(_("The join link is sent once the seat is confirmed."))
    return allow()


def can_see_join_link(viewer: Viewer, event: Event) -> bool:
    """Who reads an event's join link through the API or the admin: staff only. Registrants receive it by email
    (can_receive_join_link); a partner's delegates each receive their own."""
    return viewer.is_staff


def can_cancel_registration(viewer: Viewer, registration: Registration) -> Decision:
    if viewer.is_staff:
        return allow()
    if viewer.is_partner and registration.registered_by_id == viewer.partner_id:
        if viewer.has_scope(SCOPE_REGISTRATIONS):
            return allow()
        return deny(f"This token does not carry the '{SCOPE_REGISTRATIONS}' scope.")
    if viewer.user_id is not None and registration.user_id == viewer.user_id:
        return allow()
    return deny(_("Only whoever made this registration can cancel it."))


def can_propose_session(viewer: Viewer, event: Event) -> Decision:
    if not (viewer.is_staff or viewer.has_scope(SCOPE_SESSIONS)):
        return deny(f"Proposing sessions needs the '{SCOPE_SESSIONS}' scope.")
    if not viewer.may_act_on_event(event.pk):
        return deny(_("This token is limited to other events."), field="event")
    if not event.accepts_partner_sessions or event.status != E.PUBLISHED:
        return deny(_("This event does not accept partner sessions."), field="event")
    return allow()


def can_edit_session(viewer: Viewer, session: Session) -> bool:
    return sessions_editable_by(Session.objects.filter(pk=session.pk), viewer).exists()


def edit_needs_review(viewer: Viewer, session: Session) -> bool:
    """A partner's change to a session staff already approved sends it back to review; staff edits do not."""
    return not viewer.is_staff and session.status == SS.SCHEDULED


def can_accept_co_organisation(viewer: Viewer, session: Session) -> Decision:
    """The organisation a partner named as co-organiser accepts, through its own token with the scope."""
    if not viewer.has_scope(SCOPE_SESSIONS):
        return deny(f"Accepting needs the '{SCOPE_SESSIONS}' scope.")
    if not viewer.may_act_on_event(session.event_id):
        return deny(_("This token is limited to other events."), field="event")
    invited = SessionOrganization.objects.filter(session=session, organization_id=viewer.partner_id, accepted=False)
    if not invited.exists():
        return deny(_("Your organisation has no invitation to co-organise this session."))
    return allow()


def can_withdraw_session(viewer: Viewer, session: Session) -> Decision:
    """The proposing organisation (or staff) withdraws a proposal staff have not decided on."""
    if viewer.is_staff:
        return allow()
    if not (viewer.has_scope(SCOPE_SESSIONS) and session.proposed_by_id == viewer.partner_id):
        return deny(_("Only the organisation that proposed this session can withdraw it."))
    if not viewer.may_act_on_event(session.event_id):
        return deny(_("This token is limited to other events."), field="event")
    return allow()


def can_record_attendance(viewer: Viewer, event: Event) -> Decision:
    """Staff record who attended an event that is over (attendance history); nobody registers for it any more."""
    if not viewer.has_perm("events.add_registration"):
        return deny(_("Only staff record who attended an event."))
    if event.status not in ANNOUNCED:
        return deny(_("Attendance is recorded for announced events only."), field="event")
    if event.ends_at >= timezone.now():
        return deny(_("Attendance is recorded once the event is over: register delegates until then."), field="event")
    return allow()
