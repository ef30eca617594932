"""schema.org JSON-LD for event and session pages.

Each person and each organisation appears once, with all their roles in a schema.org Role (`roleName`), as on
the page. The join link of an online event is never published here: the page's own address stands for the
virtual location (who receives the join link is events/policies.py's business). Facts invented for the demo
are named in the description (kernel/invented.py).
"""

from kernel.invented import invented_note
from kernel.roles import roles_by

from .models import Event, EventOrganization, Session

_ATTENDANCE = {
    Event.Format.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    Event.Format.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    Event.Format.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


def _place(request, event: Event) -> dict | list:
    physical = {
        "@type": "Place",
        "name": event.venue or event.city or event.title,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": event.address,
            "addressLocality": event.city,
            "addressCountry": event.country.code if event.country else "",
        },
    }
    virtual = {"@type": "VirtualLocation", "url": request.build_absolute_uri(event.get_absolute_url())}
    if event.format == Event.Format.ONLINE:
        return virtual
    if event.format == Event.Format.HYBRID:
        return [physical, virtual]
    return physical


def _org(request, organization) -> dict:
    return {
        "@type": "Organization",
        "name": organization.name,
        "url": request.build_absolute_uri(organization.get_absolute_url()),
    }


def _organisers(request, rows) -> list[dict]:
    return [
        {"@type": "Role", "roleName": group.names, "organizer": _org(request, group.subject)}
        for group in roles_by(rows, "organization")
    ]


def _performers(participations) -> list[dict]:
    performers = []
    for speaker in roles_by(participations, "person"):
        person = {"@type": "Person", "name": speaker.subject.full_name}
        printed = next((row for row in speaker.rows if row.printed_title or row.printed_affiliation), None)
        if printed is not None and printed.printed_title:
            person["jobTitle"] = printed.printed_title
        if printed is not None and printed.printed_affiliation:
            person["affiliation"] = {"@type": "Organization", "name": printed.printed_affiliation}
        performers.append({"@type": "PerformanceRole", "roleName": speaker.names, "performer": person})
    return performers


def _description(text: str, obj) -> str:
    return " ".join(part for part in (text, invented_note(obj.invented_facts)) if part)


def event(request, event: Event, sessions: list[Session]) -> dict:
    status = (
        "https://schema.org/EventCancelled"
        if event.status == Event.Status.CANCELLED
        else "https://schema.org/EventScheduled"
    )
    hosts = [
        r for r in event.organization_roles if r.role in (EventOrganization.Role.HOST, EventOrganization.Role.ORGANISER)
    ]
    return {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": _description(event.theme or event.summary, event),
        "startDate": event.starts_at.astimezone(event.tzinfo).isoformat(),
        "endDate": event.ends_at.astimezone(event.tzinfo).isoformat(),
        "eventStatus": status,
        "eventAttendanceMode": _ATTENDANCE[event.format],
        "location": _place(request, event),
        "organizer": [_org(request, group.subject) for group in roles_by(hosts, "organization")],
        "performer": _performers([p for s in sessions for p in s.programme]),
        # Who organised a session is said of that session, not of the whole event (a side session's co-organisers
        # are not the meeting's organisers).
        "subEvent": [
            {
                "@type": "Event",
                "name": s.title,
                "url": request.build_absolute_uri(s.get_absolute_url()),
                "organizer": _organisers(request, s.organization_roles),
            }
            for s in sessions
        ],
        "url": request.build_absolute_uri(event.get_absolute_url()),
    }


def session(request, session: Session) -> dict:
    event = session.event
    return {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": session.title,
        "description": _description(session.summary, session),
        "startDate": session.starts_at.astimezone(event.tzinfo).isoformat(),
        "endDate": session.ends_at.astimezone(event.tzinfo).isoformat(),
        "eventAttendanceMode": _ATTENDANCE[event.format],
        "location": _place(request, event),
        "organizer": _organisers(request, session.organization_roles),
        "performer": _performers(session.programme),
        "superEvent": {
            "@type": "Event",
            "name": event.title,
            "url": request.build_absolute_uri(event.get_absolute_url()),
        },
        "url": request.build_absolute_uri(session.get_absolute_url()),
    }
