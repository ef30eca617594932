"""schema.org JSON-LD for event and session pages."""

from .models import Event, EventOrganization, Session

_ATTENDANCE = {
    Event.Format.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    Event.Format.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    Event.Format.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


def _place(event: Event) -> dict | list:
    physical = {
        "@type": "Place",
        "name": event.venue or event.city or event.title,
        "address": {
            "@type": "PostalAddress",
            "addressLocality": event.city,
            "addressCountry": event.country.code if event.country else "",
        },
    }
    virtual = {"@type": "VirtualLocation", "url": event.online_url or ""}
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


def _performers(session: Session) -> list[dict]:
    seen, people = set(), []
    for participation in session.programme:
        if participation.person_id in seen:
            continue
        seen.add(participation.person_id)
        person = {"@type": "Person", "name": participation.person.full_name}
        if participation.printed_title:
            person["jobTitle"] = participation.printed_title
        if participation.printed_affiliation:
            person["affiliation"] = {"@type": "Organization", "name": participation.printed_affiliation}
        people.append(person)
    return people


def event(request, event: Event, sessions: list[Session]) -> dict:
    status = (
        "https://schema.org/EventCancelled"
        if event.status == Event.Status.CANCELLED
        else "https://schema.org/EventScheduled"
    )
    organisers = [
        r.organization
        for r in event.organization_roles
        if r.role in (EventOrganization.Role.HOST, EventOrganization.Role.ORGANISER)
    ]
    return {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.theme or event.summary,
        "startDate": event.starts_at.astimezone(event.tzinfo).isoformat(),
        "endDate": event.ends_at.astimezone(event.tzinfo).isoformat(),
        "eventStatus": status,
        "eventAttendanceMode": _ATTENDANCE[event.format],
        "location": _place(event),
        "organizer": [_org(request, o) for o in organisers],
        "performer": [p for s in sessions for p in _performers(s)],
        "subEvent": [
            {"@type": "Event", "name": s.title, "url": request.build_absolute_uri(s.get_absolute_url())}
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
        "description": session.summary,
        "startDate": session.starts_at.astimezone(event.tzinfo).isoformat(),
        "endDate": session.ends_at.astimezone(event.tzinfo).isoformat(),
        "eventAttendanceMode": _ATTENDANCE[event.format],
        "location": _place(event),
        "organizer": [_org(request, r.organization) for r in session.organization_roles],
        "performer": _performers(session),
        "superEvent": {
            "@type": "Event",
            "name": event.title,
            "url": request.build_absolute_uri(event.get_absolute_url()),
        },
        "url": request.build_absolute_uri(session.get_absolute_url()),
    }
