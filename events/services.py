"""Writes that carry a rule for events, sessions, speakers and registrations.

The registration services are the one place that decides who gets a seat: the site, the admin and the
partner API all call them. The capacity check and the insert run in one transaction under a row lock on
the event (or session) so that two people can never both take the last seat. Who may register, propose or
edit is asked of events/policies.py; which state changes are allowed, of events/lifecycles.py.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kernel.changes import record_change
from kernel.content import content_changed
from kernel.errors import Conflict, DomainError, InvalidTransition, NotPermitted
from kernel.events import emit
from kernel.invented import invented_note
from kernel.models import Topic
from kernel.notifications import absolute_url, send_after_commit
from kernel.slugs import unique_slug
from kernel.translated import (
    TRANSLATION_LANGUAGES,
    check_translations,
    translated_fields,
    translation_changes,
    translation_columns,
)
from kernel.viewer import Viewer
from members.models import Affiliation, Organization, Person
from members.services import email_language, organization_notice_address, person_create

from . import calendars, policies
from .lifecycles import EVENT, REGISTRATION, SESSION
from .models import Event, Participation, Registration, Session, SessionOrganization

R = Registration.Status

# --- events ---------------------------------------------------------------------------------------


def _event_transition(*, event: Event, name: str, by: Viewer | None, reason: str = "") -> Event:
    return EVENT.perform(
        name, event, by=by, reason=reason, then=lambda locked, _previous: emit("event.changed", locked)
    )


@EVENT.performs("publish")
def event_publish(*, event: Event, by: Viewer | None, reason: str = "") -> Event:
    return _event_transition(event=event, name="publish", by=by, reason=reason)


@EVENT.performs("unpublish")
def event_unpublish(*, event: Event, by: Viewer | None, reason: str = "") -> Event:
    return _event_transition(event=event, name="unpublish", by=by, reason=reason)


@EVENT.performs("cancel")
def event_cancel(*, event: Event, by: Viewer | None, reason: str = "") -> Event:
    return _event_transition(event=event, name="cancel", by=by, reason=reason)


# The first words of the events section's own addresses (events/urls.py: /events/series/<slug>/,
# /events/registrations/<token>/cancel/). An event under one of them would share its pages' addresses with
# them: /events/series/programme/ would be both its programme and a series' archive.
RESERVED_EVENT_SLUGS = ("series", "registrations")


def event_validate(event: Event) -> None:
    """An event's address must be its own, and its sessions must still fit in its dates."""
    if event.slug in RESERVED_EVENT_SLUGS:
        raise DomainError(
            _("“%(slug)s” is kept for the site's own addresses (/events/%(slug)s/…): choose another slug.")
            % {"slug": event.slug},
            field="slug",
        )
    if event.pk is None or event.starts_at is None or event.ends_at is None:
        return
    outside = Session.objects.filter(event_id=event.pk).exclude(
        starts_at__gte=event.starts_at, ends_at__lte=event.ends_at
    )
    titles = list(outside.values_list("title", flat=True)[:5])
    if titles:
        raise DomainError(
            "These sessions would fall outside the event's dates: " + "; ".join(titles) + ".", field="starts_at"
        )


def event_save(*, event: Event, by: Viewer) -> Event:
    """Staff create or edit an event in the back office."""
    if not by.is_staff:
        raise NotPermitted("Only staff edit events here.")
    with transaction.atomic():
        adding = event.pk is None
        event_validate(event)
        event.full_clean()
        event.save()
        if adding:
            EVENT.start(event, by=by)
        else:
            emit("event.changed", event)
    return event


# --- sessions -------------------------------------------------------------------------------------


def _check_session_times(event: Event, starts_at: datetime.datetime, ends_at: datetime.datetime) -> None:
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise DomainError("Times must carry a time zone offset.", field="starts_at")
    if ends_at <= starts_at:
        raise DomainError("A session must end after it starts.", field="ends_at")
    if starts_at < event.starts_at or ends_at > event.ends_at:
        raise DomainError("A session must take place within its event's dates.", field="starts_at")


@SESSION.performs("propose")
def session_propose(
    *,
    event: Event,
    by: Viewer,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    organization: Organization | None = None,
    type: str = Session.Type.PARTNER_SIDE_SESSION,
    summary: str = "",
    description: str = "",
    room: str = "",
    printed_title: str = "",
    languages: list[str] = (),
    interpretation: list[str] = (),
    capacity: int | None = None,
    topics: list[Topic] = (),
    co_organizers: list[Organization] = (),
    translations: dict[str, dict[str, str]] | None = None,
) -> Session:
    """A partner (or staff on its behalf) proposes a session; it waits as `proposed` until staff approve it.

    Organisations named in `co_organizers` are invited: the session is shown only once each has accepted
    (`session_accept_co_organisation`). `translations` gives the French and Spanish of its translated fields
    ({"fr": {"title": ...}}), beside the English of the plain arguments."""
    policies.can_propose_session(by, event).require()
    translations = translations or {}
    check_translations(translations, translated_fields(Session))
    if by.is_partner:
        organization = Organization.objects.get(pk=by.partner_id)
    if organization is None:
        raise DomainError("Say which organisation proposes the session.", field="organization")
    if any(co.pk == organization.pk for co in co_organizers):
        raise DomainError("The proposing organisation cannot also be its co-organiser.", field="co_organizers")
    _check_session_times(event, starts_at, ends_at)
    with transaction.atomic():
        session = Session.objects.create(
            event=event,
            title=title,
            printed_title=printed_title,
            slug=unique_slug(title, taken=Session.objects.filter(event=event), fallback="session"),
            type=type,
            status=Session.Status.PROPOSED,
            summary=summary,
            description=description,
            room=room,
            starts_at=starts_at,
            ends_at=ends_at,
            languages=list(languages),
            interpretation=list(interpretation),
            capacity=capacity,
            proposed_by=organization,
            **translation_columns(translations),
        )
        SessionOrganization.objects.create(
            session=session, organization=organization, role=SessionOrganization.Role.ORGANISER
        )
        for order, co in enumerate(dict.fromkeys(co_organizers), start=1):
            SessionOrganization.objects.create(
                session=session,
                organization=co,
                role=SessionOrganization.Role.CO_ORGANISER,
                order=order,
                accepted=False,
            )
        if topics:
            session.topics.set(topics)
        SESSION.start(session, by=by)
    return session


SESSION_EDITABLE_FIELDS = (
    "title",
    "printed_title",
    "summary",
    "description",
    "room",
    "starts_at",
    "ends_at",
    "languages",
    "interpretation",
    "capacity",
    "topics",
)


def _shown(value) -> str:
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(_shown(item) for item in value)
    return str(getattr(value, "slug", value))


def _diff(locked: Session, changes: dict, translations: dict) -> list[str]:
    """Each changed field as `field: old → new` (a translation as `title_fr: old → new`), for the review staff
    do after a partner's change."""
    lines = []
    for field in (name for name in SESSION_EDITABLE_FIELDS if name in changes):
        value = changes[field]
        old = list(locked.topics.all()) if field == "topics" else getattr(locked, field)
        if _shown(old) != _shown(value):
            lines.append(f"{field}: {_shown(old) or '∅'} → {_shown(value) or '∅'}")
    for column, (old, new) in translation_changes(locked, translations).items():
        lines.append(f"{column}: {old or '∅'} → {new or '∅'}")
    return lines


@SESSION.performs("back_to_review")
def session_update(*, session: Session, by: Viewer, **changes) -> Session:
    """Update a session's text, times, languages, capacity and topics, re-checking the time rules against its
    event, and the French and Spanish of its text (`translations={"fr": {"title": ...}}`: only the languages
    and fields given change). A partner's change to a session staff approved sends it back to review, with the
    change as the reason (staff read it in the session's history)."""
    translations = changes.pop("translations", None) or {}
    unknown = set(changes) - set(SESSION_EDITABLE_FIELDS)
    if unknown:
        raise DomainError(f"These fields cannot be changed here: {', '.join(sorted(unknown))}.")
    check_translations(translations, translated_fields(Session))
    if not policies.can_edit_session(by, session):
        raise NotPermitted("Only the session's co-organisers and staff can change it.")
    with transaction.atomic():
        locked = Session.objects.select_for_update(of=("self",)).select_related("event").get(pk=session.pk)
        if locked.status in (Session.Status.REJECTED, Session.Status.CANCELLED):
            raise InvalidTransition(f"A {locked.get_status_display().lower()} session can no longer be changed.")
        diff = _diff(locked, changes, translations)
        topics = changes.pop("topics", None)
        for field, value in {**changes, **translation_columns(translations)}.items():
            setattr(locked, field, value)
        _check_session_times(locked.event, locked.starts_at, locked.ends_at)
        if diff and policies.edit_needs_review(by, locked):
            SESSION.apply("back_to_review", locked, by=by, reason="\n".join(diff))
        else:
            locked.save()
        if topics is not None:
            locked.topics.set(topics)
        emit("session.changed", locked)
    return locked


def session_accept_co_organisation(*, session: Session, by: Viewer) -> Session:
    """The organisation a partner named as co-organiser accepts; once every one has, the session can show."""
    with transaction.atomic():
        locked = Session.objects.select_for_update(of=("self",)).get(pk=session.pk)
        policies.can_accept_co_organisation(by, locked).require()
        for role in SessionOrganization.objects.select_for_update().filter(
            session=locked, organization_id=by.partner_id, accepted=False
        ):
            role.accepted = True
            role.save(update_fields=["accepted"])
        Session.objects.filter(pk=locked.pk).update(updated_at=timezone.now())
        record_change(locked)
        content_changed()
        emit("session.changed", locked)
    return locked


@SESSION.performs("withdraw")
def session_withdraw(*, session: Session, by: Viewer, reason: str = "") -> Session:
    """The proposing partner takes back a proposal staff have not decided on; it is cancelled."""
    policies.can_withdraw_session(by, session).require()
    return _session_transition(session=session, name="withdraw", by=by, reason=reason)


def session_validate(session: Session) -> None:
    """The time rules every session keeps, however it is edited."""
    if session.starts_at is None or session.ends_at is None or session.event_id is None:
        return
    _check_session_times(session.event, session.starts_at, session.ends_at)


def session_save(*, session: Session, by: Viewer) -> Session:
    """Staff create or edit a session in the back office: the same time rules as everywhere else."""
    if not by.is_staff:
        raise NotPermitted("Only staff edit sessions here.")
    session_validate(session)
    with transaction.atomic():
        adding = session.pk is None
        if adding and not session.slug:
            session.slug = unique_slug(
                session.title, taken=Session.objects.filter(event=session.event), fallback="session"
            )
        session.full_clean()
        session.save()
        if adding:
            SESSION.start(session, by=by)
        else:
            emit("session.changed", session)
    return session


def _session_transition(*, session: Session, name: str, by: Viewer | None, reason: str = "") -> Session:
    def then(locked: Session, _previous: str) -> None:
        if name in _PROPOSAL_DECISIONS:
            _tell_proposer(locked, name, reason)
        emit(_SESSION_EVENTS[name], locked)

    return SESSION.perform(name, session, by=by, reason=reason, related=("event", "proposed_by"), then=then)


# What partners' webhooks hear of each transition (a cancelled session is a change to a session they know).
_SESSION_EVENTS = {
    "approve": "session.approved",
    "reject": "session.rejected",
    "cancel": "session.changed",
    "withdraw": "session.changed",
}


# What the proposing organisation is told, in its language (Organization.language).
_PROPOSAL_DECISIONS = {
    "approve": (
        gettext_lazy("Your session is approved: %(title)s"),
        gettext_lazy(
            "The events team approved the session %(org)s proposed for %(event)s. It is now scheduled and shown in "
            "the programme.\n\n%(title)s\n%(when)s\nSession page: %(session_url)s\n\n"
            "Set its speakers and change its text or times through the partner API: %(api_url)s\n"
        ),
    ),
    "reject": (
        gettext_lazy("Your proposed session was not accepted: %(title)s"),
        gettext_lazy(
            "The events team did not accept the session %(org)s proposed for %(event)s, so it will not appear in "
            "the programme.\n\n%(reason)s%(title)s\n%(when)s\nEvent page: %(event_url)s\n\n"
            "Your proposal stays readable through the partner API: %(api_url)s\n"
        ),
    ),
}


def _when(session: Session) -> str:
    """In the event's zone and the active language: "04 November 2027, 13:15 to 14:45 (Europe/Zurich)"."""
    tz = session.event.tzinfo
    starts, ends = session.starts_at.astimezone(tz), session.ends_at.astimezone(tz)
    return _("%(day)s, %(start)s to %(end)s (%(zone)s)") % {
        "day": formats.date_format(starts, "d F Y"),
        "start": formats.time_format(starts, "H:i"),
        "end": formats.time_format(ends, "H:i"),
        "zone": session.event.timezone,
    }


def _tell_proposer(session: Session, name: str, reason: str = "") -> None:
    """Email the organisation that proposed the session (through the partner API) what was decided, in its
    language."""
    if session.proposed_by is None:
        return
    subject, body = _PROPOSAL_DECISIONS[name]
    with translation.override(session.proposed_by.language):
        values = {
            "title": session.title,
            "org": session.proposed_by.name,
            "event": session.event.title,
            "when": _when(session),
            "reason": f"{reason}\n\n" if reason else "",
            "session_url": absolute_url(session.get_absolute_url()),
            "event_url": absolute_url(session.event.get_absolute_url()),
            "api_url": absolute_url(reverse("api:session-detail", kwargs={"pk": session.pk})),
        }
        send_after_commit(
            to=organization_notice_address(organization=session.proposed_by),
            subject=str(subject) % values,
            body=str(body) % values,
        )


@SESSION.performs("approve")
def session_approve(*, session: Session, by: Viewer | None, reason: str = "") -> Session:
    """Staff approve a proposed session; the proposing organisation is emailed."""
    return _session_transition(session=session, name="approve", by=by, reason=reason)


@SESSION.performs("reject")
def session_reject(*, session: Session, by: Viewer | None, reason: str = "") -> Session:
    """Staff turn down a proposed session, saying why; the proposing organisation is emailed."""
    return _session_transition(session=session, name="reject", by=by, reason=reason)


@SESSION.performs("cancel")
def session_cancel(*, session: Session, by: Viewer | None, reason: str = "") -> Session:
    return _session_transition(session=session, name="cancel", by=by, reason=reason)


@dataclass(frozen=True)
class NewPerson:
    """A speaker not yet in the catalogue, as the programme prints them."""

    family_name: str
    given_name: str = ""
    honorific: str = ""

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.given_name.strip(), self.family_name.strip()) if part)


@dataclass(frozen=True)
class SpeakerSpec:
    role: str
    person: Person | None = None
    new_person: NewPerson | None = None
    printed_title: str = ""
    printed_affiliation: str = ""
    affiliation: Affiliation | None = None


def _normalised(name: str) -> str:
    return " ".join(name.casefold().split())


PRINTED_FIELDS = ("printed_title", "printed_affiliation")


def _keep_translations(line: Participation, spec: SpeakerSpec, before: Participation | None) -> Participation:
    """The same speaker in the same role, printed with the same English words, keeps the French and Spanish
    staff wrote for them: a programme is sent in English, and sending it again must not erase its translations.
    Where the English changed, the old translations no longer say the same: the line reads in English until
    staff translate it again."""
    if before is None:
        return line
    for field in PRINTED_FIELDS:
        if (getattr(before, f"{field}_{settings.LANGUAGE_CODE}") or "") != getattr(spec, field):
            continue
        for code in TRANSLATION_LANGUAGES:
            setattr(line, f"{field}_{code}", getattr(before, f"{field}_{code}"))
    return line


def session_set_speakers(*, session: Session, by: Viewer, speakers: list[SpeakerSpec]) -> list[Participation]:
    """Replace a session's programme with `speakers`, in the order given.

    A speaker is an existing person or a new one. A new one whose name matches someone already speaking at
    this session is that person (so sending the same programme twice creates nobody twice); anyone else is
    created, not public until their consent is recorded. Printed titles and affiliations are given in English;
    a line whose English is unchanged keeps its translations (`_keep_translations`). Everything happens in one
    transaction: a refused programme leaves no one behind.
    """
    if not policies.can_edit_session(by, session):
        raise NotPermitted("Only the session's co-organisers and staff can change its speakers.")
    for spec in speakers:
        if spec.role not in Participation.Role.values:
            raise DomainError(f"Unknown speaker role {spec.role!r}.", field="speakers")
        if (spec.person is None) == (spec.new_person is None):
            raise DomainError("Give each speaker either an existing person or a new one.", field="speakers")
        if spec.affiliation is not None and (spec.person is None or spec.affiliation.person_id != spec.person.pk):
            raise DomainError("An affiliation must belong to the speaker it is given for.", field="speakers")
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(pk=session.pk)
        before = list(locked.participations.select_related("person").order_by("order", "pk"))
        current = {_normalised(p.person.full_name): p.person for p in before}
        lines_before = {(p.person_id, p.role): p for p in before}
        created: dict[str, Person] = {}
        people = []
        for spec in speakers:
            if spec.person is not None:
                people.append(spec.person)
                continue
            key = _normalised(spec.new_person.full_name)
            person = current.get(key) or created.get(key)
            if person is None:
                person = person_create(
                    family_name=spec.new_person.family_name,
                    given_name=spec.new_person.given_name,
                    honorific=spec.new_person.honorific,
                )
                created[key] = person
            people.append(person)
        seen: set[tuple[int, str]] = set()
        for person, spec in zip(people, speakers, strict=True):
            if (person.pk, spec.role) in seen:
                raise Conflict(f"{person} is listed twice as {spec.role}.", field="speakers")
            seen.add((person.pk, spec.role))
        locked.participations.all().delete()
        participations = Participation.objects.bulk_create(
            _keep_translations(
                Participation(
                    session=locked,
                    person=person,
                    role=spec.role,
                    order=index,
                    printed_title=spec.printed_title,
                    printed_affiliation=spec.printed_affiliation,
                    affiliation=spec.affiliation,
                ),
                spec,
                lines_before.get((person.pk, spec.role)),
            )
            for index, (person, spec) in enumerate(zip(people, speakers, strict=True), start=1)
        )
        Session.objects.filter(pk=locked.pk).update(updated_at=timezone.now())
        content_changed()  # bulk writes send no signals
        record_change(locked)
        emit("session.changed", locked)
    return participations


def participation_validate(participation: Participation) -> None:
    if participation.affiliation_id is not None and participation.affiliation.person_id != participation.person_id:
        raise DomainError("An affiliation must belong to the speaker it is given for.", field="affiliation")


def participation_save(*, participation: Participation, by: Viewer) -> Participation:
    """Staff edit one speaker line in the back office."""
    participation_validate(participation)
    with transaction.atomic():
        participation.full_clean()
        participation.save()
        emit("session.changed", participation.session)
    return participation


# --- registrations --------------------------------------------------------------------------------


def _confirmed_count(*, event: Event, session: Session | None) -> int:
    qs = Registration.objects.holding_seats().filter(event=event)
    return qs.filter(session=session).count() if session else qs.filter(session__isnull=True).count()


_STATUS_SENTENCES = {
    R.CONFIRMED: gettext_lazy("Your seat is confirmed. The calendar entry is attached."),
    R.WAITLISTED: gettext_lazy(
        "The event is full, so you are on the waitlist. If a seat frees up, it is yours and we will tell you."
    ),
    R.PENDING_APPROVAL: gettext_lazy(
        "This event needs the organisers' approval; we will write when they have looked at your registration."
    ),
}


def _offset(moment: datetime.datetime) -> str:
    offset = moment.strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"


def when_text(*, starts_at: datetime.datetime, ends_at: datetime.datetime, event: Event) -> str:
    """When, as a registrant reads it: "Nov. 11, 2025, 1:15 p.m. to 2:45 p.m." joined by an en dash, then
    "(Europe/Zurich, UTC+01:00)": in the event's zone, named, in the reader's language; both dates when it
    spans several days."""
    starts, ends = starts_at.astimezone(event.tzinfo), ends_at.astimezone(event.tzinfo)
    start = f"{formats.date_format(starts, 'DATE_FORMAT')}, {formats.time_format(starts, 'TIME_FORMAT')}"
    if starts.date() == ends.date():
        end = formats.time_format(ends, "TIME_FORMAT")
    else:
        end = f"{formats.date_format(ends, 'DATE_FORMAT')}, {formats.time_format(ends, 'TIME_FORMAT')}"
    return f"{start} \u2013 {end} ({event.timezone}, {_offset(starts)})"


def where_text(event: Event, room: str = "") -> str:
    """The venue with its room and address, or "Online"."""
    parts = [event.venue, room or event.room, event.address, event.city, event.country.name if event.country else ""]
    place = ", ".join(part for part in parts if part)
    if event.format == Event.Format.ONLINE:
        return place or str(_("Online"))
    return place


def _notify(registration: Registration, subject: str) -> None:
    """Tell the registrant, in their language (members.services.email_language: their account's, else the one
    kept on the registration), where they stand: what, when (in the event's zone), where, the join link for an
    online or hybrid event once their seat is confirmed (events/policies.py says who receives it), the cancel
    link and, once confirmed, the .ics. `subject` is untranslated (gettext_lazy), with %(title)s for the event's
    or session's title."""
    user = registration.user if registration.user_id else None
    language = email_language(email=registration.email, user=user, default=registration.language)
    with translation.override(language):
        _notify_in_language(registration, str(subject))


def _notify_in_language(registration: Registration, subject: str) -> None:
    event, session = registration.event, registration.session
    target = session or event
    join_url = event.online_url if policies.can_receive_join_link(registration) else ""
    body = render_to_string(
        "events/emails/registration.txt",
        {
            "registration": registration,
            "target": target,
            "status_sentence": _STATUS_SENTENCES.get(registration.status, ""),
            "when": when_text(starts_at=target.starts_at, ends_at=target.ends_at, event=event),
            "invented": invented_note(target.invented_facts),
            "where": where_text(event, session.room if session else ""),
            "online": event.format != Event.Format.IN_PERSON and bool(event.online_url),
            "join_url": join_url,
            "page_url": absolute_url(target.get_absolute_url()),
            "cancel_url": absolute_url(
                reverse("events:registration-cancel", kwargs={"token": registration.cancel_token})
            ),
        },
    )
    attachments = []
    if registration.status == R.CONFIRMED:
        base = absolute_url("/")
        ics = (
            calendars.session_calendar(base, registration.session, join_url=join_url)
            if registration.session
            else calendars.events_calendar(base, [registration.event], name=registration.event.title, join_url=join_url)
        )
        attachments.append(("invitation.ics", ics, "text/calendar"))
    send_after_commit(
        to=registration.email, subject=subject % {"title": target.title}, body=body, attachments=attachments
    )


# Where a registration stands once decided, as partners' webhooks hear of it (a pending one is not decided yet).
_REGISTRATION_EVENTS = {R.CONFIRMED: "registration.confirmed", R.WAITLISTED: "registration.waitlisted"}


def _announce(registration: Registration) -> None:
    if registration.status in _REGISTRATION_EVENTS:
        emit(_REGISTRATION_EVENTS[registration.status], registration)


@REGISTRATION.performs("register")
def registration_create(
    *,
    by: Viewer,
    event: Event,
    name: str,
    email: str,
    session: Session | None = None,
    organization_name: str = "",
    user=None,
    registered_by: Organization | None = None,
    language: str | None = None,
) -> Registration:
    """Register someone: confirmed while seats remain, waitlisted after; never over capacity.

    The registering party is the partner organisation of a token (its delegate), the signed-in person (for
    themselves), or, for staff, whoever they say. `language` is the one every email to the registrant is
    written in (unless they have an account, whose language wins); when not given: the page's language for
    someone registering themselves, the registering organisation's for a delegate, else the site's.
    """
    name, email = (name or "").strip(), (email or "").strip().lower()
    if not name:
        raise DomainError("A name is required.", field="name")
    if not email:
        raise DomainError("An email address is required.", field="email")
    if language and language not in dict(settings.LANGUAGES):
        raise DomainError(_("Choose one of the site's languages."), field="language")
    if by.is_partner:
        registered_by, user = Organization.objects.get(pk=by.partner_id), None
    elif not by.is_staff:
        registered_by, user = None, by.user if by.user_id else None
    if not language:
        if not (by.is_staff or by.is_partner):
            language = translation.get_language()  # registering oneself: the page's language
        elif registered_by is not None:
            language = registered_by.language
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with transaction.atomic():
        # The lock serialises every registration for this event (or session): check and insert are one step.
        locked_event = Event.objects.select_for_update().get(pk=event.pk)
        locked_session = Session.objects.select_for_update().get(pk=session.pk) if session else None
        policies.can_register(by, locked_event, locked_session).require()
        capacity = locked_session.capacity if locked_session else locked_event.capacity
        if locked_event.registration_requires_approval:
            status = R.PENDING_APPROVAL
        elif capacity is None or _confirmed_count(event=locked_event, session=locked_session) < capacity:
            status = R.CONFIRMED
        else:
            status = R.WAITLISTED
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    event=locked_event,
                    session=locked_session,
                    name=name,
                    email=email,
                    user=user,
                    registered_by=registered_by,
                    organization_name=organization_name.strip(),
                    status=status,
                    language=language,
                )
        except IntegrityError as exc:
            party = "by your organisation" if registered_by is not None else ""
            raise Conflict(f"{email} is already registered {party}".strip() + ".", field="email") from exc
        REGISTRATION.start(registration, by=by)
        _notify(registration, gettext_lazy("Your registration for %(title)s"))
        _announce(registration)
    return registration


@dataclass(frozen=True)
class Delegate:
    name: str
    email: str
    organization_name: str = ""


def registration_record_attendance(*, by: Viewer, event: Event, delegates: list[Delegate]) -> list[Registration]:
    """Staff record who attended an event that is over (attendance history), all or none: a delegate's own
    registration for the event is marked attended, anyone else is recorded as confirmed and attended. Nobody
    is emailed."""
    cleaned = []
    for delegate in delegates:
        name, email = (delegate.name or "").strip(), (delegate.email or "").strip().lower()
        if not name:
            raise DomainError("A name is required.", field="name")
        if not email:
            raise DomainError("An email address is required.", field="email")
        cleaned.append(Delegate(name=name, email=email, organization_name=delegate.organization_name.strip()))
    recorded = []
    with transaction.atomic():
        locked_event = Event.objects.select_for_update().get(pk=event.pk)
        policies.can_record_attendance(by, locked_event).require()
        for delegate in cleaned:
            existing = (
                Registration.objects.select_for_update()
                .filter(event=locked_event, session__isnull=True, email=delegate.email, registered_by__isnull=True)
                .exclude(status=R.CANCELLED)
                .first()
            )
            if existing is not None:
                existing.attended = True
                existing.save(update_fields=["attended", "updated_at"])
                recorded.append(existing)
                continue
            registration = Registration.objects.create(
                event=locked_event,
                name=delegate.name,
                email=delegate.email,
                organization_name=delegate.organization_name,
                status=R.CONFIRMED,
                attended=True,
            )
            REGISTRATION.start(registration, by=by, reason="Attendance recorded after the event.")
            recorded.append(registration)
    return recorded


@REGISTRATION.performs("promote")
def registration_promote_waitlist(*, event: Event, session: Session | None, by: Viewer | None) -> Registration | None:
    """Give a freed seat to the first on the waitlist. Called with the event (and session) already locked."""
    capacity = session.capacity if session else event.capacity
    if capacity is not None and _confirmed_count(event=event, session=session) >= capacity:
        return None
    waiting = Registration.objects.waitlisted().filter(event=event)
    waiting = waiting.filter(session=session) if session else waiting.filter(session__isnull=True)
    first = waiting.select_for_update().first()
    if first is None:
        return None
    REGISTRATION.apply("promote", first, by=by, reason="A seat was freed.")
    _notify(first, gettext_lazy("A seat is yours: %(title)s"))
    emit("registration.promoted", first)
    return first


def _lock_registration(registration: Registration) -> tuple[Event, Session | None, Registration]:
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    session = Session.objects.select_for_update().get(pk=registration.session_id) if registration.session_id else None
    return event, session, Registration.objects.select_for_update().get(pk=registration.pk)


@REGISTRATION.performs("cancel")
def registration_cancel(
    *, registration: Registration, by: Viewer | None, by_link: bool = False, reason: str = ""
) -> Registration:
    """Cancel a registration; if it held a seat, the first on the waitlist is promoted.

    `by_link`: the registrant opened the secret cancel link from their email, which proves it is theirs.
    """
    if not by_link:
        policies.can_cancel_registration(by or Viewer.anonymous(), registration).require()
    with transaction.atomic():
        event, session, locked = _lock_registration(registration)
        held_seat = locked.status == R.CONFIRMED
        REGISTRATION.apply("cancel", locked, by=by, reason=reason, changes={"cancelled_at": timezone.now()})
        emit("registration.cancelled", locked)
        if held_seat:
            registration_promote_waitlist(event=event, session=session, by=by)
    return locked


@REGISTRATION.performs("approve")
def registration_approve(*, registration: Registration, by: Viewer | None, reason: str = "") -> Registration:
    """Approve a pending registration: confirmed if a seat is free, otherwise waitlisted."""
    with transaction.atomic():
        event, session, locked = _lock_registration(registration)
        capacity = session.capacity if session else event.capacity
        full = capacity is not None and _confirmed_count(event=event, session=session) >= capacity
        REGISTRATION.apply("approve", locked, by=by, reason=reason, target=R.WAITLISTED if full else R.CONFIRMED)
        _notify(locked, gettext_lazy("Your registration for %(title)s"))
        _announce(locked)
    return locked


def registration_mark_attended(*, registration: Registration, by: Viewer | None, attended: bool = True) -> Registration:
    with transaction.atomic():
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if locked.status != R.CONFIRMED:
            raise InvalidTransition("Only confirmed registrations can be marked as attended.")
        locked.attended = attended
        locked.save(update_fields=["attended", "updated_at"])
    return locked


def registration_save(*, registration: Registration, by: Viewer) -> Registration:
    """Staff register someone in the back office (through the one registration service, so capacity holds)
    or correct a registrant's name, address or organisation."""
    if registration.pk is None:
        return registration_create(
            by=by,
            event=registration.event,
            session=registration.session,
            name=registration.name,
            email=registration.email,
            organization_name=registration.organization_name,
            user=registration.user,
            registered_by=registration.registered_by,
            language=registration.language,
        )
    with transaction.atomic():
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        locked.language = registration.language
        locked.name = registration.name.strip()
        locked.email = registration.email.strip().lower()
        locked.organization_name = registration.organization_name.strip()
        try:
            with transaction.atomic():
                locked.full_clean(validate_constraints=False)
                locked.save()
        except IntegrityError as exc:
            raise Conflict(f"{locked.email} is already registered for this.", field="email") from exc
    return locked


def registration_merge(*, registrations: list[Registration], by: Viewer) -> Registration:
    """Staff merge registrations of one address for the same event or session made by different parties:
    the earliest that holds a seat (or else the earliest) stays, the others are cancelled."""
    if not by.is_staff:
        raise NotPermitted("Only staff merge registrations.")
    live = [r for r in registrations if r.status != R.CANCELLED]
    keys = {(r.event_id, r.session_id, r.email) for r in live}
    if len(live) < 2 or len(keys) != 1:
        raise DomainError("Choose two or more live registrations of one address for the same event or session.")
    ordered = sorted(live, key=lambda r: (r.status != R.CONFIRMED, r.created_at, r.pk))
    kept, others = ordered[0], ordered[1:]
    with transaction.atomic():
        for other in others:
            registration_cancel(registration=other, by=by, reason=f"Merged into registration #{kept.pk}.")
    return kept
