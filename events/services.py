"""Writes that carry a rule for events, sessions, speakers and registrations.

The registration services are the one place that decides who gets a seat: the site, the admin and the
partner API all call them. The capacity check and the insert run in one transaction under a row lock on
the event (or session) so that two people can never both take the last seat.
"""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from members.models import Affiliation, Organization, Person
from members.services import organization_notice_address
from portal.cache import content_changed
from portal.errors import Conflict, DomainError, InvalidTransition, NotPermitted
from portal.notifications import absolute_url, send_after_commit
from portal.slugs import unique_slug

from . import calendars
from .models import Event, Participation, Registration, Session, SessionOrganization

# --- events ---------------------------------------------------------------------------------------


def event_publish(*, event: Event, by=None) -> Event:
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.status == Event.Status.PUBLISHED:
            return locked
        if locked.status == Event.Status.CANCELLED:
            raise InvalidTransition("A cancelled event cannot be published again; make a new one.")
        locked.status = Event.Status.PUBLISHED
        locked.save(update_fields=["status", "updated_at"])
    return locked


def event_unpublish(*, event: Event, by=None) -> Event:
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.status != Event.Status.PUBLISHED:
            raise InvalidTransition(f"Only a published event can be unpublished; this one is {locked.status}.")
        locked.status = Event.Status.DRAFT
        locked.save(update_fields=["status", "updated_at"])
    return locked


def event_cancel(*, event: Event, by=None) -> Event:
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.status == Event.Status.CANCELLED:
            raise InvalidTransition("The event is already cancelled.")
        locked.status = Event.Status.CANCELLED
        locked.save(update_fields=["status", "updated_at"])
    return locked


# --- sessions -------------------------------------------------------------------------------------


def _check_session_times(event: Event, starts_at: datetime.datetime, ends_at: datetime.datetime) -> None:
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise DomainError("Times must carry a time zone offset.", field="starts_at")
    if ends_at <= starts_at:
        raise DomainError("A session must end after it starts.", field="ends_at")
    if starts_at < event.starts_at or ends_at > event.ends_at:
        raise DomainError("A session must take place within its event's dates.", field="starts_at")


def session_propose(
    *,
    event: Event,
    organization: Organization,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    type: str = Session.Type.PARTNER_SIDE_SESSION,
    summary: str = "",
    description: str = "",
    room: str = "",
) -> Session:
    """A partner proposes a session; it waits as `proposed` until staff approve it."""
    if not event.accepts_partner_sessions or event.status != Event.Status.PUBLISHED:
        raise NotPermitted("This event does not accept partner sessions.", field="event")
    _check_session_times(event, starts_at, ends_at)
    with transaction.atomic():
        session = Session.objects.create(
            event=event,
            title=title,
            slug=unique_slug(title, taken=Session.objects.filter(event=event), fallback="session"),
            type=type,
            status=Session.Status.PROPOSED,
            summary=summary,
            description=description,
            room=room,
            starts_at=starts_at,
            ends_at=ends_at,
            proposed_by=organization,
        )
        SessionOrganization.objects.create(
            session=session, organization=organization, role=SessionOrganization.Role.ORGANISER
        )
    return session


SESSION_EDITABLE_FIELDS = ("title", "summary", "description", "room", "starts_at", "ends_at")


def session_update(*, session: Session, **changes) -> Session:
    """Update a session's text and times, re-checking the time rules against its event."""
    unknown = set(changes) - set(SESSION_EDITABLE_FIELDS)
    if unknown:
        raise DomainError(f"These fields cannot be changed here: {', '.join(sorted(unknown))}.")
    with transaction.atomic():
        locked = Session.objects.select_for_update().select_related("event").get(pk=session.pk)
        if locked.status in (Session.Status.REJECTED, Session.Status.CANCELLED):
            raise InvalidTransition(f"A {locked.status} session can no longer be changed.")
        for field, value in changes.items():
            setattr(locked, field, value)
        _check_session_times(locked.event, locked.starts_at, locked.ends_at)
        locked.save()
    return locked


def _session_transition(*, session: Session, sources: set[str], target: str, verb: str) -> Session:
    with transaction.atomic():
        locked = (
            Session.objects.select_for_update(of=("self",)).select_related("event", "proposed_by").get(pk=session.pk)
        )
        if locked.status not in sources:
            raise InvalidTransition(f"Cannot {verb} a session that is {locked.get_status_display().lower()}.")
        locked.status = target
        locked.save(update_fields=["status", "updated_at"])
        if verb in _PROPOSAL_DECISIONS:
            _tell_proposer(locked, verb)
    return locked


_PROPOSAL_DECISIONS = {
    "approve": (
        "Your session is approved: {title}",
        "The events team approved the session {org} proposed for {event}. It is now scheduled and shown in the "
        "programme.\n\n{title}\n{when}\nSession page: {session_url}\n\n"
        "Set its speakers and change its text or times through the partner API: {api_url}\n",
    ),
    "reject": (
        "Your proposed session was not accepted: {title}",
        "The events team did not accept the session {org} proposed for {event}, so it will not appear in the "
        "programme.\n\n{title}\n{when}\nEvent page: {event_url}\n\n"
        "Your proposal stays readable through the partner API: {api_url}\n",
    ),
}


def _when(session: Session) -> str:
    tz = session.event.tzinfo
    starts, ends = session.starts_at.astimezone(tz), session.ends_at.astimezone(tz)
    return f"{starts:%d %B %Y, %H:%M} to {ends:%H:%M} ({session.event.timezone})"


def _tell_proposer(session: Session, verb: str) -> None:
    """Email the organisation that proposed the session (through the partner API) what was decided."""
    if session.proposed_by is None:
        return
    subject, body = _PROPOSAL_DECISIONS[verb]
    values = {
        "title": session.title,
        "org": session.proposed_by.name,
        "event": session.event.title,
        "when": _when(session),
        "session_url": absolute_url(session.get_absolute_url()),
        "event_url": absolute_url(session.event.get_absolute_url()),
        "api_url": absolute_url(reverse("api:session-detail", kwargs={"pk": session.pk})),
    }
    send_after_commit(
        to=organization_notice_address(organization=session.proposed_by),
        subject=subject.format(**values),
        body=body.format(**values),
    )


def session_approve(*, session: Session, by=None) -> Session:
    """Staff approve a proposed session; the proposing organisation is emailed."""
    S = Session.Status
    return _session_transition(session=session, sources={S.PROPOSED}, target=S.SCHEDULED, verb="approve")


def session_reject(*, session: Session, by=None) -> Session:
    """Staff turn down a proposed session; the proposing organisation is emailed."""
    S = Session.Status
    return _session_transition(session=session, sources={S.PROPOSED}, target=S.REJECTED, verb="reject")


def session_cancel(*, session: Session, by=None) -> Session:
    S = Session.Status
    return _session_transition(session=session, sources={S.PROPOSED, S.SCHEDULED}, target=S.CANCELLED, verb="cancel")


@dataclass(frozen=True)
class SpeakerSpec:
    person: Person
    role: str
    printed_title: str = ""
    printed_affiliation: str = ""
    affiliation: Affiliation | None = None


def session_set_speakers(*, session: Session, speakers: list[SpeakerSpec]) -> list[Participation]:
    """Replace a session's programme with `speakers`, in the order given."""
    seen: set[tuple[int, str]] = set()
    for spec in speakers:
        if spec.role not in Participation.Role.values:
            raise DomainError(f"Unknown speaker role {spec.role!r}.", field="speakers")
        key = (spec.person.pk, spec.role)
        if key in seen:
            raise Conflict(f"{spec.person} is listed twice as {spec.role}.", field="speakers")
        seen.add(key)
        if spec.affiliation is not None and spec.affiliation.person_id != spec.person.pk:
            raise DomainError("An affiliation must belong to the speaker it is given for.", field="speakers")
    with transaction.atomic():
        Session.objects.select_for_update().get(pk=session.pk)
        session.participations.all().delete()
        created = Participation.objects.bulk_create(
            Participation(
                session=session,
                person=spec.person,
                role=spec.role,
                order=index,
                printed_title=spec.printed_title,
                printed_affiliation=spec.printed_affiliation,
                affiliation=spec.affiliation,
            )
            for index, spec in enumerate(speakers, start=1)
        )
        Session.objects.filter(pk=session.pk).update(updated_at=timezone.now())
        content_changed()  # bulk writes send no signals
    return created


# --- registrations --------------------------------------------------------------------------------


def _confirmed_count(*, event: Event, session: Session | None) -> int:
    qs = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
    return qs.filter(session=session).count() if session else qs.filter(session__isnull=True).count()


_STATUS_SENTENCES = {
    Registration.Status.CONFIRMED: "Your seat is confirmed. The calendar entry is attached.",
    Registration.Status.WAITLISTED: "The event is full, so you are on the waitlist. If a seat frees up, it is "
    "yours and we will tell you.",
    Registration.Status.PENDING_APPROVAL: "This event needs the organisers' approval; we will write when they "
    "have looked at your registration.",
}


def _notify(registration: Registration, subject: str) -> None:
    """Tell the registrant where they stand, with the cancel link and, once confirmed, the .ics."""
    target = registration.session or registration.event
    cancel_url = absolute_url(reverse("events:registration-cancel", kwargs={"token": registration.cancel_token}))
    body = (
        f"Dear {registration.name},\n\n{_STATUS_SENTENCES.get(registration.status, '')}\n\n"
        f"{target}\n{absolute_url(target.get_absolute_url())}\n\n"
        f"To cancel, open: {cancel_url}\n"
    )
    attachments = []
    if registration.status == Registration.Status.CONFIRMED:
        base = absolute_url("/")
        ics = (
            calendars.session_calendar(base, registration.session)
            if registration.session
            else calendars.events_calendar(base, [registration.event], name=registration.event.title)
        )
        attachments.append(("invitation.ics", ics, "text/calendar"))
    send_after_commit(to=registration.email, subject=subject, body=body, attachments=attachments)


def _may_attend(event: Event, user, *, by_staff: bool) -> bool:
    if event.visibility == Event.Visibility.PUBLIC or by_staff:
        return True
    return Event.objects.visible_to(user).filter(pk=event.pk).exists()


def registration_create(
    *,
    event: Event,
    name: str,
    email: str,
    session: Session | None = None,
    user=None,
    registered_by: Organization | None = None,
    organization_name: str = "",
    by_staff: bool = False,
) -> Registration:
    """Register someone: confirmed while seats remain, waitlisted after; never over capacity.

    Members-only events take only signed-in people of active member organisations (or staff on their behalf).
    """
    name, email = (name or "").strip(), (email or "").strip().lower()
    if not name:
        raise DomainError("A name is required.", field="name")
    if not email:
        raise DomainError("An email address is required.", field="email")
    if session is not None and session.event_id != event.pk:
        raise DomainError("That session belongs to another event.", field="session")
    with transaction.atomic():
        # The lock serialises every registration for this event (or session): check and insert are one step.
        locked_event = Event.objects.select_for_update().get(pk=event.pk)
        locked_session = Session.objects.select_for_update().get(pk=session.pk) if session else None
        if locked_event.status != Event.Status.PUBLISHED:
            raise NotPermitted("Registration is open only for published events.", field="event")
        if locked_event.ends_at < timezone.now():
            raise NotPermitted("This event is over.", field="event")
        if locked_session is not None and locked_session.status != Session.Status.SCHEDULED:
            raise NotPermitted("Registration is open only for scheduled sessions.", field="session")
        if not _may_attend(locked_event, user, by_staff=by_staff):
            raise NotPermitted("This event is for members only: sign in with a member account.", field="event")
        capacity = locked_session.capacity if locked_session else locked_event.capacity
        if locked_event.registration_requires_approval:
            status = Registration.Status.PENDING_APPROVAL
        elif capacity is None or _confirmed_count(event=locked_event, session=locked_session) < capacity:
            status = Registration.Status.CONFIRMED
        else:
            status = Registration.Status.WAITLISTED
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    event=locked_event,
                    session=locked_session,
                    name=name,
                    email=email,
                    user=user,
                    registered_by=registered_by,
                    organization_name=organization_name,
                    status=status,
                )
        except IntegrityError as exc:
            raise Conflict(f"{email} is already registered.", field="email") from exc
        _notify(registration, f"Your registration for {locked_session or locked_event}")
    return registration


def _promote_waitlist(*, event: Event, session: Session | None) -> Registration | None:
    capacity = session.capacity if session else event.capacity
    if capacity is not None and _confirmed_count(event=event, session=session) >= capacity:
        return None
    waiting = Registration.objects.waitlisted().filter(event=event)
    waiting = waiting.filter(session=session) if session else waiting.filter(session__isnull=True)
    first = waiting.select_for_update().first()
    if first is None:
        return None
    first.status = Registration.Status.CONFIRMED
    first.save(update_fields=["status", "updated_at"])
    _notify(first, f"A seat is yours: {session or event}")
    return first


def registration_cancel(*, registration: Registration) -> Registration:
    """Cancel a registration; if it held a seat, the first on the waitlist is promoted."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        session = (
            Session.objects.select_for_update().get(pk=registration.session_id) if registration.session_id else None
        )
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if locked.status == Registration.Status.CANCELLED:
            raise InvalidTransition("This registration is already cancelled.")
        held_seat = locked.status == Registration.Status.CONFIRMED
        locked.status = Registration.Status.CANCELLED
        locked.cancelled_at = timezone.now()
        locked.save(update_fields=["status", "cancelled_at", "updated_at"])
        if held_seat:
            _promote_waitlist(event=event, session=session)
    return locked


def registration_approve(*, registration: Registration, by=None) -> Registration:
    """Approve a pending registration: confirmed if a seat is free, otherwise waitlisted."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        session = (
            Session.objects.select_for_update().get(pk=registration.session_id) if registration.session_id else None
        )
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if locked.status != Registration.Status.PENDING_APPROVAL:
            raise InvalidTransition(
                f"Only a registration awaiting approval can be approved; this one is {locked.status}."
            )
        capacity = session.capacity if session else event.capacity
        full = capacity is not None and _confirmed_count(event=event, session=session) >= capacity
        locked.status = Registration.Status.WAITLISTED if full else Registration.Status.CONFIRMED
        locked.save(update_fields=["status", "updated_at"])
        _notify(locked, f"Your registration for {session or event}")
    return locked


def registration_mark_attended(*, registration: Registration, attended: bool = True) -> Registration:
    if registration.status != Registration.Status.CONFIRMED:
        raise InvalidTransition("Only confirmed registrations can be marked as attended.")
    Registration.objects.filter(pk=registration.pk).update(attended=attended, updated_at=timezone.now())
    registration.attended = attended
    return registration
