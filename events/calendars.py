"""iCalendar (RFC 5545) files for events and sessions, made with the icalendar library.

Times are written in the event's own zone with a VTIMEZONE for it, so calendar clients show the local time
of the venue and convert correctly. Speakers go into the description, as printed on the day.
"""

from collections.abc import Iterable
from urllib.parse import urlsplit

import icalendar
from django.utils import timezone

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
    parts = [room or event.room, event.venue, event.city, event.country.name if event.country else ""]
    location = ", ".join(p for p in parts if p)
    if event.format == Event.Format.ONLINE:
        return location or "Online"
    return location


def _speaker_lines(session: Session) -> list[str]:
    lines = []
    for participation in getattr(session, "programme", None) or session.participations.select_related("person"):
        printed = participation.printed_line
        role = participation.get_role_display()
        lines.append(f"- {participation.person.full_name} ({role})" + (f", {printed}" if printed else ""))
    return lines


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


def _event_component(base_url: str, event: Event) -> icalendar.Event:
    lines = [line for line in (event.theme, event.summary) if line]
    for session in getattr(event, "calendar_sessions", []):
        lines.append("")
        lines.append(f"{session.title} ({session.starts_at.astimezone(event.tzinfo):%d %b %H:%M})")
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


def events_calendar(base_url: str, events: Iterable[Event], *, name: str) -> bytes:
    """`base_url` is the site's origin, e.g. https://portal.example.org, for links and UIDs."""
    cal = _calendar(name)
    for event in events:
        cal.add_component(_event_component(base_url, event))
    cal.add_missing_timezones()
    return cal.to_ical()


def session_calendar(base_url: str, session: Session) -> bytes:
    event = session.event
    lines = [session.summary, "", f"Part of {event.title}."] if session.summary else [f"Part of {event.title}."]
    organisers = ", ".join(r.organization.short_name for r in getattr(session, "organization_roles", []))
    if organisers:
        lines.append(f"Co-organised by {organisers}.")
    speakers = _speaker_lines(session)
    if speakers:
        lines += ["", "Speakers:", *speakers]
    cal = _calendar(session.title)
    cal.add_component(
        _component(
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
    )
    cal.add_missing_timezones()
    return cal.to_ical()
