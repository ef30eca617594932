"""iCalendar (RFC 5545) files for events and sessions, made with the icalendar library.

Times are written in the event's own zone with a VTIMEZONE for it, so calendar clients show the local time
of the venue and convert correctly. Speakers go into the description, as printed on the day, one line per
person with all their roles; co-organisers once each with all their roles. Facts invented for the demo are
named in the description (kernel/invented.py).

Every word is in the active language: the address's (/fr/…/event.ics) or, for the file attached to an email, the
recipient's (events/services.py); titles and summaries are translated fields, dates are written with the
language's own formats.
"""

from collections.abc import Iterable
from urllib.parse import urlsplit

import icalendar
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from kernel.invented import invented_note
from kernel.roles import roles_by

from .models import Event, Session

PRODID = "-//Responsible mining portal//Events//EN"


def _calendar(name: str) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    return cal


def _location(event: Event, room: str = "") -> str:
    parts = [room or event.room, event.venue, event.address, event.city, event.country.name if event.country else ""]
    location = ", ".join(p for p in parts if p)
    if event.format == Event.Format.ONLINE:
        return location or _("Online")
    return location


def _speaker_lines(session: Session) -> list[str]:
    rows = session.programme if hasattr(session, "programme") else session.participations.select_related("person")
    lines = []
    for speaker in roles_by(rows, "person"):
        printed = speaker.first.printed_line
        lines.append(f"- {speaker.subject.full_name} ({speaker.label})" + (f", {printed}" if printed else ""))
    return lines


def _organiser_line(session: Session) -> str:
    rows = getattr(session, "organization_roles", None)
    if rows is None:
        rows = session.session_organizations.select_related("organization")
    organisers = ", ".join(f"{o.subject.short_name} ({o.label.lower()})" for o in roles_by(rows, "organization"))
    return _label(_("Co-organisers")) + f" {organisers}." if organisers else ""


def _label(words: str) -> str:
    """ "Speakers:", "Intervenants\u00a0:": a label's colon as the language writes it (as templates do)."""
    return words + pgettext("after a label", ":")


def _day_and_time(moment, tz) -> str:
    """ "November 11, 1:15 p.m.", "11 novembre, 13:15": a session's start in the event's zone and the reader's
    language."""
    local = moment.astimezone(tz)
    return f"{formats.date_format(local, 'MONTH_DAY_FORMAT')}, {formats.time_format(local, 'TIME_FORMAT')}"


def _component(*, uid, title, starts_at, ends_at, tz, description, location, url, status, stamp):
    component = icalendar.Event()
    component.add("uid", uid)
    component.add("dtstamp", stamp)
    component.add("last-modified", stamp)
    component.add("summary", title)
    component.add("dtstart", starts_at.astimezone(tz))
    component.add("dtend", ends_at.astimezone(tz))
    component.add("description", description)
    if location:
        component.add("location", location)
    component.add("url", url)
    component.add("status", status)
    return component


def _join_lines(join_url: str) -> list[str]:
    # Only in the file attached to a confirmed registrant's email (events/policies.py: can_receive_join_link).
    return ["", _("Join online: %(join_url)s") % {"join_url": join_url}] if join_url else []


def _event_component(base_url: str, event: Event, join_url: str = "") -> icalendar.Event:
    lines = [line for line in (event.theme, event.summary, invented_note(event.invented_facts)) if line]
    lines += _join_lines(join_url)
    for session in getattr(event, "calendar_sessions", []):
        lines.append("")
        lines.append(f"{session.title} ({_day_and_time(session.starts_at, event.tzinfo)})")
        lines.extend(line for line in (_organiser_line(session), invented_note(session.invented_facts)) if line)
        lines.extend(_speaker_lines(session))
    return _component(
        uid=f"event-{event.pk}@{urlsplit(base_url).hostname}",
        title=event.title,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        tz=event.tzinfo,
        description="\n".join(lines),
        location=_location(event),
        url=base_url.rstrip("/") + event.get_absolute_url(),
        status="CANCELLED" if event.status == Event.Status.CANCELLED else "CONFIRMED",
        stamp=event.updated_at or timezone.now(),
    )


def events_calendar(base_url: str, events: Iterable[Event], *, name: str, join_url: str = "") -> bytes:
    """`base_url` is the site's origin, e.g. https://portal.example.org, for links and UIDs. `join_url`: for the
    one event of a confirmed registrant's invitation."""
    cal = _calendar(name)
    for event in events:
        cal.add_component(_event_component(base_url, event, join_url))
    cal.add_missing_timezones()
    return cal.to_ical()


def _session_component(base_url: str, session: Session, *, join_url: str = "") -> icalendar.Event:
    event = session.event
    part_of = _("Part of %(event)s") % {"event": event.title} + "."
    lines = [session.summary, "", part_of] if session.summary else [part_of]
    lines.extend(line for line in (_organiser_line(session), invented_note(session.invented_facts)) if line)
    speakers = _speaker_lines(session)
    if speakers:
        lines += ["", _label(_("Speakers")), *speakers]
    lines += _join_lines(join_url)
    return _component(
        uid=f"session-{session.pk}@{urlsplit(base_url).hostname}",
        title=session.title,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        tz=event.tzinfo,
        description="\n".join(lines),
        location=_location(event, session.room),
        url=base_url.rstrip("/") + session.get_absolute_url(),
        status="CANCELLED" if session.status == Session.Status.CANCELLED else "CONFIRMED",
        stamp=session.updated_at or timezone.now(),
    )


def session_calendar(base_url: str, session: Session, *, join_url: str = "") -> bytes:
    cal = _calendar(session.title)
    cal.add_component(_session_component(base_url, session, join_url=join_url))
    cal.add_missing_timezones()
    return cal.to_ical()


def sessions_calendar(base_url: str, sessions: Iterable[Session], *, name: str) -> bytes:
    """Several sessions, one entry each (with the same UIDs as their own files): a visitor's personal agenda."""
    cal = _calendar(name)
    for session in sessions:
        cal.add_component(_session_component(base_url, session))
    cal.add_missing_timezones()
    return cal.to_ical()
