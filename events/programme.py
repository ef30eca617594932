"""An event's programme as a visitor reads it: days in the event's own zone, and in each day the slots of
sessions that run at the same time (parallel sessions, by room), with what runs now and what comes next while the
event is on; and the links that put an event or a session into someone's calendar.

Nothing here decides who sees what: the sessions come in already filtered by events/policies.py.
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.utils import timezone

from kernel.invented import invented_note

from . import policies
from .models import Event, Session
from .services import where_text

# Rooms a day's grid gives a column each on wide screens (static/css/programme.css has a rule per count); a day
# with more reads as a grid of this many columns, its sessions filling them in room order.
MAX_ROOM_COLUMNS = 6


@dataclass
class Placed:
    """A session in its slot, with the column of its room in the day's grid (1 is the first room; 0: no room,
    so across every column, as a plenary is)."""

    session: Session
    column: int


@dataclass
class Slot:
    """Sessions that overlap in time (directly or through one another): a row of the day's grid, one column per
    room, on wide screens."""

    starts_at: datetime.datetime
    ends_at: datetime.datetime
    sessions: list[Session] = field(default_factory=list)
    placed: list[Placed] = field(default_factory=list)

    @property
    def parallel(self) -> bool:
        return len(self.sessions) > 1


@dataclass
class Day:
    date: datetime.date
    slots: list[Slot] = field(default_factory=list)

    @property
    def rooms(self) -> list[str]:
        """The rooms used that day, in the order they first appear."""
        seen: dict[str, None] = {}
        for slot in self.slots:
            for session in slot.sessions:
                if session.room:
                    seen.setdefault(session.room, None)
        return list(seen)

    @property
    def room_heads(self) -> list[str]:
        """The rooms over the grid's columns: only where there are several, each with its own column."""
        rooms = self.rooms
        return rooms if 1 < len(rooms) <= MAX_ROOM_COLUMNS else []

    @property
    def columns(self) -> int:
        """Columns of the day's grid: one per room, up to MAX_ROOM_COLUMNS; one for a day without rooms."""
        return min(max(len(self.rooms), 1), MAX_ROOM_COLUMNS)


def programme_days(event: Event, sessions: list[Session]) -> list[Day]:
    """`sessions` (ordered by start) by day in the event's zone, then by slot; within a slot, by room."""
    tz = event.tzinfo
    days: list[Day] = []
    for session in sorted(sessions, key=lambda s: (s.starts_at, s.pk)):
        date = session.starts_at.astimezone(tz).date()
        if not days or days[-1].date != date:
            days.append(Day(date=date))
        slots = days[-1].slots
        if slots and session.starts_at < slots[-1].ends_at:
            slot = slots[-1]
            slot.ends_at = max(slot.ends_at, session.ends_at)
        else:
            slot = Slot(starts_at=session.starts_at, ends_at=session.ends_at)
            slots.append(slot)
        slot.sessions.append(session)
    for day in days:
        order = {room: index for index, room in enumerate(day.rooms)}
        columns = day.columns
        for slot in day.slots:
            slot.sessions.sort(key=lambda s: (order.get(s.room, len(order)), s.starts_at, s.pk))
            slot.placed = [
                Placed(session=s, column=order[s.room] % columns + 1 if s.room else 0) for s in slot.sessions
            ]
    return days


@dataclass
class NowNext:
    """While the event runs: the sessions under way and the next to start (all those starting at that time)."""

    running: bool
    now: list[Session] = field(default_factory=list)
    next: list[Session] = field(default_factory=list)

    def __bool__(self) -> bool:
        return self.running


def now_and_next(event: Event, sessions: list[Session], *, now: datetime.datetime | None = None) -> NowNext:
    now = now or timezone.now()
    if not policies.is_under_way(event, now=now):
        return NowNext(running=False)
    running = [s for s in sessions if s.starts_at <= now < s.ends_at]
    later = [s for s in sessions if s.starts_at > now]
    first = min((s.starts_at for s in later), default=None)
    return NowNext(running=True, now=running, next=[s for s in later if s.starts_at == first])


# --- calendar links ----------------------------------------------------------------------------------------


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _details(target: Event | Session, page_url: str) -> str:
    lines = [target.summary] if target.summary else []
    note = invented_note(target.invented_facts)
    if note:
        lines.append(note)
    lines.append(page_url)
    return "\n\n".join(lines)


def _location(event: Event, room: str = "") -> str:
    return where_text(event, room)  # the one wording of a place, as registrants read it


def google_calendar_url(target: Event | Session, page_url: str) -> str:
    """Google Calendar's "add event" form, filled in; times in UTC with the event's zone named."""
    event = target if isinstance(target, Event) else target.event
    query = {
        "action": "TEMPLATE",
        "text": target.title,
        "dates": f"{_utc(target.starts_at)}/{_utc(target.ends_at)}",
        "details": _details(target, page_url),
        "location": _location(event, getattr(target, "room", "")),
        "ctz": event.timezone,
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(query)


def outlook_calendar_url(target: Event | Session, page_url: str) -> str:
    """Outlook on the web's "new event" form, filled in."""
    event = target if isinstance(target, Event) else target.event
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": target.title,
        "startdt": target.starts_at.astimezone(datetime.UTC).isoformat(),
        "enddt": target.ends_at.astimezone(datetime.UTC).isoformat(),
        "body": _details(target, page_url),
        "location": _location(event, getattr(target, "room", "")),
    }
    return "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(query)


def webcal_url(ics_url: str) -> str:
    """The same calendar file as a subscription: calendar apps fetch it again when it changes."""
    parts = urlsplit(ics_url)
    return urlunsplit(("webcal", parts.netloc, parts.path, parts.query, ""))


def openstreetmap_url(event: Event) -> str:
    """A search for the venue on OpenStreetMap, or "" for an online event or one without a place."""
    if event.format == Event.Format.ONLINE:
        return ""
    parts = [event.venue, event.address, event.city, event.country.name if event.country else ""]
    place = ", ".join(part for part in parts if part)
    return "https://www.openstreetmap.org/search?" + urlencode({"query": place}) if place else ""
